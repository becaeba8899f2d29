package org.sflowmonitor.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Binds sFlow values to statement parameters, turning the "unknown" sentinels of reference
 * section 6 into NULL: 2^32-1 for unsigned 32-bit fields, 2^64-1 for unsigned 64-bit ones,
 * -1 for percentages, negative load averages.
 */
final class SqlValues {

    static final long U32_UNKNOWN = 0xFFFF_FFFFL;

    private SqlValues() {
    }

    static void u32(PreparedStatement ps, int index, long value) throws SQLException {
        if (value == U32_UNKNOWN) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    /** An unsigned 64-bit value held in a long's 64 bits; above 2^63 it is bound as a NUMERIC. */
    static void u64(PreparedStatement ps, int index, long value) throws SQLException {
        if (value == -1L) {
            ps.setNull(index, Types.NUMERIC);
        } else if (value >= 0) {
            ps.setLong(index, value);
        } else {
            ps.setBigDecimal(index, new BigDecimal(new BigInteger(Long.toUnsignedString(value))));
        }
    }

    /** An unsigned 64-bit value held in a long's 64 bits, as a double. */
    static double unsigned(long value) {
        return value >= 0 ? value : (double) (value >>> 1) * 2.0 + (value & 1);
    }

    /** A signed percentage in hundredths; -1 is unknown. */
    static void percentage(PreparedStatement ps, int index, int value) throws SQLException {
        if (value == -1) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    static void load(PreparedStatement ps, int index, float value) throws SQLException {
        if (!knownLoad(value)) {
            ps.setNull(index, Types.REAL);
        } else {
            ps.setFloat(index, value);
        }
    }

    /** False for the negative "unknown" load average, and for what is not a number. */
    static boolean knownLoad(float value) {
        return value >= 0 && !Float.isInfinite(value);
    }

    /** Binds a text or NULL. */
    static void text(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    /** The value cut to the column's length, or null when empty (the "unknown" string). */
    static String text(String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        // Strings are kept whole on the wire; cut only to fit the column, at a code point boundary.
        if (value.length() <= maxLength) {
            return value;
        }
        int end = maxLength;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end);
    }
}
