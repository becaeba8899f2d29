package org.sflowmonitor.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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

    private record Key(long id, long sub) {
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
     * One rollup table's entities in memory: each one's open bucket and sample before, the
     * buckets closed and not written yet, and room for one sample's values and point.
     */
    private final class Layout {
        final RollupLayout<?> layout;
        final RollupEntities live = new RollupEntities();
        final List<Bucket> finished = new ArrayList<>();
        /** Per entity its bucket of the next coarser tier, merged from the finest buckets taken so far. */
        final Map<Key, Bucket> coarser = new HashMap<>();
        /** Coarser buckets a later finest bucket of their entity closed, not taken yet. */
        final List<Bucket> coarserFinished = new ArrayList<>();
        final long[] values;
        final double[] point;

        Layout(RollupLayout<?> layout) {
            this.layout = layout;
            this.values = new long[layout.valueCount()];
            this.point = new double[layout.measures().size()];
        }

        void add(Late late, long id, long sub, long hostId, long ts, long[] sampleValues, long closedUntil) {
            EntityRollup e = live.find(id, sub);
            if (e == null) {
                e = new EntityRollup(layout, width, null);
                live.put(id, sub, e);
            }
            Bucket closed = e.add(id, sub, hostId, ts, sampleValues, point);
            if (closed != null) {
                finished.add(closed);
            }
            if (ts < closedUntil) {
                late.add(ts);
            }
        }

        /** Merges a finest bucket, later than the entity's finest buckets merged before, into its coarser one. */
        void mergeCoarser(Bucket finest) {
            long start = EntityRollup.bucketStart(finest.start, coarserWidth);
            Key key = new Key(finest.id, finest.sub);
            Bucket b = coarser.get(key);
            if (b != null && b.start != start) {
                coarserFinished.add(b);
                b = null;
            }
            if (b == null) {
                b = new Bucket(finest.id, finest.sub, start, finest.n.length);
                coarser.put(key, b);
            }
            b.merge(finest);
        }
    }

    /**
     * The buckets in [from, till) memory holds, taken out of it to be written; those before
     * {@code from} are dropped. Each one taken is also merged into its entity's bucket of the
     * next coarser tier (see {@link #takeCoarser}).
     */
    List<Bucket> take(RollupLayout<?> layout, long from, long till) {
        Layout l = byTable.get(layout);
        List<Bucket> out = new ArrayList<>();
        moveBefore(till, l.finished, from, out);
        l.live.forEach(e -> {
            Bucket b = e.closeBefore(till);
            if (b != null && b.start >= from) {
                out.add(b);
            }
        });
        if (coarserWidth > 0) {
            out.forEach(l::mergeCoarser);
        }
        return out;
    }

    /**
     * The buckets of the next coarser tier in [from, till) merged from the finest buckets taken
     * so far, taken out of memory; those before {@code till} are dropped. They are whole only
     * when memory saw those buckets from their start ({@link #memoryFrom()} not after {@code
     * from}): every finest bucket from there on was written from memory, so through {@link #take}.
     */
    List<Bucket> takeCoarser(RollupLayout<?> layout, long from, long till) {
        Layout l = byTable.get(layout);
        List<Bucket> out = new ArrayList<>();
        moveBefore(till, l.coarserFinished, from, out);
        moveBefore(till, l.coarser.values(), from, out);
        return out;
    }

    /**
     * Removes the buckets starting before {@code till} from {@code buckets}, adding those from
     * {@code from} on to {@code out}. In one pass: removing from an ArrayList one at a time
     * copies the rest of it each time, which for a million buckets is minutes.
     */
    private static void moveBefore(long till, Collection<Bucket> buckets, long from, List<Bucket> out) {
        buckets.removeIf(b -> {
            if (b.start >= till) {
                return false;
            }
            if (b.start >= from) {
                out.add(b);
            }
            return true;
        });
    }

    /**
     * After the buckets before {@code till} were written: drops the entities quiet for long, and
     * the closed buckets before {@code closedUntil} (written from raw samples instead).
     */
    void forget(long till, long closedUntil) {
        for (Layout l : byTable.values()) {
            l.live.removeIf(e -> e.lastTs() < till - FORGET_AFTER_MILLIS && e.closeBefore(till) == null);
            l.finished.removeIf(b -> b.start < closedUntil);
        }
    }
}
