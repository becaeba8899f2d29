package org.sflowmonitor.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import org.sflowmonitor.ingest.EntitySample;
import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.sflow.CounterRecord.HostCpu;
import org.sflowmonitor.sflow.CounterRecord.HostDescr;
import org.sflowmonitor.sflow.CounterRecord.IfCounters;
import org.sflowmonitor.sflow.CounterRecord.VirtCpu;
import org.sflowmonitor.sflow.HsflowdDatagrams;
import org.sflowmonitor.store.BatchWriter;
import org.sflowmonitor.store.Database;

/**
 * The cost of one /metrics scrape of a group of nodes: the writer (real, on H2) stores two
 * polling rounds of {@code nodes} nodes with {@code vms} VMs and two interfaces each, then the
 * group is scraped {@code scrapes} times in this thread as the servlet does it (select, build
 * the snapshots family by family, write text 0.0.4 plain and gzipped, and OpenMetrics gzipped as
 * Prometheus asks for it, to a byte counter). Reports the median wall time, this thread's CPU
 * time and bytes allocated per scrape, the collectors' time, and the cost per million series.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     org.sflowmonitor.metrics.ScrapeBenchmark [nodes=100] [vms=100] [scrapes=15]
 * </pre>
 */
public final class ScrapeBenchmark {

    private static final long INTERVAL_MILLIS = 30_000;

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new java.util.HashMap<>();
        for (String a : argv) {
            String[] kv = a.split("=", 2);
            args.put(kv[0], kv[1]);
        }
        int nodes = Integer.parseInt(args.getOrDefault("nodes", "100"));
        int vms = Integer.parseInt(args.getOrDefault("vms", "100"));
        int scrapes = Integer.parseInt(args.getOrDefault("scrapes", "15"));
        Path dir = Files.createTempDirectory("scrape-bench");
        System.out.println("scrape benchmark: " + nodes + " nodes x " + vms + " VMs (2 interfaces per node), "
                + scrapes + " scrapes, " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", load average "
                + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try (Database db = Database.open("jdbc:h2:file:" + dir.resolve("db"), "sa", "", dir, 4)) {
            IngestStats stats = new IngestStats(100_000);
            BatchWriter writer = new BatchWriter(db.dataSource(), stats, new BatchWriter.Config(1_000_000, 5_000,
                    100_000, vms + 1)).start();
            try {
                long now = System.currentTimeMillis();
                long fill = System.nanoTime();
                for (int round = 0; round < 2; round++) {
                    offerRound(writer, nodes, vms, round, now - (1 - round) * INTERVAL_MILLIS);
                }
                while (writer.pending() > 0) {
                    Thread.sleep(50);
                }
                System.out.printf("stored 2 rounds (%,d samples) in %.1f s%n", 2L * nodes * (vms + 3),
                        (System.nanoTime() - fill) / 1e9);
                // entity.silent.intervals far beyond the run, so that every entity counts as reporting throughout
                Metrics metrics = new Metrics(new MetricsSources(writer, stats, db), new MetricsConfig("", nodes,
                        1_000));
                Exposition.Format text = Exposition.format(null);
                measure(metrics, scrapes, text, false);
                measure(metrics, scrapes, text, true);
                // what Prometheus asks for
                measure(metrics, scrapes, Exposition.format("application/openmetrics-text;version=1.0.0"), true);
                System.out.println("load average at the end: "
                        + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            } finally {
                writer.close();
            }
        }
    }

    private static void measure(Metrics metrics, int scrapes, Exposition.Format format, boolean gzip)
            throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                .getThreadMXBean();
        long thread = Thread.currentThread().getId();
        Selection group = Selection.parse(Map.of(Selection.GROUP, new String[] {"0"}));
        long[] wall = new long[scrapes];
        long[] cpu = new long[scrapes];
        long[] allocated = new long[scrapes];
        long gcMillis = 0;
        long series = 0;
        long bytes = 0;
        for (int i = -3; i < scrapes; i++) { // three warm-up scrapes
            long g0 = gcMillis();
            long a0 = threads.getThreadAllocatedBytes(thread);
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Scrape scrape = metrics.scrape(group, System.currentTimeMillis());
            long[] points = {0};
            Scrape counted = new Scrape(scrape.collector(), scrape.families().stream()
                    .map(f -> (Supplier<MetricSnapshot>) () -> {
                        MetricSnapshot s = f.get();
                        points[0] += s == null ? 0 : s.getDataPoints().size();
                        return s;
                    }).toList());
            Counting out = new Counting();
            Exposition.write(format, counted, out, gzip);
            long t1 = System.nanoTime();
            if (i >= 0) {
                wall[i] = t1 - t0;
                cpu[i] = threads.getCurrentThreadCpuTime() - c0;
                allocated[i] = threads.getThreadAllocatedBytes(thread) - a0;
                gcMillis += gcMillis() - g0;
                series = points[0];
                bytes = out.count;
            }
        }
        double medianWallMs = median(wall) / 1e6;
        double medianCpuS = median(cpu) / 1e9;
        double medianAlloc = median(allocated);
        String name = (format == Exposition.format(null) ? "text 0.0.4" : "OpenMetrics") + (gzip ? " gzip" : "");
        System.out.printf("%s: %,d series, %,d bytes; median per scrape: %.0f ms wall, %.3f s CPU, %,.0f bytes"
                        + " allocated; GC %.0f ms per scrape (all threads, mean); per million series: %.2f s CPU,"
                        + " %,.0f MB allocated; wall ms in order %s%n",
                name, series, bytes, medianWallMs, medianCpuS, medianAlloc, (double) gcMillis / scrapes,
                medianCpuS * 1e6 / series, medianAlloc * 1e6 / series / 1e6, Arrays.toString(
                        Arrays.stream(wall).map(w -> w / 1_000_000).toArray()));
    }

    /** Milliseconds the garbage collectors spent so far, by their beans. */
    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime()))
                .sum();
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void offerRound(BatchWriter writer, int nodes, int vms, int round, long at)
            throws InterruptedException {
        List<CounterRecord> node = HsflowdDatagrams.nodeRecords();
        List<CounterRecord> vm = HsflowdDatagrams.vmRecords();
        for (int n = 0; n < nodes; n++) {
            String agent = "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
            List<EntitySample> samples = new ArrayList<>();
            samples.add(new EntitySample.NodeSample(agent, at, node.size(), new HostDescr("kvm-" + n,
                    new UUID(1, n), 3, 2, "6.1.0-28-amd64"), find(node, CounterRecord.HostAdapters.class),
                    grow(find(node, HostCpu.class), round), find(node, CounterRecord.HostMemory.class),
                    find(node, CounterRecord.HostDiskIo.class), find(node, CounterRecord.HostNetIo.class),
                    find(node, CounterRecord.VirtNode.class), find(node, CounterRecord.MibIp.class),
                    find(node, CounterRecord.MibIcmp.class), find(node, CounterRecord.MibTcp.class),
                    find(node, CounterRecord.MibUdp.class)));
            for (int itf = 2; itf <= 3; itf++) {
                samples.add(new EntitySample.InterfaceSample(agent, at, 1, itf, new IfCounters(itf, 6,
                        10_000_000_000L, 1, 3, 5_000_000L * (round + 1), 7_000, 10, 20, 0, 0, 0, 6_000_000, 8_000, 5,
                        6, 0, 0, 0), null, "eth" + itf));
            }
            for (int v = 0; v < vms; v++) {
                VirtCpu cpu = find(vm, VirtCpu.class);
                samples.add(new EntitySample.VmSample(agent, at, vm.size(), new UUID(2, (long) n << 20 | v),
                        "instance-" + n + "-" + v, 100_000 + v, find(vm, CounterRecord.HostAdapters.class),
                        new VirtCpu(cpu.state(), cpu.cpuTime() + round * 3_000L, cpu.nrVirtCpu()),
                        find(vm, CounterRecord.VirtMemory.class), find(vm, CounterRecord.VirtDiskIo.class),
                        find(vm, CounterRecord.VirtNetIo.class)));
            }
            for (EntitySample s : samples) {
                while (!writer.offer(s)) {
                    Thread.sleep(5);
                }
            }
        }
    }

    private static HostCpu grow(HostCpu c, int round) {
        return new HostCpu(c.loadOne(), c.loadFive(), c.loadFifteen(), c.procRun(), c.procTotal(), c.cpuNum(),
                c.cpuSpeed(), c.uptime() + round * 30L, c.cpuUser() + round * 1_000L, c.cpuNice(), c.cpuSystem(),
                c.cpuIdle() + round * 1_000L, c.cpuWio(), c.cpuIntr(), c.cpuSintr(), c.interrupts(), c.contexts(),
                c.cpuSteal(), c.cpuGuest(), c.cpuGuestNice());
    }

    private static <T> T find(List<CounterRecord> records, Class<T> type) {
        return records.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    /** Counts what is written, keeps nothing. */
    private static final class Counting extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
