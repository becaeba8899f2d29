package org.sflowmonitor.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.testing.UdpSender;

/**
 * The real Prometheus (Debian's prometheus package) scraping the service, with a static scrape
 * config and one by HTTP service discovery (/metrics/targets), both with the bearer token, while
 * {@link MetricsFleet} reports every second over UDP on loopback, through a 32-bit wrap and an agent
 * restart. Queries go to Prometheus' HTTP API.
 */
class PrometheusScrapeIT {

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final String TOKEN = "s3cret-token";
    private static final int LAST_ROUND = 60;
    /** Rounds after the restart before the assertions look: a few rate() windows of data. */
    private static final int ROUNDS_TO_WAIT = MetricsFleet.RESTART_ROUND + 7;
    /** rate()'s window for the comparison with virt.summary: many polling intervals, as rate() extrapolates at most half of one beyond its samples. */
    private static final int RATE_WINDOW_SECONDS = 12;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path temp;
    private static MetricsService service;
    private static Process prometheus;
    private static URI prometheusUri;
    private static Thread sender;
    private static final AtomicInteger round = new AtomicInteger(-1);

    @BeforeAll
    static void startTheServicePrometheusAndTheCluster() throws Exception {
        assumeTrue(Files.isExecutable(PROMETHEUS), "no " + PROMETHEUS + " (Debian package prometheus): "
                + "the Prometheus integration test is skipped");
        service = MetricsService.start(temp, Map.of("api.token", TOKEN, "metrics.group.size", "1"));
        int port = freePort();
        prometheusUri = URI.create("http://127.0.0.1:" + port);
        Path config = temp.resolve("prometheus.yml");
        Files.writeString(config, config(service.httpPort()));
        prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + temp.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn").redirectErrorStream(true).redirectOutput(temp.resolve("prometheus.log").toFile())
                .start();
        await("the static targets up", "count(up{job=\"static\"} == 1)", r -> count(r) == 3);
        sender = new Thread(PrometheusScrapeIT::sendRounds, "fleet");
        sender.setDaemon(true);
        sender.start();
        await("the service discovery's groups up", "count(up{job=\"sd\"} == 1)", r -> count(r) == 3);
        int enough = Math.max(ROUNDS_TO_WAIT, round.get() + RATE_WINDOW_SECONDS + 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (round.get() < enough && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(round.get() >= enough, "the cluster did not send its rounds in time");
        Thread.sleep(2_000); // two more scrapes
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (sender != null) {
            sender.interrupt();
            sender.join(5_000);
        }
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
        if (service != null) {
            service.close();
        }
    }

    /** The service discovery's authorization needs its type spelt out: Prometheus 2.42 sends the bare token there. */
    private static String config(int servicePort) {
        String target = "127.0.0.1:" + servicePort;
        return """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: static
                    metrics_path: /metrics
                    authorization:
                      credentials: %1$s
                    static_configs:
                      - targets: ['%2$s']
                        labels: {__param_collector: 'true', sflow_group: collector}
                      - targets: ['%2$s']
                        labels: {__param_group: '0', sflow_group: '0'}
                      - targets: ['%2$s']
                        labels: {__param_group: '1', sflow_group: '1'}
                  - job_name: sd
                    authorization:
                      credentials: %1$s
                    http_sd_configs:
                      - url: http://%2$s/metrics/targets
                        refresh_interval: 1s
                        authorization:
                          type: Bearer
                          credentials: %1$s
                """.formatted(TOKEN, target);
    }

    private static void sendRounds() {
        try (UdpSender udp = new UdpSender(service.sflowPort())) {
            long start = System.currentTimeMillis();
            for (int r = 0; r <= LAST_ROUND; r++) {
                MetricsFleet.sendRound(udp, r, System.currentTimeMillis() - start);
                round.set(r);
                Thread.sleep(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The result array of an instant query at the current time. */
    static JsonNode query(String promql) throws Exception {
        return query(promql, "");
    }

    /** The result array of an instant query at {@code time} (epoch seconds; empty: now). */
    static JsonNode query(String promql, String time) throws Exception {
        URI uri = URI.create(prometheusUri + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + (time.isEmpty() ? "" : "&time=" + time));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("success", body.path("status").asText(), promql + ": " + r.body());
        return body.path("data").path("result");
    }

    private static int count(JsonNode result) {
        return result.size() == 0 ? 0 : (int) value(result);
    }

    /** The value of a one-series result. */
    static double value(JsonNode result) {
        assertEquals(1, result.size(), result.toString());
        return Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    private static void await(String what, String promql, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            assertTrue(prometheus.isAlive(), "prometheus exited: " + Files.readString(temp.resolve("prometheus.log")));
            try {
                last = query(promql);
                if (done.test(last)) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not within 60 s: " + what + " (" + promql + " = " + last + ")\n"
                + Files.readString(temp.resolve("prometheus.log")));
    }

    @Test
    void aVmsSeriesCarryItsNodeAndVmLabelsAndItsTargetsGroup() throws Exception {
        JsonNode result = query("sflow_vm_vcpus{job=\"sd\", vm=\"vm-b2\"}");
        assertEquals(1, result.size(), result.toString());
        JsonNode labels = result.get(0).path("metric");
        assertEquals(MetricsFleet.NODE_B, labels.path("agent").asText());
        assertEquals("kvm-22", labels.path("host").asText());
        assertEquals(MetricsFleet.vmUuid(MetricsFleet.NODE_B, 2).toString(), labels.path("vm_uuid").asText());
        assertEquals(Long.toString(groupOf(MetricsFleet.NODE_B)), labels.path("sflow_group").asText());
    }

    private static long groupOf(String agent) throws Exception {
        return Long.parseLong(query("sflow_host_cpus{job=\"static\", agent=\"" + agent + "\"}").get(0).path("metric")
                .path("sflow_group").asText());
    }

    @Test
    void bothScrapeConfigsSeeEveryNodeVmAndInterface() throws Exception {
        for (String job : List.of("static", "sd")) {
            assertEquals(2, count(query("count(sflow_host_uptime_seconds{job=\"" + job + "\"})")), job);
            assertEquals(4, count(query("count(sflow_vm_vcpus{job=\"" + job + "\"})")), job);
            assertEquals(2, count(query("count(sflow_interface_receive_bytes_total{job=\"" + job + "\"})")), job);
        }
    }

    @Test
    void rateOfAVmsCpuAgreesWithVirtSummary() throws Exception {
        String vm = "{job=\"sd\", vm=\"" + MetricsFleet.STEADY_VM + "\"}";
        // at the time of the newest sample, as virt.summary's rate ends there too (and rate() extrapolates little)
        String newest = query("timestamp(sflow_vm_cpu_seconds_total" + vm + ")").get(0).path("value").get(1).asText();
        double prometheusPercent = value(query("100 * rate(sflow_vm_cpu_seconds_total" + vm + "["
                + RATE_WINDOW_SECONDS + "s]) / sflow_vm_vcpus" + vm, newest));
        JsonNode summary = virtSummary(MetricsFleet.STEADY_VM);
        double summaryPercent = summary.path("vcpu_utilisation").asDouble();
        assertEquals(100 * MetricsFleet.STEADY_VM_UTILISATION, summaryPercent, 2.5, summary.toString());
        assertEquals(summaryPercent, prometheusPercent, 2.5);
    }

    private static JsonNode virtSummary(String name) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(service.uri("/api"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"virt.summary\","
                        + "\"params\":{\"name\":\"" + name + "\"}}")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode result = JSON.readTree(r.body()).path("result");
        assertEquals(1, result.size(), r.body());
        return result.get(0);
    }

    @Test
    void aThirtyTwoBitWrapIsNeitherAResetNorASpike() throws Exception {
        String series = "sflow_vm_cpu_seconds_total{job=\"static\", vm=\"" + MetricsFleet.WRAPPING_VM + "\"}";
        double twoTo32Seconds = (1L << 32) / 1000.0;
        assertTrue(value(query("min_over_time(" + series + "[2m])")) < twoTo32Seconds, "no sample before the wrap");
        assertTrue(value(query("max_over_time(" + series + "[2m])")) > twoTo32Seconds, "no sample after the wrap");
        assertEquals(0, value(query("resets(" + series + "[2m])")));
        double perSecond = MetricsFleet.VM_CPU_STEP_MS / 1000.0;
        assertEquals(perSecond, value(query("max_over_time(rate(" + series + "[3s])[2m:1s])")), perSecond * 0.5);
    }

    @Test
    void anAgentRestartIsOneResetAndNoSpike() throws Exception {
        String node = "sflow_host_cpu_seconds_total{job=\"static\", agent=\"" + MetricsFleet.RESTARTING_NODE
                + "\", mode=\"user\"}";
        assertEquals(1, value(query("resets(" + node + "[2m])")));
        double nodePerSecond = MetricsFleet.NODE_CPU_USER_STEP_MS / 1000.0;
        assertEquals(nodePerSecond, value(query("max_over_time(rate(" + node + "[3s])[2m:1s])")), nodePerSecond * 0.5);
        String vm = "sflow_vm_cpu_seconds_total{job=\"static\", vm=\"vm-b1\"}";
        assertEquals(1, value(query("resets(" + vm + "[2m])")));
        double vmPerSecond = MetricsFleet.VM_CPU_STEP_MS / 1000.0;
        assertEquals(vmPerSecond, value(query("max_over_time(rate(" + vm + "[3s])[2m:1s])")), vmPerSecond * 0.5);
    }

    @Test
    void aNodeThatDidNotRestartShowsNoReset() throws Exception {
        assertEquals(0, value(query("resets(sflow_host_cpu_seconds_total{job=\"static\", agent=\"" + MetricsFleet.NODE_A
                + "\", mode=\"user\"}[2m])")));
    }

    @Test
    void everyExpressionOfTheGrafanaDashboardReturnsData() throws Exception {
        List<String> empty = new ArrayList<>();
        List<String> expressions = GrafanaDashboard.expressions(Path.of("docs/grafana/sflow-monitor.json"));
        assertTrue(expressions.size() > 20, expressions.toString());
        for (String expr : expressions) {
            String promql = GrafanaDashboard.substitute(expr, Map.of("node", "kvm-21", "vm", "vm-a2",
                    "__rate_interval", "5s"));
            if (query(promql).size() == 0) {
                empty.add(promql);
            }
        }
        assertTrue(empty.isEmpty(), "no data from: " + String.join("\n", empty));
    }

    @Test
    void theCollectorsOwnMetricsAreScraped() throws Exception {
        assertTrue(value(query("sflow_collector_samples_stored_total{job=\"sd\"}")) > 0);
        assertFalse(query("jvm_memory_used_bytes{job=\"static\"}").isEmpty());
    }
}
