package org.sflowmonitor.bench;

import java.util.Locale;

/**
 * One rate tried by the ingest benchmark: what was sent, where anything was lost, and what it
 * cost the collector. {@code sentPerSecond} is the rate the simulator achieved in the measured
 * window; {@code storedPerSecond} the rate stored there when nothing was lost.
 */
record Trial(double rate, long sentDatagrams, long receivedDatagrams, long sentSamples, long storedSamples,
             long kernelDrops, long queueDrops, long wireGaps, double sentPerSecond, double cpuPercent,
             long peakHeapBytes, double latencyMedianMillis, double latencyMaxMillis, double drainSeconds) {

    boolean zeroLoss() {
        return sentDatagrams == receivedDatagrams && sentSamples == storedSamples && queueDrops == 0
                && wireGaps == 0;
    }

    /** The simulator could not send at the rate asked (the machine's CPU was the limit, not the collector). */
    boolean senderBound() {
        return sentPerSecond < 0.95 * rate;
    }

    double storedPerSecond() {
        return zeroLoss() ? sentPerSecond : 0;
    }

    String row() {
        return String.format(Locale.ROOT, "| %,.0f | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %s | %,.0f%s | %.0f %% "
                        + "| %,d MiB | %.0f / %.0f ms |", rate, sentDatagrams, receivedDatagrams, sentSamples,
                storedSamples, kernelDrops, queueDrops, wireGaps, zeroLoss() ? "**yes**" : "no", sentPerSecond,
                senderBound() ? " (sender-bound)" : "", cpuPercent, peakHeapBytes >> 20, latencyMedianMillis,
                latencyMaxMillis);
    }
}
