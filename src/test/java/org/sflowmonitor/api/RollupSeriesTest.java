package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sflowmonitor.api.TestFleet.NODE_A;
import static org.sflowmonitor.api.TestFleet.VM_X;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.sflowmonitor.testing.ApiClient;

/**
 * End to end over UDP with 10-second buckets (rollup.tiers 10s:2d, raw samples kept 1 day):
 * the time-series methods answer from the rollup tier when asked or when the range reaches
 * past raw retention, and exactly as before otherwise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RollupSeriesTest {

    private RunningService service;
    private ApiClient client;
    private long sentFrom;

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        service = RunningService.start(temp, Map.of("rollup.tiers", "10s:2d", "retention.days", "1"));
        client = service.client();
        sentFrom = System.currentTimeMillis();
        TestFleet.send(service.sflowPort(), 4_000, client);
        long sentTill = System.currentTimeMillis();
        // the job closes a 10 s bucket 10 s after its end
        JsonNode tier = client.awaitResult("collector.status", "{}", r -> r.path("rollups").path("tiers").path(0)
                .path("last_bucket_closed").asLong() > sentTill, Duration.ofSeconds(60)).path("rollups").path("tiers")
                .path(0);
        assertTrue(tier.path("last_bucket_closed").asLong() > sentTill, tier.toString());
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private JsonNode result(String method, String params) throws Exception {
        JsonNode response = client.call(method, params);
        assertFalse(response.has("error"), response.toString());
        return response.get("result");
    }

    private static List<String> fieldNames(JsonNode row) {
        List<String> names = new ArrayList<>();
        row.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void autoOverARangePastRawRetentionAnswersFromTheRollupTier() throws Exception {
        long now = System.currentTimeMillis();
        JsonNode rows = result("host.cpu", "{\"ip\":\"" + NODE_A + "\",\"interval\":\"auto\",\"time_from\":"
                + (now - 36 * 3_600_000L) + ",\"time_till\":" + now + "}");
        assertFalse(rows.isEmpty());
        int samples = 0;
        for (JsonNode r : rows) {
            assertEquals("10s", r.get("interval").asText());
            assertEquals(0, r.get("timestamp").asLong() % 10_000, "a bucket start");
            assertEquals(NODE_A, r.get("host_ip").asText());
            samples += r.get("samples").asInt();
        }
        assertEquals(TestFleet.ROUNDS, samples);
    }

    @Test
    void aRollupRowGivesMinAverageAndMaxOfGaugesRatesAndUtilisations() throws Exception {
        JsonNode rows = result("host.cpu", "{\"ip\":\"" + NODE_A + "\",\"interval\":\"10s\",\"time_from\":0,"
                + "\"output\":[\"timestamp\",\"samples\",\"cpu_num\",\"cpu_user\",\"cpu_utilisation\"]}");
        assertEquals(List.of("timestamp", "samples", "cpu_num_min", "cpu_num_avg", "cpu_num_max", "cpu_user_min",
                "cpu_user_avg", "cpu_user_max", "cpu_utilisation_min", "cpu_utilisation_avg", "cpu_utilisation_max"),
                fieldNames(rows.get(0)));
        JsonNode last = rows.get(rows.size() - 1);
        assertTrue(last.get("cpu_num_min").isIntegralNumber(), last.toString());
        // the fleet's node A spends CPU_USER_STEP of user and CPU_IDLE_STEP of idle time per round
        double busy = 100.0 * TestFleet.CPU_USER_STEP / (TestFleet.CPU_USER_STEP + TestFleet.CPU_IDLE_STEP);
        boolean anyRate = false;
        for (JsonNode r : rows) {
            if (!r.get("cpu_utilisation_avg").isNull()) {
                anyRate = true;
                assertEquals(busy, r.get("cpu_utilisation_avg").asDouble(), 0.01, r.toString());
                assertTrue(r.get("cpu_user_avg").asDouble() > 0, r.toString());
            }
        }
        assertTrue(anyRate, "a bucket holds a rate: " + rows);
    }

    @Test
    void aVmsRollupRowsNameTheVmAndGiveItsUtilisationByVcpus() throws Exception {
        JsonNode rows = result("virt.cpu", "{\"hostname\":\"" + VM_X + "\",\"interval\":\"10s\",\"time_from\":0}");
        assertEquals(List.of("host_ip", "timestamp", "interval", "samples", "hostname", "name", "uuid",
                "vcpu_state_min", "vcpu_state_avg", "vcpu_state_max", "vcpu_cpu_time_min", "vcpu_cpu_time_avg",
                "vcpu_cpu_time_max", "vcpu_cpu_count_min", "vcpu_cpu_count_avg", "vcpu_cpu_count_max",
                "vcpu_utilisation_min", "vcpu_utilisation_avg", "vcpu_utilisation_max"), fieldNames(rows.get(0)));
        assertEquals(VM_X.toString(), rows.get(0).get("uuid").asText());
    }

    @Test
    void withoutIntervalTheAnswerIsTheRawSamplesAsBefore() throws Exception {
        JsonNode rows = result("host.cpu", "{\"ip\":\"" + NODE_A + "\",\"time_from\":" + sentFrom + "}");
        assertEquals(TestFleet.ROUNDS, rows.size());
        assertEquals(SeriesMethod.HOST_CPU.fields(), fieldNames(rows.get(0)));
    }

    @Test
    void autoOverAShortRangeReadsRawSamplesAndSaysSo() throws Exception {
        JsonNode rows = result("host.cpu", "{\"ip\":\"" + NODE_A + "\",\"interval\":\"auto\",\"time_from\":"
                + sentFrom + "}");
        assertEquals(TestFleet.ROUNDS, rows.size());
        assertEquals("raw", rows.get(0).get("interval").asText());
        assertEquals(SeriesMethod.HOST_CPU.fields().size() + 1, rows.get(0).size());
    }

    @Test
    void limitAndSortorderApplyToRollupRows() throws Exception {
        JsonNode rows = result("host.cpu", "{\"ip\":\"" + NODE_A + "\",\"interval\":\"10s\",\"time_from\":0,"
                + "\"sortorder\":\"DESC\",\"limit\":1,\"output\":[\"timestamp\"]}");
        assertEquals(1, rows.size());
        JsonNode all = result("host.cpu", "{\"ip\":\"" + NODE_A + "\",\"interval\":\"10s\",\"time_from\":0,"
                + "\"output\":[\"timestamp\"]}");
        assertEquals(all.get(all.size() - 1), rows.get(0));
    }

    @Test
    void anIntervalThatIsNotConfiguredNamesTheOnesThatAre() throws Exception {
        JsonNode e = client.call("virt.memory", "{\"hostname\":\"" + VM_X + "\",\"interval\":\"5m\"}").get("error");
        assertEquals(-32602, e.get("code").asInt());
        assertEquals("unknown interval '5m'; expected one of raw, auto, 10s (the tiers of rollup.tiers)",
                e.get("data").asText());
    }
}
