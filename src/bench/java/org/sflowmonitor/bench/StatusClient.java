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

    /**
     * The answer of one call: its JSON (null when the HTTP call failed or the answer was only
     * checked), HTTP status, time taken, and whether it is a JSON-RPC result.
     */
    record Answer(JsonNode json, int status, long nanos, String error, boolean result) {
        boolean ok() {
            return error == null && status == 200 && result;
        }
    }

    /** How the service's own writer begins every successful answer (an error's body is small and parsed). */
    private static final byte[] RESULT_START = "{\"jsonrpc\":\"2.0\",\"result\":".getBytes(
            java.nio.charset.StandardCharsets.UTF_8);

    /** A call whose answer is read whole as JSON. */
    Answer call(String method, String paramsJson) {
        return call(method, paramsJson, true);
    }

    /**
     * A call whose answer is read but not parsed when it is a result: what a measuring client does,
     * since the clients share the machine's cores with the service and parsing 16 answers of 7 MB
     * as trees would take the service's CPU.
     */
    Answer check(String method, String paramsJson) {
        return call(method, paramsJson, false);
    }

    private Answer call(String method, String paramsJson, boolean parse) {
        String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + paramsJson + "}";
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(call)).build();
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long nanos = System.nanoTime() - start;
            byte[] body = response.body();
            if (!parse && java.util.Arrays.equals(body, 0, Math.min(body.length, RESULT_START.length), RESULT_START,
                    0, RESULT_START.length)) {
                return new Answer(null, response.statusCode(), nanos, null, true);
            }
            JsonNode json = JSON.readTree(body);
            String error = json.has("error") ? json.get("error").toString() : null;
            return new Answer(json, response.statusCode(), nanos, error, json.has("result"));
        } catch (IOException e) {
            return new Answer(null, 0, System.nanoTime() - start, e.toString(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, 0, System.nanoTime() - start, "interrupted", false);
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
