package org.sflowmonitor.store;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** How long the writer's transactions took (writing a batch and committing it), counted in fixed buckets. */
public final class CommitLatency {

    /** Upper bounds of the buckets in seconds; a transaction above the last is counted in the total only. */
    private static final double[] BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
            30};

    private final LongAdder[] buckets = new LongAdder[BOUNDS.length];
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sumSeconds = new DoubleAdder();

    CommitLatency() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    void record(long nanos) {
        double seconds = nanos / 1e9;
        for (int i = 0; i < BOUNDS.length; i++) {
            if (seconds <= BOUNDS[i]) {
                buckets[i].increment();
                break;
            }
        }
        count.increment();
        sumSeconds.add(seconds);
    }

    public int bucketCount() {
        return BOUNDS.length;
    }

    /** The upper bound of bucket {@code i} in seconds. */
    public double upperBound(int i) {
        return BOUNDS[i];
    }

    /** Transactions that took more than the previous bucket's bound and at most this one's (not cumulative). */
    public long inBucket(int i) {
        return buckets[i].sum();
    }

    public long count() {
        return count.sum();
    }

    public double sumSeconds() {
        return sumSeconds.sum();
    }
}
