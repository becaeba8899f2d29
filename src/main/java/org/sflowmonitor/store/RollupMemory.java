package org.sflowmonitor.store;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.sflowmonitor.ingest.EntitySample;

/**
 * The finest tier folded in memory from what the writer committed: per node, VM and interface
 * the bucket being filled and the sample before, and the buckets a later sample closed that
 * are not written yet; and the next coarser tier's bucket merged from the finest buckets as they
 * are written, so that the coarser tier need not read them back (reading back and sorting an
 * hour of a fleet's 5-minute rows cost more than all the rest of the rollup work).
 * {@link #memoryFrom()} is the first bucket from which memory saw every sample; what lies before
 * it is computed from raw samples, and coarser buckets from the finer rows.
 */
final class RollupMemory {

    /** Live state of an entity not heard from for this long is dropped. */
    private static final long FORGET_AFTER_MILLIS = TimeUnit.HOURS.toMillis(1);

    /** One committed batch: the samples and, per sample, the ids it was stored under (-1: not stored). */
    record Batch(List<EntitySample> samples, long[] hostIds, long[] vmIds) {
    }

    /** The samples of a batch that came after their bucket was written: how many, the earliest and the latest time. */
    static final class Late {
        int count;
        long earliest = Long.MAX_VALUE;
        long latest = Long.MIN_VALUE;

        private void add(long ts) {
            count++;
            earliest = Math.min(earliest, ts);
            latest = Math.max(latest, ts);
        }
    }

    private final long width;
    /** The next coarser tier's bucket width; 0: there is none. */
    private final long coarserWidth;
    private final Layout host = new Layout(RollupRows.HOST);
    private final Layout mib2 = new Layout(RollupRows.HOST_MIB2);
    private final Layout vm = new Layout(RollupRows.VM);
    private final Layout interfaces = new Layout(RollupRows.INTERFACE);
    private final Map<RollupLayout<?>, Layout> byTable = new IdentityHashMap<>();
    private long memoryFrom;
    /** The latest bucket a loss made memory incomplete before ({@link #completeFrom}). */
    private long lostFrom = Long.MIN_VALUE;

    /**
     * @param width        the finest tier's bucket width
     * @param coarserWidth the next tier's (0: none), whose buckets memory merges from the finest ones it writes
     * @param now          when the job starts
     */
    RollupMemory(long width, long coarserWidth, long now) {
        this.width = width;
        this.coarserWidth = coarserWidth;
        for (Layout l : List.of(host, mib2, vm, interfaces)) {
            byTable.put(l.layout, l);
        }
        // the first buckets in which every entity's sample before is also in memory
        this.memoryFrom = EntityRollup.bucketStart(now + RollupJob.LOOKBACK_MILLIS, width) + width;
    }

    /** The first bucket memory holds completely. */
    long memoryFrom() {
        return memoryFrom;
    }

    /** Memory lost samples (a refused batch, a failed write): the buckets before {@code bucket} come from raw samples. */
    void completeFrom(long bucket) {
        memoryFrom = Math.max(memoryFrom, bucket);
        lostFrom = Math.max(lostFrom, bucket);
    }

    /**
     * No sample stored before the start lies in {@code startBucket} (the start's) or in the
     * look-back before it: memory saw every sample of that bucket and of the later ones, and the
     * sample before each entity's first, so it holds them all but those it lost since.
     */
    void completeFromStart(long startBucket) {
        memoryFrom = Math.max(startBucket, lostFrom);
    }

    /** Folds a batch in; returns those of its samples that fall before {@code closedUntil} (late: already written). */
    Late feed(Batch batch, long closedUntil) {
        Late late = new Late();
        for (int i = 0; i < batch.samples().size(); i++) {
            long hostId = batch.hostIds()[i];
            if (hostId < 0) {
                continue;
            }
            EntitySample s = batch.samples().get(i);
            if (s instanceof EntitySample.NodeSample n) {
                if (RollupRows.HOST.samples().hasRow(n)) {
                    host.add(late, hostId, 0, hostId, n.receivedAt(), RollupRows.HOST.values(n, host.values),
                            closedUntil);
                }
                if (RollupRows.HOST_MIB2.samples().hasRow(n)) {
                    mib2.add(late, hostId, 0, hostId, n.receivedAt(), RollupRows.HOST_MIB2.values(n, mib2.values),
                            closedUntil);
                }
            } else if (s instanceof EntitySample.VmSample v) {
                long vmId = batch.vmIds()[i];
                if (vmId >= 0 && RollupRows.VM.samples().hasRow(v)) {
                    vm.add(late, vmId, 0, hostId, v.receivedAt(), RollupRows.VM.values(v, vm.values), closedUntil);
                }
            } else if (s instanceof EntitySample.InterfaceSample f) {
                interfaces.add(late, hostId, f.ifIndex(), hostId, f.receivedAt(),
                        RollupRows.INTERFACE.values(f, interfaces.values), closedUntil);
            }
        }
        return late;
    }

    /**
     * One rollup table's entities in memory, a slot each: per slot whether the entity is live, its
     * sample before and its open bucket; its bucket of the next coarser tier (kept when the entity
     * is forgotten, until it is taken); the buckets closed and not written yet; room for one
     * sample's values and point. Folding a sample allocates nothing.
     */
    private final class Layout {
        /** Per slot: 1 while the entity is live, the time and node of its sample before, then that sample's values. */
        private static final int LIVE = 0;
        private static final int PREV_TS = 1;
        private static final int PREV_HOST = 2;
        private static final int PREV_VALUES = 3;

        final RollupLayout<?> layout;
        final RollupSlots slots = new RollupSlots();
        final ChunkedRows<long[]> before;
        /** Per slot the bucket being filled. */
        final BucketColumns open;
        /** Buckets a later sample of their entity closed, in that order, not taken yet. */
        final BucketColumns finished;
        /** Per slot its bucket of the next coarser tier, merged from the finest buckets taken so far. */
        final BucketColumns coarser;
        /** Coarser buckets a later finest bucket of their entity closed, not taken yet. */
        final BucketColumns coarserFinished;
        final long[] values;
        final long[] prev;
        final double[] point;

        Layout(RollupLayout<?> layout) {
            this.layout = layout;
            int valueCount = layout.valueCount();
            int measures = layout.measures().size();
            this.before = new ChunkedRows<>(long[]::new, PREV_VALUES + valueCount,
                    ChunkedRows.rowBits(PREV_VALUES + valueCount));
            this.open = new BucketColumns(measures);
            this.finished = new BucketColumns(measures);
            this.coarser = new BucketColumns(measures);
            this.coarserFinished = new BucketColumns(measures);
            this.values = new long[valueCount];
            this.prev = new long[valueCount];
            this.point = new double[measures];
        }

        /** {@link EntityRollup#add} on the entity's slot, which is made when it has none. */
        void add(Late late, long id, long sub, long hostId, long ts, long[] sampleValues, long closedUntil) {
            int slot = slots.find(id, sub);
            if (slot < 0) {
                slot = slots.add(id, sub);
            }
            long[] b = before.chunk(slot);
            int at = before.at(slot);
            boolean live = b[at + LIVE] != 0;
            if (!live || ts > b[at + PREV_TS]) {
                long start = EntityRollup.bucketStart(ts, width);
                if (open.isOpen(slot) && open.start(slot) != start) {
                    finished.append(open, slot);
                    open.close(slot);
                }
                if (!open.isOpen(slot)) {
                    open.open(slot, id, sub, start);
                }
                boolean comparable = false;
                if (live) {
                    System.arraycopy(b, at + PREV_VALUES, prev, 0, prev.length);
                    comparable = layout.comparable(b[at + PREV_TS], b[at + PREV_HOST], prev, ts, hostId, sampleValues);
                }
                layout.point(comparable ? prev : null, b[at + PREV_TS], ts, sampleValues, point);
                open.add(slot, point, hostId);
                b[at + LIVE] = 1;
                b[at + PREV_TS] = ts;
                b[at + PREV_HOST] = hostId;
                System.arraycopy(sampleValues, 0, b, at + PREV_VALUES, prev.length);
            }
            if (ts < closedUntil) {
                late.add(ts);
            }
        }

        boolean live(int slot) {
            return before.reaches(slot) && before.chunk(slot)[before.at(slot) + LIVE] != 0;
        }

        /** Time of the live entity's newest sample. */
        long lastTs(int slot) {
            return before.chunk(slot)[before.at(slot) + PREV_TS];
        }

        /** The live entity of {@code slot} is forgotten, its open bucket with it. */
        void forget(int slot) {
            open.close(slot);
            before.chunk(slot)[before.at(slot) + LIVE] = 0;
            freeIfEmpty(slot);
        }

        /** Merges finest bucket {@code row} of {@code from}, later than the entity's merged before, into its coarser one. */
        void mergeCoarser(BucketColumns from, int row) {
            long id = from.id(row);
            long sub = from.sub(row);
            int slot = slots.find(id, sub);
            if (slot < 0) {
                slot = slots.add(id, sub);
            }
            long start = EntityRollup.bucketStart(from.start(row), coarserWidth);
            if (coarser.isOpen(slot) && coarser.start(slot) != start) {
                coarserFinished.append(coarser, slot);
                coarser.close(slot);
            }
            if (!coarser.isOpen(slot)) {
                coarser.open(slot, id, sub, start);
            }
            coarser.merge(slot, from, row);
        }

        /** Gives the slot away once it holds neither a live entity nor a coarser bucket. */
        void freeIfEmpty(int slot) {
            if (!live(slot) && !coarser.isOpen(slot)) {
                slots.remove(slot);
            }
        }
    }

    /**
     * The buckets in [from, till) memory holds, taken out of it to be written; those before
     * {@code from} are dropped. Each one taken is also
     * merged into its entity's bucket of the next coarser tier (see {@link #takeCoarser}).
     */
    BucketColumns take(RollupLayout<?> layout, long from, long till) {
        Layout l = byTable.get(layout);
        BucketColumns out = new BucketColumns(layout.measures().size());
        l.finished.moveBefore(till, from, out);
        l.open.closeBefore(l.slots.end(), till, from, out);
        if (coarserWidth > 0) {
            for (int row = 0; row < out.size(); row++) {
                l.mergeCoarser(out, row);
            }
        }
        return out;
    }

    /**
     * The buckets of the next coarser tier in [from, till) merged from the finest buckets taken
     * so far, taken out of memory; those before {@code till} are dropped. They are whole only when memory saw those buckets from their start
     * ({@link #memoryFrom()} not after {@code from}): every finest bucket from there on was
     * written from memory, so through {@link #take}.
     */
    BucketColumns takeCoarser(RollupLayout<?> layout, long from, long till) {
        Layout l = byTable.get(layout);
        BucketColumns out = new BucketColumns(layout.measures().size());
        l.coarserFinished.moveBefore(till, from, out);
        l.coarser.closeBefore(l.slots.end(), till, from, out);
        for (int slot = 0; slot < l.slots.end(); slot++) {
            if (l.slots.used(slot)) {
                l.freeIfEmpty(slot);
            }
        }
        return out;
    }

    /**
     * After the buckets before {@code till} were written: drops the entities quiet for long, and
     * the closed buckets before {@code closedUntil} (written from raw samples instead).
     */
    void forget(long till, long closedUntil) {
        for (Layout l : byTable.values()) {
            for (int slot = 0; slot < l.slots.end(); slot++) {
                if (!l.live(slot) || l.lastTs(slot) >= till - FORGET_AFTER_MILLIS) {
                    continue;
                }
                if (l.open.isOpen(slot) && l.open.start(slot) < till) {
                    l.open.close(slot); // as EntityRollup.closeBefore: dropped, the entity kept
                    continue;
                }
                l.forget(slot);
            }
            l.finished.moveBefore(closedUntil, Long.MAX_VALUE, null);
        }
    }
}
