package org.sflowmonitor.bench;

import java.util.Locale;

/**
 * One rate tried by the ingest benchmark: what was sent, where anything was lost, and what it
 * cost the collector. The counts cover the whole trial, warm-up included (a service that starts
 * on a million known VMs loads them on its first write, and drops what overflows its queue
 * meanwhile); {@code windowLoss} is what was lost from the start of the measured window on:
 * kernel drops, queue drops, sequence gaps, write errors, and samples queued but never stored.
 * {@code sentPerSecond} is the rate the simulator achieved in the window; {@code storedPerSecond}
 * the rate stored there when nothing of it was lost. A {@code kind} "cold" trial starts on an empty database
 * with no warm-up: every entity is unseen when its first sample arrives, and the window is the whole
 * trial; a "churn" trial the same on the known fleet with a tenth of its VMs replaced by new ones. {@code cpuSecondsPerMillion} is the collector's CPU time (all its threads, H2's included)
 * per million samples stored from the window's start to the end of the drain. {@code cpuPercent} is the collector's CPU
 * time over the window (200 % = both cores), {@code simulatorCpuPercent} the benchmark's own JVM's
 * (the simulator sending, the probes): on this machine they share the cores, which a collector
 * whose agents run on other machines would not. {@code writerCpuSeconds} and {@code rollupCpuSeconds}:
 * CPU of the writer thread and of the rollup job's thread from the window's start to the end of the
 * drain; {@code rollupRowsWritten} the rollup rows written meanwhile (0: no bucket closed).
 */
record Trial(String kind, double rate, long sentDatagrams, long receivedDatagrams, long sentSamples, long storedSamples,
             long kernelDrops, long queueDrops, long wireGaps, double sentPerSecond, double cpuPercent, double simulatorCpuPercent,
             long peakHeapBytes, double latencyMedianMillis, double latencyMaxMillis, double drainSeconds,
             long windowLoss, double cpuSecondsPerMillion, double writerCpuSeconds, double rollupCpuSeconds,
             long rollupRowsWritten) {

    /** A trial on an empty database. */
    boolean cold() {
        return kind.equals("cold");
    }

    boolean zeroLoss() {
        return sentDatagrams == receivedDatagrams && sentSamples == storedSamples && queueDrops == 0
                && wireGaps == 0;
    }

    /** Nothing lost from the start of the measured window on (the benchmark's criterion). */
    boolean windowZeroLoss() {
        return windowLoss == 0;
    }

    /** The simulator could not send at the rate asked (the machine's CPU was the limit, not the collector). */
    boolean senderBound() {
        return sentPerSecond < 0.95 * rate;
    }

    double storedPerSecond() {
        return windowZeroLoss() ? sentPerSecond : 0;
    }

    String row() {
        return String.format(Locale.ROOT, "| %s | %,.0f | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %s | %,.0f%s | %.0f %% "
                        + "| %.0f %% | %.1f | %,d MiB | %.0f / %.0f ms |", kind, rate, sentDatagrams, receivedDatagrams, sentSamples,
                storedSamples, kernelDrops, queueDrops, wireGaps, (zeroLoss() ? "yes" : "no") + " / "
                        + (windowZeroLoss() ? "**yes**" : "no (" + windowLoss + ")"), sentPerSecond,
                senderBound() ? " (sender-bound)" : "", cpuPercent, simulatorCpuPercent, cpuSecondsPerMillion,
                peakHeapBytes >> 20, latencyMedianMillis,
                latencyMaxMillis);
    }
}
