package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sflowmonitor.api.TestFleet.NODE_A;
import static org.sflowmonitor.api.TestFleet.NODE_A_UUID;
import static org.sflowmonitor.api.TestFleet.VM_X;
import static org.sflowmonitor.api.TestFleet.VM_X_NAME;
import static org.sflowmonitor.api.TestFleet.VM_Y;
import static org.sflowmonitor.api.TestFleet.VM_Y_NAME;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.testing.ApiClient;
import org.sflowmonitor.testing.UdpSender;

/**
 * Nodes and VMs that stop reporting, over real UDP: node A polls every {@link #ROUND_MILLIS}
 * with VMs X and Y; Y stops after {@link #ROUNDS_WITH_Y} rounds while A and X go on, until the
 * API shows Y silent; Y comes back for one round; then everything stops until A is silent too.
 * What the API answered at each of these moments is kept for the tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SilentEntitiesTest {

    private static final long ROUND_MILLIS = 700;
    private static final int ROUNDS_WITH_Y = 4;
    private static final int MAX_ROUNDS = 20;
    private static final String ALL = "\"time_from\":0";

    private RunningService service;
    private ApiClient client;
    private UdpSender udp;
    private long start;
    private int round;

    private JsonNode yJustAfterItsLastSample;
    private JsonNode vmsWhenYWentSilent;
    private JsonNode vmSummariesWhenYWentSilent;
    private JsonNode reportingVmsWhenYWentSilent;
    private JsonNode silentVmsWhenYWentSilent;
    private JsonNode silentVmSummariesWhenYWentSilent;
    private JsonNode nodeWhenYWentSilent;
    private JsonNode nodeSummaryWhenYWentSilent;
    private JsonNode yWhenItCameBack;
    private JsonNode nodeWhenYCameBack;
    private JsonNode yCpuWhenItCameBack;
    private JsonNode silentNodesAtTheEnd;
    private JsonNode reportingNodesAtTheEnd;
    private JsonNode silentNodeSummariesAtTheEnd;
    private JsonNode reportingNodeSummariesAtTheEnd;

    @BeforeAll
    void run(@TempDir Path temp) throws Exception {
        service = RunningService.start(temp);
        client = service.client();
        udp = new UdpSender(service.sflowPort());
        start = System.currentTimeMillis();
        while (round < ROUNDS_WITH_Y) {
            sendRound(true);
        }
        yJustAfterItsLastSample = awaitVm(VM_Y, "", r -> r.size() == 1).get(0);
        List<JsonNode> silentY = new ArrayList<>();
        while (round < MAX_ROUNDS && silentY.isEmpty()) {
            sendRound(false);
            client.call("virt.description", "{\"reporting\":false}").path("result").forEach(silentY::add);
        }
        vmsWhenYWentSilent = result("virt.description", "{}");
        vmSummariesWhenYWentSilent = result("virt.summary", "{}");
        reportingVmsWhenYWentSilent = result("virt.description", "{\"reporting\":true}");
        silentVmsWhenYWentSilent = result("virt.description", "{\"reporting\":false}");
        silentVmSummariesWhenYWentSilent = result("virt.summary", "{\"reporting\":false}");
        nodeWhenYWentSilent = result("host.description", "{\"ip\":\"" + NODE_A + "\"}").get(0);
        nodeSummaryWhenYWentSilent = result("host.summary", "{\"ip\":\"" + NODE_A + "\"}").get(0);

        sendRound(true);
        yWhenItCameBack = awaitVm(VM_Y, ",\"reporting\":true", r -> r.size() == 1).get(0);
        nodeWhenYCameBack = result("host.description", "{\"ip\":\"" + NODE_A + "\"}").get(0);
        yCpuWhenItCameBack = result("virt.cpu", "{\"hostname\":\"" + VM_Y + "\"," + ALL + "}");

        silentNodesAtTheEnd = client.awaitResult("host.description", "{\"reporting\":false}",
                r -> r.size() == 1 && r.get(0).get("vm_count").asInt() == 0, Duration.ofSeconds(20));
        reportingNodesAtTheEnd = result("host.description", "{\"reporting\":true}");
        silentNodeSummariesAtTheEnd = result("host.summary", "{\"reporting\":false}");
        reportingNodeSummariesAtTheEnd = result("host.summary", "{\"reporting\":true}");
    }

    @AfterAll
    void stop() {
        if (udp != null) {
            udp.close();
        }
        service.close();
    }

    /** Sends round {@link #round} on its schedule: the node, VM X, and VM Y when {@code withY}. */
    private void sendRound(boolean withY) throws Exception {
        long due = start + round * ROUND_MILLIS;
        Thread.sleep(Math.max(0, due - System.currentTimeMillis()));
        udp.send(TestFleet.node(NODE_A, "kvm-node-11", NODE_A_UUID, round, 8_640_000 + round));
        udp.send(TestFleet.vm(VM_X, VM_X_NAME, 100_001, round, 3_100_000_000L + round * TestFleet.VM_CPU_STEP));
        if (withY) {
            udp.send(TestFleet.vm(VM_Y, VM_Y_NAME, 100_002, round, 1_000_000L + round * TestFleet.VM_CPU_STEP));
        }
        round++;
    }

    private JsonNode awaitVm(Object uuid, String moreParams, java.util.function.Predicate<JsonNode> done)
            throws Exception {
        return client.awaitResult("virt.description", "{\"uuid\":\"" + uuid + "\"" + moreParams + "}", done,
                Duration.ofSeconds(10));
    }

    private JsonNode result(String method, String params) throws Exception {
        JsonNode response = client.call(method, params);
        assertFalse(response.has("error"), response.toString());
        return response.get("result");
    }

    private static JsonNode byUuid(JsonNode rows, Object uuid) {
        for (JsonNode row : rows) {
            if (row.get("uuid").asText().equals(uuid.toString())) {
                return row;
            }
        }
        throw new AssertionError("no row of " + uuid + " in " + rows);
    }

    private long learnedInterval() {
        return nodeWhenYWentSilent.get("polling_interval").asLong();
    }

    @Test
    void theNodesPollingIntervalIsLearnedFromTheGapsBetweenItsSamples() {
        long interval = learnedInterval();
        // the rounds' gaps vary with the machine's load around the schedule's 700 ms
        assertTrue(interval > ROUND_MILLIS / 2 && interval < ROUND_MILLIS * 3 / 2, nodeWhenYWentSilent.toString());
    }

    @Test
    void aVmIsReportingRightAfterItsLastSample() {
        assertTrue(yJustAfterItsLastSample.get("reporting").asBoolean(), yJustAfterItsLastSample.toString());
        assertTrue(yJustAfterItsLastSample.get("silent_since").isNull());
    }

    @Test
    void aVmWhoseSamplesStoppedIsSilentThreeIntervalsAfterItsLastSample() {
        JsonNode y = byUuid(vmsWhenYWentSilent, VM_Y);
        assertFalse(y.get("reporting").asBoolean(), y.toString());
        assertEquals(y.get("last_seen").asLong() + 3 * learnedInterval(), y.get("silent_since").asLong());
        assertTrue(round > ROUNDS_WITH_Y + 1, "Y is silent only after three intervals: round " + round);
    }

    @Test
    void theVmsThatGoOnReportingStayReporting() {
        JsonNode x = byUuid(vmsWhenYWentSilent, VM_X);
        assertTrue(x.get("reporting").asBoolean(), x.toString());
        assertTrue(byUuid(vmSummariesWhenYWentSilent, VM_X).get("reporting").asBoolean());
    }

    @Test
    void virtSummaryShowsTheSilentVmAsNotReportingSinceTheSameInstant() {
        JsonNode y = byUuid(vmSummariesWhenYWentSilent, VM_Y);
        assertFalse(y.get("reporting").asBoolean(), y.toString());
        assertEquals(byUuid(vmsWhenYWentSilent, VM_Y).get("silent_since"), y.get("silent_since"));
    }

    @Test
    void theReportingFilterListsOnlyReportingOrOnlySilentVms() {
        assertEquals(1, reportingVmsWhenYWentSilent.size(), reportingVmsWhenYWentSilent.toString());
        assertEquals(VM_X.toString(), reportingVmsWhenYWentSilent.get(0).get("uuid").asText());
        assertEquals(1, silentVmsWhenYWentSilent.size(), silentVmsWhenYWentSilent.toString());
        assertEquals(VM_Y.toString(), silentVmsWhenYWentSilent.get(0).get("uuid").asText());
        assertEquals(1, silentVmSummariesWhenYWentSilent.size());
        assertEquals(VM_Y.toString(), silentVmSummariesWhenYWentSilent.get(0).get("uuid").asText());
    }

    @Test
    void theNodesVmCountDropsToTheReportingVmsAndVmCountSeenKeepsTheVmsLastSeenThere() {
        assertEquals(1, nodeWhenYWentSilent.get("vm_count").asInt(), nodeWhenYWentSilent.toString());
        assertEquals(2, nodeWhenYWentSilent.get("vm_count_seen").asInt());
        assertTrue(nodeWhenYWentSilent.get("reporting").asBoolean());
        assertTrue(nodeSummaryWhenYWentSilent.get("reporting").asBoolean(), nodeSummaryWhenYWentSilent.toString());
    }

    @Test
    void aVmThatComesBackReportsAgainWithItsWholeHistory() {
        assertTrue(yWhenItCameBack.get("reporting").asBoolean(), yWhenItCameBack.toString());
        assertEquals(ROUNDS_WITH_Y + 1, yCpuWhenItCameBack.size(), yCpuWhenItCameBack.toString());
        assertEquals(2, nodeWhenYCameBack.get("vm_count").asInt(), nodeWhenYCameBack.toString());
    }

    @Test
    void aNodeWhoseSamplesStoppedIsSilentInHostDescriptionAndHostSummary() {
        JsonNode node = silentNodesAtTheEnd.get(0);
        assertEquals(NODE_A, node.get("host_ip").asText());
        assertFalse(node.get("reporting").asBoolean());
        assertEquals(node.get("last_seen").asLong() + 3 * node.get("polling_interval").asLong(),
                node.get("silent_since").asLong());
        assertEquals(0, node.get("vm_count").asInt(), "its VMs went silent with it");
        assertEquals(0, reportingNodesAtTheEnd.size(), reportingNodesAtTheEnd.toString());
        assertEquals(1, silentNodeSummariesAtTheEnd.size());
        assertEquals(node.get("silent_since"), silentNodeSummariesAtTheEnd.get(0).get("silent_since"));
        assertEquals(0, reportingNodeSummariesAtTheEnd.size());
    }
}
