package org.sflowmonitor.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Scrapes of /metrics as Prometheus makes them ({@link NicedClients}' program): node groups 0 to
 * groups-1 (of metrics.group.size nodes), each every {@code interval} seconds, spread over the
 * interval, OpenMetrics and gzip asked for, the body read whole but not parsed, a timeout of
 * {@code timeout} seconds. Stands in for a Prometheus on a machine of its own: the service's side
 * of a scrape is what it costs there. Reports scrapes, failures, durations and bytes.
 */
final class MetricsScrapers {

    private static final String OPENMETRICS = "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5";

    private MetricsScrapers() {
    }

    /** Beside a trial: {@code groups} groups scraped every {@code interval} s with a {@code timeout} s timeout. */
    static NicedClients beside(int groups, int interval, int timeout) {
        return new NicedClients(MetricsScrapers.class, String.valueOf(groups), String.valueOf(interval),
                String.valueOf(timeout));
    }

    /** PORT GROUPS INTERVAL TIMEOUT. */
    public static void main(String[] args) throws Exception {
        int groups = Integer.parseInt(args[1]);
        int interval = Integer.parseInt(args[2]);
        Duration timeout = Duration.ofSeconds(Integer.parseInt(args[3]));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<long[]> scrapes = java.util.Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(groups);
        long start = System.nanoTime();
        for (int g = 0; g < groups; g++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + args[0] + "/metrics?group=" + g))
                    .timeout(timeout).header("Accept", OPENMETRICS).header("Accept-Encoding", "gzip").build();
            clock.scheduleAtFixedRate(() -> scrapes.add(scrape(http, request)), g * 1000L * interval / groups,
                    1000L * interval, TimeUnit.MILLISECONDS);
        }
        NicedClients.awaitStop();
        clock.shutdownNow();
        double seconds = (System.nanoTime() - start) / 1e9;
        long[][] all = scrapes.toArray(long[][]::new);
        long failed = Arrays.stream(all).filter(s -> s[0] < 0).count();
        double[] millis = Arrays.stream(all).filter(s -> s[0] >= 0).mapToDouble(s -> s[0] / 1e6).sorted().toArray();
        double[] kb = Arrays.stream(all).filter(s -> s[0] >= 0).mapToDouble(s -> s[1] / 1024.0).sorted().toArray();
        System.out.println(String.format(Locale.ROOT, "scrapes of %d node groups every %d s (nice 19, OpenMetrics, gzip) "
                        + "for %.0f s: %d scrapes, %d failed; duration median %.0f ms, p90 %.0f ms, max %.0f ms; gzip body "
                        + "median %.0f KiB", groups, interval, seconds, all.length, failed, quantile(millis, 0.5),
                quantile(millis, 0.9), quantile(millis, 1.0), quantile(kb, 0.5)));
        System.exit(0);
    }

    /** {nanos, bytes}; nanos -1 when the scrape failed (status, timeout, connection). */
    private static long[] scrape(HttpClient http, HttpRequest request) {
        long t = System.nanoTime();
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return r.statusCode() == 200 ? new long[] {System.nanoTime() - t, r.body().length} : new long[] {-1, 0};
        } catch (IOException e) {
            return new long[] {-1, 0};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new long[] {-1, 0};
        }
    }

    private static double quantile(double[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
