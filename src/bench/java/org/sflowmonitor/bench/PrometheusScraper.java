package org.sflowmonitor.bench;

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
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real Prometheus (Debian's /usr/bin/prometheus) beside an ingest trial's service, configured as
 * docs/prometheus.md says: targets from the service's HTTP service discovery (/metrics/targets),
 * of which it keeps the collector's own and the first {@code groups} node groups (groups of
 * metrics.group.size nodes), every {@code intervalSeconds}, with Prometheus' own timeout, gzip and
 * format negotiation (OpenMetrics). Every scrape is read and parsed whole; to keep Prometheus'
 * memory within this shared machine, only a few metric names are stored
 * ({@code metric_relabel_configs}), which does not change what the service does. At the window's
 * end it reads from Prometheus' API the duration, outcome and size of every node-group scrape in
 * the window.
 */
final class PrometheusScraper implements IngestTrial.Companion, AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/prometheus");
    /** What Prometheus stores of a scrape; everything is scraped and parsed. */
    private static final String STORED = "sflow_vm_cpu_seconds_total|sflow_host_cpu_seconds_total|sflow_collector_.*";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The node-group scrapes of one window, as Prometheus recorded them. */
    record Window(double seconds, List<Double> durations, int failed, List<Double> samples, double prometheusCpuSeconds) {

        double durationQuantile(double q) {
            return quantile(durations, q);
        }

        double samplesMedian() {
            return quantile(samples, 0.5);
        }

        private static double quantile(List<Double> values, double q) {
            if (values.isEmpty()) {
                return Double.NaN;
            }
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
        }

        String line() {
            return String.format(Locale.ROOT, "%d node-group scrapes in %.0f s, %d failed; duration median %.3f s, "
                            + "90th percentile %.3f s, max %.3f s; samples per scrape (median) %,.0f; Prometheus CPU "
                            + "%.1f s", durations.size(), seconds, failed, durationQuantile(0.5),
                    durationQuantile(0.9), durationQuantile(1.0), samplesMedian(), prometheusCpuSeconds);
        }
    }

    private final Path dir;
    private final int groups;
    private final int intervalSeconds;
    private final int timeoutSeconds;
    private final int nice;
    private Process prometheus;
    private URI api;
    private long cpuAtWindowStartNanos = -1;
    private Window window;

    /** {@code nice}: Prometheus' niceness (19 stands in for a Prometheus on a machine of its own). */
    PrometheusScraper(Path dir, int groups, int intervalSeconds, int timeoutSeconds, int nice) {
        this.nice = nice;
        this.dir = dir;
        this.groups = groups;
        this.intervalSeconds = intervalSeconds;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The window's scrapes, once the window ended. */
    Window window() {
        return window;
    }

    @Override
    public void serviceUp(int httpPort) throws Exception {
        IngestBenchmark.deleteTree(dir);
        Files.createDirectories(dir);
        int port = freePort();
        api = URI.create("http://127.0.0.1:" + port + "/api/v1/");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, config(httpPort));
        prometheus = new ProcessBuilder("nice", "-n", String.valueOf(nice), BINARY.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn").redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                query("up", System.currentTimeMillis());
                break;
            } catch (IOException e) {
                if (!prometheus.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("prometheus did not start: "
                            + Files.readString(dir.resolve("prometheus.log")), e);
                }
                Thread.sleep(200);
            }
        }
        cpuAtWindowStartNanos = cpuNanos();
    }

    /** Node groups 0 to groups-1 and the collector's own target, every interval, as an operator would set it up. */
    private String config(int servicePort) {
        String kept = "collector|" + IntStream.range(0, groups).mapToObj(Integer::toString)
                .collect(Collectors.joining("|"));
        return """
                global:
                  scrape_interval: %1$ds
                  scrape_timeout: %2$ds
                scrape_configs:
                  - job_name: sflow
                    http_sd_configs:
                      - url: http://127.0.0.1:%3$d/metrics/targets
                        refresh_interval: 10s
                    relabel_configs:
                      - source_labels: [sflow_group]
                        regex: '%4$s'
                        action: keep
                    metric_relabel_configs:
                      - source_labels: [__name__]
                        regex: '%5$s'
                        action: keep
                """.formatted(intervalSeconds, timeoutSeconds, servicePort, kept, STORED);
    }

    @Override
    public void windowEnded(long startMillis, long endMillis) throws Exception {
        long seconds = (endMillis - startMillis) / 1000;
        String range = "{job=\"sflow\",sflow_group!=\"collector\"}[" + seconds + "s]";
        List<Double> durations = values(query("scrape_duration_seconds" + range, endMillis));
        List<Double> up = values(query("up" + range, endMillis));
        List<Double> samples = values(query("scrape_samples_scraped" + range, endMillis));
        long cpu = cpuNanos();
        window = new Window(seconds, durations, (int) up.stream().filter(v -> v == 0).count(), samples,
                (cpu - cpuAtWindowStartNanos) / 1e9);
        cpuAtWindowStartNanos = cpu;
    }

    private long cpuNanos() {
        return prometheus.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /** Every raw value of a range query's result, all series together. */
    private static List<Double> values(JsonNode result) {
        List<Double> out = new ArrayList<>();
        for (JsonNode series : result) {
            for (JsonNode v : series.path("values")) {
                out.add(Double.parseDouble(v.get(1).asText()));
            }
        }
        return out;
    }

    private JsonNode query(String promql, long atMillis) throws IOException, InterruptedException {
        URI uri = api.resolve("query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time="
                + atMillis / 1000.0);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (!"success".equals(body.path("status").asText())) {
            throw new IllegalStateException(promql + ": " + r.body());
        }
        return body.path("data").path("result");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(30, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
        IngestBenchmark.deleteTree(dir);
    }
}
