package org.sflowmonitor.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.sflowmonitor.ingest.EntitySample;

/**
 * The finest tier folded in memory from what the writer committed: per node, VM and interface
 * the bucket being filled and the sample before, and the buckets a later sample closed that
 * are not written yet. {@link #memoryFrom()} is the first bucket from which memory saw every
 * sample; what lies before it is computed from raw samples.
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
    private final Map<RollupLayout<?>, Map<Key, EntityRollup>> live = new IdentityHashMap<>();
    private final Map<RollupLayout<?>, List<Bucket>> finished = new IdentityHashMap<>();
    private long memoryFrom;

    /** @param width the finest tier's bucket width; {@code now} when the job starts */
    RollupMemory(long width, long now) {
        this.width = width;
        for (RollupLayout<?> layout : RollupRows.ALL) {
            live.put(layout, new HashMap<>());
            finished.put(layout, new ArrayList<>());
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
                    add(late, RollupRows.HOST, new SampleValues(hostId, 0, hostId, n.receivedAt(),
                            RollupRows.HOST.values(n)), closedUntil);
                }
                if (RollupRows.HOST_MIB2.samples().hasRow(n)) {
                    add(late, RollupRows.HOST_MIB2, new SampleValues(hostId, 0, hostId, n.receivedAt(),
                            RollupRows.HOST_MIB2.values(n)), closedUntil);
                }
            } else if (s instanceof EntitySample.VmSample v) {
                long vmId = batch.vmIds()[i];
                if (vmId >= 0 && RollupRows.VM.samples().hasRow(v)) {
                    add(late, RollupRows.VM, new SampleValues(vmId, 0, hostId, v.receivedAt(),
                            RollupRows.VM.values(v)), closedUntil);
                }
            } else if (s instanceof EntitySample.InterfaceSample f) {
                add(late, RollupRows.INTERFACE, new SampleValues(hostId, f.ifIndex(), hostId, f.receivedAt(),
                        RollupRows.INTERFACE.values(f)), closedUntil);
            }
        }
        return late;
    }

    private void add(Late late, RollupLayout<?> layout, SampleValues sample, long closedUntil) {
        EntityRollup e = live.get(layout).computeIfAbsent(new Key(sample.id(), sample.sub()),
                k -> new EntityRollup(layout, width, null));
        Bucket closed = e.add(sample);
        if (closed != null) {
            finished.get(layout).add(closed);
        }
        if (sample.ts() < closedUntil) {
            late.add(sample.ts());
        }
    }

    /** The buckets in [from, till) memory holds, taken out of it; those before {@code from} are dropped. */
    List<Bucket> take(RollupLayout<?> layout, long from, long till) {
        List<Bucket> out = new ArrayList<>();
        for (Iterator<Bucket> it = finished.get(layout).iterator(); it.hasNext(); ) {
            Bucket b = it.next();
            if (b.start < till) {
                it.remove();
                if (b.start >= from) {
                    out.add(b);
                }
            }
        }
        for (EntityRollup e : live.get(layout).values()) {
            Bucket b = e.closeBefore(till);
            if (b != null && b.start >= from) {
                out.add(b);
            }
        }
        return out;
    }

    /**
     * After the buckets before {@code till} were written: drops the entities quiet for long, and
     * the closed buckets before {@code closedUntil} (written from raw samples instead).
     */
    void forget(long till, long closedUntil) {
        for (Map<Key, EntityRollup> entities : live.values()) {
            entities.values().removeIf(e -> e.lastTs() < till - FORGET_AFTER_MILLIS && e.closeBefore(till) == null);
        }
        for (List<Bucket> list : finished.values()) {
            list.removeIf(b -> b.start < closedUntil);
        }
    }
}
