package org.sflowmonitor.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One rate of the ingest benchmark: a fresh service (webapp, H2 file database) in a JVM of its
 * own. Warm: on a copy of the fleet database (every node and VM known, no samples: a running
 * cluster), one polling round as warm-up, then the measured window. Cold: on an empty database
 * (the cluster's first sight, every entity created by its first sample), measured from the first
 * datagram. Then the backlog drained. Loss is counted where it happens: the kernel's UDP
 * drops, the service's queue drops, sequence gaps; and sent against received and stored.
 * Every few seconds a probe notes how many samples were sent and times until the service's
 * stored counter (raised after each commit) covers them: the time from send to queryable.
 */
final class IngestTrial {

    private static final long PROBE_EVERY_MILLIS = 5_000;
    private static final long PROBE_POLL_MILLIS = 25;
    private static final long PROBE_GIVE_UP_MILLIS = 10_000;
    private static final long DRAIN_MAX_MILLIS = 60_000;

    private IngestTrial() {
    }

    /** Runs the trial in {@code dir} (deleted afterwards); {@code jfr}, when not null, receives a flight recording. */
    static Trial run(IngestBenchmark.Settings s, double rate, boolean cold, Path dir, Path jfr, PrintStream log)
            throws Exception {
        return run(s, rate, cold, dir, jfr, List.of(), log);
    }

    /** The same with more service settings ({@code name=value}), e.g. {@code rollup.tiers=} for no rollups. */
    static Trial run(IngestBenchmark.Settings s, double rate, boolean cold, Path dir, Path jfr, List<String> settings,
                     PrintStream log) throws Exception {
        return run(s, rate, cold, dir, jfr, settings, Companion.NONE, log);
    }

    /**
     * What runs beside a trial's service and is told its course, e.g. a Prometheus scraping it
     * ({@link PrometheusScraper}): started before the simulator, told the window while the service
     * still runs.
     */
    interface Companion {
        Companion NONE = new Companion() {
            @Override
            public void serviceUp(int httpPort) {
            }

            @Override
            public void windowEnded(long startMillis, long endMillis) {
            }
        };

        /** The service listens on {@code httpPort} and knows the fleet; the simulator starts next. */
        void serviceUp(int httpPort) throws Exception;

        /** The measured window was [{@code startMillis}, {@code endMillis}) (epoch ms); the service still runs. */
        void windowEnded(long startMillis, long endMillis) throws Exception;
    }

    /** The same with a companion. */
    static Trial run(IngestBenchmark.Settings s, double rate, boolean cold, Path dir, Path jfr, List<String> settings,
                     Companion companion, PrintStream log) throws Exception {
        return run(s, rate, cold ? Kind.COLD : Kind.WARM, dir, jfr, settings, companion, log);
    }

    /**
     * What the service knows when the trial starts. WARM: the fleet, with a polling round as warm-up
     * before the window. COLD: nothing (empty database), counted from the first datagram. CHURN:
     * the fleet, but {@link #CHURN_PERCENT} % of its VMs replaced by new ones in the cluster that
     * sends, counted from the first datagram (the first round meets them unseen).
     */
    enum Kind {
        WARM, COLD, CHURN
    }

    /** Of the VMs, the share a churn trial replaces by new ones, in percent. */
    static final int CHURN_PERCENT = 10;

    /** A trial of this kind. */
    static Trial run(IngestBenchmark.Settings s, double rate, Kind kind, Path dir, Path jfr, List<String> settings,
                     Companion companion, PrintStream log) throws Exception {
        boolean cold = kind == Kind.COLD;
        boolean fromFirstDatagram = kind != Kind.WARM;
        List<String> jvmOptions = new ArrayList<>(List.of("-Xmx" + s.heap()));
        if (jfr != null) {
            // H2's call stacks are deeper than JFR's default 64 frames: the writer's own frames were cut off
            jvmOptions.add("-XX:FlightRecorderOptions:stackdepth=256");
            jvmOptions.add("-XX:StartFlightRecording=settings=profile,filename=" + jfr.toAbsolutePath());
        }
        double warmup = fromFirstDatagram ? 0 : IngestBenchmark.warmupSeconds(s, rate);
        double window = fromFirstDatagram ? IngestBenchmark.coldSeconds(s, rate) : s.windowSeconds();
        log.printf(Locale.ROOT, "%s trial at %,.0f samples/s: warm-up %.0f s, window %.0f s (load average %s)%n",
                kind.name().toLowerCase(Locale.ROOT), rate, warmup, window, Machine.loadAverage());
        List<String> serviceArgs = new ArrayList<>(List.of("service", dir.resolve("data").toString()));
        serviceArgs.addAll(settings);
        org.sflowmonitor.testing.PostgresServer postgres = IngestBenchmark.postgres;
        if (postgres != null) {
            java.nio.file.Files.createDirectories(dir.resolve("data"));
            org.sflowmonitor.testing.TestDatabase db = postgres.createSchema(
                    "bench_" + dir.getFileName().toString().replace('-', '_'));
            if (!cold) {
                fleetOnPostgresql(db, s.model(), dir.resolve("data"), log);
            }
            db.settings().forEach((k, v) -> serviceArgs.add(k + "=" + v));
        } else if (cold) {
            java.nio.file.Files.createDirectories(dir.resolve("data"));
        } else {
            copyFolder(s.work().resolve("fleet-db"), dir.resolve("data"));
        }
        try (ChildJvm service = ChildJvm.start(dir.resolve("service.log"), jvmOptions,
                serviceArgs.toArray(String[]::new))) {
            StatusClient api = new StatusClient(service.httpPort());
            if (!cold) {
                log.printf(Locale.ROOT, "  fleet loaded %.1f s after the port opened%n", service.awaitEntitiesLoaded(600));
            }
            companion.serviceUp(service.httpPort());
            ClusterModel sending = kind == Kind.CHURN ? s.model().withReplacedVms(CHURN_PERCENT) : s.model();
            ClusterSimulator sim = new ClusterSimulator(new ClusterSimulator.Config(sending, s.intervalSeconds(),
                    false, rate, (long) ((warmup + window) * 1000), Long.MAX_VALUE));
            KernelUdp kernelBefore = KernelUdp.read();
            AtomicReference<ClusterSimulator.Result> result = new AtomicReference<>();
            AtomicReference<Exception> failure = new AtomicReference<>();
            UdpTarget udp = new UdpTarget(InetAddress.getLoopbackAddress(), service.sflowPort());
            Thread sender = new Thread(() -> {
                try {
                    result.set(sim.run(udp));
                } catch (RuntimeException e) {
                    failure.set(e);
                }
            }, "simulator");
            long start = System.nanoTime();
            if (!fromFirstDatagram) {
                sender.start();
                Thread.sleep((long) (warmup * 1000));
            }
            service.reset();
            Map<String, String> threadsAtWindow = service.stats();
            long postgresCpuAtWindow = postgres == null ? -1 : postgres.cpuNanos();
            KernelUdp kernelAtWindow = KernelUdp.read();
            JsonNode atWindow = api.ingest();
            long rollupRowsAtWindow = rollupRows(atWindow);
            long windowStart = System.nanoTime();
            long windowStartMillis = System.currentTimeMillis();
            long ownCpuAtWindowStart = ownCpuNanos();
            long sentAtWindowStart = sim.samplesSent();
            if (fromFirstDatagram) {
                sender.start();
            }

            List<Double> latencies = new ArrayList<>();
            while (sender.isAlive()) {
                sender.join(PROBE_EVERY_MILLIS);
                if (sender.isAlive()) {
                    latencies.add(probe(api, sim.samplesSent()));
                }
            }
            long windowEnd = System.nanoTime();
            companion.windowEnded(windowStartMillis, System.currentTimeMillis());
            double ownCpuPercent = 100.0 * (ownCpuNanos() - ownCpuAtWindowStart) / (windowEnd - windowStart);
            long sentInWindow = sim.samplesSent() - sentAtWindowStart;
            Map<String, String> jvm = service.stats();
            udp.close();
            if (failure.get() != null) {
                throw failure.get();
            }
            ClusterSimulator.Result sent = result.get();
            long drainStart = System.nanoTime();
            JsonNode end = drain(api, sent);
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            KernelUdp kernelEnd = KernelUdp.read();
            KernelUdp drops = kernelEnd.minus(kernelBefore);
            KernelUdp windowDrops = kernelEnd.minus(kernelAtWindow);
            long windowLoss = windowDrops.rcvbufErrors() + windowDrops.inErrors()
                    + delta(end, atWindow, "queue_drops") + delta(end, atWindow, "datagrams_lost")
                    + delta(end, atWindow, "write_errors")
                    + IngestBenchmark.n(end, "samples_queued") - IngestBenchmark.n(end, "samples_stored");
            Map<String, String> afterDrain = service.stats();
            double cpuSecondsPerMillion = IngestBenchmark.n(afterDrain, "cpu_since_reset_ns") / 1e9
                    / (delta(end, atWindow, "samples_stored") / 1e6);

            if (postgres != null) {
                log.printf(Locale.ROOT, "  PostgreSQL server CPU: %.1f s per million samples stored%n",
                        (postgres.cpuNanos() - postgresCpuAtWindow) / 1e9
                                / (delta(end, atWindow, "samples_stored") / 1e6));
            }
            Collections.sort(latencies);
            latencies.removeIf(v -> v < 0);
            Trial t = new Trial(kind.name().toLowerCase(Locale.ROOT), rate, sent.datagrams(), IngestBenchmark.n(end, "datagrams_received"), sent.samples(),
                    IngestBenchmark.n(end, "samples_stored"), drops.rcvbufErrors() + drops.inErrors(),
                    IngestBenchmark.n(end, "queue_drops"), IngestBenchmark.n(end, "datagrams_lost"),
                    sentInWindow / ((windowEnd - windowStart) / 1e9),
                    100.0 * IngestBenchmark.n(jvm, "cpu_since_reset_ns") / IngestBenchmark.n(jvm, "wall_since_reset_ns"),
                    ownCpuPercent,
                    Math.max(IngestBenchmark.n(jvm, "heap_peak"), IngestBenchmark.n(afterDrain, "heap_peak")),
                    latencies.isEmpty() ? -1 : latencies.get(latencies.size() / 2),
                    latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1), drainSeconds, windowLoss,
                    cpuSecondsPerMillion, delta(afterDrain, threadsAtWindow, "writer_cpu_ns") / 1e9,
                    delta(afterDrain, threadsAtWindow, "rollup_cpu_ns") / 1e9, rollupRows(end) - rollupRowsAtWindow);
            log.printf(Locale.ROOT, "  sent %,d datagrams / %,d samples in %.1f s; received %,d, stored %,d; "
                            + "kernel drops %,d, queue drops %,d, wire gaps %,d; %s; in the window: %s; drained in %.1f s%n",
                    t.sentDatagrams(), t.sentSamples(), (windowEnd - start) / 1e9, t.receivedDatagrams(),
                    t.storedSamples(), t.kernelDrops(), t.queueDrops(), t.wireGaps(),
                    t.zeroLoss() ? "ZERO LOSS" : "LOSS", t.windowLoss() == 0 ? "ZERO LOSS" : t.windowLoss() + " lost",
                    drainSeconds);
            log.println("  " + t.row());
            log.printf(Locale.ROOT, "  window to end of drain: writer thread CPU %.2f s, rollup thread CPU %.2f s, "
                    + "%,d rollup rows written%n", t.writerCpuSeconds(), t.rollupCpuSeconds(), t.rollupRowsWritten());
            if (!end.path("rollups").path("tiers").isEmpty()) {
                log.println("  " + rollupParts(atWindow, end));
            }
            return t;
        } finally {
            // the service's log outlives the trial's database, beside it
            Path serviceLog = dir.resolve("service.log");
            if (Files.exists(serviceLog)) {
                Files.copy(serviceLog, dir.resolveSibling(dir.getFileName() + "-service.log"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            IngestBenchmark.deleteTree(dir);
        }
    }

    private static long delta(Map<String, String> later, Map<String, String> earlier, String field) {
        return IngestBenchmark.n(later, field) - IngestBenchmark.n(earlier, field);
    }

    /**
     * The rollup job's CPU by part from {@code earlier} to {@code later} (collector.status
     * answers): the fold per sample folded, each tier's writing per row written.
     */
    static String rollupParts(JsonNode earlier, JsonNode later) {
        JsonNode a = earlier.path("rollups");
        JsonNode b = later.path("rollups");
        long samples = b.path("samples_folded").asLong() - a.path("samples_folded").asLong();
        long foldMs = b.path("fold_cpu_ms").asLong() - a.path("fold_cpu_ms").asLong();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "rollup job by part: fold %,d samples in %.2f CPU s (%.3f µs a sample)", samples, foldMs / 1e3,
                samples == 0 ? 0 : foldMs * 1e3 / samples));
        for (int i = 0; i < b.path("tiers").size(); i++) {
            JsonNode tb = b.path("tiers").get(i);
            JsonNode ta = a.path("tiers").path(i);
            long rows = tb.path("rows_written").asLong() - ta.path("rows_written").asLong();
            long ms = tb.path("cpu_ms").asLong() - ta.path("cpu_ms").asLong();
            out.append(String.format(Locale.ROOT, "; %s: %,d rows in %.2f CPU s (%.1f µs a row)",
                    tb.path("interval").asText(), rows, ms / 1e3, rows == 0 ? 0 : ms * 1e3 / rows));
        }
        return out.toString();
    }

    /** Rollup rows written so far, all tiers, from collector.status ingest's answer (0 without rollups). */
    private static long rollupRows(JsonNode status) {
        long rows = 0;
        for (JsonNode tier : status.path("rollups").path("tiers")) {
            rows += tier.path("rows_written").asLong();
        }
        return rows;
    }

    /** The fleet of the model in a PostgreSQL schema, as fleet-db holds it for H2 (the schema migrated first). */
    static void fleetOnPostgresql(org.sflowmonitor.testing.TestDatabase db, ClusterModel model, Path dataDir,
                                          PrintStream log) throws Exception {
        long start = System.nanoTime();
        try (org.sflowmonitor.store.Database opened = org.sflowmonitor.store.Database.open(db.url(), db.user(),
                db.password(), dataDir, 2); java.sql.Connection c = opened.connection()) {
            c.setAutoCommit(false);
            QueryDatabase.entities(c, model, System.currentTimeMillis());
            try (java.sql.Statement st = c.createStatement()) {
                // the rows carry their ids; the identity sequences go on after them
                st.execute("SELECT setval(pg_get_serial_sequence('host', 'id'), (SELECT MAX(id) FROM host))");
                st.execute("SELECT setval(pg_get_serial_sequence('vm', 'id'), (SELECT MAX(id) FROM vm))");
                st.execute("ANALYZE");
            }
            c.commit();
        }
        log.printf(Locale.ROOT, "  fleet written into PostgreSQL in %.0f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** CPU time of this JVM (the simulator and the probes). */
    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long delta(JsonNode end, JsonNode start, String counter) {
        return IngestBenchmark.n(end, counter) - IngestBenchmark.n(start, counter);
    }

    static void copyFolder(Path from, Path to) throws IOException {
        java.nio.file.Files.createDirectories(to);
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(from)) {
            for (Path f : files.toList()) {
                java.nio.file.Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    /** Milliseconds until the stored counter reaches {@code sent}; -1 when it did not within the limit. */
    private static double probe(StatusClient api, long sent) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < PROBE_GIVE_UP_MILLIS * 1_000_000) {
            if (IngestBenchmark.n(api.ingest(), "samples_stored") >= sent) {
                return (System.nanoTime() - t0) / 1e6;
            }
            Thread.sleep(PROBE_POLL_MILLIS);
        }
        return -1;
    }

    /** Waits until everything received is stored or counted, and nothing changes any more. */
    private static JsonNode drain(StatusClient api, ClusterSimulator.Result sent)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + DRAIN_MAX_MILLIS * 1_000_000;
        JsonNode last = api.ingest();
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(100);
            JsonNode now = api.ingest();
            long accounted = IngestBenchmark.n(now, "samples_stored") + IngestBenchmark.n(now, "queue_drops")
                    + IngestBenchmark.n(now, "write_errors");
            if (accounted >= sent.samples() && now.path("writer").path("queue_depth").asLong() == 0) {
                return now;
            }
            if (!now.path("ingest").equals(last.path("ingest"))) {
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > 3_000_000_000L) {
                return now; // nothing moves any more: what is missing was lost before the queue
            }
            last = now;
        }
        return last;
    }
}
