package org.sflowmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the job writes: a tier's range of buckets replaced by the computed ones, then the tier's
 * progress ({@code rollup_progress}), the progress read back after a restart, and each tier's
 * retention. The rows are committed a batch at a time: H2 commits a transaction by visiting
 * every row it wrote, and those of a million-row close had left its page cache by then, so the
 * commit read them back from the file (45 % of a close's CPU). A restart before the progress is
 * written computes the range again and replaces it, rows written or not: the same rows.
 */
final class RollupStore {

    private RollupStore() {
    }

    /** Per bucket width the stored closed_until. */
    static Map<Long, Long> progress(Connection c) throws SQLException {
        Map<Long, Long> stored = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT width_ms, closed_until FROM rollup_progress");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                stored.put(rs.getLong(1), rs.getLong(2));
            }
        }
        c.commit();
        return stored;
    }

    /**
     * H2 only (its writer alone stores samples): the latest time a raw sample stored so far can
     * have, read from the latest tables, whose node and VM rows lag the samples by up to
     * {@code lagMillis} after a crash; Long.MIN_VALUE when no sample is stored, Long.MAX_VALUE
     * when it cannot tell (samples stored but no latest rows written yet).
     */
    static long newestStored(Connection c, long lagMillis) throws SQLException {
        long newest = Long.MIN_VALUE;
        try (var st = c.createStatement()) {
            for (LatestTable t : LatestTable.values()) {
                try (ResultSet rs = st.executeQuery("SELECT MAX(ts) FROM " + t.table())) {
                    rs.next();
                    long ts = rs.getLong(1);
                    if (!rs.wasNull()) {
                        newest = Math.max(newest, ts);
                    }
                }
            }
            if (newest == Long.MIN_VALUE) {
                for (RollupLayout<?> layout : RollupRows.ALL) {
                    try (ResultSet rs = st.executeQuery("SELECT 1 FROM " + layout.samples().table() + " LIMIT 1")) {
                        if (rs.next()) {
                            newest = Long.MAX_VALUE;
                        }
                    }
                }
            }
        }
        c.commit();
        return newest == Long.MIN_VALUE || newest == Long.MAX_VALUE ? newest : newest + lagMillis;
    }

    /** How many rows an insert batch (and its transaction) holds; {@code between} runs after each. */
    private static final int ROWS_PER_BATCH = 1_000;

    /**
     * Replaces the buckets of {@code width} in [from, till) by those {@code source} computes (per
     * layout), then records the progress; returns the rows written. The rows go to the database
     * and are committed in batches as they come, {@code between} running after each batch.
     */
    static long replace(Connection c, long width, long from, long till, BucketSink.Source source, Runnable between)
            throws SQLException {
        long written = 0;
        for (RollupLayout<?> layout : RollupRows.ALL) {
            try (PreparedStatement delete = c.prepareStatement(layout.delete())) {
                Parameters.of(delete).add(width).add(from).add(till);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(layout.insert())) {
                long[] pending = {0};
                source.write(layout, b -> {
                    layout.bind(insert, width, b);
                    insert.addBatch();
                    if (++pending[0] % ROWS_PER_BATCH == 0) {
                        insert.executeBatch();
                        c.commit();
                        between.run();
                    }
                });
                if (pending[0] % ROWS_PER_BATCH != 0) {
                    insert.executeBatch();
                }
                written += pending[0];
            }
        }
        saveProgress(c, width, till);
        c.commit();
        return written;
    }

    /** Records that the buckets of {@code width} are written up to {@code closedUntil} (not committed). */
    static void saveProgress(Connection c, long width, long closedUntil) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE rollup_progress SET closed_until = ? WHERE width_ms = ?")) {
            Parameters.of(update).add(closedUntil).add(width);
            if (update.executeUpdate() == 0) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO rollup_progress (width_ms, closed_until) VALUES (?, ?)")) {
                    Parameters.of(insert).add(width).add(closedUntil);
                    insert.executeUpdate();
                }
            }
        }
    }

    /**
     * Notes (and commits) that this collector stored samples from {@code earliest} on after their
     * bucket was due, for the job that writes the rollups (that of another collector).
     */
    static void noteLate(Connection c, long earliest) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rollup_late (earliest) VALUES (?)")) {
            Parameters.of(ps).add(earliest);
            ps.executeUpdate();
        }
        c.commit();
    }

    /**
     * Takes the notes of late samples (PostgreSQL: deletes them in the caller's transaction, which
     * must record the rewound progress before it commits); the earliest time, or Long.MAX_VALUE.
     */
    static long takeLate(Connection c) throws SQLException {
        long earliest = Long.MAX_VALUE;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM rollup_late RETURNING earliest");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                earliest = Math.min(earliest, rs.getLong(1));
            }
        }
        return earliest;
    }

    /**
     * The start of a tier's oldest bucket (the tier's width a parameter), from the first entry of
     * the (width, start) index: H2 reads every row of the tier for MIN(bucket_start), and this
     * runs once a minute.
     */
    static String oldestBucket(RollupLayout<?> layout) {
        return "SELECT " + RollupLayout.START + " FROM " + layout.table() + " WHERE " + RollupLayout.WIDTH
                + " = ? ORDER BY " + RollupLayout.WIDTH + ", " + RollupLayout.START + " FETCH FIRST 1 ROWS ONLY";
    }

    /** Deletes, per tier, at most a day of buckets older than its retention; returns whether older ones remain. */
    static boolean expire(Connection c, List<RollupTier> tiers, long now) throws SQLException {
        boolean more = false;
        for (RollupTier tier : tiers) {
            long cutoff = now - tier.retentionMillis();
            for (RollupLayout<?> layout : RollupRows.ALL) {
                long oldest;
                try (PreparedStatement ps = c.prepareStatement(oldestBucket(layout))) {
                    Parameters.of(ps).add(tier.widthMillis());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            continue;
                        }
                        oldest = rs.getLong(1);
                        if (oldest >= cutoff) {
                            continue;
                        }
                    }
                }
                long bound = Math.min(cutoff, oldest + TimeUnit.DAYS.toMillis(1));
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + layout.table() + " WHERE "
                        + RollupLayout.WIDTH + " = ? AND " + RollupLayout.START + " < ?")) {
                    Parameters.of(ps).add(tier.widthMillis()).add(bound);
                    ps.executeUpdate();
                }
                more |= bound < cutoff;
            }
        }
        c.commit();
        return more;
    }
}
