package org.sflowmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The buckets the job computes from the database: those of the finest tier from the raw
 * samples (catch-up), entity by entity through the (entity, ts) indexes, and those of a coarser
 * tier merged from the finer tier's rows. Both fold through {@link EntityRollup}, as memory does,
 * and hand each bucket to a sink as soon as it is complete.
 */
final class RollupSources {

    /** How many entities one query of a catch-up reads. */
    private static final int ENTITIES_PER_QUERY = 100;
    /** How many queries a catch-up runs between two calls of its {@code between}. */
    private static final int QUERIES_BETWEEN = 10;

    private RollupSources() {
    }

    /**
     * The buckets in [from, till) computed from the raw samples of the entities {@code ids},
     * {@value #ENTITIES_PER_QUERY} entities a query; {@code between} runs every
     * {@value #QUERIES_BETWEEN} queries.
     */
    static void fromRaw(Connection c, RollupLayout<?> layout, long width, long from, long till, long[] ids,
                        BucketSink sink, Runnable between) throws SQLException {
        if (from >= till) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(layout.raw())) {
            for (int q = 0; q * ENTITIES_PER_QUERY < ids.length; q++) {
                long[] some = Arrays.copyOfRange(ids, q * ENTITIES_PER_QUERY,
                        Math.min(ids.length, (q + 1) * ENTITIES_PER_QUERY));
                Parameters.of(ps).add(some).add(from - RollupJob.LOOKBACK_MILLIS).add(till);
                List<SampleValues> run = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        SampleValues s = layout.readRaw(rs);
                        if (!run.isEmpty() && (run.get(0).id() != s.id() || run.get(0).sub() != s.sub())) {
                            bucketsOf(layout, width, from, run, sink);
                            run.clear();
                        }
                        run.add(s);
                    }
                }
                if (!run.isEmpty()) {
                    bucketsOf(layout, width, from, run, sink);
                }
                if (q % QUERIES_BETWEEN == QUERIES_BETWEEN - 1) {
                    between.run();
                }
            }
        }
    }

    /** One entity's buckets from {@code from} on, the samples before it serving only for rates. */
    private static void bucketsOf(RollupLayout<?> layout, long width, long from, List<SampleValues> run,
                                  BucketSink sink) throws SQLException {
        SampleValues before = null;
        int first = 0;
        while (first < run.size() && run.get(first).ts() < from) {
            before = run.get(first++);
        }
        for (Bucket b : EntityRollup.buckets(layout, width, before, run.subList(first, run.size()))) {
            sink.accept(b);
        }
    }

    /** The buckets of {@code width} in [from, till), each merged from the finer rows inside it. */
    static void merged(Connection c, RollupLayout<?> layout, long finerWidth, long width, long from, long till,
                       BucketSink sink) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(layout.finer())) {
            Parameters.of(ps).add(finerWidth).add(from).add(till);
            List<Bucket> run = new ArrayList<>();
            long runStart = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Bucket b = layout.readBucket(rs);
                    long start = EntityRollup.bucketStart(b.start, width);
                    if (!run.isEmpty() && (run.get(0).id != b.id || run.get(0).sub != b.sub || runStart != start)) {
                        sink.accept(EntityRollup.merge(layout, runStart, run));
                        run.clear();
                    }
                    runStart = start;
                    run.add(b);
                }
            }
            if (!run.isEmpty()) {
                sink.accept(EntityRollup.merge(layout, runStart, run));
            }
        }
    }
}
