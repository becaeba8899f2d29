package org.sflowmonitor.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.sflowmonitor.api.Api;
import org.sflowmonitor.api.ApiConfig;
import org.sflowmonitor.api.CollectorSources;
import org.sflowmonitor.api.ServletPath;
import org.sflowmonitor.ingest.EntitySample;
import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.sflow.CounterRecord.HostCpu;
import org.sflowmonitor.sflow.CounterRecord.HostDiskIo;
import org.sflowmonitor.sflow.CounterRecord.HostMemory;
import org.sflowmonitor.sflow.CounterRecord.HostNetIo;
import org.sflowmonitor.sflow.CounterRecord.IfCounters;
import org.sflowmonitor.sflow.CounterRecord.MibIcmp;
import org.sflowmonitor.sflow.CounterRecord.MibIp;
import org.sflowmonitor.sflow.CounterRecord.MibTcp;
import org.sflowmonitor.sflow.CounterRecord.MibUdp;
import org.sflowmonitor.sflow.CounterRecord.VirtCpu;
import org.sflowmonitor.sflow.CounterRecord.VirtDiskIo;
import org.sflowmonitor.sflow.CounterRecord.VirtMemory;
import org.sflowmonitor.sflow.CounterRecord.VirtNetIo;
import org.sflowmonitor.sflow.CounterRecord.VirtNode;
import org.sflowmonitor.sflow.HsflowdDatagrams;

/**
 * The rollup benchmark (issue 15), in one JVM:
 * <ol>
 * <li>queries: a database with 10,000 nodes and 100,000 VMs, of which {@code --full} VMs have 90
 * days of 5-minute rollups and as many nodes a year of 1-hour rollups; the median of
 * {@code virt.cpu} at 5m over 90 days, {@code host.cpu} at 1h and at auto over a year, through
 * Api.handle, as /api answers a request body (parsing, binding, SQL, rows, JSON response; no HTTP);</li>
 * <li>cost: 60 s worth of 50,000 samples/s (100,000 VMs, one sample each 2 s) handed to the job as
 * the writer hands committed batches of 5,000: CPU of the writer's part (the hand-over) and of
 * the job's fold, then of closing the 5-minute bucket of all of them (100,000 rows written).</li>
 * <li>merge: the hourly merge of 100,000 VMs' twelve 5-minute rows into 1-hour rows, as the job
 * does it once an hour (the rows written once into the database, bucket by bucket).</li>
 * <li>memory: the heap the job holds for a fleet, and the CPU of folding its samples.</li>
 * <li>warm-queries (only when named): the calls of queries once all are compiled, with H2's last
 * result reused and with the rows read again.</li>
 * </ol>
 */
public final class RollupBenchmark {

    private static final long NOW = System.currentTimeMillis();
    private static final long FIVE_MINUTES = 300_000;
    private static final long HOUR = 3_600_000;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private RollupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench-rollupdb");
        String entities = args.length > 1 ? args[1] : "10";
        // "interleaved:N": the N entities' rows written bucket by bucket, one of each in turn, as the job writes them
        boolean interleaved = entities.startsWith("interleaved:");
        int full = Integer.parseInt(interleaved ? entities.substring("interleaved:".length()) : entities);
        boolean fresh = !Files.exists(dir.resolve("sflow-monitor.mv.db"));
        try (Database db = Database.open("jdbc:h2:file:" + dir.toAbsolutePath().resolve("sflow-monitor"), "sa", "",
                dir, 4)) {
            if (fresh) {
                long t = System.nanoTime();
                fill(db, full, interleaved);
                System.out.printf(Locale.ROOT, "database built in %.0f s, %d MB%n", (System.nanoTime() - t) / 1e9,
                        size(dir) >> 20);
            }
            String part = args.length > 2 ? args[2] : "all";
            if (part.equals("all") || part.equals("queries")) {
                queries(db);
            }
            if (part.equals("warm-queries")) {
                warmQueries(db);
            }
            if (part.equals("all") || part.equals("cost")) {
                cost(db);
            }
            if (part.equals("all") || part.equals("merge")) {
                merge(db);
            }
            if (part.equals("all") || part.equals("memory")) {
                memory(db, args.length > 3 ? Integer.parseInt(args[3]) : 10_000);
                hourBuckets(args.length > 3 ? Integer.parseInt(args[3]) : 10_000);
            }
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void fill(Database db, int full, boolean interleaved) throws Exception {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement host = c.prepareStatement(
                    "INSERT INTO host (id, host_ip, hostname, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= 10_000; i++) {
                    Parameters.of(host).add(i).add("10." + (i >> 8) + "." + (i & 255) + ".1").add("node-" + i)
                            .add(NOW - 400 * 86_400_000L).add(NOW);
                    host.addBatch();
                }
                host.executeBatch();
            }
            try (PreparedStatement vm = c.prepareStatement(
                    "INSERT INTO vm (id, uuid, hostname, host_id, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= 100_000; i++) {
                    Parameters.of(vm).add(i).add(new UUID(15, i).toString()).add("vm-" + i).add(1 + i % 10_000)
                            .add(NOW - 100 * 86_400_000L).add(NOW);
                    vm.addBatch();
                    if (i % 10_000 == 0) {
                        vm.executeBatch();
                    }
                }
            }
            c.commit();
            int group = interleaved ? full : 1;
            for (int e = 1; e <= full; e += group) {
                rows(c, RollupRows.VM, e, group, FIVE_MINUTES, 90 * 86_400_000L);
                rows(c, RollupRows.HOST, e, group, HOUR, 365 * 86_400_000L);
            }
        }
    }

    /**
     * Rollup rows of the {@code count} entities from {@code first}, one per bucket up to now,
     * bucket by bucket (a VM's node: 1 + id % 10,000), values varying.
     */
    private static void rows(Connection c, RollupLayout<?> layout, long firstId, int count, long width, long span)
            throws Exception {
        try (PreparedStatement ps = c.prepareStatement(layout.insert())) {
            long first = EntityRollup.bucketStart(NOW - span, width) + width;
            int n = 0;
            for (long start = first; start < NOW - width; start += width) {
                for (long id = firstId; id < firstId + count; id++) {
                    layout.bind(ps, width, bucket(layout, id, start, width));
                    ps.addBatch();
                    if (++n % 5_000 == 0) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
            }
            ps.executeBatch();
            c.commit();
        }
    }

    /** One entity's bucket of 15 samples, values varying with the bucket. */
    private static Bucket bucket(RollupLayout<?> layout, long id, long start, long width) {
        int m = layout.measures().size();
        long hostId = layout == RollupRows.VM ? 1 + id % 10_000 : id;
        Bucket b = new Bucket(id, 0, start, m);
        b.hostId = hostId;
        double[] point = new double[m];
        for (int k = 0; k < 15; k++) {
            for (int j = 0; j < m; j++) {
                point[j] = (start / width % 97) * 10 + j + k;
            }
            b.add(point, hostId);
        }
        return b;
    }

    /** The API over the benchmark's database, as the service makes it. */
    private static Api api(Database db) {
        RollupJob tiers = new RollupJob(db.dataSource(), RollupTier.parse("5m:90d,1h:730d"),
                TimeUnit.DAYS.toMillis(7), System::currentTimeMillis, RollupJob.DEFAULT_GRACE_MILLIS);
        BatchWriter writer = new BatchWriter(db.dataSource(), new IngestStats(10), new BatchWriter.Config(16, 1,
                10, 10));
        return Api.create(new Queries(db, 30), new CollectorSources(new IngestStats(10), writer, tiers, db, NOW),
                new ApiConfig("", 1 << 20, 10, 100_000, "bench", 3));
    }

    /** The calls of the targets: method and params. */
    private static final String[][] CALLS = {
        {"virt.cpu", "{\"hostname\":\"" + new UUID(15, 1) + "\",\"interval\":\"5m\",\"time_from\":"
                + (NOW - 90 * 86_400_000L) + ",\"limit\":30000}"},
        {"host.cpu", "{\"ip\":\"10.0.1.1\",\"interval\":\"1h\",\"time_from\":" + (NOW - 365 * 86_400_000L)
                + ",\"limit\":10000}"},
        {"host.cpu", "{\"ip\":\"10.0.1.1\",\"interval\":\"auto\",\"time_from\":" + (NOW - 365 * 86_400_000L)
                + ",\"limit\":10000}"},
    };

    private static byte[] request(String[] call) {
        return ("{\"jsonrpc\":\"2.0\",\"method\":\"" + call[0] + "\",\"params\":" + call[1] + ",\"id\":1}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The calls of {@link #queries} once the JIT has compiled all of them: 60 rounds of every call
     * both ways first, then per call 60 through Api.handle and 60 as the servlet answers,
     * interleaved; median CPU of the calling thread. ({@link #queries} measures each call after
     * 5 of its own, so the first call measured also pays for compiling what it shares with the others.)
     * <p>
     * H2 hands a query the rows of its previous run on the same connection when the parameters are
     * the same and the table has not changed since, and the benchmark's database does not change:
     * the first two columns measure that reuse. The third asks 60 times more, each time until
     * another millisecond an hour from now (so the same rows), as the servlet answers: H2 reads the
     * rows again, as it does for other nodes, other ranges, or after the rollup job wrote a bucket.
     */
    private static void warmQueries(Database db) throws Exception {
        Api api = api(db);
        long me = Thread.currentThread().getId();
        for (int round = 0; round < 60; round++) {
            for (String[] call : CALLS) {
                api.handle(request(call));
                ServletPath.send(api, request(call));
            }
        }
        System.out.println("| call, after 60 rounds of all | median CPU ms through Api.handle | as the servlet answers |"
                + " as the servlet answers, rows read again |");
        System.out.println("|---|---:|---:|---:|");
        for (String[] call : CALLS) {
            byte[] request = request(call);
            double[] handle = new double[65];
            double[] servlet = new double[handle.length];
            double[] readAgain = new double[handle.length];
            long length = ServletPath.send(api, request);
            for (int i = 0; i < handle.length; i++) {
                long c = CPU.getThreadCpuTime(me);
                api.handle(request);
                handle[i] = (CPU.getThreadCpuTime(me) - c) / 1e6;
                c = CPU.getThreadCpuTime(me);
                ServletPath.send(api, request);
                servlet[i] = (CPU.getThreadCpuTime(me) - c) / 1e6;
            }
            // apart: H2 keeps only the last run's rows of a statement, so these would end the reuse above
            for (int i = 0; i < readAgain.length; i++) {
                byte[] later = request(new String[] {call[0], until(call[1], NOW + HOUR + i)});
                long c = CPU.getThreadCpuTime(me);
                long sent = ServletPath.send(api, later);
                readAgain[i] = (CPU.getThreadCpuTime(me) - c) / 1e6;
                if (sent != length) {
                    throw new IllegalStateException(call[0] + " until an hour from now answered other rows");
                }
            }
            System.out.printf(Locale.ROOT, "| `%s` %s | %.1f | %.1f | %.1f |%n", call[0],
                    call[1].replaceAll("\"(hostname|ip)\":\"[^\"]*\",", "").replaceAll("\"time_from\":\\d+,", ""),
                    warmMedian(handle), warmMedian(servlet), warmMedian(readAgain));
        }
    }

    /** The params of a call with a time_till of {@code till} (the calls above give none: no end). */
    private static String until(String params, long till) {
        return params.substring(0, params.length() - 1) + ",\"time_till\":" + till + "}";
    }

    private static void queries(Database db) throws Exception {
        Api api = api(db);
        ObjectMapper json = new ObjectMapper();
        String[][] calls = CALLS;
        System.out.println("| call | rows | fields a row | JSON MB | first call ms | median ms of 30 (after 5 warm-up) | median CPU ms of the"
                + " calling thread | the servlet's path: median ms | median CPU ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        long me = Thread.currentThread().getId();
        for (String[] call : calls) {
            byte[] request = request(call);
            double first = 0;
            double[] ms = new double[35];
            double[] cpu = new double[ms.length];
            int rows = 0;
            int fields = 0;
            long bytes = 0;
            for (int i = 0; i < ms.length; i++) {
                long c = CPU.getThreadCpuTime(me);
                long t = System.nanoTime();
                byte[] response = api.handle(request);
                ms[i] = (System.nanoTime() - t) / 1e6;
                cpu[i] = (CPU.getThreadCpuTime(me) - c) / 1e6;
                if (i == 0) {
                    first = ms[0];
                    JsonNode answer = json.readTree(response);
                    if (!answer.has("result")) {
                        throw new IllegalStateException(call[0] + ": " + answer.get("error"));
                    }
                    JsonNode result = answer.get("result");
                    rows = result.size();
                    fields = rows == 0 ? 0 : result.get(0).size();
                    bytes = response.length;
                }
            }
            // the same call as JsonRpcServlet answers it: the parts through a container's buffer, not joined
            double[] servletMs = new double[ms.length];
            double[] servletCpu = new double[ms.length];
            for (int i = 0; i < ms.length; i++) {
                long c = CPU.getThreadCpuTime(me);
                long t = System.nanoTime();
                if (ServletPath.send(api, request) != bytes) {
                    throw new IllegalStateException(call[0] + ": the servlet's path sent another length");
                }
                servletMs[i] = (System.nanoTime() - t) / 1e6;
                servletCpu[i] = (CPU.getThreadCpuTime(me) - c) / 1e6;
            }
            System.out.printf(Locale.ROOT, "| `%s` %s | %,d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n", call[0],
                    call[1].replaceAll("\"(hostname|ip)\":\"[^\"]*\",", ""), rows, fields, bytes / 1e6, first,
                    warmMedian(ms), warmMedian(cpu), warmMedian(servletMs), warmMedian(servletCpu));
        }
    }

    /**
     * The heap the job holds for {@code nodes} nodes with 100 VMs and 2 interfaces each, in the
     * steady state between two closes: the open 5-minute bucket and the sample before of every
     * entity, after two polling rounds (20 s apart) handed over as the writer hands them.
     */
    private static void memory(Database db, int nodes) throws Exception {
        long bucket = bucket();
        long[] clock = {0};
        RollupJob job = startedJob(db, bucket, clock);
        long before = heapAfterGc();
        long me = Thread.currentThread().getId();
        long fold = 0;
        long samples = 0;
        List<CounterRecord> node = HsflowdDatagrams.nodeRecords();
        List<CounterRecord> vm = HsflowdDatagrams.vmRecords();
        List<EntitySample> batch = new ArrayList<>(5_000);
        long[] hostIds = new long[5_200];
        long[] vmIds = new long[5_200];
        for (int round = 0; round < 2; round++) {
            long ts = bucket + 60_000 + round * 20_000L;
            for (int n = 0; n < nodes; n++) {
                String agent = "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
                hostIds[batch.size()] = n + 1;
                vmIds[batch.size()] = -1;
                batch.add(new EntitySample.NodeSample(agent, ts, node.size(), null, null, grown(find(node,
                        HostCpu.class), round), find(node, HostMemory.class), find(node, HostDiskIo.class),
                        find(node, HostNetIo.class), find(node, VirtNode.class), find(node, MibIp.class),
                        find(node, MibIcmp.class), find(node, MibTcp.class), find(node, MibUdp.class)));
                for (int itf = 2; itf <= 3; itf++) {
                    hostIds[batch.size()] = n + 1;
                    vmIds[batch.size()] = -1;
                    batch.add(new EntitySample.InterfaceSample(agent, ts, 1, itf, new IfCounters(itf, 6,
                            10_000_000_000L, 1, 3, 5_000_000L * (round + 1), 7_000, 10, 20, 0, 0, 0, 6_000_000, 8_000,
                            5, 6, 0, 0, 0), null, "eth" + itf));
                }
                for (int v = 0; v < 100; v++) {
                    VirtCpu cpu = find(vm, VirtCpu.class);
                    hostIds[batch.size()] = n + 1;
                    vmIds[batch.size()] = (long) n * 100 + v + 1;
                    batch.add(new EntitySample.VmSample(agent, ts, vm.size(), new UUID(2, (long) n << 20 | v), "vm",
                            v, null, new VirtCpu(cpu.state(), cpu.cpuTime() + round * 3_000L, cpu.nrVirtCpu()),
                            find(vm, VirtMemory.class), find(vm, VirtDiskIo.class), find(vm, VirtNetIo.class)));
                }
                if (batch.size() >= 5_000) {
                    long t = CPU.getThreadCpuTime(me);
                    job.committed(batch, hostIds, vmIds);
                    job.step(clock[0]);
                    fold += CPU.getThreadCpuTime(me) - t;
                    samples += batch.size();
                    batch.clear();
                }
            }
        }
        long t = CPU.getThreadCpuTime(me);
        job.committed(batch, hostIds, vmIds);
        job.step(clock[0]);
        fold += CPU.getThreadCpuTime(me) - t;
        samples += batch.size();
        batch.clear();
        long after = heapAfterGc();
        long vms = nodes * 100L;
        System.out.printf(Locale.ROOT, "%njob memory, %,d nodes x 100 VMs x 2 interfaces (%,d entities), one open "
                        + "5-minute bucket and the sample before each: %,d MB held after GC (%,.0f bytes per entity, "
                        + "%,.0f bytes per VM with its node's share); late samples %d%n", nodes,
                nodes * 3L + vms, (after - before) >> 20, (double) (after - before) / (nodes * 3L + vms),
                (double) (after - before) / vms, job.status().lateSamples());
        System.out.printf(Locale.ROOT, "hand-over and fold of the %,d samples (each entity's first one, then its "
                + "second): %.2f s CPU, %.2f µs a sample%n", samples, fold / 1e9, fold / 1e3 / samples);
        job.close();

    }

    /**
     * The heap of {@code nodes} x 100 VMs in the job's memory between two closes: the sample
     * before, the open 5-minute bucket and the open 1-hour bucket merged from the ones written.
     */
    private static void hourBuckets(int nodes) throws Exception {
        // the same fleet in memory alone, after its 5-minute buckets were taken to be written: each entity's
        // open 1-hour bucket besides its sample before (the job holds a new 5-minute bucket too once it is fed)
        long bucket = bucket();
        List<CounterRecord> vm = HsflowdDatagrams.vmRecords();
        List<EntitySample> batch = new ArrayList<>(100);
        long[] hostIds = new long[100];
        long[] vmIds = new long[100];
        RollupMemory memory = new RollupMemory(FIVE_MINUTES, HOUR, bucket - HOUR);
        long empty = heapAfterGc();
        long open = 0;
        int taken = 0;
        for (int round = 0; round < 3; round++) {
            if (round == 2) {
                batch.clear();
                open = heapAfterGc();
                taken = memory.take(RollupRows.VM, bucket, bucket + FIVE_MINUTES).size();
            }
            // the third round falls in the next 5-minute bucket
            long ts = bucket + 60_000 + round * 20_000L + (round == 2 ? FIVE_MINUTES : 0);
            for (int n = 0; n < nodes; n++) {
                batch.clear();
                String agent = "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
                for (int v = 0; v < 100; v++) {
                    VirtCpu cpu = find(vm, VirtCpu.class);
                    hostIds[v] = n + 1;
                    vmIds[v] = (long) n * 100 + v + 1;
                    batch.add(new EntitySample.VmSample(agent, ts, vm.size(), new UUID(2, (long) n << 20 | v), "vm",
                            v, null, new VirtCpu(cpu.state(), cpu.cpuTime() + round * 3_000L, cpu.nrVirtCpu()),
                            find(vm, VirtMemory.class), find(vm, VirtDiskIo.class), find(vm, VirtNetIo.class)));
                }
                memory.feed(new RollupMemory.Batch(batch, hostIds, vmIds), Long.MIN_VALUE);
            }
        }
        batch.clear();
        long both = heapAfterGc();
        System.out.printf(Locale.ROOT, "%,d VMs in memory alone: %,d bytes a VM with its sample before and open "
                        + "5-minute bucket; after the %,d buckets were taken (written) and merged into 1-hour buckets "
                        + "and a sample in the next 5-minute bucket, %,d bytes a VM (between two closes from then on)%n",
                nodes * 100L, (open - empty) / (nodes * 100L), taken, (both - empty) / (nodes * 100L));
        if (memory.memoryFrom() == Long.MIN_VALUE) {
            System.out.println(); // keeps memory reachable up to here
        }
    }

    /** The bucket S the samples fall in, an hour before now. */
    private static long bucket() {
        return EntityRollup.bucketStart(NOW, FIVE_MINUTES) - 12 * FIVE_MINUTES;
    }

    /**
     * A job started 10 minutes before {@code bucket} (what lies before it caught up from raw
     * samples, none here), its clock then at the bucket's start plus the grace.
     */
    private static RollupJob startedJob(Database db, long bucket, long[] clock) throws Exception {
        try (Connection c = db.connection()) {
            // the job resumes at the bucket: without progress it would catch up the last 7 days, replacing the
            // query part's rows there by none (the 1-hour tier is kept from merging at all)
            c.createStatement().executeUpdate("DELETE FROM rollup_progress");
            c.createStatement().executeUpdate("INSERT INTO rollup_progress (width_ms, closed_until) VALUES ("
                    + FIVE_MINUTES + ", " + bucket + "), (" + HOUR + ", " + (EntityRollup.bucketStart(bucket, HOUR)
                    + 24 * HOUR) + ")");
        }
        clock[0] = bucket - 2 * FIVE_MINUTES + 1;
        RollupJob job = new RollupJob(db.dataSource(), RollupTier.parse("5m:90d,1h:730d"), TimeUnit.DAYS.toMillis(7),
                () -> clock[0], RollupJob.DEFAULT_GRACE_MILLIS);
        clock[0] = bucket + RollupJob.DEFAULT_GRACE_MILLIS;
        job.runUntilIdle(clock[0]);
        return job;
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static HostCpu grown(HostCpu c, int round) {
        return new HostCpu(c.loadOne(), c.loadFive(), c.loadFifteen(), c.procRun(), c.procTotal(), c.cpuNum(),
                c.cpuSpeed(), c.uptime() + round * 20L, c.cpuUser() + round * 1_000L, c.cpuNice(), c.cpuSystem(),
                c.cpuIdle() + round * 1_000L, c.cpuWio(), c.cpuIntr(), c.cpuSintr(), c.interrupts(), c.contexts(),
                c.cpuSteal(), c.cpuGuest(), c.cpuGuestNice());
    }

    private static <T> T find(List<CounterRecord> records, Class<T> type) {
        return records.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    /** The median of the values after the first 5 (warm-up). */
    private static double warmMedian(double[] values) {
        double[] warm = Arrays.copyOfRange(values, 5, values.length);
        Arrays.sort(warm);
        return warm[warm.length / 2];
    }

    /**
     * The 1-hour merge of 100,000 VMs (an hour 200 days back, apart from the query rows): their
     * twelve 5-minute rows read, merged and written as 100,000 1-hour rows, as a step of the job.
     */
    private static void merge(Database db) throws Exception {
        long hour = EntityRollup.bucketStart(NOW, HOUR) - 200 * 86_400_000L;
        int vms = 100_000;
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement count = c.prepareStatement(
                    "SELECT COUNT(*) FROM vm_rollup WHERE width_ms = ? AND bucket_start >= ? AND bucket_start < ?")) {
                Parameters.of(count).add(FIVE_MINUTES).add(hour).add(hour + HOUR);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        try (PreparedStatement ps = c.prepareStatement(RollupRows.VM.insert())) {
                            for (long start = hour; start < hour + HOUR; start += FIVE_MINUTES) {
                                for (long id = 1; id <= vms; id++) {
                                    RollupRows.VM.bind(ps, FIVE_MINUTES, bucket(RollupRows.VM, id, start, FIVE_MINUTES));
                                    ps.addBatch();
                                    if (id % 5_000 == 0) {
                                        ps.executeBatch();
                                        c.commit();
                                    }
                                }
                            }
                        }
                    }
                }
            }
            c.commit();
            long me = Thread.currentThread().getId();
            long t = CPU.getThreadCpuTime(me);
            long wall = System.nanoTime();
            long written = RollupStore.replace(c, HOUR, hour, hour + HOUR, (layout, sink) ->
                    RollupSources.merged(c, layout, FIVE_MINUTES, HOUR, hour, hour + HOUR, sink), () -> { });
            long cpu = CPU.getThreadCpuTime(me) - t;
            // at 50,000 samples/s a fleet of a million VMs sends each every 20 s: 180 samples an hour per VM
            double samples = vms * 180.0;
            System.out.printf(Locale.ROOT, "%nmerge of an hour of %,d VMs (%,d 5-minute rows read, %,d 1-hour rows "
                            + "written): %.2f s CPU, %.2f s wall, %.1f µs a 1-hour row, %.3f µs a sample at one sample "
                            + "per VM every 20 s%n", vms, vms * 12L, written, cpu / 1e9, (System.nanoTime() - wall) / 1e9,
                    cpu / 1e3 / written, cpu / 1e3 / samples);

            // the same hour as the job merges it now: in memory from the 5-minute buckets it took to write
            RollupMemory memory = new RollupMemory(FIVE_MINUTES, HOUR, hour - 2 * HOUR);
            List<EntitySample> batch = new ArrayList<>(vms);
            long[] hostIds = new long[vms];
            long[] vmIds = new long[vms];
            long merging = 0;
            for (long start = hour; start < hour + HOUR; start += FIVE_MINUTES) {
                batch.clear();
                for (int vm = 1; vm <= vms; vm++) {
                    long round = (start - hour) / FIVE_MINUTES;
                    batch.add(new EntitySample.VmSample("10.0.0.1", start + 1_000 + vm / 50, 4, new UUID(15, vm),
                            "vm", vm, null, new VirtCpu(1, round * 1_000L + vm, 2), new VirtMemory(1L << 30, 2L << 30),
                            new VirtDiskIo(1L << 34, 1L << 33, 1L << 33, round * 10L, round * 40_960L, round * 5L,
                                    round * 20_480L, 0), new VirtNetIo(round * 9_000L, round * 10L, 0, 0,
                            round * 3_000L, round * 5L, 0, 0)));
                    hostIds[vm - 1] = 1 + vm % 10_000;
                    vmIds[vm - 1] = vm;
                }
                memory.feed(new RollupMemory.Batch(batch, hostIds, vmIds), Long.MIN_VALUE);
                long t0 = CPU.getThreadCpuTime(me);
                memory.take(RollupRows.VM, start, start + FIVE_MINUTES);
                merging += CPU.getThreadCpuTime(me) - t0;
            }
            // the job writes into an empty range: the rows of the merge above are deleted first, outside the timing
            c.createStatement().executeUpdate("DELETE FROM vm_rollup WHERE width_ms = " + HOUR + " AND bucket_start = "
                    + hour);
            c.commit();
            t = CPU.getThreadCpuTime(me);
            BucketColumns merged = memory.takeCoarser(RollupRows.VM, hour, hour + HOUR);
            long written2 = RollupStore.replace(c, HOUR, hour, hour + HOUR, (layout, sink) -> {
                if (layout == RollupRows.VM) {
                    merged.writeTo(sink);
                }
            }, () -> { });
            long cpu2 = CPU.getThreadCpuTime(me) - t + merging;
            System.out.printf(Locale.ROOT, "the same hour merged in memory as the 5-minute buckets are taken (%,d "
                            + "1-hour rows written): %.2f s CPU (of which merging %.2f s), %.1f µs a 1-hour row, %.3f µs "
                            + "a sample%n", written2, cpu2 / 1e9, merging / 1e9, cpu2 / 1e3 / written2,
                    cpu2 / 1e3 / samples);
        }
    }

    private static void cost(Database db) throws Exception {
        long bucket = bucket();
        long[] clock = {0};
        RollupJob job = startedJob(db, bucket, clock);
        long handOver = 0;
        long fold = 0;
        int samples = 0;
        List<EntitySample> batch = new ArrayList<>(5_000);
        long[] hostIds = new long[5_000];
        long[] vmIds = new long[5_000];
        long me = Thread.currentThread().getId();
        // 60 s at 50,000 samples/s: each of 100,000 VMs every 2 s, in batches of 5,000
        for (int round = 0; round < 30; round++) {
            for (int vm = 1; vm <= 100_000; vm++) {
                long ts = bucket + round * 2_000L + vm / 50;
                batch.add(new EntitySample.VmSample("10.0.0.1", ts, 4, new UUID(15, vm), "vm", vm, null,
                        new VirtCpu(1, round * 1_000L + vm, 2), new VirtMemory(1L << 30, 2L << 30),
                        new VirtDiskIo(1L << 34, 1L << 33, 1L << 33, round * 10L, round * 40_960L, round * 5L,
                                round * 20_480L, 0), new VirtNetIo(round * 9_000L, round * 10L, 0, 0, round * 3_000L,
                        round * 5L, 0, 0)));
                hostIds[batch.size() - 1] = 1 + vm % 10_000;
                vmIds[batch.size() - 1] = vm;
                if (batch.size() == 5_000) {
                    long t = CPU.getThreadCpuTime(me);
                    job.committed(batch, hostIds, vmIds);
                    long t2 = CPU.getThreadCpuTime(me);
                    job.step(clock[0]);
                    long t3 = CPU.getThreadCpuTime(me);
                    handOver += t2 - t;
                    fold += t3 - t2;
                    samples += batch.size();
                    batch.clear();
                }
            }
        }
        clock[0] = bucket + FIVE_MINUTES + RollupJob.DEFAULT_GRACE_MILLIS;
        long t = CPU.getThreadCpuTime(me);
        long wall = System.nanoTime();
        job.runUntilIdle(clock[0]);
        long close = CPU.getThreadCpuTime(me) - t;
        double closeWall = (System.nanoTime() - wall) / 1e9;
        RollupJob.TierStatus fine = job.status().tiers().get(0);
        System.out.printf(Locale.ROOT, "%n%,d samples handed over in batches of 5,000 (60 s at 50,000/s)%n", samples);
        System.out.printf(Locale.ROOT, "writer thread, hand-over: %.3f s CPU = %.2f %% of the writer thread's 60 s%n",
                handOver / 1e9, handOver / 1e9 / 60 * 100);
        System.out.printf(Locale.ROOT, "job thread, fold: %.2f s CPU = %.1f %% of one core over the 60 s (%.2f µs a sample)%n",
                fold / 1e9, fold / 1e9 / 60 * 100, fold / 1e3 / samples);
        System.out.printf(Locale.ROOT, "job thread, closing the 5-minute bucket: %.2f s CPU, %.2f s wall, %,d rows"
                + " written%n", close / 1e9, closeWall, fine.rowsWritten());
        job.close();
    }
}
