package org.sflowmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * Deletes samples older than retention.days in the background. On PostgreSQL, whose sample tables
 * are partitioned by day, it drops the partitions of the days wholly before the cutoff (so a day
 * is kept up to a day longer than retention.days) and creates those of the days ahead
 * ({@link Partitions}). On H2 it goes entity by entity and
 * deletes at most {@link #STEP_MILLIS} of one entity's history per statement (found through
 * the (entity, ts) indexes), committing each, and rests as long as it worked, so ingest keeps
 * most of the machine. Plain SQL, no LIMIT on DELETE (PostgreSQL has none). Hosts and VMs
 * themselves are kept: the writer holds their ids.
 */
public final class Retention implements AutoCloseable {

    /** The most history of one entity one DELETE removes. */
    static final long STEP_MILLIS = TimeUnit.HOURS.toMillis(1);
    private static final long PASS_INTERVAL_MILLIS = TimeUnit.MINUTES.toMillis(10);
    /** Keeps the first pass, which reads every entity id, out of the way of the writer's load at start-up. */
    private static final long FIRST_PASS_DELAY_MILLIS = TimeUnit.MINUTES.toMillis(1);
    private static final Logger LOG = Logger.getLogger(Retention.class.getName());

    /** A table of samples and the column naming its entity; each has an index on (column, ts). */
    private record Target(String entities, String oldest, String delete) {
        static Target of(String entityTable, String sampleTable, String column) {
            // an entity first seen after the cutoff has no sample older than it
            return new Target("SELECT id FROM " + entityTable + " WHERE first_seen < ? ORDER BY id",
                    "SELECT MIN(ts) FROM " + sampleTable + " WHERE " + column + " = ?",
                    "DELETE FROM " + sampleTable + " WHERE " + column + " = ? AND ts < ?");
        }
    }

    private static final List<Target> TARGETS = List.of(
            Target.of("host", "host_sample", "host_id"),
            Target.of("host", "host_mib2_sample", "host_id"),
            Target.of("host", "interface_sample", "host_id"),
            Target.of("vm", "vm_sample", "vm_id"));

    private final DataSource dataSource;
    private final long retentionMillis;
    private final LatestState latest;
    private final PeriodicThread thread;

    public Retention(DataSource dataSource, int retentionDays) {
        this(dataSource, retentionDays, null);
    }

    /** A retention whose passes also make {@code latest} (null: none) forget what they deleted. */
    public Retention(DataSource dataSource, int retentionDays, LatestState latest) {
        this.dataSource = dataSource;
        this.latest = latest;
        this.retentionMillis = TimeUnit.DAYS.toMillis(retentionDays);
        this.thread = new PeriodicThread("sflow-retention", FIRST_PASS_DELAY_MILLIS, PASS_INTERVAL_MILLIS, this::pass);
    }

    public Retention start() {
        thread.start();
        return this;
    }

    private void pass() {
        try {
            long deleted = deleteOlderThan(System.currentTimeMillis() - retentionMillis);
            if (deleted > 0) {
                LOG.info("retention: deleted " + deleted + " samples older than " + retentionMillis / 86_400_000L
                        + " days");
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "retention pass failed; next try in " + PASS_INTERVAL_MILLIS / 60_000
                    + " minutes", e);
        }
    }

    /**
     * One pass: deletes the samples older than {@code cutoff} (epoch ms), on PostgreSQL those of
     * the partitions wholly before it; returns how many.
     */
    long deleteOlderThan(long cutoff) throws SQLException {
        long deleted = 0;
        try (Connection c = dataSource.getConnection()) {
            boolean partitioned = Dialect.of(c) == Dialect.POSTGRESQL;
            if (partitioned) {
                Partitions.createAhead(dataSource, System.currentTimeMillis());
                deleted = Partitions.dropOlderThan(dataSource, cutoff);
            }
            c.setAutoCommit(false);
            for (Target target : partitioned ? List.<Target>of() : TARGETS) {
                long[] ids = ids(c, target.entities(), cutoff);
                try (PreparedStatement oldest = c.prepareStatement(target.oldest());
                     PreparedStatement delete = c.prepareStatement(target.delete())) {
                    for (int i = 0; i < ids.length && thread.running(); i++) {
                        deleted += deleteOlderThan(c, oldest, delete, ids[i], cutoff);
                    }
                }
            }
            forgetLatestOlderThan(c, cutoff);
        }
        if (latest != null) {
            latest.forgetOlderThan(cutoff);
        }
        return deleted;
    }

    /** The latest tables hold no sample the sample tables no longer have (one statement each: a row per entity). */
    private static void forgetLatestOlderThan(Connection c, long cutoff) throws SQLException {
        for (LatestTable table : LatestTable.values()) {
            for (String sql : List.of(table.deleteOlderThan(), table.forgetPreviousOlderThan())) {
                try (PreparedStatement st = c.prepareStatement(sql)) {
                    Parameters.of(st).add(cutoff);
                    st.executeUpdate();
                }
            }
            c.commit();
        }
    }

    private long deleteOlderThan(Connection c, PreparedStatement oldest, PreparedStatement delete, long id,
                                 long cutoff) throws SQLException {
        long deleted = 0;
        while (thread.running()) {
            Parameters.of(oldest).add(id);
            long from;
            try (ResultSet rs = oldest.executeQuery()) {
                rs.next();
                from = rs.getLong(1);
                if (rs.wasNull() || from >= cutoff) {
                    c.commit();
                    return deleted;
                }
            }
            long started = System.nanoTime();
            Parameters.of(delete).add(id).add(Math.min(cutoff, from + STEP_MILLIS));
            deleted += delete.executeUpdate();
            c.commit();
            thread.rest(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
        return deleted;
    }

    private static long[] ids(Connection c, String sql, long cutoff) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            Parameters.of(st).add(cutoff);
            return ids(c, st);
        }
    }

    private static long[] ids(Connection c, PreparedStatement st) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            long[] ids = new long[64];
            int n = 0;
            while (rs.next()) {
                if (n == ids.length) {
                    ids = java.util.Arrays.copyOf(ids, n * 2);
                }
                ids[n++] = rs.getLong(1);
            }
            c.commit();
            return java.util.Arrays.copyOf(ids, n);
        }
    }

    /** Stops after the current statement; returns once the thread has ended. */
    @Override
    public void close() {
        thread.stop(30_000);
    }
}
