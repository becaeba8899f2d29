package org.sflowmonitor.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Which rollup work is due at a given time, and doing it: per tier how far its buckets are
 * written ({@code closedUntil}, read back from {@code rollup_progress} after a start); the
 * finest tier's due buckets closed from memory, or (what memory did not see from the start)
 * caught up from raw samples a chunk at a time; a coarser tier's due buckets merged from the
 * finer tier's rows once the finer tier has closed them; retention once a minute.
 * Beside other collectors on one PostgreSQL ({@link Others}) the finest tier's buckets that
 * another collector may have stored samples in are computed from raw samples too (memory holds
 * only what this collector stored), and the late samples they noted rewind the tiers.
 * One piece although over 300 lines: every step reads and moves the same per-tier progress
 * ({@code closedUntil}, the rewind, what is being written), and which step comes next depends on
 * all of it.
 */
final class RollupSchedule {

    /** The other collectors writing into the same database (PostgreSQL), this one named by {@code self} (null: unknown yet). */
    record Others(Supplier<String> self) {
        /** Whether another collector may have stored samples with times in [from, till). */
        boolean mayHaveStored(Connection c, long from, long till) throws SQLException {
            return Heartbeats.othersMayHaveStored(c, self.get(), from, till);
        }
    }

    private static final long CATCH_UP_CHUNK_MILLIS = TimeUnit.HOURS.toMillis(6);
    private static final long RETENTION_EVERY_MILLIS = TimeUnit.MINUTES.toMillis(1);

    private final List<RollupTier> tiers;
    private final long rawRetentionMillis;
    private final long graceMillis;
    private final RollupMemory memory;
    private final long[] closedUntil;
    /** While the finest tier's buckets up to here are being written: samples before it are late. */
    private long writing = Long.MIN_VALUE;
    private final CatchUpEntities catchUp;
    /** Null when this collector alone writes the database (H2). */
    private final Others others;
    private final AtomicLong[] rowsWritten;
    private boolean loaded;
    /** When the job started: this process stored every sample from then on and fed it to memory. */
    private final long startedAt;
    /**
     * Alone on H2, read at the first load: the latest time a sample stored before the start can
     * have (Long.MIN_VALUE: none stored; Long.MAX_VALUE: unknown). A catch-up range that starts a
     * look-back after it and ends before the start holds no raw sample, so nothing is read for it.
     */
    private long storedBeforeStartUntil = Long.MAX_VALUE;
    private boolean startChecked;
    /** The tier the last piece of work wrote; -1: none (retention, or nothing due). */
    private int lastWritten = -1;
    private long nextRetentionAt;
    /** The earliest late sample whose buckets are to be computed again; Long.MAX_VALUE: none. */
    private long rewindTo = Long.MAX_VALUE;
    /** How many batches brought late samples: one folded in during a piece keeps its rewind for the next. */
    private long lateBatches;

    /** @param tiers at least one, finest first; {@code now} when the job starts; {@code others} null when alone */
    RollupSchedule(List<RollupTier> tiers, long rawRetentionMillis, long graceMillis, long now, Others others) {
        this.tiers = tiers;
        this.others = others;
        this.startedAt = now;
        this.rawRetentionMillis = rawRetentionMillis;
        this.graceMillis = graceMillis;
        this.memory = new RollupMemory(tiers.get(0).widthMillis(), tiers.size() > 1 ? tiers.get(1).widthMillis() : 0,
                now);
        this.catchUp = new CatchUpEntities(graceMillis);
        this.closedUntil = new long[tiers.size()];
        this.rowsWritten = new AtomicLong[tiers.size()];
        for (int i = 0; i < rowsWritten.length; i++) {
            rowsWritten[i] = new AtomicLong();
        }
    }

    /**
     * Folds a committed batch into memory; returns how many of its samples came after their
     * bucket was written. Their raw rows are stored by then, so their buckets (and the next ones,
     * whose first rates may start from them) are computed again from the raw samples: the tiers
     * are rewound to the earliest of them at the next step, and memory does not answer for the
     * buckets up to the latest.
     */
    int fold(RollupMemory.Batch batch) {
        RollupMemory.Late late = memory.feed(batch, loaded ? Math.max(closedUntil[0], writing) : Long.MIN_VALUE);
        if (late.count > 0) {
            rewindTo = Math.min(rewindTo, late.earliest);
            lateBatches++;
            lost(late.latest);
        }
        return late.count;
    }

    /** Memory lost the samples up to {@code ts} (a batch the queue refused): their buckets come from raw samples. */
    void lost(long ts) {
        long width = tiers.get(0).widthMillis();
        memory.completeFrom(EntityRollup.bucketStart(ts + RollupJob.LOOKBACK_MILLIS, width) + width);
    }

    /**
     * Does the next piece of due work in {@code c}; returns whether there was any. A long piece
     * (a close of many entities, a catch-up) runs {@code between} every so often, which may
     * {@link #fold} what the writer committed meanwhile.
     */
    boolean next(Connection c, long now, Runnable between) throws SQLException {
        lastWritten = -1;
        if (!loaded) {
            load(c, now);
        }
        if (others != null) {
            lateElsewhere(c, now);
        }
        rewind(now);
        boolean rewound = rewindTo != Long.MAX_VALUE;
        long lateBefore = lateBatches;
        boolean worked = closeFinest(c, now, between);
        if (worked && rewound && lateBatches == lateBefore) {
            rewindTo = Long.MAX_VALUE; // kept until a write from there succeeded; a failed one reloads the progress
        }
        return worked || mergeCoarser(c, between) || retention(c, now);
    }

    /**
     * Moves each tier's progress back to the bucket of the earliest late sample, no further than
     * the first bucket whose raw samples all remain (a rewritten bucket without them would lose
     * its rows).
     */
    private void rewind(long now) {
        if (rewindTo == Long.MAX_VALUE) {
            return;
        }
        long width = tiers.get(0).widthMillis();
        long from = Math.max(EntityRollup.bucketStart(rewindTo, width),
                EntityRollup.bucketStart(now - rawRetentionMillis, width) + width);
        if (from >= closedUntil[0]) {
            rewindTo = Long.MAX_VALUE;
            return;
        }
        // memory gave the buckets up to closedUntil away when they were written: those come from raw samples too
        memory.completeFrom(closedUntil[0]);
        closedUntil[0] = from;
        for (int k = 1; k < tiers.size(); k++) {
            closedUntil[k] = Math.min(closedUntil[k], EntityRollup.bucketStart(from, tiers.get(k).widthMillis()));
        }
    }

    /**
     * Takes the other collectors' notes of late samples and rewinds the tiers to the earliest,
     * recording the rewound progress in the same transaction as the notes' deletion, so that a
     * job that stops before it wrote those buckets again leaves them to the next one.
     */
    private void lateElsewhere(Connection c, long now) throws SQLException {
        long earliest = RollupStore.takeLate(c);
        if (earliest != Long.MAX_VALUE) {
            rewindTo = Math.min(rewindTo, earliest);
            rewind(now);
            for (int i = 0; i < tiers.size(); i++) {
                RollupStore.saveProgress(c, tiers.get(i).widthMillis(), closedUntil[i]);
            }
        }
        c.commit();
    }

    /** Whether other collectors may write into the same database. */
    boolean shared() {
        return others != null;
    }

    /** The earliest late sample whose buckets are still to be computed again; Long.MAX_VALUE: none. */
    long pendingRewind() {
        return rewindTo;
    }

    /** A piece failed and was rolled back: what memory held for it is gone, so recompute it from raw samples. */
    void failed(long now) {
        long width = tiers.get(0).widthMillis();
        memory.completeFrom(EntityRollup.bucketStart(now, width) + width);
        loaded = false;
    }

    /** Per tier, the start of its first bucket not written yet. */
    long[] closedUntil() {
        return closedUntil.clone();
    }

    /** The tier the last {@link #next} wrote; -1: none. */
    int lastWritten() {
        return lastWritten;
    }

    long rowsWritten(int tier) {
        return rowsWritten[tier].get();
    }

    private void load(Connection c, long now) throws SQLException {
        long coarsest = tiers.get(tiers.size() - 1).widthMillis();
        // a first start rolls up the raw samples there are, as far as the finest tier keeps them
        long initial = EntityRollup.bucketStart(now - Math.min(rawRetentionMillis, tiers.get(0).retentionMillis()),
                coarsest);
        Map<Long, Long> stored = RollupStore.progress(c);
        for (int i = 0; i < tiers.size(); i++) {
            closedUntil[i] = stored.getOrDefault(tiers.get(i).widthMillis(), initial);
        }
        nextRetentionAt = now;
        loaded = true;
        if (others == null && !startChecked) {
            startChecked = true;
            storedBeforeStartUntil = RollupStore.newestStored(c, 2 * LatestCheckpoint.INTERVAL_MILLIS);
            long startBucket = EntityRollup.bucketStart(startedAt, tiers.get(0).widthMillis());
            if (storedBeforeStartUntil < startBucket - RollupJob.LOOKBACK_MILLIS) {
                memory.completeFromStart(startBucket);
            }
        }
    }

    /** Closes the finest tier's buckets that are due: from memory, or a chunk of them from raw samples. */
    private boolean closeFinest(Connection c, long now, Runnable between) throws SQLException {
        RollupTier tier = tiers.get(0);
        long width = tier.widthMillis();
        long due = EntityRollup.bucketStart(now - graceMillis, width);
        long from = closedUntil[0];
        if (from >= due) {
            return false;
        }
        long till;
        BucketSink.Source rows;
        // rates at the range's first samples may start from another collector's samples before it
        boolean othersStored = others != null && others.mayHaveStored(c, from - RollupJob.LOOKBACK_MILLIS, due);
        boolean fromRaw = from < memory.memoryFrom() || othersStored;
        if (fromRaw) {
            till = Math.min(due, Math.min(othersStored ? due : memory.memoryFrom(), from + chunk(width)));
            long rawFrom = Math.max(from, now - rawRetentionMillis);
            boolean nothingStored = !othersStored && till <= startedAt
                    && from - RollupJob.LOOKBACK_MILLIS > storedBeforeStartUntil;
            rows = nothingStored ? (layout, sink) -> { }
                    : (layout, sink) -> RollupSources.fromRaw(c, layout, width, rawFrom, till,
                    catchUp.before(c, layout.entityTable(), till, now), sink, between);
        } else {
            till = due;
            catchUp.clear();
            Map<RollupLayout<?>, BucketColumns> taken = new IdentityHashMap<>();
            for (RollupLayout<?> layout : RollupRows.ALL) {
                taken.put(layout, memory.take(layout, from, till));
            }
            rows = fromMemory(taken);
        }
        writing = till;
        try {
            write(c, 0, from, till, rows, between);
        } finally {
            writing = Long.MIN_VALUE;
        }
        if (fromRaw) {
            // memory's coarser buckets lack these: the coarser tier merges them from the rows
            memory.completeFrom(till);
        }
        memory.forget(till, closedUntil[0]);
        return true;
    }

    /**
     * Merges the due buckets (at most a chunk) of the first coarser tier that has some: the next
     * tier's from memory when memory wrote every finest bucket inside them, else from the finer
     * tier's rows.
     */
    private boolean mergeCoarser(Connection c, Runnable between) throws SQLException {
        for (int k = 1; k < tiers.size(); k++) {
            long width = tiers.get(k).widthMillis();
            long due = EntityRollup.bucketStart(closedUntil[k - 1], width);
            long from = closedUntil[k];
            if (from >= due) {
                continue;
            }
            long till = Math.min(due, from + chunk(width));
            long finer = tiers.get(k - 1).widthMillis();
            BucketSink.Source rows = (layout, sink) -> RollupSources.merged(c, layout, finer, width, from, till, sink);
            if (k == 1) {
                // taken in any case: memory keeps no coarser bucket before till
                Map<RollupLayout<?>, BucketColumns> merged = new IdentityHashMap<>();
                for (RollupLayout<?> layout : RollupRows.ALL) {
                    merged.put(layout, memory.takeCoarser(layout, from, till));
                }
                if (memory.memoryFrom() <= from) {
                    rows = fromMemory(merged);
                }
            }
            write(c, k, from, till, rows, between);
            return true;
        }
        return false;
    }

    private static BucketSink.Source fromMemory(Map<RollupLayout<?>, BucketColumns> taken) {
        return (layout, sink) -> taken.remove(layout).writeTo(sink);
    }

    /** How much of a tier one step handles at most: a whole number of buckets. */
    private static long chunk(long width) {
        return Math.max(width, CATCH_UP_CHUNK_MILLIS / width * width);
    }

    /** Replaces tier {@code k}'s buckets in [from, till) by {@code rows}, then records the progress. */
    private void write(Connection c, int k, long from, long till, BucketSink.Source rows, Runnable between)
            throws SQLException {
        lastWritten = k;
        long written = RollupStore.replace(c, tiers.get(k).widthMillis(), from, till, rows, between);
        closedUntil[k] = till;
        rowsWritten[k].addAndGet(written);
    }

    /** Applies each tier's retention, a day of buckets per step, once a minute. */
    private boolean retention(Connection c, long now) throws SQLException {
        if (now < nextRetentionAt) {
            return false;
        }
        boolean more = RollupStore.expire(c, tiers, now);
        if (!more) {
            nextRetentionAt = now + RETENTION_EVERY_MILLIS;
        }
        return more;
    }
}
