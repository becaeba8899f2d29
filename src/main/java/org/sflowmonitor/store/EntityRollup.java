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
    private SampleValues prev;
    private Bucket current;

    EntityRollup(RollupLayout<?> layout, long width, SampleValues before) {
        this.layout = layout;
        this.width = width;
        this.prev = before;
    }

    static long bucketStart(long ts, long width) {
        return Math.floorDiv(ts, width) * width;
    }

    /**
     * Adds the next sample; returns the bucket it closed (the sample fell in a later one), else
     * null. A sample not later than the one before is ignored (returns null).
     */
    Bucket add(SampleValues sample) {
        if (prev != null && sample.ts() <= prev.ts()) {
            return null;
        }
        long start = bucketStart(sample.ts(), width);
        Bucket closed = null;
        if (current != null && current.start != start) {
            closed = current;
            current = null;
        }
        if (current == null) {
            current = new Bucket(sample.id(), sample.sub(), start, layout.measures().size());
        }
        current.add(layout.point(prev, sample), sample.hostId());
        prev = sample;
        return closed;
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
        return prev == null ? Long.MIN_VALUE : prev.ts();
    }

    /**
     * The pure form: the buckets of one entity's samples (in time order), {@code before} the
     * sample preceding them (or null), which only serves for rates.
     */
    static List<Bucket> buckets(RollupLayout<?> layout, long width, SampleValues before, List<SampleValues> samples) {
        EntityRollup e = new EntityRollup(layout, width, before);
        List<Bucket> out = new ArrayList<>();
        for (SampleValues s : samples) {
            Bucket b = e.add(s);
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
