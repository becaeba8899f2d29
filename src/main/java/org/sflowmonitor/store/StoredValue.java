package org.sflowmonitor.store;

import java.math.BigInteger;
import java.sql.SQLException;

/**
 * A sample column's value held in a long, as {@link LatestState} keeps it ({@link Counters#UNKNOWN}
 * for NULL; a load average's double bits), turned into the object a read of the column gives
 * ({@link Queries#value}) and back, so that an answer from memory equals one from the tables.
 */
final class StoredValue {

    private StoredValue() {
    }

    /** The object a read of a column of this kind gives for the stored value; null for NULL. */
    static Object decode(Column.Kind kind, long value) {
        if (value == Counters.UNKNOWN) {
            return null;
        }
        return switch (kind) {
            case KEY, U32 -> value;
            case U64 -> value >= 0 ? (Object) value : new BigInteger(Long.toUnsignedString(value));
            case PERCENTAGE -> (int) value;
            case LOAD -> (float) Double.longBitsToDouble(value);
            case TEXT -> throw new IllegalArgumentException("a text is not kept as a number");
        };
    }

    /** Adds the stored value as the column's kind stores it: NULL for {@link Counters#UNKNOWN}. */
    static void bind(RowValues params, Column.Kind kind, long value) throws SQLException {
        if (value == Counters.UNKNOWN) {
            params.addNull(kind.sqlType());
            return;
        }
        switch (kind) {
            case KEY -> params.add(value);
            case U32 -> params.u32(value);
            case U64 -> params.u64(value);
            case PERCENTAGE -> params.percentage((int) value);
            case LOAD -> params.load((float) Double.longBitsToDouble(value));
            case TEXT -> throw new IllegalArgumentException("a text is not kept as a number");
        }
    }

    /** The stored value of what a read of the column gave ({@link Queries#value}). */
    static long encode(Object value) {
        if (value == null) {
            return Counters.UNKNOWN;
        }
        if (value instanceof Float f) {
            return Double.doubleToRawLongBits(f.doubleValue());
        }
        if (value instanceof Double d) {
            return Double.doubleToRawLongBits((float) d.doubleValue());
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException("not a number: " + value);
    }
}
