package org.sflowmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One connection and its prepared statements, each prepared once and reused for every batch
 * (preparing costs more than binding a row). Statement texts are constants of this package,
 * never built from input. Used by one thread.
 */
final class Statements implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Statements.class.getName());

    private final Connection connection;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    Statements(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
    }

    Connection connection() {
        return connection;
    }

    PreparedStatement get(String sql) throws SQLException {
        PreparedStatement ps = prepared.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            prepared.put(sql, ps);
        }
        return ps;
    }

    void commit() throws SQLException {
        connection.commit();
    }

    /** Rolls back what this transaction did; quiet, since it runs after a failure. */
    void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "rollback failed", e);
        }
    }

    /** Closes the statements and gives the connection back to the pool; quiet. */
    @Override
    public void close() {
        for (PreparedStatement ps : prepared.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                LOG.log(Level.FINE, "closing a statement failed", e);
            }
        }
        prepared.clear();
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "closing a connection failed", e);
        }
    }
}
