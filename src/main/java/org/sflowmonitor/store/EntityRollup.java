package org.sflowmonitor.store;

import java.util.ArrayList;
import java.util.List;

/**
 * One entity's samples folded into buckets of one width, in time order: the bucket being
 * filled and the sample before (for rates). The live job and the catch-up from raw samples
 * both fold through this, so a bucket is the same whichever computed it.
 */
final class EntityRollup {

    private final RollupLayout<?> layout;
    private final long width;
    /** The values of the sample before (null before any), overwritten by each sample: no garbage per sample. */
    private long[] prev;
    private long prevTs = Long.MIN_VALUE;
    private long prevHostId;
    private Bucket current;

    EntityRollup(RollupLayout<?> layout, long width, SampleValues before) {
        this.layout = layout;
        this.width = width;
        if (before != null) {
            keep(before.ts(), before.hostId(), before.values());
        }
    }

    static long bucketStart(long ts, long width) {
        return Math.floorDiv(ts, width) * width;
    }

    /**
     * Adds the next sample (entity {@code id}/{@code sub}, from node {@code hostId} at {@code ts},
     * its {@code values}, which it does not keep); returns the bucket it closed (the sample fell
     * in a later one), else null. A sample not later than the one before is ignored (returns
     * null). {@code point} is room for the point, as many as the layout's measures.
     */
    Bucket add(long id, long sub, long hostId, long ts, long[] values, double[] point) {
        if (prev != null && ts <= prevTs) {
            return null;
        }
        long start = bucketStart(ts, width);
        Bucket closed = null;
        if (current != null && current.start != start) {
            closed = current;
            current = null;
        }
        if (current == null) {
            current = new Bucket(id, sub, start, point.length);
        }
        boolean comparable = prev != null && layout.comparable(prevTs, prevHostId, prev, ts, hostId, values);
        layout.point(comparable ? prev : null, prevTs, ts, values, point);
        current.add(point, hostId);
        keep(ts, hostId, values);
        return closed;
    }

    private void keep(long ts, long hostId, long[] values) {
        if (prev == null) {
            prev = new long[values.length];
        }
        System.arraycopy(values, 0, prev, 0, values.length);
        prevTs = ts;
        prevHostId = hostId;
    }

    /** The bucket being filled when it starts before {@code till}, taken out; else null. */
    Bucket closeBefore(long till) {
        if (current == null || current.start >= till) {
            return null;
        }
        Bucket b = current;
        current = null;
        return b;
    }

    /** Time of the newest sample; Long.MIN_VALUE before any. */
    long lastTs() {
        return prevTs;
    }

    /**
     * The pure form: the buckets of one entity's samples (in time order), {@code before} the
     * sample preceding them (or null), which only serves for rates.
     */
    static List<Bucket> buckets(RollupLayout<?> layout, long width, SampleValues before, List<SampleValues> samples) {
        EntityRollup e = new EntityRollup(layout, width, before);
        List<Bucket> out = new ArrayList<>();
        double[] point = new double[layout.measures().size()];
        for (SampleValues s : samples) {
            Bucket b = e.add(s.id(), s.sub(), s.hostId(), s.ts(), s.values(), point);
            if (b != null) {
                out.add(b);
            }
        }
        Bucket last = e.closeBefore(Long.MAX_VALUE);
        if (last != null) {
            out.add(last);
        }
        return out;
    }

    /** The pure form of a coarser tier: one bucket from the finer buckets inside it (in time order). */
    static Bucket merge(RollupLayout<?> layout, long start, List<Bucket> finer) {
        Bucket first = finer.get(0);
        Bucket b = new Bucket(first.id, first.sub, start, layout.measures().size());
        finer.forEach(b::merge);
        return b;
    }
}
