package org.sflowmonitor.store;

import java.util.Arrays;

/**
 * A node's polling interval, learned from the receive times of its own samples (hsflowd sends
 * no interval): the lower median of the last {@link #GAPS} gaps between consecutive node
 * samples. A missed round (a gap of two intervals) or one late datagram moves a median of five
 * gaps by nothing; a changed polling setting takes over after three gaps. Gaps under
 * {@link #MIN_GAP_MILLIS} are not intervals (hsflowd polls in whole seconds; a shorter gap is a
 * resent or duplicated datagram). Writer thread only.
 */
final class PollingInterval {

    static final int GAPS = 5;
    static final long MIN_GAP_MILLIS = 500;
    /** A learned interval is written again when it moved by more than this share of the written one. */
    private static final double WRITE_AGAIN_CHANGE = 0.1;

    private final long[] gaps = new long[GAPS];
    private int count;
    private int next;
    private long lastSampleAt;

    /** Takes the receive time of the node's next sample; returns the interval now learned, or 0 while none is. */
    long sampled(long at) {
        long gap = at - lastSampleAt;
        if (lastSampleAt > 0 && gap < MIN_GAP_MILLIS) {
            return millis();
        }
        if (lastSampleAt > 0) {
            gaps[next] = gap;
            next = (next + 1) % GAPS;
            count = Math.min(count + 1, GAPS);
        }
        lastSampleAt = at;
        return millis();
    }

    /** The learned interval in ms, or 0 before the first gap. */
    long millis() {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(gaps, count);
        Arrays.sort(sorted);
        return sorted[(count - 1) / 2];
    }

    /** Whether {@code learned} differs enough from {@code written} (0: none written) to be written. */
    static boolean worthWriting(long learned, long written) {
        return learned > 0 && (written <= 0 || Math.abs(learned - written) > written * WRITE_AGAIN_CHANGE);
    }
}
