package org.sflowmonitor.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;

/**
 * Sets a statement's parameters in the order they are added, numbering them itself, so that no
 * caller counts parameter indexes; the sFlow kinds as {@link RowValues} has them. A null text,
 * Integer or Long binds NULL.
 */
final class Parameters implements RowValues {

    private final PreparedStatement ps;
    private int next = 1;

    private Parameters(PreparedStatement ps) {
        this.ps = ps;
    }

    static Parameters of(PreparedStatement ps) {
        return new Parameters(ps);
    }

    @Override
    public Parameters add(long value) throws SQLException {
        ps.setLong(next++, value);
        return this;
    }

    @Override
    public Parameters add(int value) throws SQLException {
        ps.setInt(next++, value);
        return this;
    }

    Parameters add(Integer value) throws SQLException {
        return value == null ? addNull(Types.INTEGER) : add(value.intValue());
    }

    Parameters add(Long value) throws SQLException {
        return value == null ? addNull(Types.BIGINT) : add(value.longValue());
    }

    @Override
    public Parameters add(String value) throws SQLException {
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

    /** A VARBINARY (PostgreSQL: bytea). */
    Parameters add(byte[] value) throws SQLException {
        ps.setBytes(next++, value);
        return this;
    }

    /** An SQL array made by the connection. */
    Parameters add(java.sql.Array value) throws SQLException {
        ps.setArray(next++, value);
        return this;
    }

    /** A value of whatever type the driver maps it from (a row copied as read, a query's params). */
    Parameters addObject(Object value) throws SQLException {
        ps.setObject(next++, value);
        return this;
    }

    /** NULL of the given {@link Types} type. */
    @Override
    public Parameters addNull(int sqlType) throws SQLException {
        ps.setNull(next++, sqlType);
        return this;
    }

    /**
     * Always a NUMERIC, known or not, below or above 2^63: PgJDBC prepares a statement on the
     * server again whenever a parameter's type differs from the last execution's, and the latest
     * tables' per-sample upsert, whose unsigned 64-bit values came as BIGINT, NUMERIC or a NULL
     * NUMERIC by row, was parsed again for nearly every sample.
     */
    @Override
    public Parameters u64(long value) throws SQLException {
        if (value == -1L) { // 2^64-1, unknown
            return addNull(Types.NUMERIC);
        }
        if (value < 0) {
            return addUnsigned(value);
        }
        ps.setBigDecimal(next++, BigDecimal.valueOf(value));
        return this;
    }

    @Override
    public Parameters addUnsigned(long value) throws SQLException {
        ps.setBigDecimal(next++, new BigDecimal(new BigInteger(Long.toUnsignedString(value))));
        return this;
    }

    Parameters add(double value) throws SQLException {
        ps.setDouble(next++, value);
        return this;
    }

    @Override
    public Parameters addReal(float value) throws SQLException {
        ps.setFloat(next++, value);
        return this;
    }
}
