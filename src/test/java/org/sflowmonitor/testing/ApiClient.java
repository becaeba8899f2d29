package org.sflowmonitor.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A plain HTTP client for /api in tests: sends raw bodies and JSON-RPC calls. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;

    public ApiClient(int port) {
        this(URI.create("http://127.0.0.1:" + port + "/api"));
    }

    public ApiClient(URI uri) {
        this.uri = uri;
    }

    public URI uri() {
        return uri;
    }

    /** POSTs a raw body as application/json. */
    public HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Calls a method with named params (a JSON object text) and returns the whole response object. */
    public JsonNode call(String method, String paramsJson) throws IOException, InterruptedException {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + paramsJson + "}";
        return JSON.readTree(post(body).body());
    }

    /** As {@link #call(String, String)}, with {@code Authorization: Bearer <token>}. */
    public JsonNode callWithToken(String method, String paramsJson, String token)
            throws IOException, InterruptedException {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + paramsJson + "}";
        return JSON.readTree(send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build())
                .body());
    }

    /**
     * Waits until the API answers a call, failing with the server's log when {@code server}
     * exits first or the timeout passes.
     */
    public void awaitUp(Process server, java.nio.file.Path log, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("the server exited: " + java.nio.file.Files.readString(log));
            }
            try {
                if (post("{\"jsonrpc\":\"2.0\",\"method\":\"host.description\",\"id\":1}").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the API did not come up: " + java.nio.file.Files.readString(log));
    }

    /** Calls until the result satisfies {@code done} or the timeout passes; returns the last result. */
    public JsonNode awaitResult(String method, String paramsJson, Predicate<JsonNode> done, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode result;
        do {
            result = call(method, paramsJson).path("result");
            if (done.test(result)) {
                return result;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return result;
    }
}
