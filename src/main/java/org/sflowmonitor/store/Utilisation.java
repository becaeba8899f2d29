package org.sflowmonitor.store;

import java.util.List;

/**
 * The utilisations the summaries and the rollups give, from counter differences and gauges of
 * one sample. NaN means no figure; callers round for display.
 */
public final class Utilisation {

    /** The CPU time counters of host_cpu whose sum is all CPU time (cpu_steal is added when known). */
    public static final List<String> CPU_TIMES = List.of("cpu_user", "cpu_nice", "cpu_system", "cpu_idle",
            "cpu_waiting_io", "cpu_intr", "cpu_sintr");
    /** Of {@link #CPU_TIMES}, the ones that are not busy. */
    public static final List<String> CPU_NOT_BUSY = List.of("cpu_idle", "cpu_waiting_io");

    /** Above this a utilisation shows a reset misread as a wrap, not a busy machine. */
    private static final double PLAUSIBLE_UTILISATION = 200.0;

    private Utilisation() {
    }

    /**
     * Busy share of all CPU time over all CPUs, in percent, from the differences of the CPU
     * times (milliseconds summed over all CPUs) over {@code intervalMillis}; {@code cpus} below
     * 1 when unknown.
     */
    public static double hostCpu(long total, long notBusy, long intervalMillis, long cpus) {
        // more CPU time than the elapsed time allows is a reset
        if (cpus > 0 && total > 2.0 * intervalMillis * cpus) {
            return Double.NaN;
        }
        return percent(total - notBusy, total);
    }

    /** Used memory (without buffers and page cache, each NaN when unknown) as a share of the total, in percent. */
    public static double memory(double total, double free, double buffers, double cached) {
        if (Double.isNaN(total) || Double.isNaN(free)) {
            return Double.NaN;
        }
        double used = total - free;
        if (!Double.isNaN(buffers)) {
            used -= buffers;
        }
        if (!Double.isNaN(cached)) {
            used -= cached;
        }
        return percent(Math.max(0, used), total);
    }

    /** A VM's CPU time difference as a share of its vCPUs' time over {@code intervalMillis}, in percent. */
    public static double vmCpu(long cpuTimeDelta, long intervalMillis, long vcpus) {
        if (cpuTimeDelta == Counters.NO_DELTA || vcpus <= 0) {
            return Double.NaN;
        }
        double u = percent(cpuTimeDelta, (double) intervalMillis * vcpus);
        return u > PLAUSIBLE_UTILISATION ? Double.NaN : u;
    }

    /** part / whole in percent; NaN when either is unknown or whole is not above 0. */
    public static double percent(double part, double whole) {
        if (Double.isNaN(part) || Double.isNaN(whole) || whole <= 0) {
            return Double.NaN;
        }
        return 100.0 * part / whole;
    }
}
