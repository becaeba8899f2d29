package org.sflowmonitor.bench;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.openqa.selenium.By;

import org.sflowmonitor.app.EmbeddedTomcat;
import org.sflowmonitor.app.ServiceRuntime;
import org.sflowmonitor.testing.ApiClient;
import org.sflowmonitor.testing.Browser;

/**
 * The dashboard with a large fleet (issue 17). The fleet's database is built fast with bulk SQL
 * ({@link QueryDatabase}: 10,000 nodes, 100,000 VMs, a day of hourly samples, the latest tables
 * filled) and reused; the real webapp starts on it in an embedded Tomcat and the simulator keeps
 * every node and VM reporting over UDP. Headless Chromium opens the fleet view and reads the
 * Performance API (first render, main-thread time of each live update, JS heap) while the
 * cluster reports in real time; then ingest runs at {@code --rate} and many WebSocket clients
 * subscribe to the fleet at once: the delay from a sample's arrival at the collector to its
 * notification at a client, /api's latency while they subscribe, and the samples lost.
 */
public final class DashboardBenchmark {

    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":(\\d+)");
    private static final Pattern STORED_AT = Pattern.compile("\"stored_at\":(\\d+)");

    private DashboardBenchmark() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parseOrExit(argv, Set.of("nodes", "vms", "interval", "rate", "clients", "seconds", "renders",
                "db", "sparse-seconds", "quiet-interval"), Set.of("prepare"), "DashboardBenchmark [--nodes 10000] [--vms 10] "
                + "[--interval 20] [--rate 50000] [--clients 200] [--seconds 30] [--renders 3] "
                + "[--db target/bench-dashboard-db] [--sparse-seconds 3600] [--quiet-interval 60] "
                + "[--prepare: build the database only]");
        int clients = args.integer("clients", 200);
        int seconds = args.integer("seconds", 30);
        ClusterModel model = new ClusterModel(args.integer("nodes", 10_000), args.integer("vms", 10), 1);
        System.out.println("dashboard benchmark, " + Machine.now() + ", " + Machine.describe() + ", load average "
                + Machine.loadAverage());
        QueryDatabase.Info db = QueryDatabase.ensure(Path.of(args.string("db", "target/bench-dashboard-db")), model,
                args.integer("sparse-seconds", 3600), System.out);
        System.out.printf("database %s: %,d nodes, %,d VMs, %,d sample rows (built in %.0f s)%n", db.dir(),
                model.nodes(), model.nodes() * model.vmsPerNode(), db.rows(), db.buildSeconds());
        if (args.flag("prepare")) {
            return;
        }
        Path tomcatDir = Path.of("target", "bench-dashboard-tomcat");
        if (Files.exists(tomcatDir)) {
            org.sflowmonitor.boot.WarLauncher.deleteTree(tomcatDir);
        }
        try (EmbeddedTomcat tomcat = EmbeddedTomcat.start(Path.of("webapp"), tomcatDir, 0,
                Map.of("sflow.port", "0", "data.dir", db.dir().toString(), "db.url", QueryDatabase.url(db.dir()),
                        "push.max.connections", String.valueOf(clients + 10)))) {
            ServiceRuntime runtime = (ServiceRuntime) tomcat.context().getServletContext()
                    .getAttribute(ServiceRuntime.class.getName());
            ApiClient api = new ApiClient(tomcat.port());
            int interval = args.integer("interval", 20);
            ClusterSimulator.Config realTime = new ClusterSimulator.Config(model, interval, false, 1, 3_600_000,
                    Long.MAX_VALUE);
            try (Sender sender = Sender.start(new ClusterSimulator.Config(model, interval, false,
                    realTime.realTimeRate(), 3_600_000, Long.MAX_VALUE), runtime.sflowPort())) {
                System.out.printf("cluster reporting in real time: every %d s (%,.0f samples/s)%n", interval,
                        realTime.realTimeRate());
                awaitStored(api, realTime.samplesPerRound());
                String url = "http://127.0.0.1:" + tomcat.port() + "/";
                try (Browser browser = Browser.start()) {
                    measureBrowser(browser, url, args.integer("renders", 3), seconds);
                }
            }
            // a slower polling interval, that the writer keeps up with here: the clients' delay is then the push's
            int quietInterval = args.integer("quiet-interval", 60);
            ClusterSimulator.Config quiet = new ClusterSimulator.Config(model, quietInterval, false, 1, 3_600_000,
                    Long.MAX_VALUE);
            try (Sender sender = Sender.start(new ClusterSimulator.Config(model, quietInterval, false,
                    quiet.realTimeRate(), 3_600_000, Long.MAX_VALUE), runtime.sflowPort())) {
                awaitDrained(api);
                System.out.printf("%n%d clients on the fleet while the cluster reports in real time every %d s (%,.0f "
                        + "samples/s), load average %s%n", clients, quietInterval, quiet.realTimeRate(),
                        Machine.loadAverage());
                try (Clients c = Clients.connect(tomcat.port(), clients)) {
                    c.subscribeAll(api, model);
                    window(api, sender, c, seconds);
                }
            }
            double rate = args.integer("rate", 50_000);
            try (Sender sender = Sender.start(new ClusterSimulator.Config(model, interval, false, rate, 3_600_000,
                    Long.MAX_VALUE), runtime.sflowPort())) {
                Thread.sleep(5000); // a fresh sender's first seconds
                System.out.printf("%ningest at %,.0f samples/s without clients, load average %s%n", rate,
                        Machine.loadAverage());
                window(api, sender, null, seconds);
                System.out.printf("%ningest at %,.0f samples/s with %d clients on the fleet, load average %s%n", rate,
                        clients, Machine.loadAverage());
                try (Clients c = Clients.connect(tomcat.port(), clients)) {
                    c.subscribeAll(api, model);
                    window(api, sender, c, seconds);
                }
            }
            // a writer stopped with a backlog loses it, and H2 has once been left damaged that way
            awaitDrained(api);
        }
    }

    /**
     * One measured window: the samples sent, stored and lost, the push thread's CPU and, with
     * clients, the delay of their notifications. The writer's backlog is left to the next window.
     */
    private static void window(ApiClient api, Sender sender, Clients clients, int seconds) throws Exception {
        Ingest before = Ingest.read(api);
        long sentBefore = sender.simulator.samplesSent();
        long pushCpu = threadCpuNanos(n -> n.endsWith("push"));
        long clientCpu = threadCpuNanos(n -> n.startsWith("HttpClient-"));
        long jvmCpu = processCpuNanos();
        long queueBefore = queueDepth(api);
        if (clients != null) {
            clients.reset();
        }
        Thread.sleep(seconds * 1000L);
        long sent = sender.simulator.samplesSent() - sentBefore;
        Ingest.read(api).minus(before).print(sent, seconds);
        System.out.printf("writer queue %,d at the start, %,d at the end; CPU in the window: this JVM %.1f s, of it the "
                + "push thread %.2f s and the benchmark's WebSocket clients %.1f s; load average %s%n", queueBefore,
                queueDepth(api), (processCpuNanos() - jvmCpu) / 1e9,
                (threadCpuNanos(n -> n.endsWith("push")) - pushCpu) / 1e9,
                (threadCpuNanos(n -> n.startsWith("HttpClient-")) - clientCpu) / 1e9, Machine.loadAverage());
        if (clients != null) {
            clients.printDelays(seconds);
        }
    }

    private static long queueDepth(ApiClient api) throws Exception {
        return api.call("collector.status", "{\"agent\":\"-\"}").path("result").path("writer").path("queue_depth")
                .asLong();
    }

    private static void awaitDrained(ApiClient api) throws Exception {
        for (int i = 0; i < 240 && queueDepth(api) > 0; i++) {
            Thread.sleep(500);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time of this JVM's live threads whose name matches (the service's threads are prefixed). */
    private static long threadCpuNanos(java.util.function.Predicate<String> name) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && name.test(t.getThreadName())) {
                total += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return total;
    }

    /** The simulator sending to the collector on a thread of its own. */
    private record Sender(ClusterSimulator simulator, Thread thread, DatagramSocket socket) implements AutoCloseable {
        static Sender start(ClusterSimulator.Config config, int port) throws Exception {
            ClusterSimulator simulator = new ClusterSimulator(config);
            DatagramSocket socket = new DatagramSocket();
            InetAddress loopback = InetAddress.getLoopbackAddress();
            Thread thread = new Thread(() -> simulator.run(d -> {
                byte[] b = new byte[d.remaining()];
                d.get(b);
                socket.send(new DatagramPacket(b, b.length, loopback, port));
            }), "bench-sender");
            thread.setDaemon(true);
            thread.start();
            return new Sender(simulator, thread, socket);
        }

        @Override
        public void close() throws InterruptedException {
            simulator.stop();
            thread.join(5000);
            socket.close();
        }
    }

    /** The ingest counters that say whether a sample was lost, and where. */
    private record Ingest(long stored, long counterSamplesLost, long queueDrops, long writeErrors, KernelUdp kernel) {
        static Ingest read(ApiClient api) throws Exception {
            JsonNode i = api.call("collector.status", "{\"agent\":\"-\"}").path("result").path("ingest");
            return new Ingest(i.path("samples_stored").asLong(), i.path("counter_samples_lost").asLong(),
                    i.path("queue_drops").asLong(), i.path("write_errors").asLong(), KernelUdp.read());
        }

        Ingest minus(Ingest b) {
            return new Ingest(stored - b.stored, counterSamplesLost - b.counterSamplesLost, queueDrops - b.queueDrops,
                    writeErrors - b.writeErrors, kernel.minus(b.kernel));
        }

        void print(long sent, int seconds) {
            System.out.printf("in %d s: %,d samples sent, %,d stored; lost: %,d counter samples missing from "
                    + "sequences, %,d queue drops, %,d write errors; kernel UDP receive-buffer drops %,d "
                    + "(machine-wide)%n", seconds, sent, stored, counterSamplesLost, queueDrops, writeErrors,
                    kernel.rcvbufErrors());
        }
    }

    private static void awaitStored(ApiClient api, long samples) throws Exception {
        long start = System.nanoTime();
        long first = Ingest.read(api).stored();
        while (true) {
            long stored = Ingest.read(api).stored() - first;
            if (stored >= samples) {
                System.out.printf("a round stored (%,d samples) after %.0f s%n", stored,
                        (System.nanoTime() - start) / 1e9);
                return;
            }
            Thread.sleep(1000);
        }
    }

    private static double[] durations(Browser browser, String measure) {
        Object raw = browser.driver.executeScript("return performance.getEntriesByName('" + measure
                + "').map(e => e.duration)");
        return ((List<?>) raw).stream().mapToDouble(o -> ((Number) o).doubleValue()).sorted().toArray();
    }

    private static double number(Browser b, String script) {
        Object v = b.driver.executeScript(script);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    private static void measureBrowser(Browser browser, String url, int renders, int seconds) throws Exception {
        List<double[]> firsts = new ArrayList<>();
        for (int i = 0; i < renders; i++) {
            browser.driver.get("about:blank");
            browser.driver.get(url + "#/");
            browser.waiting(120).until(d -> !d.findElements(By.cssSelector("main[data-view='fleet'][data-ready='true']"))
                    .isEmpty());
            double first = number(browser, "return performance.getEntriesByName('fleet-rendered')[0].startTime");
            double answered = number(browser, "return performance.getEntriesByName('fleet-answered')[0].startTime");
            double started = number(browser, "return performance.getEntriesByName('fleet-answered')[0].startTime - "
                    + "performance.getEntriesByType('resource').filter(e => e.name.endsWith('/api'))"
                    + ".map(e => e.startTime).reduce((a, b) => Math.min(a, b), Infinity)");
            double vmsFilled = Double.NaN;
            try {
                browser.waiting(60).until(d -> !d.findElements(By.cssSelector("main[data-vms-ready='true']")).isEmpty());
                vmsFilled = number(browser, "return performance.getEntriesByName('fleet-vms-rendered')[0].startTime");
            } catch (org.openqa.selenium.TimeoutException e) {
                // virt.summary of every VM did not come within 60 s (e.g. cancelled by db.query.timeout.seconds)
            }
            firsts.add(new double[] {first, vmsFilled, answered, started});
        }
        System.out.println();
        System.out.println("| fleet view, load | first render (tiles, counts, nodes table) ms | of it: host.summary "
                + "and collector.status answered at ms (the first /api request took ms) | VM table filled ms |");
        System.out.println("|---|---:|---:|---:|");
        for (int i = 0; i < firsts.size(); i++) {
            double[] f = firsts.get(i);
            System.out.printf("| %s | %.0f | %.0f (%.0f) | %s |%n", i == 0 ? "1 (cold browser cache)" : String.valueOf(i + 1),
                    f[0], f[2], f[3], Double.isNaN(f[1]) ? "not within 60 s" : String.format("%.0f", f[1]));
        }
        browser.driver.executeScript("performance.clearMeasures('push-message'); performance.clearMeasures('table-page')");
        Thread.sleep(seconds * 1000L);
        double[] updates = durations(browser, "push-message");
        double[] pages = durations(browser, "table-page");
        // the tab's memory as DevTools counts it (performance.memory is coarse without a flag)
        browser.driver.executeCdpCommand("Performance.enable", Map.of());
        Map<String, Double> metrics = new java.util.HashMap<>();
        for (Object m : (List<?>) browser.driver.executeCdpCommand("Performance.getMetrics", Map.of()).get("metrics")) {
            Map<?, ?> metric = (Map<?, ?>) m;
            metrics.put(String.valueOf(metric.get("name")), ((Number) metric.get("value")).doubleValue());
        }
        System.out.println();
        System.out.printf("live updates in %d s: %d; main-thread time per update (parse + redraw of every node's tile and the counts): "
                + "median %.1f ms, p90 %.1f ms, max %.1f ms%n", seconds, updates.length, quantile(updates, 0.5),
                quantile(updates, 0.9), updates.length == 0 ? Double.NaN : updates[updates.length - 1]);
        System.out.printf("nodes table pages fetched after those updates: %d; main-thread time per page shown: median "
                + "%.1f ms, p90 %.1f ms%n", pages.length, quantile(pages, 0.5), quantile(pages, 0.9));
        System.out.printf("tab memory (DevTools Performance.getMetrics): JS heap used %.1f MiB of %.1f MiB, %,.0f DOM "
                + "nodes%n", metrics.getOrDefault("JSHeapUsedSize", Double.NaN) / 1048576,
                metrics.getOrDefault("JSHeapTotalSize", Double.NaN) / 1048576, metrics.getOrDefault("Nodes", Double.NaN));
        browser.screenshot("bench-fleet");
    }

    /** WebSocket clients of the JDK in this JVM, each noting the delay of every notification it reads. */
    private static final class Clients implements AutoCloseable {
        private final List<WebSocket> sockets = new ArrayList<>();
        private final long[] delays = new long[1 << 20];
        private final long[] storedDelays = new long[1 << 20];
        private final AtomicLong received = new AtomicLong();
        private final AtomicLong closed = new AtomicLong();
        private final java.util.concurrent.CountDownLatch served;
        private final int port;

        private Clients(int port, int count) {
            this.port = port;
            this.served = new java.util.concurrent.CountDownLatch(count);
        }

        static Clients connect(int port, int count) throws Exception {
            Clients c = new Clients(port, count);
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < count; i++) {
                c.sockets.add(http.newWebSocketBuilder().subprotocols("jsonrpc")
                        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/push"), c.listener())
                        .get(30, TimeUnit.SECONDS));
            }
            return c;
        }

        private WebSocket.Listener listener() {
            return new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();
                private boolean first = true;

                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        long now = System.currentTimeMillis();
                        if (text.indexOf("push.update") >= 0) {
                            long newest = 0;
                            Matcher m = TIMESTAMP.matcher(text);
                            while (m.find()) {
                                newest = Math.max(newest, Long.parseLong(m.group(1)));
                            }
                            Matcher stored = STORED_AT.matcher(text.subSequence(0, Math.min(200, text.length())));
                            long k = received.getAndIncrement();
                            if (k < delays.length) {
                                delays[(int) k] = now - newest;
                                storedDelays[(int) k] = stored.find() ? now - Long.parseLong(stored.group(1)) : -1;
                            }
                            if (first) {
                                first = false;
                                served.countDown();
                            }
                        }
                        text.setLength(0);
                    }
                    ws.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                    closed.incrementAndGet();
                    return null;
                }
            };
        }

        /** Every client subscribes at once; /api is timed meanwhile (one node's summary every 50 ms). */
        void subscribeAll(ApiClient api, ClusterModel model) throws Exception {
            long firstQueries = pushStatus(api).path("first_queries").asLong();
            List<Double> apiMillis = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.atomic.AtomicBoolean probing = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread probe = new Thread(() -> {
                ApiClient probeApi = new ApiClient(port);
                for (int i = 0; probing.get(); i++) {
                    long t = System.nanoTime();
                    try {
                        probeApi.call("host.summary", "{\"ip\":\"" + model.agentText(i % model.nodes()) + "\"}");
                        apiMillis.add((System.nanoTime() - t) / 1e6);
                        Thread.sleep(50);
                    } catch (Exception e) {
                        apiMillis.add(Double.POSITIVE_INFINITY);
                    }
                }
            }, "bench-api-probe");
            probe.start();
            long start = System.nanoTime();
            for (WebSocket ws : sockets) {
                ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"push.subscribe\",\"params\":{\"topic\":"
                        + "\"fleet\",\"params\":{\"output\":[\"host_ip\",\"timestamp\",\"cpu_utilisation\","
                        + "\"reporting\"]}}}", true);
            }
            boolean all = served.await(120, TimeUnit.SECONDS);
            double servedMillis = (System.nanoTime() - start) / 1e6;
            probing.set(false);
            probe.join();
            double[] probes = apiMillis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("%d clients subscribing to the fleet at once: %s in %.0f ms, %d first queries run; "
                    + "/api (host.summary of one node) meanwhile: %d calls, median %.1f ms, max %.1f ms%n",
                    sockets.size(), all ? "all had their first notification" : (sockets.size() - served.getCount())
                            + " had their first notification", servedMillis,
                    pushStatus(api).path("first_queries").asLong() - firstQueries, probes.length,
                    quantile(probes, 0.5), probes.length == 0 ? Double.NaN : probes[probes.length - 1]);
        }

        void reset() {
            received.set(0);
        }

        void printDelays(int seconds) {
            int got = (int) Math.min(received.get(), delays.length);
            double[] d = sorted(delays, got);
            double[] stored = Arrays.stream(sorted(storedDelays, got)).filter(v -> v >= 0).toArray();
            System.out.printf("%d clients on the fleet (host_ip, timestamp, cpu_utilisation, reporting), %d s: %,d "
                    + "notifications; delay to the client from the newest sample's arrival at the collector: median "
                    + "%.0f ms, p99 %.0f ms; from the last commit the result holds (stored_at): median %.0f ms, p99 %.0f ms; "
                    + "%d clients disconnected%n", sockets.size(), seconds, got, quantile(d, 0.5), quantile(d, 0.99),
                    quantile(stored, 0.5), quantile(stored, 0.99), closed.get());
        }

        private static double[] sorted(long[] values, int count) {
            double[] out = new double[count];
            for (int i = 0; i < count; i++) {
                out[i] = values[i];
            }
            Arrays.sort(out);
            return out;
        }

        @Override
        public void close() {
            for (WebSocket ws : sockets) {
                ws.abort();
            }
        }
    }

    private static JsonNode pushStatus(ApiClient api) throws Exception {
        return api.call("collector.status", "{\"agent\":\"-\"}").path("result").path("push");
    }

    private static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }
}
