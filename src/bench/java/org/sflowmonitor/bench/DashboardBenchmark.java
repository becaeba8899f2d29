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
 * The dashboard with a large fleet (issue 17): the real webapp fed over UDP by the simulator
 * polling every node and VM in real time; headless Chromium opens the fleet view and reads the
 * Performance API (first render, main-thread time of each live update, JS heap); then many
 * WebSocket clients subscribe to the fleet and the delay from a sample's arrival at the collector
 * to its notification at a client is measured.
 */
public final class DashboardBenchmark {

    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":(\\d+)");

    private DashboardBenchmark() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parseOrExit(argv, Set.of("nodes", "vms", "interval", "clients", "seconds", "renders"),
                Set.of("reuse"), "DashboardBenchmark [--nodes 10000] [--vms 10] [--interval 20] [--clients 200] "
                        + "[--seconds 30] [--renders 3] [--reuse: keep the database of the last run]");
        int nodes = args.integer("nodes", 10_000);
        int vms = args.integer("vms", 10);
        int interval = args.integer("interval", 20);
        int clients = args.integer("clients", 200);
        int seconds = args.integer("seconds", 30);
        int renders = args.integer("renders", 3);
        Path dir = Path.of("target", "bench-dashboard");
        boolean reuse = args.flag("reuse") && Files.isDirectory(dir.resolve("data"));
        if (Files.exists(dir) && !reuse) {
            org.sflowmonitor.boot.WarLauncher.deleteTree(dir);
        }
        ClusterModel model = new ClusterModel(nodes, vms, 1);
        try (EmbeddedTomcat tomcat = EmbeddedTomcat.start(Path.of("webapp"), dir.resolve("tomcat"), 0,
                Map.of("sflow.port", "0", "data.dir", dir.resolve("data").toString(),
                        "ingest.queue.capacity", "1000000", "push.max.connections", String.valueOf(clients + 10)))) {
            ServiceRuntime runtime = (ServiceRuntime) tomcat.context().getServletContext()
                    .getAttribute(ServiceRuntime.class.getName());
            ClusterSimulator.Config config = new ClusterSimulator.Config(model, interval, false, 1, 3_600_000,
                    1_000_000);
            ClusterSimulator simulator = new ClusterSimulator(new ClusterSimulator.Config(model, interval, false,
                    config.realTimeRate(), 3_600_000, 1_000_000));
            DatagramSocket socket = new DatagramSocket();
            InetAddress loopback = InetAddress.getLoopbackAddress();
            int port = runtime.sflowPort();
            Thread sender = new Thread(() -> simulator.run(d -> {
                byte[] b = new byte[d.remaining()];
                d.get(b);
                socket.send(new DatagramPacket(b, b.length, loopback, port));
            }), "bench-sender");
            sender.setDaemon(true);
            sender.start();
            ApiClient api = new ApiClient(tomcat.port());
            System.out.printf("cluster: %,d nodes × %d VMs, polled every %d s (%,.0f samples/s)%n", nodes, vms,
                    interval, config.realTimeRate());
            if (reuse) {
                System.out.println("database of the last run reused");
            } else {
                awaitRounds(api, simulator, 2L * config.samplesPerRound());
            }
            String url = "http://127.0.0.1:" + tomcat.port() + "/";
            try (Browser browser = Browser.start()) {
                measureBrowser(browser, url, renders, seconds);
            }
            measureClients(tomcat.port(), clients, seconds);
            JsonNode ingest = api.call("collector.status", "{\"agent\":\"-\"}").path("result").path("ingest");
            System.out.printf("ingest during the run: %,d samples stored, %d queue drops, %d datagrams lost%n",
                    ingest.path("samples_stored").asLong(), ingest.path("queue_drops").asLong(),
                    ingest.path("datagrams_lost").asLong());
            simulator.stop();
            sender.join(5000);
            socket.close();
        }
    }

    private static void awaitRounds(ApiClient api, ClusterSimulator simulator, long samples) throws Exception {
        long start = System.nanoTime();
        while (true) {
            long stored = api.call("collector.status", "{\"agent\":\"-\"}").path("result").path("ingest")
                    .path("samples_stored").asLong();
            if (stored >= samples) {
                System.out.printf("two rounds stored (%,d samples) after %.0f s%n", stored,
                        (System.nanoTime() - start) / 1e9);
                return;
            }
            Thread.sleep(1000);
        }
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
            double vmsFilled = Double.NaN;
            try {
                browser.waiting(60).until(d -> !d.findElements(By.cssSelector("main[data-vms-ready='true']")).isEmpty());
                vmsFilled = number(browser, "return performance.getEntriesByName('fleet-vms-rendered')[0].startTime");
            } catch (org.openqa.selenium.TimeoutException e) {
                // virt.summary of every VM did not come within 60 s (e.g. cancelled by db.query.timeout.seconds)
            }
            firsts.add(new double[] {first, vmsFilled});
        }
        System.out.println();
        System.out.println("| fleet view, load | first render (tiles, counts, nodes table) ms | VM table filled ms |");
        System.out.println("|---|---:|---:|");
        for (int i = 0; i < firsts.size(); i++) {
            System.out.printf("| %s | %.0f | %s |%n", i == 0 ? "1 (cold browser cache)" : String.valueOf(i + 1),
                    firsts.get(i)[0], Double.isNaN(firsts.get(i)[1]) ? "not within 60 s"
                            : String.format("%.0f", firsts.get(i)[1]));
        }
        browser.driver.executeScript("performance.clearMeasures('push-message')");
        Thread.sleep(seconds * 1000L);
        Object raw = browser.driver.executeScript(
                "return performance.getEntriesByName('push-message').map(e => e.duration)");
        double[] updates = ((List<?>) raw).stream().mapToDouble(o -> ((Number) o).doubleValue()).sorted().toArray();
        double heap = number(browser, "return performance.memory ? performance.memory.usedJSHeapSize : null");
        System.out.println();
        System.out.printf("live updates in %d s: %d; main-thread time per update (parse + redraw of every node): "
                + "median %.1f ms, p90 %.1f ms, max %.1f ms%n", seconds, updates.length, quantile(updates, 0.5),
                quantile(updates, 0.9), updates.length == 0 ? Double.NaN : updates[updates.length - 1]);
        System.out.printf("JS heap used (performance.memory): %.1f MiB%n", heap / 1048576);
        browser.screenshot("bench-fleet");
    }

    private static void measureClients(int httpPort, int count, int seconds) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<WebSocket> sockets = new ArrayList<>();
        long[] delays = new long[1 << 20];
        AtomicLong n = new AtomicLong();
        AtomicLong closed = new AtomicLong();
        for (int i = 0; i < count; i++) {
            WebSocket.Listener listener = new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();

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
                            long k = n.getAndIncrement();
                            if (k < delays.length) {
                                delays[(int) k] = now - newest;
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
            WebSocket ws = http.newWebSocketBuilder().subprotocols("jsonrpc")
                    .buildAsync(URI.create("ws://127.0.0.1:" + httpPort + "/push"), listener).get(30, TimeUnit.SECONDS);
            ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"push.subscribe\",\"params\":{\"topic\":\"fleet\","
                    + "\"params\":{\"output\":[\"host_ip\",\"timestamp\",\"cpu_utilisation\",\"reporting\"]}}}", true);
            sockets.add(ws);
        }
        Thread.sleep(3000);
        n.set(0);
        Thread.sleep(seconds * 1000L);
        int got = (int) Math.min(n.get(), delays.length);
        double[] d = new double[got];
        for (int i = 0; i < got; i++) {
            d[i] = delays[i];
        }
        Arrays.sort(d);
        System.out.println();
        System.out.printf("%d WebSocket clients on the fleet (host_ip, timestamp, cpu_utilisation, reporting) for %d s: "
                + "%,d notifications, delay from the newest sample's arrival at the collector to the client: "
                + "median %.0f ms, p99 %.0f ms; %d clients disconnected%n", count, seconds, got, quantile(d, 0.5),
                quantile(d, 0.99), closed.get());
        for (WebSocket ws : sockets) {
            ws.abort();
        }
    }

    private static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }
}
