package org.sflowmonitor.store;

import java.sql.SQLException;
import java.sql.Types;

/**
 * Where a row's values go, in column order: a statement's parameters ({@link Parameters}) or the
 * text of a COPY ({@link CopyRows}). The sFlow kinds ({@link #u32}, {@link #u64},
 * {@link #percentage}, {@link #load}) turn the "unknown" sentinels of reference section 6 into
 * NULL: 2^32-1 for unsigned 32-bit fields, 2^64-1 for unsigned 64-bit ones, -1 for percentages,
 * negative load averages.
 */
interface RowValues {

    RowValues add(long value) throws SQLException;

    RowValues add(int value) throws SQLException;

    /** A text; NULL for null. */
    RowValues add(String value) throws SQLException;

    /** NULL of the given {@link Types} type. */
    RowValues addNull(int sqlType) throws SQLException;

    /** An unsigned 64-bit value above 2^63, held in a long's 64 bits (a NUMERIC). */
    RowValues addUnsigned(long value) throws SQLException;

    /** A REAL. */
    RowValues addReal(float value) throws SQLException;

    default RowValues u32(long value) throws SQLException {
        return value == SqlValues.U32_UNKNOWN ? addNull(Types.BIGINT) : add(value);
    }

    /** An unsigned 64-bit value held in a long's 64 bits; above 2^63 it is a NUMERIC. */
    default RowValues u64(long value) throws SQLException {
        if (value == -1L) {
            return addNull(Types.NUMERIC);
        }
        return value >= 0 ? add(value) : addUnsigned(value);
    }

    /** A signed percentage in hundredths; -1 is unknown. */
    default RowValues percentage(int value) throws SQLException {
        return value == -1 ? addNull(Types.INTEGER) : add(value);
    }

    default RowValues load(float value) throws SQLException {
        return SqlValues.knownLoad(value) ? addReal(value) : addNull(Types.REAL);
    }
}
