package org.sflowmonitor.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.testing.LiveCluster;

/** /push with api.token set and a small per-client buffer: who gets in, and who is let go. */
class PushLimitsTest {

    private static final String TOKEN = "push-test-token-5b0c";

    @TempDir
    static Path temp;
    static LiveCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = LiveCluster.start(temp, Map.of("api.token", TOKEN, "push.max.buffer.bytes", "65536",
                "push.max.subscriptions", "1000", "push.max.connections", "3"));
        cluster.awaitTwoRounds(TOKEN);
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    private JsonNode pushStatus() throws Exception {
        return cluster.api().callWithToken("collector.status", "{\"agent\":\"-\"}", TOKEN).path("result");
    }

    private PushClient withHeader(boolean reading) throws Exception {
        return PushClient.connect(cluster.httpPort(), reading, b -> b.header("Authorization", "Bearer " + TOKEN));
    }

    @Test
    void withoutTheTokenTheUpgradeIsRefusedWith401() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> PushClient.connect(cluster.httpPort()));
        WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
        assertEquals(401, refused.getResponse().statusCode());
    }

    @Test
    void aWrongTokenIsRefusedToo() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> PushClient.connect(cluster.httpPort(),
                true, b -> b.header("Authorization", "Bearer not-it")));
        assertEquals(401, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
    }

    @Test
    void theTokenIsTakenFromTheAuthorizationHeader() throws Exception {
        try (PushClient client = withHeader(true)) {
            client.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"apiinfo.version\"}");
            assertEquals("sflow-monitor", client.response(1, 10).path("result").path("name").asText());
        }
    }

    @Test
    void aBrowserGivesTheTokenAsABearerSubprotocolBesideJsonrpc() throws Exception {
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));
        try (PushClient client = PushClient.connect(cluster.httpPort(), true,
                b -> b.subprotocols("jsonrpc", "bearer." + encoded))) {
            client.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"apiinfo.version\"}");
            assertEquals("sflow-monitor", client.response(1, 10).path("result").path("name").asText());
        }
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedWhileIngestAndTheOtherClientsGoOn() throws Exception {
        long disconnectedBefore = pushStatus().path("push").path("slow_clients_disconnected").asLong();
        JsonNode before = pushStatus().path("ingest");
        try (PushClient reader = withHeader(true); PushClient stalled = withHeader(false)) {
            reader.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"push.subscribe\",\"params\":{\"topic\":\"fleet\"}}");
            String id = reader.response(1, 10).path("result").path("subscription").asText();
            // hundreds of fleet subscriptions: megabytes a second that this client never reads
            for (int i = 0; i < 400; i++) {
                stalled.send("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"push.subscribe\","
                        + "\"params\":{\"topic\":\"fleet\"}}");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (pushStatus().path("push").path("slow_clients_disconnected").asLong() == disconnectedBefore) {
                assertTrue(System.nanoTime() < deadline, "the stalled client was not disconnected in 90 s");
                Thread.sleep(250);
            }
            reader.drain();
            reader.update(id, 10);
            reader.update(id, 10);
        }
        JsonNode after = pushStatus().path("ingest");
        assertTrue(after.path("samples_stored").asLong() > before.path("samples_stored").asLong(), "ingest went on");
        assertEquals(0, after.path("queue_drops").asLong(), "no sample dropped");
        assertEquals(0, after.path("write_errors").asLong());
        assertEquals(0, after.path("datagrams_lost").asLong(), "no datagram lost");
    }

    @Test
    void overPushMaxConnectionsTheUpgradeIsRefusedWith503() throws Exception {
        try (PushClient a = withHeader(true); PushClient b = withHeader(true); PushClient c = withHeader(true)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> withHeader(true));
            assertEquals(503, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
        }
    }
}
