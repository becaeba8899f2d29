package org.sflowmonitor.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

import org.sflowmonitor.app.EmbeddedTomcat;
import org.sflowmonitor.app.ServiceRuntime;

/** The real webapp in an embedded Tomcat on free ports, H2 in a temporary folder, with an HTTP client for /metrics. */
final class MetricsService implements AutoCloseable {

    private static final Duration AWAIT = Duration.ofSeconds(60);

    private final EmbeddedTomcat tomcat;
    private final HttpClient http = HttpClient.newHttpClient();

    private MetricsService(EmbeddedTomcat tomcat) {
        this.tomcat = tomcat;
    }

    static MetricsService start(Path temp, Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>(Map.of("sflow.port", "0", "data.dir", temp.resolve("data").toString()));
        all.putAll(settings);
        return new MetricsService(EmbeddedTomcat.start(Path.of("webapp"), temp.resolve("tomcat"), 0, all));
    }

    int httpPort() {
        return tomcat.port();
    }

    int sflowPort() {
        return ((ServiceRuntime) tomcat.context().getServletContext().getAttribute(ServiceRuntime.class.getName()))
                .sflowPort();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + httpPort() + pathAndQuery);
    }

    HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * GETs until the body satisfies {@code done} (the writer commits every 250 ms); fails after 60 s,
     * a bound for a machine loaded with other builds, not an expected time.
     */
    String await(String pathAndQuery, Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = get(pathAndQuery).body();
            if (done.test(body)) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no scrape of " + pathAndQuery + " as expected within " + AWAIT.toSeconds()
                + " s; the last:\n" + body);
    }

    @Override
    public void close() {
        tomcat.close();
    }
}
