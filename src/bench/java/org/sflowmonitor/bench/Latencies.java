package org.sflowmonitor.bench;

import java.util.Arrays;

/** Call durations of one benchmark cell, with its errors. */
final class Latencies {

    private long[] nanos = new long[64];
    private int count;
    private int errors;
    private String firstError;

    synchronized void add(StatusClient.Answer a) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = a.nanos();
        if (!a.ok()) {
            errors++;
            if (firstError == null) {
                firstError = a.error() != null ? a.error() : "HTTP " + a.status();
            }
        }
    }

    synchronized int count() {
        return count;
    }

    synchronized int errors() {
        return errors;
    }

    synchronized String firstError() {
        return firstError;
    }

    /** The q-quantile in ms (nearest rank), e.g. 0.5 and 0.99. */
    synchronized double quantileMillis(double q) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, rank))] / 1e6;
    }
}
