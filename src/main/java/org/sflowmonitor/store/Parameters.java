package org.sflowmonitor.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;

/**
 * Sets a statement's parameters in the order they are added, numbering them itself, so that no
 * caller counts parameter indexes. The sFlow kinds ({@link #u32}, {@link #u64},
 * {@link #percentage}, {@link #load}) bind the "unknown" sentinels of reference section 6 as
 * NULL: 2^32-1 for unsigned 32-bit fields, 2^64-1 for unsigned 64-bit ones, -1 for percentages,
 * negative load averages. A null text, Integer or Long binds NULL.
 */
final class Parameters {

    private final PreparedStatement ps;
    private int next = 1;

    private Parameters(PreparedStatement ps) {
        this.ps = ps;
    }

    static Parameters of(PreparedStatement ps) {
        return new Parameters(ps);
    }

    Parameters add(long value) throws SQLException {
        ps.setLong(next++, value);
        return this;
    }

    Parameters add(int value) throws SQLException {
        ps.setInt(next++, value);
        return this;
    }

    Parameters add(Integer value) throws SQLException {
        return value == null ? addNull(Types.INTEGER) : add(value.intValue());
    }

    Parameters add(Long value) throws SQLException {
        return value == null ? addNull(Types.BIGINT) : add(value.longValue());
    }

    Parameters add(String value) throws SQLException {
        if (value == null) {
            return addNull(Types.VARCHAR);
        }
        ps.setString(next++, value);
        return this;
    }

    /** A BIGINT array (PostgreSQL's bigint[], for {@code = ANY(?)}). */
    Parameters add(long[] values) throws SQLException {
        Long[] boxed = Arrays.stream(values).boxed().toArray(Long[]::new);
        ps.setArray(next++, ps.getConnection().createArrayOf("bigint", boxed));
        return this;
    }

    /** A value of whatever type the driver maps it from (a row copied as read, a query's params). */
    Parameters addObject(Object value) throws SQLException {
        ps.setObject(next++, value);
        return this;
    }

    /** NULL of the given {@link Types} type. */
    Parameters addNull(int sqlType) throws SQLException {
        ps.setNull(next++, sqlType);
        return this;
    }

    Parameters u32(long value) throws SQLException {
        return value == SqlValues.U32_UNKNOWN ? addNull(Types.BIGINT) : add(value);
    }

    /** An unsigned 64-bit value held in a long's 64 bits; above 2^63 it is bound as a NUMERIC. */
    Parameters u64(long value) throws SQLException {
        if (value == -1L) {
            return addNull(Types.NUMERIC);
        }
        if (value >= 0) {
            return add(value);
        }
        ps.setBigDecimal(next++, new BigDecimal(new BigInteger(Long.toUnsignedString(value))));
        return this;
    }

    /** A signed percentage in hundredths; -1 is unknown. */
    Parameters percentage(int value) throws SQLException {
        return value == -1 ? addNull(Types.INTEGER) : add(value);
    }

    Parameters load(float value) throws SQLException {
        if (!SqlValues.knownLoad(value)) {
            return addNull(Types.REAL);
        }
        ps.setFloat(next++, value);
        return this;
    }
}
