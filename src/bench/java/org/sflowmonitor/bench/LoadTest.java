package org.sflowmonitor.bench;

import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The load test of issue 7: many concurrent API clients (64) for a while (30 s) against the
 * query benchmark's database while the simulator sends to the same service, with the same
 * nodes and VMs. Each client calls what scripts call, for one entity each time, in turn:
 * host.description, host.cpu (10 minutes), virt.memory (1 hour), virt.description, host.summary,
 * virt.summary of one node, collector.status. Reports calls, errors, median and p99 per
 * method; the figures are reported, not asserted.
 */
public final class LoadTest {

    static final String USAGE = """
            usage: LoadTest [--db DIR] [--nodes N] [--vms M] [--sparse-seconds S] [--clients C] [--seconds S]
                            [--rate R] [--heap SIZE] [--methods M1,M2] [--fleet]
              --db, --nodes, --vms, --sparse-seconds   as QueryBenchmark            default target/bench-querydb
              --clients   concurrent API clients                                   default 64
              --seconds   how long they call                                       default 30
              --rate      samples/s the simulator sends meanwhile                  default 5000
              --heap      -Xmx of the service                                      default 2g
              --methods   what the clients call, in turn          default the seven above
              --fleet     host.description, host.summary and virt.summary of the whole fleet
                          (otherwise of one random node)
            """;

    /**
     * Per-method latencies, the ingest counters of the run, and the service's CPU seconds while
     * the clients called: all of it, its HTTP threads' (the calls), its writer's.
     */
    record Result(Map<String, Latencies> byMethod, Latencies all, double seconds, ClusterSimulator.Result sent,
                  JsonNode ingest, double serviceCpuSeconds, double httpCpuSeconds, double writerCpuSeconds) {
    }

    private static final List<String> METHODS = List.of("host.description", "host.cpu", "virt.memory",
            "virt.description", "host.summary", "virt.summary", "collector.status");

    private static final Set<String> FLEET_WIDE = Set.of("host.description", "host.summary", "virt.summary");

    private LoadTest() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parseOrExit(argv, Set.of("db", "nodes", "vms", "sparse-seconds", "clients", "seconds", "rate", "heap",
                    "methods"), Set.of("fleet"), USAGE);
        System.out.println("load test, " + Machine.now() + ", " + Machine.describe() + ", load average "
                + Machine.loadAverage());
        ClusterModel model = new ClusterModel(args.integer("nodes", 10_000), args.integer("vms", 10), 1);
        QueryDatabase.Info db = QueryDatabase.ensure(Path.of(args.string("db", "target/bench-querydb")), model,
                args.integer("sparse-seconds", 180), System.out);
        List<String> methods = args.string("methods", "").isEmpty() ? METHODS
                : List.of(args.string("methods", "").split(","));
        Result r = run(db, model, args.integer("clients", 64), args.integer("seconds", 30),
                args.number("rate", 5_000), args.string("heap", "2g"), methods, args.flag("fleet"), System.out);
        System.out.println();
        System.out.println(markdown(r, args.integer("clients", 64)));
        System.out.println("load average at the end: " + Machine.loadAverage());
    }

    static Result run(QueryDatabase.Info db, ClusterModel model, int clients, int seconds, double rate, String heap,
                      PrintStream log) throws Exception {
        return run(db, model, clients, seconds, rate, heap, METHODS, false, log);
    }

    /** {@code methods} called in turn; {@code fleet}: the fleet-wide methods without a node's params. */
    static Result run(QueryDatabase.Info db, ClusterModel model, int clients, int seconds, double rate, String heap,
                      List<String> methods, boolean fleet, PrintStream log) throws Exception {
        try (ChildJvm service = ChildJvm.start(db.dir().resolve("service.log"), List.of("-Xmx" + heap), "service",
                db.dir().toString());
             UdpTarget udp = new UdpTarget(InetAddress.getLoopbackAddress(), service.sflowPort())) {
            StatusClient api = new StatusClient(service.httpPort());
            service.awaitEntitiesLoaded(600);
            ClusterSimulator sim = new ClusterSimulator(new ClusterSimulator.Config(model, 20, false, rate,
                    (seconds + 5) * 1000L, Long.MAX_VALUE));
            ClusterSimulator.Result[] sent = new ClusterSimulator.Result[1];
            Thread sender = new Thread(() -> sent[0] = sim.run(udp), "simulator");
            sender.start();
            Thread.sleep(2_000); // ingest running before the clients start
            Map<String, Latencies> byMethod = new LinkedHashMap<>();
            methods.forEach(m -> byMethod.put(m, new Latencies()));
            Latencies all = new Latencies();
            Map<String, String> before = service.stats();
            long start = System.nanoTime();
            long deadline = start + seconds * 1_000_000_000L;
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                SplittableRandom random = new SplittableRandom(c);
                int first = c;
                Thread t = new Thread(() -> {
                    for (int i = first; i < 1_000_000 && System.nanoTime() < deadline; i++) {
                        String method = methods.get(i % methods.size());
                        StatusClient.Answer a = api.check(method, fleet && FLEET_WIDE.contains(method) ? "{}"
                                : params(method, model, random, db.endMillis()));
                        byMethod.get(method).add(a);
                        all.add(a);
                    }
                }, "client-" + c);
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            Map<String, String> after = service.stats();
            sim.stop();
            sender.join();
            Thread.sleep(2_000);
            JsonNode ingest = api.ingest();
            log.printf(Locale.ROOT, "%d clients, %.0f s: %d calls, %d errors, median %.1f ms, p99 %.1f ms%n", clients,
                    elapsed, all.count(), all.errors(), all.quantileMillis(0.5), all.quantileMillis(0.99));
            return new Result(byMethod, all, elapsed, sent[0], ingest,
                    QueryBenchmark.delta(before, after, "cpu_ns") / 1e9,
                    QueryBenchmark.delta(before, after, "http_cpu_ns") / 1e9,
                    QueryBenchmark.delta(before, after, "writer_cpu_ns") / 1e9);
        }
    }

    /** One entity's params: a random node or VM; time series over the newest 10 minutes or hour. */
    private static String params(String method, ClusterModel m, SplittableRandom random, long end) {
        int node = random.nextInt(m.nodes());
        int vm = random.nextInt(Math.max(1, m.vmsPerNode()));
        String ip = "\"ip\":\"" + m.agentText(node) + "\"";
        String uuid = m.vmsPerNode() == 0 ? "" : "\"uuid\":\"" + m.vmUuid(node, vm) + "\"";
        return switch (method) {
            case "host.description", "host.summary", "virt.summary" -> "{" + ip + "}";
            case "host.cpu" -> "{" + ip + ",\"time_from\":" + (end - 600_000) + ",\"time_till\":" + end + "}";
            case "virt.memory" -> "{" + uuid + ",\"time_from\":" + (end - 3_600_000) + ",\"time_till\":" + end + "}";
            case "virt.description" -> "{" + uuid + "}";
            default -> "{\"agent\":\"" + m.agentText(node) + "\"}";
        };
    }

    static String markdown(Result r, int clients) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%d clients for %.0f s; simulator sent %,d "
                        + "samples (%,.0f/s); service: %,d datagrams received, %,d samples stored, %,d queue drops, "
                        + "%,d wire gaps.%n%n", clients, r.seconds(), r.sent().samples(), r.sent().samplesPerSecond(),
                r.ingest().path("ingest").path("datagrams_received").asLong(),
                r.ingest().path("ingest").path("samples_stored").asLong(),
                r.ingest().path("ingest").path("queue_drops").asLong(),
                r.ingest().path("ingest").path("datagrams_lost").asLong()));
        out.append(String.format(Locale.ROOT, "Service CPU while the clients called: %.1f s (%.0f %% of a core), of it "
                        + "HTTP threads %.1f s (%.2f ms a call), writer %.1f s.%n%n", r.serviceCpuSeconds(),
                100 * r.serviceCpuSeconds() / r.seconds(), r.httpCpuSeconds(),
                1000 * r.httpCpuSeconds() / Math.max(1, r.all().count()), r.writerCpuSeconds()));
        out.append("| Method | calls | errors | median | p99 |\n|---|---|---|---|---|\n");
        r.byMethod().forEach((m, l) -> out.append(row(m, l)));
        out.append(row("**all**", r.all()));
        if (r.all().firstError() != null) {
            out.append("\nFirst error: ").append(r.all().firstError()).append('\n');
        }
        return out.toString();
    }

    private static String row(String name, Latencies l) {
        return String.format(Locale.ROOT, "| %s | %,d | %d | %.1f ms | %.1f ms |%n", name, l.count(), l.errors(),
                l.quantileMillis(0.5), l.quantileMillis(0.99));
    }
}
