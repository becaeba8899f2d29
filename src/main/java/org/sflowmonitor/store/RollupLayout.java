package org.sflowmonitor.store;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The rollup table of one sample table, derived from the sample table's declaration: for each
 * gauge column its values, for each counter column its per-second rates between consecutive
 * samples, and the {@link Derived} utilisations, each kept as min, max, sum and count per
 * bucket. Also the rules that turn two consecutive samples into one point of those measures
 * (the summaries' rules: no rate across a reset, a reboot or a move to another node). One piece
 * although over 300 lines: the table's columns, its statements, the binding and reading of a
 * row and the point a sample adds all follow one order of the measures, declared here once.
 */
final class RollupLayout<S> {

    /** When the sample before may be used for rates. */
    enum Continuity {
        /** Whenever the counters did not go back. */
        COUNTERS,
        /** Also not across a reboot of the node: its uptime went back. */
        UPTIME,
        /** Also not across a move of the VM to another node. */
        SAME_HOST
    }

    static final String WIDTH = "width_ms";
    static final String START = "bucket_start";
    static final String SAMPLES = "samples";
    /** A bit per record type of the sample ({@link #recordTypes}): set when a measure of it has values. */
    static final String RECORDS = "records";
    /** Every measure's count, min, max and sum ({@link PackedMeasures}). */
    static final String MEASURES = "measures";

    private final String table;
    private final SampleLayout<S> samples;
    private final String entityTable;
    private final List<String> keys;
    private final boolean hostColumn;
    private final List<Column<?>> rolled;
    /** Per group of the sample table its rolled-up columns, for reading a sample without an iterator per group. */
    private final List<RolledGroup<S, ?>> rolledGroups;
    /** Per rolled-up column how its value becomes a point ({@link #GAUGE_WHOLE} …), read once per sample. */
    private final byte[] how;
    private final List<Derived> derived;
    /** The derived measures' formulas, in the order of {@link #derived}. */
    private final List<Derived.Formula> formulas;
    private final List<String> measures;
    /** The record types the measures come from, and per measure its type's place there. */
    private final List<Class<?>> recordTypes;
    private final int[] recordOf;
    private final List<String> columns;
    private final Continuity continuity;
    private final int uptime;
    private final String insert;
    private final String delete;
    private final String finer;
    private final String raw;

    RollupLayout(String table, SampleLayout<S> samples, String entityTable, List<String> keys, boolean hostColumn,
                 Continuity continuity, Derived... derived) {
        this.table = table;
        this.samples = samples;
        this.entityTable = entityTable;
        this.keys = List.copyOf(keys);
        this.hostColumn = hostColumn;
        this.continuity = continuity;
        List<Column<?>> cols = new ArrayList<>();
        samples.groups().forEach(g -> g.columns().stream().filter(c -> c.rollup() != Column.Rollup.NONE)
                .forEach(cols::add));
        this.rolled = List.copyOf(cols);
        List<RolledGroup<S, ?>> groups = new ArrayList<>();
        samples.groups().forEach(g -> groups.add(RolledGroup.of(g)));
        this.rolledGroups = List.copyOf(groups);
        this.how = new byte[rolled.size()];
        for (int i = 0; i < how.length; i++) {
            how[i] = how(rolled.get(i));
        }
        ToIntFunction<String> index = this::columnIndex;
        this.derived = List.of(derived);
        this.formulas = this.derived.stream().map(d -> d.formula(index)).toList();
        List<String> m = new ArrayList<>();
        rolled.forEach(c -> m.add(c.name()));
        this.derived.forEach(x -> m.add(x.measure()));
        this.measures = List.copyOf(m);
        List<Class<?>> types = new ArrayList<>();
        List<Class<?>> typeOfMeasure = new ArrayList<>();
        samples.groups().forEach(g -> g.columns().stream().filter(c -> c.rollup() != Column.Rollup.NONE)
                .forEach(c -> typeOfMeasure.add(g.type())));
        this.derived.forEach(x -> typeOfMeasure.add(x.record()));
        typeOfMeasure.stream().distinct().forEach(types::add);
        this.recordTypes = List.copyOf(types);
        if (recordTypes.size() > 31) {
            throw new IllegalArgumentException(table + ": more record types than the bits of " + RECORDS);
        }
        this.recordOf = typeOfMeasure.stream().mapToInt(recordTypes::indexOf).toArray();
        this.uptime = continuity == Continuity.UPTIME ? columnIndex("cpu_uptime") : -1;
        List<String> all = new ArrayList<>(keys);
        all.add(WIDTH);
        all.add(START);
        if (hostColumn) {
            all.add("host_id");
        }
        all.add(SAMPLES);
        all.add(RECORDS);
        all.add(MEASURES);
        this.columns = List.copyOf(all);
        this.insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        this.delete = "DELETE FROM " + table + " WHERE " + WIDTH + " = ? AND " + START + " >= ? AND " + START + " < ?";
        this.finer = "SELECT " + String.join(", ", columns) + " FROM " + table + " WHERE " + WIDTH + " = ? AND "
                + START + " >= ? AND " + START + " < ? ORDER BY " + String.join(", ", keys) + ", " + START;
        String sub = keys.size() > 1 ? "s." + keys.get(1) : "0";
        // the ids come as one array: a statement per entity cost more than reading its rows
        this.raw = "SELECT s.host_id, s.ts, " + sub + ", "
                + String.join(", ", rolled.stream().map(c -> "s." + c.name()).toList()) + ", s." + keys.get(0)
                + " FROM UNNEST(CAST(? AS BIGINT ARRAY)) AS ids(id) JOIN " + samples.table() + " s ON s."
                + keys.get(0) + " = ids.id WHERE s.ts >= ? AND s.ts < ? ORDER BY s." + keys.get(0) + ", "
                + (keys.size() > 1 ? sub + ", " : "") + "s.ts";
    }

    private static final byte GAUGE_WHOLE = 0;
    private static final byte GAUGE_U64 = 1;
    private static final byte GAUGE_LOAD = 2;
    private static final byte COUNTER32 = 3;
    private static final byte COUNTER64 = 4;

    private static byte how(Column<?> c) {
        boolean u64 = c.kind() == Column.Kind.U64;
        if (c.rollup() == Column.Rollup.COUNTER) {
            return u64 ? COUNTER64 : COUNTER32;
        }
        return u64 ? GAUGE_U64 : c.kind() == Column.Kind.LOAD ? GAUGE_LOAD : GAUGE_WHOLE;
    }

    private int columnIndex(String name) {
        for (int i = 0; i < rolled.size(); i++) {
            if (rolled.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(samples.table() + " has no rolled-up column " + name);
    }

    String table() {
        return table;
    }

    SampleLayout<S> samples() {
        return samples;
    }

    /** The key columns naming the entity (the node, the VM, or the node and ifIndex). */
    List<String> keys() {
        return keys;
    }

    /** Every column of the rollup table, in table order. */
    List<String> columns() {
        return columns;
    }

    /** The measures: the rolled-up columns in table order, then the derived ones. */
    List<String> measures() {
        return measures;
    }

    /** Where a measure is among {@link #measures()}. */
    int measureIndex(String measure) {
        int i = measures.indexOf(measure);
        if (i < 0) {
            throw new IllegalArgumentException(table + " has no measure " + measure);
        }
        return i;
    }

    /**
     * The bits of {@link #RECORDS} that tell whether a row has a value of one of these measures,
     * which must be all the measures of one or more record types.
     */
    int recordBits(List<String> someMeasures) {
        int bits = 0;
        for (String m : someMeasures) {
            bits |= 1 << recordOf[measureIndex(m)];
        }
        for (int i = 0; i < measures.size(); i++) {
            if ((bits & 1 << recordOf[i]) != 0 && !someMeasures.contains(measures.get(i))) {
                throw new IllegalArgumentException(measures.get(i) + " is missing from " + someMeasures
                        + ": only whole record types can be told apart in " + table);
            }
        }
        return bits;
    }

    /** The bucket's {@link #RECORDS}: the bits of the record types of which a measure has values. */
    int recordBits(Bucket b) {
        int bits = 0;
        for (int i = 0; i < b.n.length; i++) {
            if (b.n[i] > 0) {
                bits |= 1 << recordOf[i];
            }
        }
        return bits;
    }

    /** The measures whose time-series method is that of the record {@code type}. */
    List<String> measuresOf(Class<?> type) {
        List<String> out = new ArrayList<>(samples.columnsOf(type).stream().filter(measures::contains).toList());
        derived.stream().filter(d -> d.record() == type).forEach(d -> out.add(d.measure()));
        return out;
    }

    /** Whether the measure is a gauge whose values are whole numbers (so its min and max are). */
    boolean wholeGauge(String measure) {
        return rolled.stream().anyMatch(c -> c.name().equals(measure) && c.rollup() == Column.Rollup.GAUGE
                && c.kind() != Column.Kind.LOAD);
    }

    /** Whether the measure is stored in hundredths (a percentage column). */
    boolean hundredths(String measure) {
        return rolled.stream().anyMatch(c -> c.name().equals(measure) && c.kind() == Column.Kind.PERCENTAGE);
    }

    String insert() {
        return insert;
    }

    String delete() {
        return delete;
    }

    /** The rows of one width in a range of bucket starts, by entity and time. */
    String finer() {
        return finer;
    }

    /**
     * The raw samples in a time range of the entities in an array: host_id, ts, ifIndex or 0, the
     * rolled-up columns, the entity's id; by entity, ifIndex and time.
     */
    String raw() {
        return raw;
    }

    String entityTable() {
        return entityTable;
    }

    /** The sample's values of the rolled-up columns (unknown for a record it lacks). */
    long[] values(S sample) {
        return values(sample, new long[rolled.size()]);
    }

    /** The sample's values of the rolled-up columns written into {@code into}, which it returns. */
    long[] values(S sample, long[] into) {
        int at = 0;
        for (int i = 0; i < rolledGroups.size(); i++) {
            at = rolledGroups.get(i).read(sample, into, at);
        }
        return into;
    }

    /** How many rolled-up columns a sample's values hold. */
    int valueCount() {
        return rolled.size();
    }

    /**
     * The rolled-up columns of one column group in an array: the fold reads every sample through
     * them, and iterating the group's lists allocated an iterator per group and sample (a third
     * of the fold's CPU in a JFR profile of {@code RollupBenchmark cost}).
     */
    private record RolledGroup<S, R>(Function<S, R> record, Column<R>[] columns) {

        @SuppressWarnings("unchecked")
        static <S, R> RolledGroup<S, R> of(ColumnGroup<S, R> group) {
            return new RolledGroup<>(group.record(), group.columns().stream()
                    .filter(c -> c.rollup() != Column.Rollup.NONE).toArray(Column[]::new));
        }

        /** Writes the sample's values of these columns into {@code into} from {@code from}; returns where they end. */
        int read(S sample, long[] into, int from) {
            R value = record.apply(sample);
            int at = from;
            for (int i = 0; i < columns.length; i++) {
                into[at++] = value == null ? Counters.UNKNOWN : columns[i].rollupValue(value);
            }
            return at;
        }
    }

    /** A raw row as {@link #raw()} selects it. */
    SampleValues readRaw(ResultSet rs) throws SQLException {
        long[] v = new long[rolled.size()];
        for (int i = 0; i < v.length; i++) {
            int at = 4 + i;
            Column.Kind kind = rolled.get(i).kind();
            if (kind == Column.Kind.LOAD) {
                float f = rs.getFloat(at);
                v[i] = rs.wasNull() ? Counters.UNKNOWN : Double.doubleToRawLongBits(f);
            } else if (kind == Column.Kind.U64) {
                BigDecimal d = rs.getBigDecimal(at);
                v[i] = d == null ? Counters.UNKNOWN : d.toBigInteger().longValue();
            } else {
                long x = rs.getLong(at);
                v[i] = rs.wasNull() ? Counters.UNKNOWN : x;
            }
        }
        return new SampleValues(rs.getLong(4 + v.length), rs.getLong(3), rs.getLong(1), rs.getLong(2), v);
    }

    /** Column {@code i}'s value among a sample's {@code values} as a number; NaN when unknown. */
    double gauge(int i, long[] values) {
        long v = values[i];
        if (v == Counters.UNKNOWN) {
            return Double.NaN;
        }
        return switch (how[i]) {
            case GAUGE_LOAD -> Double.longBitsToDouble(v);
            case GAUGE_U64, COUNTER64 -> Counters.unsigned(v);
            default -> v;
        };
    }

    /** Counter column {@code i}'s rise from prev to cur; {@link Counters#NO_DELTA} when there is none. */
    long step(int i, long[] prev, long[] cur) {
        return how[i] == COUNTER64 || how[i] == GAUGE_U64 ? Counters.step64(prev[i], cur[i])
                : Counters.step32(prev[i], cur[i]);
    }

    /**
     * Whether rates may be taken from the sample before (at {@code prevTs}, from node
     * {@code prevHost}, its values {@code prev}) to the current one.
     */
    boolean comparable(long prevTs, long prevHost, long[] prev, long ts, long hostId, long[] cur) {
        if (ts <= prevTs) {
            return false;
        }
        return switch (continuity) {
            case COUNTERS -> true;
            case SAME_HOST -> prevHost == hostId;
            case UPTIME -> {
                long p = prev[uptime];
                long c = cur[uptime];
                yield p == Counters.UNKNOWN || c == Counters.UNKNOWN || c >= p;
            }
        };
    }

    /**
     * Writes into {@code point} the point the current sample (its time and values) adds to its
     * bucket: per measure the gauge's value, the counter's rate per second since the sample
     * before ({@code prev} at {@code prevTs}; null: none comparable), or the derived value; NaN
     * where there is none.
     */
    void point(long[] prev, long prevTs, long ts, long[] cur, double[] point) {
        for (int i = 0; i < how.length; i++) {
            byte h = how[i];
            if (h != COUNTER32 && h != COUNTER64) {
                point[i] = gauge(i, cur);
            } else if (prev == null) {
                point[i] = Double.NaN;
            } else {
                long d = h == COUNTER64 ? Counters.step64(prev[i], cur[i]) : Counters.step32(prev[i], cur[i]);
                point[i] = d == Counters.NO_DELTA ? Double.NaN : Counters.unsigned(d) * 1000.0 / (ts - prevTs);
            }
        }
        for (int i = 0; i < formulas.size(); i++) {
            point[how.length + i] = formulas.get(i).value(this, prev, cur, prev == null ? 0 : ts - prevTs);
        }
    }

    /** Binds one bucket to {@link #insert()}. */
    void bind(PreparedStatement ps, long width, Bucket b) throws SQLException {
        Parameters params = Parameters.of(ps).add(b.id);
        if (keys.size() > 1) {
            params.add(b.sub);
        }
        params.add(width).add(b.start);
        if (hostColumn) {
            params.add(b.hostId);
        }
        params.add(b.samples).add(recordBits(b)).add(PackedMeasures.pack(b));
    }

    /** A row as {@link #finer()} selects it. */
    Bucket readBucket(ResultSet rs) throws SQLException {
        int at = 1;
        long id = rs.getLong(at++);
        long sub = keys.size() > 1 ? rs.getLong(at++) : 0;
        at++; // width
        Bucket b = new Bucket(id, sub, rs.getLong(at++), measures.size());
        b.hostId = hostColumn ? rs.getLong(at++) : id;
        b.samples = rs.getInt(at++);
        at++; // records
        PackedMeasures.unpack(rs.getBytes(at), b);
        return b;
    }
}
