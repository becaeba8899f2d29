package org.sflowmonitor.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.testing.ApiClient;
import org.sflowmonitor.testing.TestDatagrams;
import org.sflowmonitor.testing.UdpSender;

/** The role setting: what an instance of role collector, api or both runs and answers. */
class RolesTest {

    @TempDir
    Path temp;

    private EmbeddedTomcat deploy(String role) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("sflow.port", "0", "data.dir",
                temp.resolve("data").toString(), "heartbeat.seconds", "1"));
        if (role != null) {
            settings.put("role", role);
        }
        return EmbeddedTomcat.start(Path.of("webapp"), temp.resolve("tomcat"), 0, settings);
    }

    private static ServiceRuntime runtime(EmbeddedTomcat tomcat) {
        return (ServiceRuntime) tomcat.context().getServletContext().getAttribute(ServiceRuntime.class.getName());
    }

    private static List<String> threadsOfOurs() {
        return ServiceThreads.alive().stream().map(Thread::getName).toList();
    }

    private static int metricsStatus(EmbeddedTomcat tomcat) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tomcat.port()
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void anInstanceWithoutARoleSettingCollectsAndAnswersAsBefore() throws Exception {
        try (EmbeddedTomcat tomcat = deploy(null); UdpSender udp = new UdpSender(runtime(tomcat).sflowPort())) {
            udp.send(TestDatagrams.nodeDescription("node-a"));
            ApiClient api = new ApiClient(tomcat.port());
            assertEquals(1, api.awaitResult("host.description", "{}", r -> r.size() == 1, Duration.ofSeconds(10))
                    .size());
            JsonNode status = api.call("collector.status", "{}").path("result");
            assertEquals("both", status.path("role").asText());
            assertEquals(1, status.path("ingest").path("samples_stored").asLong());
            assertEquals(200, metricsStatus(tomcat));
        }
    }

    @Test
    void anApiOnlyInstanceRunsNoListenerWriterRollupJobRetentionOrHeartbeat() throws Exception {
        try (EmbeddedTomcat tomcat = deploy("api")) {
            List<String> threads = threadsOfOurs();
            for (String absent : List.of("sflow-udp", "sflow-writer", "sflow-rollup", "sflow-retention",
                    "sflow-heartbeat")) {
                assertTrue(threads.stream().noneMatch(t -> t.startsWith(absent)), absent + " in " + threads);
            }
            assertThrows(IllegalStateException.class, () -> runtime(tomcat).sflowPort());
        }
    }

    @Test
    void anApiOnlyInstanceAnswersFromTheDatabaseAndShowsNoWriterOfItsOwn() throws Exception {
        try (EmbeddedTomcat tomcat = deploy("api")) {
            ApiClient api = new ApiClient(tomcat.port());
            assertEquals(0, api.call("host.description", "{}").path("result").size());
            JsonNode status = api.call("collector.status", "{}").path("result");
            assertEquals("api", status.path("role").asText());
            assertTrue(status.path("writer").isNull());
            assertTrue(status.path("ingest").isNull());
            assertTrue(status.path("instance_id").isNull());
            assertEquals(0, status.path("collectors").size());
        }
    }

    @Test
    void anApiOnlyInstanceServesNoMetricsAndSaysWhy() throws Exception {
        try (EmbeddedTomcat tomcat = deploy("api")) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + tomcat.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, r.statusCode());
            assertTrue(r.body().contains("role is api"), r.body());
        }
    }

    @Test
    void aCollectorOnlyInstanceAnswersHostAndVirtMethodsWithAnErrorNamingItsRole() throws Exception {
        try (EmbeddedTomcat tomcat = deploy("collector")) {
            JsonNode error = new ApiClient(tomcat.port()).call("host.description", "{}").path("error");
            assertEquals(-32601, error.path("code").asInt());
            assertTrue(error.path("data").asText().contains("role is collector"), error.toString());
            assertEquals(-32601, new ApiClient(tomcat.port()).call("virt.cpu", "{}").path("error").path("code")
                    .asInt());
        }
    }

    @Test
    void aCollectorOnlyInstanceStoresWhatItReceivesAndListsItselfInCollectorStatus() throws Exception {
        try (EmbeddedTomcat tomcat = deploy("collector");
             UdpSender udp = new UdpSender(runtime(tomcat).sflowPort())) {
            udp.send(TestDatagrams.nodeDescription("node-a"));
            ApiClient api = new ApiClient(tomcat.port());
            JsonNode status = api.awaitResult("collector.status", "{}", r -> r.path("collectors").size() == 1
                    && r.path("collectors").get(0).path("counters").path("samples_stored").asLong() == 1,
                    Duration.ofSeconds(10));
            assertEquals("collector", status.path("role").asText());
            JsonNode me = status.path("collectors").get(0);
            assertEquals(status.path("instance_id").asText(), me.path("instance_id").asText());
            assertEquals(runtime(tomcat).sflowPort(), me.path("sflow_port").asInt());
            assertEquals("running", me.path("state").asText());
            assertEquals(1, me.path("counters").path("samples_stored").asLong());
            assertFalse(me.path("host_name").asText().isEmpty());
        }
    }

    @Test
    void aStoppedCollectorsRowSaysWhenItStoppedWithItsFinalCounters() throws Exception {
        String id;
        try (EmbeddedTomcat tomcat = deploy("collector");
             UdpSender udp = new UdpSender(runtime(tomcat).sflowPort())) {
            udp.send(TestDatagrams.nodeDescription("node-a"));
            id = new ApiClient(tomcat.port()).awaitResult("collector.status", "{}",
                    r -> r.path("ingest").path("samples_stored").asLong() == 1, Duration.ofSeconds(10))
                    .path("instance_id").asText();
        }
        try (EmbeddedTomcat tomcat = deploy("api")) {
            JsonNode row = new ApiClient(tomcat.port()).call("collector.status", "{}").path("result")
                    .path("collectors").get(0);
            assertEquals(id, row.path("instance_id").asText());
            assertEquals("stopped", row.path("state").asText());
            assertTrue(row.path("stopped_at").asLong() >= row.path("started_at").asLong());
            assertEquals(1, row.path("counters").path("samples_stored").asLong());
        }
    }
}
