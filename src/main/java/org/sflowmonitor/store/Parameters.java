package org.sflowmonitor.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Sets a statement's parameters in the order they are added, numbering them itself, so that no
 * caller counts parameter indexes. A null text binds NULL.
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

    /** Binds NULL for null. */
    Parameters add(Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(next++, java.sql.Types.INTEGER);
        } else {
            ps.setInt(next++, value);
        }
        return this;
    }

    /** Binds NULL for null. */
    Parameters add(Long value) throws SQLException {
        if (value == null) {
            ps.setNull(next++, java.sql.Types.BIGINT);
        } else {
            ps.setLong(next++, value);
        }
        return this;
    }

    Parameters add(String value) throws SQLException {
        SqlValues.text(ps, next++, value);
        return this;
    }
}
