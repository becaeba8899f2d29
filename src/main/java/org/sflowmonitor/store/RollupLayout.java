package org.sflowmonitor.store;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
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
    /** The columns of one measure, in table order: name + each suffix. */
    static final List<String> PARTS = List.of("_min", "_max", "_sum", "_n");

    private final String table;
    private final SampleLayout<S> samples;
    private final String entityTable;
    private final List<String> keys;
    private final boolean hostColumn;
    private final List<Column<?>> rolled;
    private final List<Derived> derived;
    private final List<String> measures;
    private final List<String> columns;
    private final Continuity continuity;
    private final int uptime;
    private final String insert;
    private final String delete;
    private final String finer;
    private final String raw;

    @SafeVarargs
    RollupLayout(String table, SampleLayout<S> samples, String entityTable, List<String> keys, boolean hostColumn,
                 Continuity continuity, Function<ToIntFunction<String>, Derived>... derived) {
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
        ToIntFunction<String> index = this::columnIndex;
        List<Derived> d = new ArrayList<>();
        for (Function<ToIntFunction<String>, Derived> f : derived) {
            d.add(f.apply(index));
        }
        this.derived = List.copyOf(d);
        List<String> m = new ArrayList<>();
        rolled.forEach(c -> m.add(c.name()));
        this.derived.forEach(x -> m.add(x.name()));
        this.measures = List.copyOf(m);
        this.uptime = continuity == Continuity.UPTIME ? columnIndex("cpu_uptime") : -1;
        List<String> all = new ArrayList<>(keys);
        all.add(WIDTH);
        all.add(START);
        if (hostColumn) {
            all.add("host_id");
        }
        all.add(SAMPLES);
        measures.forEach(name -> PARTS.forEach(p -> all.add(name + p)));
        this.columns = List.copyOf(all);
        this.insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        this.delete = "DELETE FROM " + table + " WHERE " + WIDTH + " = ? AND " + START + " >= ? AND " + START + " < ?";
        this.finer = "SELECT " + String.join(", ", columns) + " FROM " + table + " WHERE " + WIDTH + " = ? AND "
                + START + " >= ? AND " + START + " < ? ORDER BY " + String.join(", ", keys) + ", " + START;
        String sub = keys.size() > 1 ? keys.get(1) : "0";
        this.raw = "SELECT host_id, ts, " + sub + ", "
                + String.join(", ", rolled.stream().map(Column::name).toList()) + " FROM " + samples.table()
                + " WHERE " + keys.get(0) + " = ? AND ts >= ? AND ts < ? ORDER BY "
                + (keys.size() > 1 ? keys.get(1) + ", " : "") + "ts";
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

    /** The measures whose time-series method is that of the record {@code type}. */
    List<String> measuresOf(Class<?> type) {
        List<String> out = new ArrayList<>(samples.columnsOf(type).stream().filter(measures::contains).toList());
        derived.stream().filter(d -> d.record() == type).forEach(d -> out.add(d.name()));
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

    /** One entity's raw samples in a time range: host_id, ts, ifIndex or 0, the rolled-up columns. */
    String raw() {
        return raw;
    }

    String entityTable() {
        return entityTable;
    }

    /** The sample's values of the rolled-up columns (unknown for a record it lacks). */
    long[] values(S sample) {
        long[] v = new long[rolled.size()];
        int at = 0;
        for (ColumnGroup<S, ?> g : samples.groups()) {
            at = read(g, sample, v, at);
        }
        return v;
    }

    private static <S, R> int read(ColumnGroup<S, R> group, S sample, long[] into, int from) {
        R record = group.record().apply(sample);
        int at = from;
        for (Column<R> c : group.columns()) {
            if (c.rollup() != Column.Rollup.NONE) {
                into[at++] = record == null ? Counters.UNKNOWN : c.rollupValue(record);
            }
        }
        return at;
    }

    /** A raw row as {@link #raw()} selects it. */
    SampleValues readRaw(ResultSet rs, long id) throws SQLException {
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
        return new SampleValues(id, rs.getLong(3), rs.getLong(1), rs.getLong(2), v);
    }

    /** Column {@code i}'s value in {@code s} as a number; NaN when unknown. */
    double gauge(int i, SampleValues s) {
        long v = s.values()[i];
        if (v == Counters.UNKNOWN) {
            return Double.NaN;
        }
        return switch (rolled.get(i).kind()) {
            case LOAD -> Double.longBitsToDouble(v);
            case U64 -> Counters.unsigned(v);
            default -> v;
        };
    }

    /** Counter column {@code i}'s rise from prev to cur; {@link Counters#NO_DELTA} when there is none. */
    long step(int i, SampleValues prev, SampleValues cur) {
        long p = prev.values()[i];
        long c = cur.values()[i];
        return rolled.get(i).kind() == Column.Kind.U64 ? Counters.step64(p, c) : Counters.step32(p, c);
    }

    /** Whether rates may be taken from {@code prev} to {@code cur}. */
    boolean comparable(SampleValues prev, SampleValues cur) {
        if (cur.ts() <= prev.ts()) {
            return false;
        }
        return switch (continuity) {
            case COUNTERS -> true;
            case SAME_HOST -> prev.hostId() == cur.hostId();
            case UPTIME -> {
                long p = prev.values()[uptime];
                long c = cur.values()[uptime];
                yield p == Counters.UNKNOWN || c == Counters.UNKNOWN || c >= p;
            }
        };
    }

    /**
     * The point {@code cur} adds to its bucket: per measure the gauge's value, the counter's rate
     * per second since {@code prev} (null: none), or the derived value; NaN where there is none.
     */
    double[] point(SampleValues prev, SampleValues cur) {
        SampleValues before = prev != null && comparable(prev, cur) ? prev : null;
        double[] p = new double[measures.size()];
        for (int i = 0; i < rolled.size(); i++) {
            Column<?> c = rolled.get(i);
            if (c.rollup() == Column.Rollup.GAUGE) {
                p[i] = gauge(i, cur);
            } else if (before == null) {
                p[i] = Double.NaN;
            } else {
                long d = step(i, before, cur);
                p[i] = d == Counters.NO_DELTA ? Double.NaN : Counters.unsigned(d) * 1000.0 / (cur.ts() - before.ts());
            }
        }
        for (int i = 0; i < derived.size(); i++) {
            p[rolled.size() + i] = derived.get(i).value(this, before, cur);
        }
        return p;
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
        params.add(b.samples);
        for (int i = 0; i < measures.size(); i++) {
            if (b.n[i] == 0) {
                params.addNull(Types.DOUBLE).addNull(Types.DOUBLE).addNull(Types.DOUBLE);
            } else {
                params.add(b.min[i]).add(b.max[i]).add(b.sum[i]);
            }
            params.add(b.n[i]);
        }
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
        for (int i = 0; i < measures.size(); i++) {
            b.min[i] = rs.getDouble(at++);
            b.max[i] = rs.getDouble(at++);
            b.sum[i] = rs.getDouble(at++);
            b.n[i] = rs.getInt(at++);
            if (b.n[i] == 0) {
                b.min[i] = Double.NaN;
                b.max[i] = Double.NaN;
                b.sum[i] = 0;
            }
        }
        return b;
    }
}
