package org.sflowmonitor.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The query benchmark (issues 5 and 6): median and p99 of API calls through the real HTTP
 * /api of the service (webapp in an embedded Tomcat, in a JVM of its own) on a database of
 * 10,000 nodes and 100,000 VMs with over 50 million sample rows ({@link QueryDatabase}), at 1
 * and at 16 concurrent clients. The methods are a list: one the service does not know is
 * reported as missing.
 */
public final class QueryBenchmark {

    static final String USAGE = """
            usage: QueryBenchmark [--db DIR] [--nodes N] [--vms M] [--sparse-seconds S] [--calls K]
                                  [--clients 1,16] [--cell-seconds S] [--heap SIZE] [--answer-cache-mb MB]
                                  [--methods M1,M2] [--postgresql] [--build-only]
              --db              database folder, built once and reused      default target/bench-querydb
              --nodes, --vms    cluster in the database                      default 10000 x 10
              --sparse-seconds  sample interval of all but the first 16 VMs (they have 20 s);
                                nodes: 3 times that               default 180 (51 million rows)
              --calls           calls per client and method                  default 20
              --clients         concurrent clients                           default 1,16
              --cell-seconds    time limit of one method at one concurrency  default 60
              --heap            -Xmx of the service                          default 2g
              --jfr FILE        record the service with Java Flight Recorder into FILE
              --answer-cache-mb the service's api.answer.cache.mb (0: every call computes its answer)
                                                                           default the service's (64)
              --methods         the methods to call, by name (e.g. virt.memory,host.cpu)  default all
              --postgresql      the database in a PostgreSQL server this run starts (durable, on this
                                machine) on the cluster in the --db folder, built once and reused
                                like H2's; the service on it
              --build-only      build the database unless it is there, then exit without calls
            """;

    /** A method and the params of a client's i-th call. */
    record Method(String name, String target, IntFunction<String> params) {
    }

    /**
     * One method at one concurrency: latencies, calls per second of wall time, and the CPU per
     * call of the service's process, of its HTTP threads (the calls themselves, without the GC
     * they cause), and of the clients' (this JVM: sending, receiving and checking the answers),
     * which share the machine's cores.
     */
    record Cell(String method, int clients, int calls, int errors, double medianMillis, double p99Millis,
                int rowsPerAnswer, String firstError, String target, double callsPerSecond,
                double serviceCpuMillisPerCall, double httpCpuMillisPerCall, double clientCpuMillisPerCall) {
        boolean missing() {
            return firstError != null && firstError.contains("-32601");
        }
    }

    private QueryBenchmark() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parseOrExit(argv, Set.of("db", "nodes", "vms", "sparse-seconds", "calls", "clients", "cell-seconds",
                    "heap", "jfr", "answer-cache-mb", "methods"), Set.of("postgresql", "build-only"), USAGE);
        System.out.println("query benchmark, " + Machine.now() + ", " + Machine.describe() + ", load average "
                + Machine.loadAverage());
        ClusterModel model = new ClusterModel(args.integer("nodes", 10_000), args.integer("vms", 10), 1);
        Path dir = Path.of(args.string("db", "target/bench-querydb"));
        int sparseSeconds = args.integer("sparse-seconds", 180);
        List<Cell> cells;
        if (args.flag("postgresql")) {
            try (QueryDatabase.OnPostgresql postgres = QueryDatabase.onPostgresql(dir, model, sparseSeconds,
                    System.out)) {
                cells = run(postgres.info(), model, args, "PostgreSQL");
            }
        } else {
            cells = run(QueryDatabase.ensure(dir, model, sparseSeconds, System.out), model, args, "H2");
        }
        if (args.flag("build-only")) {
            return;
        }
        System.out.println();
        System.out.println(markdown(cells));
        System.out.println("load average at the end: " + Machine.loadAverage());
    }

    private static List<Cell> run(QueryDatabase.Info db, ClusterModel model, Args args, String database)
            throws Exception {
        System.out.printf(Locale.ROOT, "database %s (%s): %,d sample rows, newest at %d, built in %.0f s%n", db.dir(),
                database, db.rows(), db.endMillis(), db.buildSeconds());
        if (args.flag("build-only")) {
            return List.of();
        }
        List<String> only = List.of(args.string("methods", "").split(","));
        List<Method> methods = methods(model, db.endMillis()).stream()
                .filter(m -> only.equals(List.of("")) || only.contains(m.name())).toList();
        return run(db, methods, args.integers("clients", "1,16"), args.integer("calls", 20),
                args.integer("cell-seconds", 60), jvmOptions(args.string("heap", "2g"), args.string("jfr", ""),
                        args.string("answer-cache-mb", "")), System.out);
    }

    /** The methods of issue 5's targets, with issue 20's figures. Clients spread over the 16 nodes and VMs with 20 s samples. */
    static List<Method> methods(ClusterModel model, long end) {
        long from = end - QueryDatabase.DAY_MILLIS;
        int dense = Math.min(QueryDatabase.DENSE, model.nodes());
        return List.of(
                new Method("host.description", "< 50 ms", i -> "{}"),
                new Method("host.summary", "< 100 ms", i -> "{}"),
                new Method("virt.summary", "< 50 ms", i -> "{\"sortfield\":\"vcpu_utilisation\","
                        + "\"sortorder\":\"DESC\",\"limit\":100}"),
                new Method("virt.memory", "< 5 ms", i -> {
                    int vm = i % Math.min(dense, model.nodes() * model.vmsPerNode());
                    return "{\"uuid\":\"" + model.vmUuid(vm / model.vmsPerNode(), vm % model.vmsPerNode())
                            + "\",\"time_from\":" + from + ",\"time_till\":" + end + ",\"limit\":10000}";
                }),
                new Method("host.cpu", "", i -> "{\"ip\":\"" + model.agentText(i % dense) + "\",\"time_from\":" + from
                        + ",\"time_till\":" + end + ",\"limit\":10000}"));
    }

    /** The bytes of one answer on the wire, without and with gzip (Accept-Encoding), and the time of each. */
    static String wireBytes(int port, String method) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        StringBuilder out = new StringBuilder(method + " on the wire:");
        for (String encoding : List.of("identity", "gzip")) {
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + "/api"))
                    .header("Content-Type", "application/json").header("Accept-Encoding", encoding)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"method\":\""
                            + method + "\",\"params\":{},\"id\":1}")).build();
            long started = System.nanoTime();
            java.net.http.HttpResponse<byte[]> response = http.send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            out.append(String.format(Locale.ROOT, " %s %,d bytes (Content-Encoding %s, %.1f ms);", encoding,
                    response.body().length, response.headers().firstValue("Content-Encoding").orElse("none"),
                    (System.nanoTime() - started) / 1e6));
        }
        return out.toString();
    }

    /**
     * The service's JVM options: its heap, a flight recording when {@code jfr} names a file, its
     * api.answer.cache.mb unless {@code answerCacheMb} is empty.
     */
    static List<String> jvmOptions(String heap, String jfr, String answerCacheMb) {
        List<String> options = new ArrayList<>(List.of("-Xmx" + heap));
        if (!answerCacheMb.isEmpty()) {
            options.add("-Dapi.answer.cache.mb=" + answerCacheMb);
        }
        if (!jfr.isEmpty()) {
            options.add("-XX:StartFlightRecording=settings=profile,filename=" + Path.of(jfr).toAbsolutePath());
        }
        return options;
    }

    static List<Cell> run(QueryDatabase.Info db, List<Method> methods, List<Integer> concurrency, int callsPerClient,
                          int cellSeconds, List<String> jvmOptions, PrintStream log) throws Exception {
        List<Cell> cells = new ArrayList<>();
        List<String> serviceArgs = new ArrayList<>(List.of("service", db.dir().toString()));
        serviceArgs.addAll(db.settings());
        try (ChildJvm service = ChildJvm.start(db.dir().resolve("service.log"), jvmOptions,
                serviceArgs.toArray(String[]::new))) {
            StatusClient api = new StatusClient(service.httpPort());
            double settled = settle(service, 240);
            log.printf(Locale.ROOT, "service idle after %.0f s (its start-up work, e.g. a retention pass, done)%n",
                    settled);
            log.println(wireBytes(service.httpPort(), "host.description"));
            for (Method m : methods) {
                for (int clients : concurrency) {
                    Cell cell = measure(service, api, m, clients, callsPerClient, cellSeconds);
                    log.printf(Locale.ROOT, "%s x%d: %d calls, median %.1f ms, p99 %.1f ms, %.1f calls/s, "
                                    + "service %.2f (HTTP threads %.2f) and clients %.2f CPU ms a call, %d rows, "
                                    + "%d errors%s (load average %s)%n", m.name(), clients, cell.calls(),
                            cell.medianMillis(), cell.p99Millis(), cell.callsPerSecond(),
                            cell.serviceCpuMillisPerCall(), cell.httpCpuMillisPerCall(), cell.clientCpuMillisPerCall(), cell.rowsPerAnswer(), cell.errors(),
                            cell.firstError() == null ? "" : " " + cell.firstError(), Machine.loadAverage());
                    cells.add(cell);
                    if (cell.missing()) {
                        break;
                    }
                }
            }
        }
        return cells;
    }

    /**
     * Waits until the service uses under a tenth of a core over two seconds (the work it does
     * after a start, such as a retention pass over every entity, would be measured with the
     * queries otherwise), at most {@code maxSeconds}; returns the seconds waited.
     */
    static double settle(ChildJvm service, int maxSeconds) throws Exception {
        long start = System.nanoTime();
        long cpu = Long.parseLong(service.stats().get("cpu_ns"));
        while (System.nanoTime() - start < maxSeconds * 1_000_000_000L) {
            Thread.sleep(2_000);
            long now = Long.parseLong(service.stats().get("cpu_ns"));
            if (now - cpu < 200_000_000L) {
                break;
            }
            cpu = now;
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Warm-up calls that are not measured: the service runs in a fresh JVM, whose first calls of
     * a method run interpreted (with 3 of them, virt.memory's median varied from 18 to 39 ms
     * between runs of the same code).
     */
    static final int WARMUP_CALLS = 20;

    /** Warm-up calls, then {@code clients} threads calling in a loop, each {@code calls} times or until the time limit. */
    static Cell measure(ChildJvm service, StatusClient api, Method m, int clients, int calls, int cellSeconds)
            throws Exception {
        StatusClient.Answer first = null;
        for (int i = 0; i < WARMUP_CALLS; i++) {
            first = api.call(m.name(), m.params().apply(i));
        }
        int rows = first.ok() && first.json().get("result").isArray() ? first.json().get("result").size() : 0;
        Latencies latencies = new Latencies();
        Map<String, String> before = service.stats();
        long clientCpu = JvmUsage.processCpuNanos();
        long started = System.nanoTime();
        long deadline = started + cellSeconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                for (int i = 0; i < calls && System.nanoTime() < deadline; i++) {
                    latencies.add(api.check(m.name(), m.params().apply(client * calls + i)));
                }
            }, "client-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double clientCpuMillis = (JvmUsage.processCpuNanos() - clientCpu) / 1e6;
        Map<String, String> after = service.stats();
        int n = Math.max(1, latencies.count());
        String error = first.ok() ? latencies.firstError() : first.error();
        return new Cell(m.name(), clients, latencies.count(), latencies.errors() + (first.ok() ? 0 : 1),
                latencies.quantileMillis(0.5), latencies.quantileMillis(0.99), rows, error, m.target(),
                latencies.count() / seconds, delta(before, after, "cpu_ns") / 1e6 / n,
                delta(before, after, "http_cpu_ns") / 1e6 / n, clientCpuMillis / n);
    }

    static long delta(Map<String, String> before, Map<String, String> after, String field) {
        return Long.parseLong(after.get(field)) - Long.parseLong(before.get(field));
    }

    static String markdown(List<Cell> cells) {
        StringBuilder out = new StringBuilder("| Method | clients | calls | rows per answer | median | p99 | errors "
                + "| calls/s | x 1 client | service CPU ms a call | of it HTTP threads | clients' CPU ms a call "
                + "| target (median) |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Cell c : cells) {
            if (c.missing()) {
                out.append("| ").append(c.method()).append(" | | | | | | missing: Method not found | ")
                        .append(c.target()).append(" |\n");
                continue;
            }
            Cell one = cells.stream().filter(o -> o.method().equals(c.method()) && o.clients() == 1).findFirst()
                    .orElse(c);
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %,d | %.1f ms | %.1f ms | %d | %.1f | %.2f | %.2f "
                            + "| %.2f | %.2f | %s |%n", c.method(), c.clients(), c.calls(), c.rowsPerAnswer(),
                    c.medianMillis(), c.p99Millis(), c.errors(), c.callsPerSecond(),
                    c.callsPerSecond() / one.callsPerSecond(), c.serviceCpuMillisPerCall(), c.httpCpuMillisPerCall(),
                    c.clientCpuMillisPerCall(), c.target()));
        }
        return out.toString();
    }
}
