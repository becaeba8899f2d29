package org.sflowmonitor.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON-RPC calls to the service's /api, timed; one instance may be shared by threads. */
final class StatusClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;

    StatusClient(int httpPort) {
        this.uri = URI.create("http://127.0.0.1:" + httpPort + "/api");
    }

    /** The answer of one call: its JSON (null when the HTTP call failed), HTTP status and time taken. */
    record Answer(JsonNode json, int status, long nanos, String error) {
        boolean ok() {
            return error == null && status == 200 && json != null && json.has("result");
        }
    }

    Answer call(String method, String paramsJson) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + paramsJson + "}";
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long nanos = System.nanoTime() - start;
            JsonNode json = JSON.readTree(response.body());
            String error = json.has("error") ? json.get("error").toString() : null;
            return new Answer(json, response.statusCode(), nanos, error);
        } catch (IOException e) {
            return new Answer(null, 0, System.nanoTime() - start, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, 0, System.nanoTime() - start, "interrupted");
        }
    }

    /** collector.status's total ingest counters (no per-agent rows). */
    JsonNode ingest() throws IOException {
        Answer a = call("collector.status", "{\"agent\":\"-\"}");
        if (!a.ok()) {
            throw new IOException("collector.status failed: " + a.error());
        }
        return a.json().get("result");
    }
}
