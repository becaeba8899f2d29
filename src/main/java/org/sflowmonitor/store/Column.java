package org.sflowmonitor.store;

import java.sql.PreparedStatement;
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
        /** An unsigned 32-bit gauge. */
        U32(Types.BIGINT),
        /** An unsigned 64-bit gauge. */
        U64(Types.NUMERIC),
        /** A 32-bit counter: wraps at 2^32, goes back to zero when the agent restarts. */
        C32(Types.BIGINT),
        /** A 64-bit counter. */
        C64(Types.NUMERIC),
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

        boolean isCounter() {
            return this == C32 || this == C64;
        }
    }

    String name();

    Kind kind();

    void bind(PreparedStatement ps, int index, R record) throws SQLException;

    /** The value as {@link LatestValues} keeps it: a number, NaN for an "unknown" sentinel or a text. */
    double latest(R record);

    static <R> Column<R> key(String name, ToLongFunction<R> value) {
        return new Whole<>(name, Kind.KEY, value);
    }

    static <R> Column<R> u32(String name, ToLongFunction<R> value) {
        return new Whole<>(name, Kind.U32, value);
    }

    static <R> Column<R> u64(String name, ToLongFunction<R> value) {
        return new Whole<>(name, Kind.U64, value);
    }

    static <R> Column<R> c32(String name, ToLongFunction<R> value) {
        return new Whole<>(name, Kind.C32, value);
    }

    static <R> Column<R> c64(String name, ToLongFunction<R> value) {
        return new Whole<>(name, Kind.C64, value);
    }

    static <R> Column<R> percentage(String name, ToLongFunction<R> value) {
        return new Whole<>(name, Kind.PERCENTAGE, value);
    }

    static <R> Column<R> load(String name, ToDoubleFunction<R> value) {
        return new Real<>(name, value);
    }

    static <R> Column<R> text(String name, int maxLength, Function<R, String> value) {
        return new Text<>(name, maxLength, value);
    }

    /** A whole number: a key, an unsigned 32- or 64-bit counter, or a percentage in hundredths. */
    record Whole<R>(String name, Kind kind, ToLongFunction<R> value) implements Column<R> {
        @Override
        public void bind(PreparedStatement ps, int index, R record) throws SQLException {
            long v = value.applyAsLong(record);
            switch (kind) {
                case KEY -> ps.setLong(index, v);
                case U32, C32 -> SqlValues.u32(ps, index, v);
                case U64, C64 -> SqlValues.u64(ps, index, v);
                case PERCENTAGE -> SqlValues.percentage(ps, index, (int) v);
                default -> throw new IllegalStateException(kind + " is not a whole number");
            }
        }

        @Override
        public double latest(R record) {
            long v = value.applyAsLong(record);
            return switch (kind) {
                case KEY -> v;
                case U32, C32 -> v == SqlValues.U32_UNKNOWN ? Double.NaN : v;
                case U64, C64 -> v == -1L ? Double.NaN : SqlValues.unsigned(v);
                case PERCENTAGE -> (int) v == -1 ? Double.NaN : (int) v;
                default -> throw new IllegalStateException(kind + " is not a whole number");
            };
        }
    }

    /** A load average (a float on the wire). */
    record Real<R>(String name, ToDoubleFunction<R> value) implements Column<R> {
        @Override
        public Kind kind() {
            return Kind.LOAD;
        }

        @Override
        public void bind(PreparedStatement ps, int index, R record) throws SQLException {
            SqlValues.load(ps, index, (float) value.applyAsDouble(record));
        }

        @Override
        public double latest(R record) {
            float v = (float) value.applyAsDouble(record);
            return SqlValues.knownLoad(v) ? v : Double.NaN;
        }
    }

    /** A string cut to the column's length; empty is unknown (NULL). */
    record Text<R>(String name, int maxLength, Function<R, String> value) implements Column<R> {
        @Override
        public Kind kind() {
            return Kind.TEXT;
        }

        @Override
        public void bind(PreparedStatement ps, int index, R record) throws SQLException {
            SqlValues.text(ps, index, SqlValues.text(value.apply(record), maxLength));
        }

        @Override
        public double latest(R record) {
            return Double.NaN;
        }
    }
}
