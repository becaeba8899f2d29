package org.sflowmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * Keeps a {@link LatestState} up to date with what other instances write into the same
 * database: a thread that every {@link #PERIOD_MILLIS} reads the rows of the latest tables (and
 * the node rows) that other transactions wrote since its last read and merges them in. On
 * PostgreSQL those rows are found by their xmin against the previous read's snapshot, leaving out
 * this instance's writer's own transactions ({@link OwnTransactions}), so that a lone
 * collector reads next to nothing; elsewhere (an instance without a writer on H2) it reads every
 * row. The first read reads every row and marks the state loaded.
 */
public final class LatestRefresh implements AutoCloseable {

    static final long PERIOD_MILLIS = 1_000;
    private static final Logger LOG = Logger.getLogger(LatestRefresh.class.getName());

    private final DataSource dataSource;
    private final LatestState state;
    private final PeriodicThread thread;
    /** The snapshot xmin (64-bit transaction id) of the last read on PostgreSQL; null before the first. */
    private Long since;

    /** A refresh not yet started (tests call {@link #refreshOnce}). */
    LatestRefresh(DataSource dataSource, LatestState state) {
        this.dataSource = dataSource;
        this.state = state;
        this.thread = new PeriodicThread("sflow-latest-refresh", 0, PERIOD_MILLIS, this::refresh);
    }

    /**
     * Starts refreshing {@code state} when something else than this instance's writer may write
     * the tables: always without a writer ({@code writes} false), on PostgreSQL with one (several
     * collectors may share it); null when there is nothing to refresh (H2 with this writer: its
     * file admits one writing process).
     */
    public static LatestRefresh startIfShared(DataSource dataSource, LatestState state, boolean writes)
            throws SQLException {
        if (writes) {
            try (Connection c = dataSource.getConnection()) {
                if (Dialect.of(c) != Dialect.POSTGRESQL) {
                    return null;
                }
            }
        }
        LatestRefresh refresh = new LatestRefresh(dataSource, state);
        refresh.thread.start();
        return refresh;
    }

    private void refresh() {
        try (Connection c = dataSource.getConnection()) {
            refreshOnce(c);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "refreshing the latest state failed; next try in " + PERIOD_MILLIS + " ms", e);
        }
    }

    /** One read of what changed since the last. */
    void refreshOnce(Connection c) throws SQLException {
        if (Dialect.of(c) != Dialect.POSTGRESQL) {
            state.refresh(c, LatestRows.Changes.ALL);
            return;
        }
        long xmin;
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            xmin = rs.getLong(1);
        }
        state.refresh(c, since == null ? LatestRows.Changes.ALL
                : new LatestRows.Changes(since & 0xFFFF_FFFFL, state.ownTransactions().from(since)));
        since = xmin;
    }

    @Override
    public void close() {
        thread.stop(10_000);
    }
}
