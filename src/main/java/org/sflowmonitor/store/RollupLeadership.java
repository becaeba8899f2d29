package org.sflowmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * Which of the collectors writing into one PostgreSQL database writes the rollups: the one whose
 * rollup job holds a session advisory lock, on a connection it keeps for that. When its process
 * ends or its connection breaks, the server releases the lock (as it does when this job stops and
 * unlocks it) and another collector's job takes it at its next try. A job that does not hold it writes no rollup row; it only notes the
 * samples its writer stored after their bucket was due ({@link RollupStore#noteLate}).
 */
final class RollupLeadership implements AutoCloseable {

    /** The advisory lock's key, one per schema (as {@link Partitions}'), so that deployments in two schemas do not meet. */
    private static final String LOCK_KEY = "hashtext(current_schema() || '.sflow-monitor rollups')";
    private static final Logger LOG = Logger.getLogger(RollupLeadership.class.getName());

    private final DataSource dataSource;
    private Connection held;

    RollupLeadership(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether this job writes the rollups now: it holds the lock, or took it now. */
    boolean holds() {
        try {
            if (held != null && held.isValid(5)) {
                return true;
            }
            release();
            Connection c = dataSource.getConnection();
            boolean taken = false;
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                taken = rs.getBoolean(1);
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            } finally {
                if (!taken) {
                    c.close();
                }
            }
            if (taken) {
                held = c;
                LOG.info("this collector writes the rollups (it holds the rollup lock of the database)");
            }
            return taken;
        } catch (SQLException e) {
            LOG.log(Level.FINE, "the rollup lock could not be tried", e);
            release();
            return false;
        }
    }

    /** Gives the lock back: the connection goes back to the pool, whose session lives on, so it unlocks first. */
    private void release() {
        if (held == null) {
            return;
        }
        try (Connection c = held;
             PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(" + LOCK_KEY + ")")) {
            ps.executeQuery().close();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) { // a broken session released the lock when it ended
            LOG.log(Level.FINE, "closing the rollup lock's connection failed", e);
        }
        held = null;
    }

    @Override
    public void close() {
        release();
    }
}
