package org.sflowmonitor.store;

import java.util.Arrays;

import org.sflowmonitor.store.LatestState.Sample;

/**
 * An entity's two newest samples by the latest tables' rule: the two newest by ts whatever order
 * they come in; of two with the same ts the later one counts as newer; the same sample twice
 * counts once. Held by the writer for a million entities, so a sample is copied into arrays this
 * owns and reuses instead of kept as an object of its own. Not thread-safe: its owner serialises
 * access.
 */
final class TwoSamples {

    /** Where an added sample went. */
    enum Placed { NEWEST, PREVIOUS, NONE }

    private long newestTs;
    private long newestHost;
    private long[] newest;
    private long previousTs;
    private long previousHost;
    private long[] previous;

    /** Takes one more sample (its values copied); where it went (NONE: the two did not change). */
    Placed add(long ts, long hostId, long[] values) {
        if (holds(newest, newestTs, newestHost, ts, hostId, values)
                || holds(previous, previousTs, previousHost, ts, hostId, values)) {
            return Placed.NONE;
        }
        if (newest == null || ts >= newestTs) {
            long[] reused = previous;
            previous = newest;
            previousTs = newestTs;
            previousHost = newestHost;
            newest = copy(values, reused);
            newestTs = ts;
            newestHost = hostId;
            return Placed.NEWEST;
        }
        if (previous == null || ts >= previousTs) {
            previous = copy(values, previous);
            previousTs = ts;
            previousHost = hostId;
            return Placed.PREVIOUS;
        }
        return Placed.NONE;
    }

    /** Takes one more sample; null changes nothing. */
    Placed add(Sample s) {
        return s == null ? Placed.NONE : add(s.ts(), s.hostId(), s.values());
    }

    /** Takes a latest row's newest {@code n} and previous {@code p} (null: none), the previous first, as written. */
    boolean addRow(Sample n, Sample p) {
        boolean changed = add(p) != Placed.NONE;
        return add(n) != Placed.NONE | changed;
    }

    /** Whether it holds a sample at all. */
    boolean isEmpty() {
        return newest == null;
    }

    /** The newest sample's ts; only when not empty. */
    long newestTs() {
        return newestTs;
    }

    /** The previous sample's ts, or Long.MAX_VALUE when there is none. */
    long previousTs() {
        return previous == null ? Long.MAX_VALUE : previousTs;
    }

    /** The newest sample's node; only when not empty. */
    long newestHost() {
        return newestHost;
    }

    /** Forgets the previous sample. */
    void dropPrevious() {
        previous = null;
    }

    /** A copy of the newest sample, or null. */
    Sample newest() {
        return newest == null ? null : new Sample(newestTs, newestHost, newest.clone());
    }

    /** A copy of the previous sample, or null. */
    Sample previous() {
        return previous == null ? null : new Sample(previousTs, previousHost, previous.clone());
    }

    private static boolean holds(long[] held, long heldTs, long heldHost, long ts, long hostId, long[] values) {
        return held != null && heldTs == ts && heldHost == hostId && Arrays.equals(held, values);
    }

    private static long[] copy(long[] values, long[] into) {
        long[] target = into != null && into.length == values.length ? into : new long[values.length];
        System.arraycopy(values, 0, target, 0, values.length);
        return target;
    }
}
