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
    private final Layout host = new Layout(RollupRows.HOST);
    private final Layout mib2 = new Layout(RollupRows.HOST_MIB2);
    private final Layout vm = new Layout(RollupRows.VM);
    private final Layout interfaces = new Layout(RollupRows.INTERFACE);
    private final Map<RollupLayout<?>, Layout> byTable = new IdentityHashMap<>();
    private long memoryFrom;

    /** @param width the finest tier's bucket width; {@code now} when the job starts */
    RollupMemory(long width, long now) {
        this.width = width;
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
        final Map<Key, EntityRollup> live = new HashMap<>();
        final List<Bucket> finished = new ArrayList<>();
        final long[] values;
        final double[] point;

        Layout(RollupLayout<?> layout) {
            this.layout = layout;
            this.values = new long[layout.valueCount()];
            this.point = new double[layout.measures().size()];
        }

        void add(Late late, long id, long sub, long hostId, long ts, long[] sampleValues, long closedUntil) {
            EntityRollup e = live.computeIfAbsent(new Key(id, sub), k -> new EntityRollup(layout, width, null));
            Bucket closed = e.add(id, sub, hostId, ts, sampleValues, point);
            if (closed != null) {
                finished.add(closed);
            }
            if (ts < closedUntil) {
                late.add(ts);
            }
        }
    }

    /** The buckets in [from, till) memory holds, taken out of it; those before {@code from} are dropped. */
    List<Bucket> take(RollupLayout<?> layout, long from, long till) {
        List<Bucket> out = new ArrayList<>();
        Layout l = byTable.get(layout);
        for (Iterator<Bucket> it = l.finished.iterator(); it.hasNext(); ) {
            Bucket b = it.next();
            if (b.start < till) {
                it.remove();
                if (b.start >= from) {
                    out.add(b);
                }
            }
        }
        for (EntityRollup e : l.live.values()) {
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
        for (Layout l : byTable.values()) {
            l.live.values().removeIf(e -> e.lastTs() < till - FORGET_AFTER_MILLIS && e.closeBefore(till) == null);
            l.finished.removeIf(b -> b.start < closedUntil);
        }
    }
}
