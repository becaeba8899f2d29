package org.sflowmonitor.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** CPU time, heap and GC of this JVM, for the collector's share of a benchmark. */
final class JvmUsage {

    private JvmUsage() {
    }

    /** CPU time of the whole process in ns (all threads, user and system). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Starts a new peak of every heap pool. */
    static void resetPeakHeap() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since the last reset: an upper bound of the heap's peak. */
    static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    static long heapUsedBytes() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** "count=N ms=M" of all collectors. */
    static long[] gc() {
        long count = 0;
        long ms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            ms += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, ms};
    }

    /** CPU time in ns of the live threads named {@code name}. */
    static long threadCpuNanos(String name) {
        return threadCpuNanos(name, false);
    }

    /** CPU time in ns of the live threads named {@code name}, or whose name starts with it. */
    static long threadCpuNanos(String name, boolean prefix) {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (prefix ? t.getName().startsWith(name) : t.getName().equals(name)) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getId()));
            }
        }
        return sum;
    }

    /**
     * The stats line fields of this JVM; the writer's and the rollup job's thread CPU for the rollup
     * cost; the CPU of Tomcat's HTTP threads (those alive: an idle one ends after a minute) for
     * the cost of the API's calls apart from ingest.
     */
    static String line() {
        long[] gc = gc();
        return "cpu_ns=" + processCpuNanos() + " heap_peak=" + peakHeapBytes() + " heap_used=" + heapUsedBytes()
                + " gc_count=" + gc[0] + " gc_ms=" + gc[1] + " writer_cpu_ns=" + threadCpuNanos("sflow-writer")
                + " rollup_cpu_ns=" + threadCpuNanos("sflow-rollup") + " http_cpu_ns="
                + threadCpuNanos("http-nio", true);
    }
}
