package org.sflowmonitor.api;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.sflowmonitor.store.Queries;

/**
 * The answer of a raw series query, written as JSON row by row while the result set is read
 * (the columns of {@link org.sflowmonitor.store.SeriesQuery}: host_id, ts, then the method's
 * columns): no map, boxed timestamp or string per row. A day of one VM is 4,320 rows, and
 * building them as maps, putting each node's address into them and writing them through Jackson
 * was most of what the call spent besides the query. Values are written exactly as Jackson writes them (the rare types
 * through Jackson itself). The entity's own node is written at once where a row names it; any
 * other node a row names (a VM that moved) is filled in at the end from one lookup.
 */
final class SampleAnswer {

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private enum Kind { HOST_IP, TIMESTAMP, CONSTANT, COLUMN }

    private final Kind[] kind;
    private final String[] field;
    /** Per field: "name": with the comma or brace before it, and a constant field's value after it. */
    private final byte[][] name;
    /** Per column field its place in the result set. */
    private final int[] column;
    private final JsonBytes out = new JsonBytes(1 << 16);
    private final NodeAddresses addresses;
    private int rows;

    /**
     * @param fields       the fields of a row, in order
     * @param constants    the value of each constant field (the entity's or the resolution's), by name
     * @param columns      the method's columns the query reads, in the order they follow host_id and ts
     * @param knownHostId  the node whose address is known beforehand (-1: none)
     */
    SampleAnswer(List<String> fields, Map<String, Object> constants, List<String> columns, long knownHostId,
                 Object knownAddress) {
        this.addresses = new NodeAddresses(knownHostId, knownAddress);
        int n = fields.size();
        kind = new Kind[n];
        field = fields.toArray(new String[0]);
        name = new byte[n][];
        column = new int[n];
        for (int i = 0; i < n; i++) {
            String f = field[i];
            kind[i] = switch (f) {
                case "host_ip" -> Kind.HOST_IP;
                case "timestamp" -> Kind.TIMESTAMP;
                default -> constants.containsKey(f) ? Kind.CONSTANT : Kind.COLUMN;
            };
            name[i] = JsonValues.fieldStart(i, f, constants);
            if (kind[i] == Kind.COLUMN) {
                column[i] = 3 + columns.indexOf(f);
                if (column[i] < 3) {
                    throw new IllegalArgumentException("the query reads no column " + f);
                }
            }
        }
        out.append((byte) '[');
    }

    /** Writes the current row. */
    void accept(ResultSet rs) throws SQLException {
        if (rows++ > 0) {
            out.append((byte) ',');
        }
        for (int i = 0; i < kind.length; i++) {
            out.append(name[i]);
            switch (kind[i]) {
                case HOST_IP -> addresses.write(out, rs.getLong(1));
                case TIMESTAMP -> out.append(rs.getLong(2));
                case CONSTANT -> { }
                case COLUMN -> value(SeriesMethod.value(field[i], Queries.value(rs, column[i])));
            }
        }
        out.append((byte) '}');
    }

    /** A value as Jackson writes it: whole numbers and finite floats here, anything else through Jackson. */
    private void value(Object v) {
        if (v == null) {
            out.append(NULL);
        } else if (v instanceof Long l) {
            out.append(l.longValue());
        } else if (v instanceof Integer i) {
            out.append(i.longValue());
        } else if (v instanceof Float f && Float.isFinite(f)) {
            out.append(Float.toString(f).getBytes(StandardCharsets.US_ASCII));
        } else if (v instanceof Double d && Double.isFinite(d)) {
            out.append(Double.toString(d).getBytes(StandardCharsets.US_ASCII));
        } else {
            out.append(JsonValues.encoded(v));
        }
    }

    /**
     * The rows written, the host_ip of nodes not known beforehand filled in from
     * {@code addresses} (node ids to addresses; an id it does not know is answered as null).
     */
    WrittenRows rows(Function<Set<Long>, Map<Object, Object>> addresses) {
        out.append((byte) ']');
        return new WrittenRows(this.addresses.finish(out, addresses), rows);
    }
}
