package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sflowmonitor.api.TestFleet.NODE_A;
import static org.sflowmonitor.api.TestFleet.NODE_A_UUID;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.sflowmonitor.testing.ApiClient;
import org.sflowmonitor.testing.TestDatagrams;
import org.sflowmonitor.testing.UdpSender;

/**
 * host.description and virt.description by MAC, over real UDP: node A (its adapter
 * 3c:ec:ef:10:20:30) with VM Z (52:54:00:aa:00:02), and node {@link TestDatagrams#AGENT} with no
 * adapter and no VM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MacFilterTest {

    private static final UUID VM_Z = UUID.fromString("5a5a5a5a-0000-4000-8000-00000000aa02");
    private static final String VM_Z_MAC = "52:54:00:aa:00:02";

    private RunningService service;
    private ApiClient client;

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        service = RunningService.start(temp);
        client = service.client();
        try (UdpSender udp = new UdpSender(service.sflowPort())) {
            udp.send(TestFleet.node(NODE_A, "kvm-node-11", NODE_A_UUID, 0, 8_640_000));
            udp.send(TestDatagrams.nodeDescription("kvm-node-13"));
            udp.send(TestFleet.vm(VM_Z, "instance-z", 100_003, 0, 1_000, VM_Z_MAC));
        }
        client.awaitResult("virt.description", "{}", r -> r.size() == 1, Duration.ofSeconds(10));
        client.awaitResult("host.description", "{}", r -> r.size() == 2, Duration.ofSeconds(10));
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private JsonNode result(String method, String mac) throws Exception {
        JsonNode response = client.call(method, "{\"mac\":\"" + mac + "\"}");
        assertFalse(response.has("error"), response.toString());
        return response.get("result");
    }

    @ParameterizedTest
    @ValueSource(strings = {"52:54:00:aa:00:02", "52:54:00:AA:00:02", "52-54-00-aa-00-02", "5254.00aa.0002",
            "525400AA0002", " 52:54:00:aa:00:02 "})
    void everyNotationOfAVmsMacFindsThatVmAndTheNodeItIsOn(String mac) throws Exception {
        JsonNode vms = result("virt.description", mac);
        assertEquals(1, vms.size(), vms.toString());
        assertEquals(VM_Z.toString(), vms.get(0).get("uuid").asText());
        assertEquals(NODE_A, vms.get(0).get("host_ip").asText());
        assertEquals("kvm-node-11", vms.get(0).get("node_hostname").asText());
        JsonNode nodes = result("host.description", mac);
        assertEquals(1, nodes.size(), nodes.toString());
        assertEquals(NODE_A, nodes.get(0).get("host_ip").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"3c:ec:ef:10:20:30", "3C-EC-EF-10-20-30", "3cec.ef10.2030", "3cecef102030"})
    void everyNotationOfANodesMacFindsThatNodeAndNoVm(String mac) throws Exception {
        JsonNode nodes = result("host.description", mac);
        assertEquals(1, nodes.size(), nodes.toString());
        assertEquals(NODE_A, nodes.get(0).get("host_ip").asText());
        assertEquals("3c:ec:ef:10:20:30", nodes.get(0).get("adapters").get(0).get("macs").get(0).asText());
        assertEquals(0, result("virt.description", mac).size());
    }

    @Test
    void anUnknownMacGivesAnEmptyResult() throws Exception {
        assertEquals(0, result("host.description", "02:00:00:00:00:99").size());
        assertEquals(0, result("virt.description", "02:00:00:00:00:99").size());
    }

    @Test
    void theMacFilterCombinesWithTheOthers() throws Exception {
        JsonNode response = client.call("host.description", "{\"mac\":\"" + VM_Z_MAC + "\",\"ip\":\"" + TestDatagrams.AGENT
                + "\"}");
        assertEquals(0, response.get("result").size(), response.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"52:54:00:aa:00", "52:54:00:aa:00:02:03", "zz:54:00:aa:00:02", "52:54-00:aa:00:02",
            "5254.00aa.00023", "+25400aa0002", "", "kvm-node-11"})
    void aMalformedMacIsInvalidParamsSayingWhatAMacLooksLike(String mac) throws Exception {
        for (String method : new String[] {"host.description", "virt.description"}) {
            JsonNode error = client.call(method, "{\"mac\":\"" + mac + "\"}").get("error");
            assertEquals(-32602, error.get("code").asInt(), method + " " + mac);
            String message = error.get("data").asText();
            assertTrue(message.contains("mac must be a MAC address") && message.contains("52:54:00:aa:00:02")
                    && message.contains("5254.00aa.0002") && message.contains("'" + mac + "'"), message);
        }
    }
}
