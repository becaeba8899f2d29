package org.sflowmonitor.bench;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.sflowmonitor.testing.PostgresServer;
import org.sflowmonitor.testing.TestDatabase;

/**
 * Ingest into one PostgreSQL (on this machine, durable) by one collector and by two (each a JVM
 * of its own, role collector, receiving half of the simulated agents, split by agent address as a
 * source-hashing load balancer would), at the same offered rates, in one run: per trial the
 * samples sent and stored, every loss (kernel drops, queue drops, sequence gaps, write errors) in
 * the measured window, the collectors' CPU seconds (summed) and the PostgreSQL server's CPU
 * seconds per million samples stored. The fleet of the model is in the database before each trial
 * (warm: no entity is created during the window). {@code --collectors h2} is one collector on its
 * H2 file database instead, for the same rates in the same run.
 * <p>{@code java -cp $CP org.sflowmonitor.bench.ScaleOutBenchmark --nodes 1000 --vms 100 --rates 10000,20000
 * --window 60 [--collectors h2,1,2]}
 */
public final class ScaleOutBenchmark {

    private static final String USAGE = "ScaleOutBenchmark --nodes N --vms V --rates R1,R2 --window S"
            + " [--collectors h2,1,2] [--heap 1g] [--work target/bench-scaleout]";

    private ScaleOutBenchmark() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parseOrExit(argv, Set.of("nodes", "vms", "rates", "window", "collectors", "heap", "work"),
                Set.of(), USAGE);
        ClusterModel model = new ClusterModel(args.integer("nodes", 1000), args.integer("vms", 100), 1);
        int window = args.integer("window", 60);
        String heap = args.string("heap", "1g");
        Path work = Path.of(args.string("work", "target/bench-scaleout"));
        System.out.println("scale-out ingest benchmark, " + Machine.now() + ", " + Machine.describe()
                + ", load average " + Machine.loadAverage());
        List<String> rows = new ArrayList<>();
        try (PostgresServer postgres = PostgresServer.start(true)) {
            int trial = 0;
            for (String rate : args.string("rates", "10000").split(",")) {
                for (String collectors : args.string("collectors", "h2,1,2").split(",")) {
                    rows.add(trial(collectors.equals("h2") ? null : postgres, model, Double.parseDouble(rate),
                            collectors.equals("h2") ? 1 : Integer.parseInt(collectors), window, heap,
                            work.resolve("trial-" + trial++)));
                }
            }
        }
        System.out.println();
        System.out.println("| collectors | offered samples/s | sent | stored | lost (kernel, queue, gaps, write"
                + " errors) | held (nothing lost) | collectors' CPU s per million (window to drained)"
                + " | PostgreSQL CPU s"
                + " per million (same) | load average at start |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.println("load average at the end: " + Machine.loadAverage());
    }

    private static String trial(PostgresServer postgres, ClusterModel model, double rate, int collectors, int window,
                                String heap, Path dir) throws Exception {
        String load = Machine.loadAverage();
        String database = postgres == null ? "H2" : "PostgreSQL";
        System.out.printf(Locale.ROOT, "%d collector(s) into %s at %,.0f samples/s (load average %s)%n", collectors,
                database, rate, load);
        Files.createDirectories(dir);
        TestDatabase db = null;
        if (postgres == null) {
            QueryDatabase.createEntities(dir.resolve("c0"), model);
        } else {
            db = postgres.createSchema("scaleout_" + dir.getFileName().toString().replace('-', '_'));
            IngestTrial.fleetOnPostgresql(db, model, dir, System.out);
        }
        List<ChildJvm> services = new ArrayList<>();
        try {
            for (int i = 0; i < collectors; i++) {
                List<String> serviceArgs = new ArrayList<>(List.of("service", dir.resolve("c" + i).toString(),
                        "role=collector", "instance.id=c" + i));
                if (db != null) {
                    db.settings().forEach((k, v) -> serviceArgs.add(k + "=" + v));
                }
                Files.createDirectories(dir.resolve("c" + i));
                services.add(ChildJvm.start(dir.resolve("c" + i + ".log"), List.of("-Xmx" + heap),
                        serviceArgs.toArray(String[]::new)));
            }
            List<StatusClient> apis = new ArrayList<>();
            for (ChildJvm s : services) {
                s.awaitEntitiesLoaded(600);
                apis.add(new StatusClient(s.httpPort()));
            }
            double warmup = Math.min(30, (double) model.sources() / rate);
            ClusterSimulator sim = new ClusterSimulator(new ClusterSimulator.Config(model, 20, false, rate,
                    (long) ((warmup + window) * 1000), Long.MAX_VALUE));
            try (SplitTarget target = new SplitTarget(services)) {
                java.util.concurrent.atomic.AtomicLong sentTotal = new java.util.concurrent.atomic.AtomicLong();
                KernelUdp kernelAtStart = KernelUdp.read();
                Thread sender = new Thread(() -> sentTotal.set(sim.run(target).samples()), "simulator");
                sender.start();
                Thread.sleep((long) (warmup * 1000));
                for (ChildJvm s : services) {
                    s.reset();
                }
                long postgresCpu = postgres == null ? 0 : postgres.cpuNanos();
                List<JsonNode> atWindow = statuses(apis);
                sender.join();
                List<JsonNode> end = drained(apis);
                double collectorCpu = 0;
                for (ChildJvm s : services) {
                    collectorCpu += IngestBenchmark.n(s.stats(), "cpu_since_reset_ns") / 1e9;
                }
                double postgresSeconds = postgres == null ? Double.NaN : (postgres.cpuNanos() - postgresCpu) / 1e9;
                // losses over the whole trial (warm-up and window): the kernel's, the collectors' counters
                KernelUdp kernel = KernelUdp.read().minus(kernelAtStart);
                long storedInWindow = sum(end, "samples_stored") - sum(atWindow, "samples_stored");
                long stored = sum(end, "samples_stored");
                long kernelDrops = kernel.rcvbufErrors() + kernel.inErrors();
                long queueDrops = sum(end, "queue_drops");
                long gaps = sum(end, "datagrams_lost");
                long writeErrors = sum(end, "write_errors");
                long lost = kernelDrops + queueDrops + gaps + writeErrors;
                boolean held = lost == 0 && stored == sentTotal.get();
                String row = String.format(Locale.ROOT, "| %d into %s | %,.0f | %,d | %,d | %,d (%,d, %,d, %,d, %,d)"
                                + " | %s | %.1f | %.1f | %s |", collectors, database, rate, sentTotal.get(), stored, lost,
                        kernelDrops, queueDrops, gaps, writeErrors, held ? "yes" : "no", collectorCpu / (storedInWindow / 1e6),
                        postgresSeconds / (storedInWindow / 1e6), load);
                System.out.println("  " + row);
                return row;
            }
        } finally {
            for (ChildJvm s : services) {
                s.close();
            }
            IngestBenchmark.deleteTree(dir);
        }
    }

    private static List<JsonNode> statuses(List<StatusClient> apis) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (StatusClient api : apis) {
            out.add(api.ingest());
        }
        return out;
    }

    /** The statuses once every queue is empty and nothing moves for 3 s (at most 60 s). */
    private static List<JsonNode> drained(List<StatusClient> apis) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        List<JsonNode> last = statuses(apis);
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(200);
            List<JsonNode> now = statuses(apis);
            if (!now.stream().map(s -> s.path("ingest")).toList().equals(last.stream().map(s -> s.path("ingest"))
                    .toList())) {
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > 3_000_000_000L
                    && now.stream().allMatch(s -> s.path("writer").path("queue_depth").asLong() == 0)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private static long sum(List<JsonNode> statuses, String counter) {
        return statuses.stream().mapToLong(s -> IngestBenchmark.n(s, counter)).sum();
    }

    /** Sends each datagram to the collector its agent address hashes to, as a source-hashing balancer does. */
    private static final class SplitTarget implements ClusterSimulator.DatagramSink {
        /** sFlow v5: version, address type, then the agent's IPv4 address. */
        private static final int AGENT_OFFSET = 8;
        private final List<UdpTarget> targets = new ArrayList<>();

        SplitTarget(List<ChildJvm> services) throws Exception {
            for (ChildJvm s : services) {
                targets.add(new UdpTarget(InetAddress.getLoopbackAddress(), s.sflowPort()));
            }
        }

        @Override
        public void send(ByteBuffer datagram) throws java.io.IOException {
            int agent = datagram.getInt(datagram.position() + AGENT_OFFSET);
            targets.get(Math.floorMod(Integer.hashCode(agent * 0x9E3779B9), targets.size())).send(datagram);
        }

        @Override
        public void close() throws java.io.IOException {
            for (UdpTarget t : targets) {
                t.close();
            }
        }
    }
}
