package org.sflowmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The buckets the job computes from the database: those of the finest tier from the raw
 * samples (catch-up), entity by entity through the (entity, ts) indexes, and those of a coarser
 * tier merged from the finer tier's rows. Both fold through {@link EntityRollup}, as memory does.
 */
final class RollupSources {

    private RollupSources() {
    }

    /** The buckets in [from, till) computed from raw samples, entity by entity. */
    static List<Bucket> fromRaw(Connection c, RollupLayout<?> layout, long width, long from, long till)
            throws SQLException {
        List<Bucket> out = new ArrayList<>();
        if (from >= till) {
            return out;
        }
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(layout.entities())) {
            Parameters.of(ps).add(till);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(layout.raw())) {
            for (long id : ids) {
                Parameters.of(ps).add(id).add(from - RollupJob.LOOKBACK_MILLIS).add(till);
                List<SampleValues> run = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        SampleValues s = layout.readRaw(rs, id);
                        if (!run.isEmpty() && run.get(0).sub() != s.sub()) {
                            out.addAll(bucketsOf(layout, width, from, run));
                            run.clear();
                        }
                        run.add(s);
                    }
                }
                if (!run.isEmpty()) {
                    out.addAll(bucketsOf(layout, width, from, run));
                }
            }
        }
        c.commit();
        return out;
    }

    /** One entity's buckets from {@code from} on, the samples before it serving only for rates. */
    private static List<Bucket> bucketsOf(RollupLayout<?> layout, long width, long from, List<SampleValues> run) {
        SampleValues before = null;
        int first = 0;
        while (first < run.size() && run.get(first).ts() < from) {
            before = run.get(first++);
        }
        return EntityRollup.buckets(layout, width, before, run.subList(first, run.size()));
    }

    /** The buckets of {@code width} in [from, till), each merged from the finer rows inside it. */
    static List<Bucket> merged(Connection c, RollupLayout<?> layout, long finerWidth, long width, long from,
                               long till) throws SQLException {
        List<Bucket> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(layout.finer())) {
            Parameters.of(ps).add(finerWidth).add(from).add(till);
            List<Bucket> run = new ArrayList<>();
            long runStart = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Bucket b = layout.readBucket(rs);
                    long start = EntityRollup.bucketStart(b.start, width);
                    if (!run.isEmpty() && (run.get(0).id != b.id || run.get(0).sub != b.sub || runStart != start)) {
                        out.add(EntityRollup.merge(layout, runStart, run));
                        run.clear();
                    }
                    runStart = start;
                    run.add(b);
                }
            }
            if (!run.isEmpty()) {
                out.add(EntityRollup.merge(layout, runStart, run));
            }
        }
        c.commit();
        return out;
    }
}
