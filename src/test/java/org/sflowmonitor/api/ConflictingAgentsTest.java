package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.sflow.CounterRecord.HostDescr;
import org.sflowmonitor.sflow.CounterRecord.HostNetIo;
import org.sflowmonitor.sflow.CounterRecord.VirtNetIo;
import org.sflowmonitor.sflow.SflowEncoder;
import org.sflowmonitor.testing.ApiClient;
import org.sflowmonitor.testing.LogCapture;
import org.sflowmonitor.testing.UdpSender;

/**
 * Two hsflowd processes with one agent address and sub-agent id (a cloned node image), over
 * real UDP from two source ports: the first ("the original", running for a day) and the
 * second ("the clone", running for an hour) send {@link #ROUNDS} rounds each, interleaved, with
 * their own sequence numbers and counters. Each datagram carries the node's sample and the
 * sample of one VM (the same UUID: the clone has the same domain).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConflictingAgentsTest {

    private static final String AGENT = "10.0.0.77";
    private static final long SUB_AGENT = 100_001;
    private static final UUID NODE_UUID = UUID.fromString("6571e19b-6571-519b-a571-e19b6571e19b");
    private static final UUID VM = UUID.fromString("0c0ffee0-0000-4000-8000-000000000077");
    private static final int ROUNDS = 6;
    private static final long ORIGINAL_STEP = 1_000;
    private static final long CLONE_BASE = 9_000_000_000L;

    private RunningService service;
    private ApiClient client;
    private int originalPort;
    private int clonePort;
    private JsonNode status;
    private List<String> warnings;

    @BeforeAll
    void run(@TempDir Path temp) throws Exception {
        service = RunningService.start(temp);
        client = service.client();
        try (LogCapture log = new LogCapture("org.sflowmonitor.ingest.DatagramHandler");
             UdpSender original = new UdpSender(service.sflowPort()); UdpSender clone = new UdpSender(service.sflowPort())) {
            originalPort = original.localPort();
            clonePort = clone.localPort();
            for (int i = 0; i < ROUNDS; i++) {
                original.send(datagram(100 + i, 86_400_000L + i * 1_000L, i * ORIGINAL_STEP));
                if (i == 0) {
                    // the stream's first sender is the one kept: let the original's first datagram be taken first
                    client.awaitResult("collector.status", "{\"agent\":\"" + AGENT + "\"}",
                            s -> s.path("agents").size() == 1, Duration.ofSeconds(10));
                }
                Thread.sleep(60);
                clone.send(datagram(7_000 + i, 3_600_000L + i * 1_000L, CLONE_BASE + i * 50_000_000L));
                Thread.sleep(60);
            }
            status = client.awaitResult("collector.status", "{\"agent\":\"" + AGENT + "\"}",
                s -> s.path("agents").size() == 1
                        && s.get("agents").get(0).get("datagrams_received").asLong() == 2 * ROUNDS
                        && s.get("agents").get(0).get("samples_stored").asLong() == 2 * ROUNDS,
                    Duration.ofSeconds(10));
            warnings = log.messages(Level.WARNING);
        }
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private static byte[] datagram(long sequence, long uptime, long bytes) throws Exception {
        return SflowEncoder.datagram(InetAddress.getByName(AGENT), SUB_AGENT, sequence, uptime)
                .counterSample(true, sequence, 2, 1, new HostDescr("kvm-node-77", NODE_UUID, 3, 2, "6.1.0-28-amd64"),
                        new HostNetIo(bytes, 10, 0, 0, bytes, 10, 0, 0))
                .counterSample(true, sequence, 3, 100_077, new HostDescr("instance-77", VM, 0, 0, ""),
                        new VirtNetIo(bytes, 10, 0, 0, bytes, 10, 0, 0))
                .bytes();
    }

    private JsonNode result(String method, String params) throws Exception {
        JsonNode response = client.call(method, params);
        assertFalse(response.has("error"), response.toString());
        return response.get("result");
    }

    private JsonNode agentCounters() {
        return status.get("agents").get(0);
    }

    @Test
    void collectorStatusReportsOneConflictNamingBothSources() {
        JsonNode conflicts = status.get("conflicts");
        assertEquals(1, conflicts.size(), status.toString());
        JsonNode c = conflicts.get(0);
        assertEquals(AGENT, c.get("agent").asText());
        assertEquals(SUB_AGENT, c.get("sub_agent_id").asLong());
        List<String> sources = new ArrayList<>();
        c.get("sources").forEach(s -> sources.add(s.asText()));
        assertEquals(List.of("127.0.0.1:" + originalPort, "127.0.0.1:" + clonePort), sources);
        assertEquals("127.0.0.1:" + originalPort, c.get("kept").asText());
        assertEquals("127.0.0.1:" + clonePort, c.get("set_apart").asText());
        assertEquals(ROUNDS, c.get("datagrams_set_apart").asLong());
    }

    @Test
    void theOperatorIsWarnedOnceNamingTheSecondSender() {
        List<String> conflicts = warnings.stream().filter(w -> w.contains("claim agent " + AGENT)).toList();
        assertEquals(1, conflicts.size(), warnings.toString());
        assertTrue(conflicts.get(0).contains("127.0.0.1:" + clonePort), conflicts.get(0));
    }

    @Test
    void theInterleavedStreamsCountNoLossNoResetAndNoReordering() {
        JsonNode a = agentCounters();
        assertEquals(0, a.get("datagrams_lost").asLong(), a.toString());
        assertEquals(0, a.get("agent_resets").asLong());
        assertEquals(0, a.get("datagrams_reordered").asLong());
        assertEquals(0, a.get("counter_samples_lost").asLong());
        assertEquals(ROUNDS, a.get("datagrams_conflicting").asLong());
        assertEquals(2 * ROUNDS, a.get("samples_conflicting").asLong());
    }

    @Test
    void onlyTheKeptSendersSamplesAreStored() throws Exception {
        JsonNode rows = result("host.net", "{\"ip\":\"" + AGENT + "\",\"time_from\":0}");
        assertEquals(ROUNDS, rows.size(), rows.toString());
        for (int i = 0; i < ROUNDS; i++) {
            assertEquals(i * ORIGINAL_STEP, rows.get(i).get("bytes_in").asLong());
        }
        JsonNode vmRows = result("virt.net", "{\"uuid\":\"" + VM + "\",\"time_from\":0}");
        assertEquals(ROUNDS, vmRows.size(), vmRows.toString());
        vmRows.forEach(r -> assertTrue(r.get("vnio_bytes_out").asLong() < CLONE_BASE, r.toString()));
    }

    @Test
    void noRateIsBuiltAcrossTheTwoSenders() throws Exception {
        JsonNode node = result("host.summary", "{\"ip\":\"" + AGENT + "\"}").get(0);
        // rates are written with two decimals
        double expected = ORIGINAL_STEP * 1000.0 / node.get("sample_interval").asLong();
        assertEquals(expected, node.get("bytes_in_per_second").asDouble(), 0.005, node.toString());
        JsonNode vm = result("virt.summary", "{\"uuid\":\"" + VM + "\"}").get(0);
        assertEquals(ORIGINAL_STEP * 1000.0 / vm.get("sample_interval").asLong(),
                vm.get("vnio_bytes_received_per_second").asDouble(), 0.005, vm.toString());
    }
}
