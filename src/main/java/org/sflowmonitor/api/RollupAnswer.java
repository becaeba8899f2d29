package org.sflowmonitor.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.sflowmonitor.store.RollupRow;
import org.sflowmonitor.store.SampleTable;

/**
 * The answer of a rollup query, written as JSON row by row while the result set is read (the
 * rows of {@link org.sflowmonitor.store.RollupQuery}): no object per row or value. A row of
 * a year of 1-hour buckets holds 67 fields, and building, boxing and then writing them through
 * Jackson cost more than reading them. The addresses of host_ip are filled in at the end from one
 * lookup of the few nodes the rows name, except a node's own, known beforehand.
 */
final class RollupAnswer {

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    /** How a measure's part is written ({@link #format}). */
    private static final byte WHOLE = 0;
    private static final byte TWO_DECIMALS = 1;
    private static final byte PERCENT = 2;

    private enum Kind { HOST_IP, TIMESTAMP, SAMPLES, IF_INDEX, CONSTANT, MEASURE }

    private final Kind[] kind;
    /** Per field: "name": with the comma or brace before it, and a constant field's value after it. */
    private final byte[][] name;
    /** Per measure field its measure, and its part's place among the row's {@link #values}. */
    private final int[] measure;
    private final int[] slot;
    private final byte[] format;
    private final List<String> measures = new ArrayList<>();
    /** Per measure its min, avg and max in the current row. */
    private final double[] values;
    private final boolean[] known;
    private final JsonBytes out = new JsonBytes(JsonBytes.PIECE);
    private final NodeAddresses addresses;
    /** The most bytes a row takes, reserved at once so that its parts are put without a check each. */
    private final int rowBytes;
    private int rows;

    /**
     * @param fields   the fields of a row, in order (host_ip, timestamp, samples, if_index,
     *                 the constants hostname, uuid, name, interval, and measure_min/_avg/_max)
     * @param constants per field the value of a constant field, by its name
     * @param knownHostId  a node whose address is known beforehand (the node itself; -1: none),
     *                     written at once where a row names it
     */
    RollupAnswer(List<String> fields, Map<String, Object> constants, SampleTable table, long knownHostId,
                 Object knownAddress) {
        this.addresses = new NodeAddresses(knownHostId, knownAddress);
        int n = fields.size();
        kind = new Kind[n];
        name = new byte[n][];
        measure = new int[n];
        slot = new int[n];
        format = new byte[n];
        for (int i = 0; i < n; i++) {
            String f = fields.get(i);
            kind[i] = switch (f) {
                case "host_ip" -> Kind.HOST_IP;
                case "timestamp" -> Kind.TIMESTAMP;
                case "samples" -> Kind.SAMPLES;
                case "if_index" -> Kind.IF_INDEX;
                default -> constants.containsKey(f) ? Kind.CONSTANT : Kind.MEASURE;
            };
            name[i] = JsonValues.fieldStart(i, f, constants);
            if (kind[i] == Kind.MEASURE) {
                int cut = f.lastIndexOf('_');
                String m = f.substring(0, cut);
                if (!measures.contains(m)) {
                    measures.add(m);
                }
                int part = Resolution.PARTS.indexOf(f.substring(cut));
                measure[i] = measures.indexOf(m);
                slot[i] = 3 * measure[i] + part;
                format[i] = format(table.unit(m), part);
            }
        }
        values = new double[3 * measures.size()];
        known = new boolean[measures.size()];
        int most = 2; // the comma before the row and its closing brace
        for (int i = 0; i < n; i++) {
            most += name[i].length + switch (kind[i]) {
                case HOST_IP -> addresses.longestWritten();
                case TIMESTAMP, SAMPLES, IF_INDEX -> JsonBytes.LONGEST_LONG;
                case CONSTANT -> 0;
                case MEASURE -> Math.max(JsonBytes.LONGEST_LONG, JsonBytes.LONGEST_DOUBLE);
            };
        }
        rowBytes = most;
        out.append((byte) '[');
    }

    /** The measures the query is to read, in the order the columns follow. */
    List<String> measures() {
        return measures;
    }

    /** Writes the current row. */
    void accept(RollupRow row) {
        for (int m = 0; m < known.length; m++) {
            int count = row.count(m);
            known[m] = count > 0;
            if (known[m]) {
                values[3 * m] = row.min(m);
                values[3 * m + 1] = row.sum(m) / count;
                values[3 * m + 2] = row.max(m);
            }
        }
        out.reserve(rowBytes);
        if (rows++ > 0) {
            out.put((byte) ',');
        }
        for (int i = 0; i < kind.length; i++) {
            out.put(name[i]);
            switch (kind[i]) {
                case HOST_IP -> addresses.write(out, row.hostId());
                case TIMESTAMP -> out.put(row.bucketStart());
                case SAMPLES -> out.put(row.samples());
                case IF_INDEX -> out.put(row.ifIndex());
                case CONSTANT -> { }
                case MEASURE -> measure(i);
            }
        }
        out.put((byte) '}');
    }

    /**
     * How a part is answered: whole gauges' min and max whole, percentages (stored in hundredths)
     * in percent, everything else with two decimals.
     */
    private static byte format(SampleTable.MeasureUnit unit, int part) {
        return switch (unit) {
            case WHOLE -> part == 1 ? TWO_DECIMALS : WHOLE;
            case HUNDREDTHS -> PERCENT;
            case REAL -> TWO_DECIMALS;
        };
    }

    /** min (part 0), avg (1) or max (2) as the API answers it (see {@link #format}), in the row's reserved room. */
    private void measure(int field) {
        if (!known[measure[field]]) {
            out.put(NULL);
            return;
        }
        double v = values[slot[field]];
        switch (format[field]) {
            case WHOLE -> out.put(Math.round(v));
            case PERCENT -> out.putHundredths(v / 100);
            default -> out.putHundredths(v);
        }
    }

    /**
     * The rows written, host_ip filled in from {@code addresses} (node id to address; an id it
     * does not know is answered as null).
     */
    WrittenRows rows(Function<Set<Long>, Map<Object, Object>> addresses) {
        out.append((byte) ']');
        return new WrittenRows(this.addresses.finish(out, addresses), rows);
    }
}
