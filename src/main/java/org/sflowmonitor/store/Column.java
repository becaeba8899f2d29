package org.sflowmonitor.store;

import java.sql.SQLException;
import java.sql.Types;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * One column of a sample table: its name, its kind (how a wire value is stored, sentinels as
 * NULL) and the accessor that reads the value from a record of type {@code R}. Accessors return
 * primitives, so binding a row boxes nothing.
 */
sealed interface Column<R> {

    /** How a value is stored; {@link #sqlType} is also the type of its NULL. */
    enum Kind {
        /** A key or time: a plain BIGINT, never a sentinel. */
        KEY(Types.BIGINT),
        U32(Types.BIGINT),
        U64(Types.NUMERIC),
        PERCENTAGE(Types.INTEGER),
        LOAD(Types.REAL),
        TEXT(Types.VARCHAR);

        private final int sqlType;

        Kind(int sqlType) {
            this.sqlType = sqlType;
        }

        int sqlType() {
            return sqlType;
        }
    }

    /** What a rollup keeps of the column: min/avg/max of its values, of its per-second rates, or nothing. */
    enum Rollup {
        NONE, GAUGE, COUNTER
    }

    String name();

    Kind kind();

    Rollup rollup();

    /**
     * The value as a rollup reads it: the stored whole number ({@link Counters#UNKNOWN} for a
     * sentinel), a load average's double bits; only for columns a rollup keeps.
     */
    long rollupValue(R record);

    /** Adds the record's value, NULL for its "unknown" sentinel. */
    void bind(RowValues params, R record) throws SQLException;

    static <R> Column<R> key(String name, ToLongFunction<R> value) {
        return new Whole<>(name, Kind.KEY, Rollup.NONE, value);
    }

    /** An unsigned 32-bit gauge (a count, a state, a size). */
    static <R> Column<R> u32(String name, ToLongFunction<R> value) {
        return new Whole<>(name, Kind.U32, Rollup.GAUGE, value);
    }

    /** An unsigned 64-bit gauge (bytes in use, a size). */
    static <R> Column<R> u64(String name, ToLongFunction<R> value) {
        return new Whole<>(name, Kind.U64, Rollup.GAUGE, value);
    }

    /** An unsigned 32-bit counter that only rises (and wraps at 2^32). */
    static <R> Column<R> counter32(String name, ToLongFunction<R> value) {
        return new Whole<>(name, Kind.U32, Rollup.COUNTER, value);
    }

    /** An unsigned 64-bit counter that only rises. */
    static <R> Column<R> counter64(String name, ToLongFunction<R> value) {
        return new Whole<>(name, Kind.U64, Rollup.COUNTER, value);
    }

    static <R> Column<R> percentage(String name, ToLongFunction<R> value) {
        return new Whole<>(name, Kind.PERCENTAGE, Rollup.GAUGE, value);
    }

    static <R> Column<R> load(String name, ToDoubleFunction<R> value) {
        return new Real<>(name, value);
    }

    static <R> Column<R> text(String name, int maxLength, Function<R, String> value) {
        return new Text<>(name, maxLength, value);
    }

    /** A whole number: a key, an unsigned 32- or 64-bit counter, or a percentage in hundredths. */
    record Whole<R>(String name, Kind kind, Rollup rollup, ToLongFunction<R> value) implements Column<R> {
        @Override
        public long rollupValue(R record) {
            long v = value.applyAsLong(record);
            boolean unknown = switch (kind) {
                case U32 -> v == SqlValues.U32_UNKNOWN;
                case U64, PERCENTAGE -> v == -1L;
                default -> false;
            };
            return unknown ? Counters.UNKNOWN : v;
        }

        @Override
        public void bind(RowValues params, R record) throws SQLException {
            long v = value.applyAsLong(record);
            switch (kind) {
                case KEY -> params.add(v);
                case U32 -> params.u32(v);
                case U64 -> params.u64(v);
                case PERCENTAGE -> params.percentage((int) v);
                default -> throw new IllegalStateException(kind + " is not a whole number");
            }
        }
    }

    /** A load average (a float on the wire). */
    record Real<R>(String name, ToDoubleFunction<R> value) implements Column<R> {
        @Override
        public Kind kind() {
            return Kind.LOAD;
        }

        @Override
        public Rollup rollup() {
            return Rollup.GAUGE;
        }

        @Override
        public long rollupValue(R record) {
            double v = (float) value.applyAsDouble(record);
            return v < 0 || Double.isNaN(v) || Double.isInfinite(v) ? Counters.UNKNOWN : Double.doubleToRawLongBits(v);
        }

        @Override
        public void bind(RowValues params, R record) throws SQLException {
            params.load((float) value.applyAsDouble(record));
        }
    }

    /** A string cut to the column's length; empty is unknown (NULL). */
    record Text<R>(String name, int maxLength, Function<R, String> value) implements Column<R> {
        @Override
        public Kind kind() {
            return Kind.TEXT;
        }

        @Override
        public Rollup rollup() {
            return Rollup.NONE;
        }

        @Override
        public long rollupValue(R record) {
            throw new UnsupportedOperationException("a rollup keeps no text");
        }

        @Override
        public void bind(RowValues params, R record) throws SQLException {
            params.add(SqlValues.text(value.apply(record), maxLength));
        }
    }
}
