package org.sflowmonitor.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.testing.LiveCluster;

/** /push as a script uses it, on the real webapp fed once a second over UDP. */
class PushTest {

    @TempDir
    static Path temp;
    static LiveCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = LiveCluster.start(temp, Map.of());
        cluster.awaitTwoRounds(null);
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    private static String subscribe(PushClient client, int id, String topic, String params) throws Exception {
        client.send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"push.subscribe\",\"params\":{\"topic\":\""
                + topic + "\",\"params\":" + params + "}}");
        JsonNode response = client.response(id, 10);
        assertTrue(response.has("result"), response.toString());
        return response.path("result").path("subscription").asText();
    }

    @Test
    void aFleetSubscriptionBringsTheSummaryAtOnceAndThenEachNewRound() throws Exception {
        try (PushClient client = PushClient.connect(cluster.httpPort())) {
            String id = subscribe(client, 1, "fleet", "{\"output\":[\"host_ip\",\"timestamp\"]}");
            JsonNode first = client.update(id, 10).path("params");
            assertEquals("fleet", first.path("topic").asText());
            assertEquals(LiveCluster.MODEL.nodes(), first.path("result").size());
            assertEquals(2, first.path("result").get(0).size(), "only the fields asked for");
            long newest = 0;
            for (JsonNode row : first.path("result")) {
                newest = Math.max(newest, row.path("timestamp").asLong());
            }
            JsonNode next = client.update(id, 10).path("params").path("result");
            long later = 0;
            for (JsonNode row : next) {
                later = Math.max(later, row.path("timestamp").asLong());
            }
            assertTrue(later > newest, "a newer round");
        }
    }

    @Test
    void anUpdateSaysWhenTheLastCommitItHoldsWasMade() throws Exception {
        try (PushClient client = PushClient.connect(cluster.httpPort())) {
            String id = subscribe(client, 1, "fleet", "{\"output\":[\"host_ip\",\"timestamp\"]}");
            for (int i = 0; i < 2; i++) { // the first result, then a round's (timestamps change every round)
                JsonNode update = client.update(id, 10).path("params");
                long received = System.currentTimeMillis();
                long storedAt = update.path("stored_at").asLong();
                // the cluster is stored once a second
                assertTrue(storedAt <= received && storedAt > received - 10_000, update.path("stored_at") + " at "
                        + received);
            }
        }
    }

    @Test
    void aNodeSubscriptionCarriesThatNodeOnlyAndAVmSubscriptionItsVms() throws Exception {
        String ip = LiveCluster.MODEL.agentText(1);
        try (PushClient client = PushClient.connect(cluster.httpPort())) {
            String node = subscribe(client, 1, "node", "{\"ip\":\"" + ip + "\"}");
            String vms = subscribe(client, 2, "vm", "{\"ip\":\"" + ip + "\"}");
            JsonNode nodeRows = client.update(node, 10).path("params").path("result");
            assertEquals(1, nodeRows.size());
            assertEquals(ip, nodeRows.get(0).path("host_ip").asText());
            JsonNode vmRows = client.update(vms, 10).path("params").path("result");
            assertEquals(LiveCluster.MODEL.vmsPerNode(), vmRows.size());
        }
    }

    @Test
    void afterUnsubscribingNoMoreUpdatesComeForThatSubscription() throws Exception {
        try (PushClient client = PushClient.connect(cluster.httpPort())) {
            String gone = subscribe(client, 1, "fleet", "{}");
            String kept = subscribe(client, 2, "fleet", "{\"output\":[\"host_ip\",\"timestamp\"]}");
            client.update(gone, 10);
            client.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"push.unsubscribe\",\"params\":{\"subscription\":\""
                    + gone + "\"}}");
            assertEquals(gone, client.response(3, 10).path("result").path("unsubscribed").asText());
            client.drain();
            // two more rounds reach the subscription that stayed, none the one that ended
            client.update(kept, 10);
            client.update(kept, 10);
            assertTrue(client.drain().stream().noneMatch(m -> gone.equals(m.path("params").path("subscription")
                    .asText())), "no update after unsubscribe");
        }
    }

    @Test
    void otherMethodsOfTheApiAnswerOnTheSameConnection() throws Exception {
        try (PushClient client = PushClient.connect(cluster.httpPort())) {
            client.send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"apiinfo.version\"}");
            assertEquals("sflow-monitor", client.response(7, 10).path("result").path("name").asText());
        }
    }

    @Test
    void badMessagesGetJsonRpcErrorsThatSayWhatToFix() throws Exception {
        try (PushClient client = PushClient.connect(cluster.httpPort())) {
            client.send("{not json");
            JsonNode parse = client.next(m -> m.has("error"), 10);
            assertEquals(-32700, parse.path("error").path("code").asInt());
            Map<String, Integer> cases = Map.of(
                    "{\"topic\":\"weather\"}", -32602,
                    "{\"topic\":\"node\"}", -32602,
                    "{\"topic\":\"fleet\",\"params\":{\"colour\":\"red\"}}", -32602,
                    "{\"topic\":\"fleet\",\"params\":[1]}", -32602,
                    "{\"topic\":\"fleet\",\"extra\":1}", -32602);
            int id = 10;
            for (Map.Entry<String, Integer> c : cases.entrySet()) {
                client.send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"push.subscribe\",\"params\":"
                        + c.getKey() + "}");
                JsonNode error = client.response(id, 10).path("error");
                assertEquals((int) c.getValue(), error.path("code").asInt(), c.getKey() + " → " + error);
                assertTrue(!error.path("data").asText().isEmpty(), "a sentence saying what to fix: " + error);
                id++;
            }
            client.send("{\"jsonrpc\":\"2.0\",\"id\":30,\"method\":\"push.unsubscribe\",\"params\":"
                    + "{\"subscription\":\"s0\"}}");
            assertEquals(-32602, client.response(30, 10).path("error").path("code").asInt());
            client.send("{\"jsonrpc\":\"2.0\",\"id\":31,\"method\":\"push.shout\"}");
            assertEquals(-32601, client.response(31, 10).path("error").path("code").asInt());
        }
    }

    @Test
    void collectorStatusCountsConnectionsAndSubscriptions() throws Exception {
        try (PushClient client = PushClient.connect(cluster.httpPort())) {
            subscribe(client, 1, "fleet", "{}");
            JsonNode push = cluster.api().call("collector.status", "{\"agent\":\"-\"}").path("result").path("push");
            assertTrue(push.path("connections").asLong() >= 1, push.toString());
            assertTrue(push.path("subscriptions").asLong() >= 1, push.toString());
            assertTrue(push.has("slow_clients_disconnected"), push.toString());
        }
    }

    @Test
    void clientsSubscribingToTheSameQueryAtOnceShareOneFirstQuery() throws Exception {
        String params = "{\"output\":[\"host_ip\",\"hostname\",\"cpu_num\"]}"; // asked by no other test
        java.util.List<PushClient> clients = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                clients.add(PushClient.connect(cluster.httpPort()));
            }
            long before = firstQueries();
            long start = System.nanoTime();
            for (PushClient client : clients) {
                client.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"push.subscribe\",\"params\":"
                        + "{\"topic\":\"fleet\",\"params\":" + params + "}}");
            }
            for (PushClient client : clients) {
                String id = client.response(1, 30).path("result").path("subscription").asText();
                assertEquals(LiveCluster.MODEL.nodes(), client.update(id, 30).path("params").path("result").size());
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            // a result is shared while its query runs and for a round (1 s) after it
            long ran = firstQueries() - before;
            assertTrue(ran >= 1 && ran <= 1 + seconds, ran + " first queries for 40 subscribes in " + seconds + " s");
        } finally {
            clients.forEach(PushClient::close);
        }
    }

    private static long firstQueries() throws Exception {
        return cluster.api().call("collector.status", "{\"agent\":\"-\"}").path("result").path("push")
                .path("first_queries").asLong();
    }
}
