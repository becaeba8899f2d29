package org.sflowmonitor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** What a browser fetches from the WAR, at whatever context path it is deployed. */
final class DashboardServing {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DashboardServing() {
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code base}: the webapp's root URL with its trailing slash. */
    static void assertServed(String base) throws Exception {
        HttpResponse<String> page = get(base);
        assertEquals(200, page.statusCode(), base);
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("src=\"js/main.js\""), "the page, with relative URLs");
        HttpResponse<String> module = get(base + "js/main.js");
        assertEquals(200, module.statusCode());
        assertTrue(module.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"),
                "a JavaScript module is served as JavaScript");
        HttpResponse<String> uplot = get(base + "webjars/uplot/1.6.30/dist/uPlot.esm.js");
        assertEquals(200, uplot.statusCode(), "uPlot from its webjar");
        assertEquals(200, get(base + "webjars/uplot/1.6.30/dist/uPlot.min.css").statusCode());
        URI push = URI.create(base.replaceFirst("^http", "ws") + "push");
        WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(push, new WebSocket.Listener() { })
                .get(10, TimeUnit.SECONDS);
        socket.abort();
    }

    /** A missing page: a 404 that names neither the server nor its version. */
    static void assertErrorPageNamesNoServer(String base) throws Exception {
        HttpResponse<String> missing = get(base + "no-such-page");
        assertEquals(404, missing.statusCode());
        assertFalse(missing.body().contains("Tomcat"), missing.body());
        assertFalse(missing.body().contains("10.1"), missing.body());
        assertFalse(missing.headers().firstValue("Server").orElse("").contains("Tomcat"));
    }
}
