package org.sflowmonitor.push;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A script's view of /push: the JDK's WebSocket client, every text message parsed into a queue. */
final class PushClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> messages;
    final CompletableFuture<Integer> closedWith;

    private PushClient(WebSocket socket, BlockingQueue<JsonNode> messages, CompletableFuture<Integer> closedWith) {
        this.socket = socket;
        this.messages = messages;
        this.closedWith = closedWith;
    }

    /** Connects; {@code reading} false: takes the first message only, then reads nothing more. */
    static PushClient connect(int httpPort, boolean reading, java.util.function.Consumer<WebSocket.Builder> setup)
            throws Exception {
        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    try {
                        messages.add(JSON.readTree(text.toString()));
                    } catch (Exception e) {
                        throw new AssertionError("not JSON: " + text, e);
                    }
                    text.setLength(0);
                }
                if (reading) {
                    ws.request(1);
                }
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed.complete(-1);
            }
        };
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10));
        setup.accept(builder);
        WebSocket socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + httpPort + "/push"), listener)
                .get(10, TimeUnit.SECONDS);
        return new PushClient(socket, messages, closed);
    }

    static PushClient connect(int httpPort) throws Exception {
        return connect(httpPort, true, b -> { });
    }

    void send(String json) {
        socket.sendText(json, true).join();
    }

    /** The next message that matches, skipping others; fails after {@code seconds}. */
    JsonNode next(Predicate<JsonNode> wanted, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode m = left <= 0 ? null : messages.poll(left, TimeUnit.NANOSECONDS);
            if (m == null) {
                throw new AssertionError("no such message within " + seconds + " s");
            }
            if (wanted.test(m)) {
                return m;
            }
        }
    }

    JsonNode response(int id, int seconds) throws InterruptedException {
        return next(m -> m.path("id").asInt(-1) == id, seconds);
    }

    JsonNode update(String subscription, int seconds) throws InterruptedException {
        return next(m -> "push.update".equals(m.path("method").asText())
                && subscription.equals(m.path("params").path("subscription").asText()), seconds);
    }

    /** Messages that came and were not taken yet. */
    java.util.List<JsonNode> drain() {
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        messages.drainTo(out);
        return out;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
