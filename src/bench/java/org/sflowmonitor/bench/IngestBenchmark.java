package org.sflowmonitor.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;


/**
 * The ingest benchmark (issue 6): the highest rate of counter samples per second the service
 * (webapp with its H2 file database, in a JVM of its own) stores for a window with zero loss,
 * beside the ceilings of its stages measured in the same run: (a) a bare receiver, the
 * service's receive-and-decode with storage off, and (b) a bare JDBC insert loop. See
 * docs/benchmarks.md for the command and the figures.
 */
public final class IngestBenchmark {

    static final String USAGE = """
            usage: IngestBenchmark [--nodes N] [--vms M] [--interval S] [--rate R] [--window S] [--trials K]
                                   [--ceiling-seconds S] [--budget S] [--heap SIZE] [--work DIR]
              --nodes, --vms     simulated cluster                           default 10000 x 100
              --interval         polling interval of the cluster             default 20
              --rate             first rate tried, samples/s                 default 50000
              --window           seconds a rate must hold with zero loss     default 60
              --trials           rates tried at most                         default 4
              --ceiling-seconds  seconds per ceiling measurement             default 10
              --budget           seconds the whole run may take              default 540
              --heap             -Xmx of the collector                       default 2g
              --work             folder for the databases and logs           default target/bench-ingest
              --jfr              record each trial's service with Java Flight Recorder (WORK/trial-K.jfr)
              --churn            after the cold trial, a churn trial: the known fleet with 10 % of its VMs replaced
                                 by new ones, 3 rounds at the first rate counted from the first datagram
              --postgresql       the service stores into a PostgreSQL server started on this machine (Debian's
                                 postgresql package, fsync on) instead of H2; its CPU is reported apart
            After the warm trials (fleet known), a cold trial: empty database, 3 rounds of the unseen cluster
            at the first rate, every sample counted from the first datagram.
            """;

    /** Everything the figures need from one run; also the smoke test's view. */
    record Report(Ceiling bare, Ceiling decode, Ceiling bareNative, Ceiling decodeNative, Ceiling jdbc,
                  Ceiling jdbcArrival, List<Trial> trials, Trial cold, Trial churn) {
        Trial best() {
            return trials.stream().filter(Trial::windowZeroLoss).max(Comparator.comparingDouble(Trial::rate)).orElse(null);
        }
    }

    /**
     * A stage's rate in samples/s and datagrams/s (0 for JDBC), with what the sender achieved;
     * for the JDBC loop, its CPU seconds per million samples inserted (NaN for the others).
     */
    record Ceiling(String name, double samplesPerSecond, double datagramsPerSecond, double offeredSamplesPerSecond,
                   long kernelDrops, double cpuPercent, String note, double cpuSecondsPerMillion) {

        Ceiling(String name, double samplesPerSecond, double datagramsPerSecond, double offeredSamplesPerSecond,
                long kernelDrops, double cpuPercent, String note) {
            this(name, samplesPerSecond, datagramsPerSecond, offeredSamplesPerSecond, kernelDrops, cpuPercent, note,
                    Double.NaN);
        }
    }

    private IngestBenchmark() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parseOrExit(argv, Set.of("nodes", "vms", "interval", "rate", "window", "trials", "ceiling-seconds",
                    "budget", "heap", "work"), Set.of("jfr", "postgresql", "churn"), USAGE);
        String load = Machine.loadAverage();
        System.out.println("ingest benchmark, " + Machine.now() + ", " + Machine.describe() + ", load average "
                + load);
        Settings s = new Settings(new ClusterModel(args.integer("nodes", 10_000), args.integer("vms", 100), 1),
                args.integer("interval", 20), args.number("rate", 50_000), args.integer("window", 60),
                args.integer("trials", 4), args.integer("ceiling-seconds", 10), args.integer("budget", 540),
                args.string("heap", "2g"), Path.of(args.string("work", "target/bench-ingest")), args.flag("jfr"),
                args.flag("postgresql"));
        Report report = run(s, args.flag("churn"), System.out);
        System.out.println();
        System.out.println(markdown(report, s));
        System.out.println("load average at the end: " + Machine.loadAverage());
    }

    /** What to run. */
    record Settings(ClusterModel model, int intervalSeconds, double firstRate, int windowSeconds, int maxTrials,
                    int ceilingSeconds, int budgetSeconds, String heap, Path work, boolean jfr, boolean postgresql) {
    }

    /** The PostgreSQL server of a --postgresql run; null on H2. */
    static org.sflowmonitor.testing.PostgresServer postgres;

    static Report run(Settings s, java.io.PrintStream log) throws Exception {
        return run(s, false, log);
    }

    /** The run, with a churn trial after the cold one when {@code churn}. */
    static Report run(Settings s, boolean churn, java.io.PrintStream log) throws Exception {
        long start = System.nanoTime();
        deleteTree(s.work());
        Files.createDirectories(s.work());
        Ceiling bare = receiveCeiling(s, "bare", log);
        Ceiling decode = receiveCeiling(s, "decode", log);
        NativeReference reference = NativeReference.prepare(s.work(), s.model(), s.intervalSeconds(),
                (int) Math.min(NATIVE_DATAGRAMS, Math.max(1_000, s.model().sources())), log);
        Ceiling bareNative = reference == null ? null : nativeBareCeiling(s, reference, log);
        Ceiling decodeNative = reference == null ? null : nativeDecodeCeiling(s, reference, log);
        Ceiling jdbc = jdbcCeiling(s, JdbcCeiling.Order.NODE, log);
        Ceiling jdbcArrival = jdbcCeiling(s, JdbcCeiling.Order.ARRIVAL, log);
        long fleetStart = System.nanoTime();
        if (s.postgresql()) {
            postgres = org.sflowmonitor.testing.PostgresServer.start(true);
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
        }
        QueryDatabase.createEntities(s.work().resolve("fleet-db"), s.model());
        log.printf(Locale.ROOT, "fleet database (%,d nodes, %,d VMs, no samples) built in %.0f s%n", s.model().nodes(),
                (long) s.model().nodes() * s.model().vmsPerNode(), (System.nanoTime() - fleetStart) / 1e9);
        List<Trial> trials = new ArrayList<>();
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        double rate = s.firstRate();
        for (int k = 0; k < s.maxTrials(); k++) {
            double trialSeconds = warmupSeconds(s, rate) + s.windowSeconds() + 30;
            double spent = (System.nanoTime() - start) / 1e9;
            if (k > 0 && spent + trialSeconds > s.budgetSeconds()) {
                log.printf(Locale.ROOT, "stopping: another trial (%.0f s) would pass the budget%n", trialSeconds);
                break;
            }
            Trial t = IngestTrial.run(s, rate, false, s.work().resolve("trial-" + k),
                    s.jfr() ? s.work().resolve("trial-" + k + ".jfr") : null, log);
            trials.add(t);
            if (t.windowZeroLoss() && !t.senderBound()) {
                lo = rate;
            } else if (t.windowZeroLoss()) {
                break; // the sender cannot go faster on this machine
            } else {
                hi = rate;
            }
            rate = Double.isInfinite(hi) ? lo * 1.5 : lo == 0 ? hi * 0.6 : (lo + hi) / 2;
            if (!Double.isInfinite(hi) && lo > 0 && (hi - lo) / lo < 0.1) {
                break;
            }
        }
        Trial cold = IngestTrial.run(s, s.firstRate(), true, s.work().resolve("trial-cold"),
                s.jfr() ? s.work().resolve("trial-cold.jfr") : null, log);
        Trial churned = !churn ? null : IngestTrial.run(s, s.firstRate(), IngestTrial.Kind.CHURN,
                s.work().resolve("trial-churn"), s.jfr() ? s.work().resolve("trial-churn.jfr") : null, List.of(),
                IngestTrial.Companion.NONE, log);
        return new Report(bare, decode, bareNative, decodeNative, jdbc, jdbcArrival, trials, cold, churned);
    }

    /** Polling rounds the cold trial sends, every entity unseen when the first arrives. */
    static final int COLD_ROUNDS = 3;

    /** Seconds the cold trial sends at this rate. */
    static double coldSeconds(Settings s, double rate) {
        return COLD_ROUNDS * (double) s.model().sources() / rate;
    }

    /** One polling round of the whole cluster at this rate (all entities created), at most 30 s. */
    static double warmupSeconds(Settings s, double rate) {
        double round = (double) s.model().sources() / rate;
        return Math.min(30, round);
    }

    /**
     * Ceiling (a) ("bare") or the service's receive and decode with storage off ("decode"): the
     * simulator at full speed; the first seconds warm both JITs up and are not measured.
     */
    private static Ceiling receiveCeiling(Settings s, String mode, java.io.PrintStream log) throws Exception {
        long warmupMillis = Math.min(3, s.ceilingSeconds()) * 1000L;
        long measureMillis = s.ceilingSeconds() * 1000L;
        try (ChildJvm child = ChildJvm.start(s.work().resolve(mode + ".log"), List.of("-Xmx" + s.heap()), mode);
             UdpTarget udp = new UdpTarget(InetAddress.getLoopbackAddress(), child.sflowPort())) {
            ClusterSimulator sim = new ClusterSimulator(new ClusterSimulator.Config(s.model(), s.intervalSeconds(),
                    false, Double.POSITIVE_INFINITY, warmupMillis + measureMillis + 60_000, Long.MAX_VALUE));
            Thread sender = new Thread(() -> sim.run(udp), "simulator");
            sender.start();
            Thread.sleep(warmupMillis);
            KernelUdp before = KernelUdp.read();
            child.reset();
            Map<String, String> at0 = child.stats();
            long sent0 = sim.datagramsSent();
            long samples0 = sim.samplesSent();
            long t0 = System.nanoTime();
            Thread.sleep(measureMillis);
            long sent = sim.datagramsSent() - sent0;
            long samplesSent = sim.samplesSent() - samples0;
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, String> at1 = child.stats();
            KernelUdp drops = KernelUdp.read().minus(before);
            sim.stop();
            sender.join();
            long datagrams = n(at1, "datagrams_received") - n(at0, "datagrams_received");
            double samplesPerDatagram = (double) samplesSent / Math.max(1, sent);
            double samples = mode.equals("decode") ? n(at1, "counter_samples") - n(at0, "counter_samples")
                    : datagrams * samplesPerDatagram;
            double cpu = 100.0 * n(at1, "cpu_since_reset_ns") / n(at1, "wall_since_reset_ns");
            Ceiling c = new Ceiling(mode, samples / seconds, datagrams / seconds, samplesSent / seconds,
                    drops.rcvbufErrors() + drops.inErrors(), cpu, "sent " + sent + " datagrams, received " + datagrams
                    + (mode.equals("decode") ? ", transport " + child.readyField("transport").replace('_', ' ') : ""));
            log.printf(Locale.ROOT, "%s: %.0f samples/s, %.0f datagrams/s taken of %.0f samples/s offered; "
                            + "kernel drops %d; CPU %.0f%%; %s (load average %s)%n", mode, c.samplesPerSecond(),
                    c.datagramsPerSecond(), c.offeredSamplesPerSecond(), c.kernelDrops(), cpu, c.note(),
                    Machine.loadAverage());
            return c;
        }
    }

    /** Datagrams of the cluster the native sender replays in a loop, at most (about 200 MB); fewer for a small cluster. */
    static final int NATIVE_DATAGRAMS = 200_000;

    /** Ceiling (a) as the issue states it: the C recvmmsg loop fed by the C sender. */
    private static Ceiling nativeBareCeiling(Settings s, NativeReference reference, java.io.PrintStream log)
            throws Exception {
        double datagrams = reference.bareDatagramsPerSecond(Math.min(3, s.ceilingSeconds()), s.ceilingSeconds());
        if (Double.isNaN(datagrams)) {
            log.println("bare, C: the C receiver counted nothing (is udp_send working?); skipped");
            return null;
        }
        Ceiling c = new Ceiling("bare, C", datagrams * reference.samplesPerDatagram(), datagrams, 0, -1, Double.NaN,
                "udp_recv (recvmmsg) fed by udp_send (sendmmsg)");
        log.printf(Locale.ROOT, "bare, C: %.0f datagrams/s (%.0f samples/s) (load average %s)%n", datagrams,
                c.samplesPerSecond(), Machine.loadAverage());
        return c;
    }

    /** The service's receive and decode, storage off, fed by the C sender (which outruns the Java simulator). */
    private static Ceiling nativeDecodeCeiling(Settings s, NativeReference reference, java.io.PrintStream log)
            throws Exception {
        long warmupMillis = Math.min(3, s.ceilingSeconds()) * 1000L;
        long measureMillis = s.ceilingSeconds() * 1000L;
        try (ChildJvm child = ChildJvm.start(s.work().resolve("decode-c.log"), List.of("-Xmx" + s.heap()), "decode")) {
            Process sender = reference.send(child.sflowPort(), (warmupMillis + measureMillis) / 1000.0 + 1);
            Map<String, String> at0;
            Map<String, String> at1;
            double seconds;
            KernelUdp drops;
            double[] sent;
            try {
                Thread.sleep(warmupMillis);
                KernelUdp before = KernelUdp.read();
                child.reset();
                at0 = child.stats();
                long t0 = System.nanoTime();
                Thread.sleep(measureMillis);
                at1 = child.stats();
                seconds = (System.nanoTime() - t0) / 1e9;
                drops = KernelUdp.read().minus(before);
                sent = NativeReference.sent(sender);
            } finally {
                sender.destroyForcibly(); // it would go on sending into the ceilings measured next
            }
            long datagrams = n(at1, "datagrams_received") - n(at0, "datagrams_received");
            double samples = n(at1, "counter_samples") - n(at0, "counter_samples");
            double cpu = 100.0 * n(at1, "cpu_since_reset_ns") / n(at1, "wall_since_reset_ns");
            Ceiling c = new Ceiling("decode, C sender", samples / seconds, datagrams / seconds,
                    sent[0] / sent[1] * reference.samplesPerDatagram(), drops.rcvbufErrors() + drops.inErrors(), cpu,
                    "udp_send (sendmmsg) replaying the simulator's datagrams");
            log.printf(Locale.ROOT, "decode, C sender: %.0f samples/s, %.0f datagrams/s taken of %.0f samples/s offered; "
                    + "kernel drops %d; CPU %.0f%% (load average %s)%n", c.samplesPerSecond(), c.datagramsPerSecond(),
                    c.offeredSamplesPerSecond(), c.kernelDrops(), cpu, Machine.loadAverage());
            return c;
        }
    }

    /** Ceiling (b): the bare JDBC loop, samples in the given order. */
    private static Ceiling jdbcCeiling(Settings s, JdbcCeiling.Order order, java.io.PrintStream log) throws Exception {
        String name = "jdbc-" + order.name().toLowerCase(Locale.ROOT);
        Path dir = s.work().resolve(name + "-db");
        long millis = s.ceilingSeconds() * 2000L;
        try (ChildJvm child = ChildJvm.start(s.work().resolve(name + ".log"), List.of("-Xmx" + s.heap()), "jdbc",
                dir.toString(), String.valueOf(s.model().vmsPerNode()), String.valueOf(s.model().nodes()),
                String.valueOf(org.sflowmonitor.app.Settings.H2_BATCH_SIZE), String.valueOf(millis), order.name(),
                String.valueOf(s.intervalSeconds()))) {
            Map<String, String> r = child.result(millis / 1000 + 120);
            double seconds = n(r, "elapsed_ns") / 1e9;
            double cpu = 100.0 * n(r, "cpu_ns") / n(r, "elapsed_ns");
            double cpuPerMillion = n(r, "loop_cpu_ns") / 1e9 / (n(r, "samples_inserted") / 1e6);
            Ceiling c = new Ceiling(name, n(r, "samples_inserted") / seconds, 0, 0, 0, cpu,
                    n(r, "rows_inserted") + " rows in " + String.format(Locale.ROOT, "%.1f", seconds)
                            + " s, batches of " + org.sflowmonitor.app.Settings.H2_BATCH_SIZE + " samples (the writer's), a commit per batch, "
                            + String.format(Locale.ROOT, "%.1f CPU s per million rows",
                            n(r, "loop_cpu_ns") / 1e9 / (n(r, "rows_inserted") / 1e6)), cpuPerMillion);
            log.printf(Locale.ROOT, "%s: %.0f samples/s (%.0f rows/s), %.1f CPU s per million samples; %s%n", name,
                    c.samplesPerSecond(), n(r, "rows_inserted") / seconds, cpuPerMillion, c.note());
            return c;
        } finally {
            deleteTree(dir);
        }
    }

    static long n(Map<String, String> fields, String name) {
        String v = fields.get(name);
        return v == null ? 0 : Long.parseLong(v);
    }

    static long n(JsonNode ingest, String name) {
        return ingest.path("ingest").path(name).asLong();
    }

    static String markdown(Report r, Settings s) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Cluster %d nodes x %d VMs (%d samples per %d s round).%n%n",
                s.model().nodes(), s.model().vmsPerNode(), s.model().sources(), s.intervalSeconds()));
        out.append("| Stage | samples/s | datagrams/s | offered samples/s | kernel drops | CPU (200 % = 2 cores) |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (Ceiling c : java.util.stream.Stream.of(r.bare(), r.decode(), r.bareNative(), r.decodeNative(), r.jdbc(),
                r.jdbcArrival()).filter(java.util.Objects::nonNull).toList()) {
            out.append(String.format(Locale.ROOT, "| %s | %,.0f | %s | %s | %s | %s |%n", c.name(),
                    c.samplesPerSecond(), c.datagramsPerSecond() == 0 ? "" : String.format(Locale.ROOT, "%,.0f",
                            c.datagramsPerSecond()),
                    c.offeredSamplesPerSecond() == 0 ? "" : String.format(Locale.ROOT, "%,.0f",
                            c.offeredSamplesPerSecond()),
                    c.name().startsWith("jdbc") || c.kernelDrops() < 0 ? "" : String.valueOf(c.kernelDrops()),
                    Double.isNaN(c.cpuPercent()) ? "" : String.format(Locale.ROOT, "%.0f %%", c.cpuPercent())));
        }
        out.append("\n| Trial | Rate tried (samples/s) | sent datagrams | received | samples sent | stored | kernel drops "
                + "| queue drops | wire gaps | zero loss: trial / window | sent at (samples/s) | CPU | simulator CPU | CPU s per million stored | peak heap "
                + "| send-to-stored median / max |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Trial t : r.trials()) {
            out.append(t.row()).append('\n');
        }
        out.append(r.cold().row()).append('\n');
        if (r.churn() != null) {
            out.append(r.churn().row()).append('\n');
        }
        Trial best = r.best();
        out.append('\n');
        if (best != null) {
            out.append(String.format(Locale.ROOT, "Highest zero-loss rate: %,.0f samples/s; stored rate / JDBC "
                            + "ceiling (b) = %.0f %% in arrival order, %.0f %% in node order.%n", best.storedPerSecond(),
                    100 * best.storedPerSecond() / r.jdbcArrival().samplesPerSecond(),
                    100 * best.storedPerSecond() / r.jdbc().samplesPerSecond()));
        } else {
            out.append("No rate tried was stored without loss.\n");
        }
        out.append(String.format(Locale.ROOT, "First contact (cold trial, empty database, %,.0f samples/s): %s.%n",
                r.cold().rate(), r.cold().windowZeroLoss() ? "zero loss" : r.cold().windowLoss() + " samples lost"));
        if (r.churn() != null) {
            out.append(String.format(Locale.ROOT, "Churn (known fleet, %d %% of the VMs new, %,.0f samples/s): %s; "
                            + "%.1f CPU s per million stored.%n", IngestTrial.CHURN_PERCENT, r.churn().rate(),
                    r.churn().windowZeroLoss() ? "zero loss" : r.churn().windowLoss() + " samples lost",
                    r.churn().cpuSecondsPerMillion()));
        }
        Trial warm = best != null ? best : r.trials().isEmpty() ? null : r.trials().get(0);
        double warmCost = warm == null ? Double.NaN : warm.cpuSecondsPerMillion();
        out.append(String.format(Locale.ROOT, "CPU seconds per million samples stored: service %.1f warm, %.1f cold; "
                        + "bare JDBC loop %.1f in arrival order, %.1f in node order; service / loop (arrival) = %.2f "
                        + "warm, %.2f cold.%n", warmCost, r.cold().cpuSecondsPerMillion(),
                r.jdbcArrival().cpuSecondsPerMillion(), r.jdbc().cpuSecondsPerMillion(),
                warmCost / r.jdbcArrival().cpuSecondsPerMillion(),
                r.cold().cpuSecondsPerMillion() / r.jdbcArrival().cpuSecondsPerMillion()));
        out.append(String.format(Locale.ROOT, "Receive and decode with storage off / bare receiver (a) = %.0f %% with the "
                + "Java simulator sending (both take what it sends)", 100 * r.decode().samplesPerSecond()
                / r.bare().samplesPerSecond()));
        if (r.bareNative() != null && r.decodeNative() != null) {
            out.append(String.format(Locale.ROOT, "; %.0f %% with the C sender against the C receiver",
                    100 * r.decodeNative().datagramsPerSecond() / r.bareNative().datagramsPerSecond()));
        } else {
            out.append("; the C reference was skipped (no C compiler, or its measurement failed: see the log)");
        }
        out.append(".\n");
        return out.toString();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
