package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sflowmonitor.api.TestFleet.NODE_A;
import static org.sflowmonitor.api.TestFleet.NODE_B;
import static org.sflowmonitor.api.TestFleet.VM_X;
import static org.sflowmonitor.api.TestFleet.VM_X_NAME;
import static org.sflowmonitor.api.TestFleet.VM_Y;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.sflowmonitor.testing.ApiClient;
import org.sflowmonitor.testing.Backend;

/** Every method against a database filled over UDP with {@link TestFleet}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiMethodsTest {

    private static final String ALL = "\"time_from\":0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunningService service;
    private ApiClient client;
    /** Receive times of node A's three samples. */
    private final List<Long> nodeTimes = new ArrayList<>();

    /** The database the tests run on; {@link ApiMethodsOnPostgresqlTest} runs them on PostgreSQL. */
    Backend backend() {
        return Backend.H2;
    }

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        service = RunningService.start(temp, backend().create(temp.resolve("data")).settings());
        client = service.client();
        TestFleet.send(service.sflowPort(), 300, client);
        JsonNode rows = client.awaitResult("host.cpu", "{\"ip\":\"" + NODE_A + "\"," + ALL + "}",
                r -> r.size() == TestFleet.ROUNDS, Duration.ofSeconds(10));
        rows.forEach(r -> nodeTimes.add(r.get("timestamp").asLong()));
        assertEquals(TestFleet.ROUNDS, nodeTimes.size());
        // the summaries' figures below hold for rounds read this far apart (TestFleet.send)
        for (int i = 1; i < nodeTimes.size(); i++) {
            assertTrue(nodeTimes.get(i) - nodeTimes.get(i - 1) >= 300, "receive times " + nodeTimes);
        }
        client.awaitResult("virt.cpu", "{\"hostname\":\"" + VM_Y + "\"," + ALL + "}",
                r -> r.size() == TestFleet.ROUNDS, Duration.ofSeconds(10));
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
    void theOriginalDocumentationsExamplesAreAnsweredInTheirShape() throws Exception {
        JsonNode nodes = JSON.readTree(client.post(
                "{\"jsonrpc\":\"2.0\",\"method\":\"host.description\",\"id\":1,\"params\":{}}").body());
        assertEquals(1, nodes.get("id").asInt());
        assertTrue(nodes.get("id").isInt());
        assertEquals("kvm-node-11", nodes.get("result").get(0).get("hostname").asText());

        JsonNode memory = JSON.readTree(client.post("{\"jsonrpc\":\"2.0\",\"method\":\"virt.memory\",\"params\":"
                + "{\"hostname\":\"" + VM_X + "\"},\"id\":\"34bf7218-d5ba-4b60-b4f3-31dd3071c534\"}").body());
        assertEquals("34bf7218-d5ba-4b60-b4f3-31dd3071c534", memory.get("id").asText());
        assertEquals(3, memory.get("result").size());
        assertEquals(VM_X.toString(), memory.get("result").get(0).get("hostname").asText());

        JsonNode cpu = JSON.readTree(client.post("{\"jsonrpc\":\"2.0\",\"method\":\"host.cpu\",\"params\":"
                + "{\"timestamp\":" + nodeTimes.get(2) + ",\"ip\":\"" + NODE_A + "\"},\"id\":\"cd58\"}").body());
        assertEquals("cd58", cpu.get("id").asText());
        assertEquals(3, cpu.get("result").size());
        assertEquals(3.5, cpu.get("result").get(0).get("cpu_load_one").asDouble());
    }

    @Test
    void hostDescriptionWithoutParamsListsEveryNodeInTheOriginalShape() throws Exception {
        JsonNode nodes = result("host.description", "{}");
        assertEquals(2, nodes.size());
        JsonNode a = nodes.get(0);
        assertEquals(List.of("host_ip", "hostname", "machine_type", "os_name", "os_release"),
                fieldNames(a).subList(0, 5));
        assertEquals(NODE_A, a.get("host_ip").asText());
        assertEquals("kvm-node-11", a.get("hostname").asText());
        assertEquals("x86_64", a.get("machine_type").asText());
        assertEquals("linux", a.get("os_name").asText());
        assertEquals("6.1.0-28-amd64", a.get("os_release").asText());
    }

    @Test
    void hostDescriptionAlsoGivesUuidSeenTimesAdaptersAndVmCount() throws Exception {
        JsonNode a = result("host.description", "{\"ip\":\"" + NODE_A + "\"}").get(0);
        assertEquals(TestFleet.NODE_A_UUID.toString(), a.get("uuid").asText());
        assertTrue(a.get("first_seen").asLong() <= a.get("last_seen").asLong());
        assertEquals(2, a.get("adapters").get(0).get("if_index").asInt());
        assertEquals("3c:ec:ef:10:20:30", a.get("adapters").get(0).get("macs").get(0).asText());
        // vm_count (the VMs reporting) depends on how long ago the rounds were: SilentEntitiesTest
        assertEquals(2, a.get("vm_count_seen").asInt());
    }

    @Test
    void aDescriptionsLastSeenIsTheNewestSampleEvenBeforeTheTableIsSweptAgain() throws Exception {
        JsonNode a = result("host.description", "{\"ip\":\"" + NODE_A + "\"}").get(0);
        assertTrue(a.get("last_seen").asLong() >= nodeTimes.get(TestFleet.ROUNDS - 1), a.toString());
        JsonNode vmSamples = result("virt.cpu", "{\"hostname\":\"" + VM_Y + "\"," + ALL + "}");
        JsonNode y = result("virt.description", "{\"hostname\":\"" + VM_Y + "\"}").get(0);
        assertEquals(vmSamples.get(TestFleet.ROUNDS - 1).get("timestamp").asLong(), y.get("last_seen").asLong());
    }

    @Test
    void aVmIsFoundByItsExactLibvirtNameInDescriptionsAndTimeSeries() throws Exception {
        JsonNode byName = result("virt.description", "{\"name\":\"" + VM_X_NAME + "\"}");
        assertEquals(1, byName.size(), byName.toString());
        assertEquals(VM_X.toString(), byName.get(0).get("uuid").asText());
        assertEquals(TestFleet.ROUNDS, result("virt.cpu", "{\"hostname\":\"" + TestFleet.VM_Y_NAME + "\"," + ALL
                + "}").size());
        assertEquals(0, result("virt.description", "{\"name\":\"" + VM_X_NAME.substring(1) + "\"}").size());
    }

    @Test
    void twoVmsSharingAMacAreBothFoundByItAndTheirNodeOnce() throws Exception {
        JsonNode vms = result("virt.description", "{\"mac\":\"52:54:00:9a:00:01\"}");
        assertEquals(List.of(VM_Y.toString(), VM_X.toString()), List.of(vms.get(0).get("uuid").asText(),
                vms.get(1).get("uuid").asText()));
        JsonNode nodes = result("host.description", "{\"mac\":\"52:54:00:9a:00:01\"}");
        assertEquals(1, nodes.size(), nodes.toString());
        assertEquals(NODE_A, nodes.get(0).get("host_ip").asText());
    }

    @Test
    void hostDescriptionFiltersByHostnameWithWildcards() throws Exception {
        assertEquals(2, result("host.description", "{\"hostname\":\"kvm-node-1*\"}").size());
        assertEquals(NODE_B, result("host.description", "{\"hostname\":\"kvm-node-12\"}").get(0).get("host_ip")
                .asText());
        assertEquals(0, result("host.description", "{\"hostname\":\"kvm-node-1\"}").size());
    }

    @Test
    void hostCpuRowsStartWithHostIpAndTimestampAndCarryRawCounters() throws Exception {
        JsonNode row = result("host.cpu", "{\"ip\":\"" + NODE_A + "\"," + ALL + "}").get(0);
        assertEquals(List.of("host_ip", "timestamp", "cpu_load_one"), fieldNames(row).subList(0, 3));
        assertEquals(NODE_A, row.get("host_ip").asText());
        assertEquals(nodeTimes.get(0), row.get("timestamp").asLong());
        assertEquals(3.5, row.get("cpu_load_one").asDouble());
        assertEquals(1_900_000, row.get("cpu_user").asLong());
        assertEquals(9_000, row.get("cpu_waiting_io").asLong());
        assertEquals(3_900_000_000L, row.get("cpu_contexts").asLong());
    }

    @ParameterizedTest(name = "{0}.{1} = {2}")
    @CsvSource({
            "host.memory, mem_total, 270000000000",
            "host.memory, swap_free, 8000000000",
            "host.memory, page_out, 900000000",
            "host.disk, part_max_used, 45.12",
            "host.disk, bytes_written, 1900000000000",
            "host.net, bytes_in, 9000000000000",
            "host.net, drops_in, 1200",
            "host.node, vnode_memory, 270000000000",
            "host.node, vnode_num_domains, 2",
            "host.mib2, ip_default_ttl, 64",
            "host.mib2, udp_in_datagrams, 91000000",
            "host.interfaces, if_in_octets, 5000000",
            "host.interfaces, port_name, eth0"})
    void hostTimeSeriesMethodsReturnTheStoredValues(String method, String field, String expected) throws Exception {
        JsonNode row = result(method, "{\"ip\":\"" + NODE_A + "\"," + ALL + "}").get(0);
        assertEquals(expected, row.get(field).asText());
    }

    @Test
    void theWindowIsTheTenMinutesUpToAndIncludingTimestamp() throws Exception {
        assertEquals(2, result("host.cpu", "{\"ip\":\"" + NODE_A + "\",\"timestamp\":" + nodeTimes.get(1) + "}")
                .size());
        assertEquals(0, result("host.cpu", "{\"ip\":\"" + NODE_A + "\",\"timestamp\":" + (nodeTimes.get(0) - 1) + "}")
                .size());
        assertEquals(0, result("host.cpu", "{\"ip\":\"" + NODE_A + "\",\"timestamp\":"
                + (nodeTimes.get(2) + 10 * 60 * 1000) + "}").size());
    }

    @Test
    void withoutTimestampTheWindowEndsNow() throws Exception {
        assertEquals(3, result("host.cpu", "{\"ip\":\"" + NODE_A + "\"}").size());
    }

    @Test
    void timeFromAndTimeTillAreInclusive() throws Exception {
        JsonNode rows = result("host.net", "{\"ip\":\"" + NODE_A + "\",\"time_from\":" + nodeTimes.get(1)
                + ",\"time_till\":" + nodeTimes.get(2) + "}");
        assertEquals(2, rows.size());
        assertEquals(nodeTimes.get(1), rows.get(0).get("timestamp").asLong());
    }

    @Test
    void limitKeepsTheFirstRowsAndSortorderDescStartsWithTheNewest() throws Exception {
        JsonNode asc = result("host.cpu", "{\"ip\":\"" + NODE_A + "\",\"limit\":2," + ALL + "}");
        assertEquals(List.of(nodeTimes.get(0), nodeTimes.get(1)),
                List.of(asc.get(0).get("timestamp").asLong(), asc.get(1).get("timestamp").asLong()));
        JsonNode desc = result("host.cpu", "{\"ip\":\"" + NODE_A + "\",\"limit\":1,\"sortorder\":\"DESC\"," + ALL
                + "}");
        assertEquals(1, desc.size());
        assertEquals(nodeTimes.get(2), desc.get(0).get("timestamp").asLong());
    }

    @Test
    void outputReturnsOnlyTheNamedFieldsInTheOrderAsked() throws Exception {
        JsonNode row = result("host.cpu", "{\"ip\":\"" + NODE_A + "\",\"output\":[\"cpu_idle\",\"timestamp\"]," + ALL
                + "}").get(0);
        assertEquals(List.of("cpu_idle", "timestamp"), fieldNames(row));
    }

    @Test
    void hostIpHostnameAndUuidNameTheSameNodeAsIp() throws Exception {
        for (String param : List.of("\"host_ip\":\"" + NODE_A + "\"", "\"hostname\":\"kvm-node-11\"",
                "\"uuid\":\"" + TestFleet.NODE_A_UUID.toString().toUpperCase() + "\"")) {
            JsonNode rows = result("host.cpu", "{" + param + "," + ALL + "}");
            assertEquals(3, rows.size(), param);
            assertEquals(NODE_A, rows.get(0).get("host_ip").asText());
        }
    }

    @Test
    void paramsMayBeGivenByPosition() throws Exception {
        JsonNode rows = result("host.cpu", "[\"" + NODE_A + "\"]");
        assertEquals(3, rows.size());
    }

    @Test
    void anUnknownNodeHasNoRows() throws Exception {
        assertEquals(0, result("host.cpu", "{\"ip\":\"192.0.2.99\"}").size());
    }

    @Test
    void hostInterfacesPicksOneInterfaceByIfIndex() throws Exception {
        assertEquals(3, result("host.interfaces", "{\"ip\":\"" + NODE_A + "\",\"if_index\":3," + ALL + "}").size());
        assertEquals(0, result("host.interfaces", "{\"ip\":\"" + NODE_A + "\",\"if_index\":4," + ALL + "}").size());
    }

    @Test
    void virtDescriptionGivesTheOriginalUuidAsHostnameAndTheNodePlusNameAndState() throws Exception {
        JsonNode vms = result("virt.description", "{}");
        assertEquals(2, vms.size());
        JsonNode x = result("virt.description", "{\"hostname\":\"" + VM_X_NAME + "\"}").get(0);
        assertEquals(List.of("host_ip", "hostname"), fieldNames(x).subList(0, 2));
        assertEquals(NODE_A, x.get("host_ip").asText());
        assertEquals(VM_X.toString(), x.get("hostname").asText());
        assertEquals(VM_X.toString(), x.get("uuid").asText());
        assertEquals(VM_X_NAME, x.get("name").asText());
        assertEquals("running", x.get("state").asText());
        assertEquals("kvm-node-11", x.get("node_hostname").asText());
        assertEquals("52:54:00:9a:00:01", x.get("adapters").get(0).get("macs").get(0).asText());
    }

    @Test
    void virtMemoryByUuidAnswersLikeTheOriginalExample() throws Exception {
        JsonNode row = result("virt.memory", "{\"hostname\":\"" + VM_X + "\"}").get(0);
        assertEquals(List.of("host_ip", "timestamp", "hostname", "name", "uuid", "vmem_memory", "vmem_max_memory"),
                fieldNames(row));
        assertEquals(NODE_A, row.get("host_ip").asText());
        assertEquals(VM_X.toString(), row.get("hostname").asText());
        assertEquals(4_294_967_296L, row.get("vmem_memory").asLong());
        assertEquals(8_589_934_592L, row.get("vmem_max_memory").asLong());
    }

    @Test
    void aVmIsFoundByItsLibvirtNameAsByItsUuid() throws Exception {
        assertEquals(result("virt.cpu", "{\"hostname\":\"" + VM_X + "\"," + ALL + "}"),
                result("virt.cpu", "{\"hostname\":\"" + VM_X_NAME + "\"," + ALL + "}"));
        assertEquals(result("virt.cpu", "{\"uuid\":\"" + VM_X + "\"," + ALL + "}"),
                result("virt.cpu", "{\"hostname\":\"" + VM_X_NAME + "\"," + ALL + "}"));
    }

    @ParameterizedTest(name = "{0}.{1} = {2}")
    @CsvSource({
            "virt.cpu, vcpu_state, 1",
            "virt.cpu, vcpu_cpu_time, 3100000000",
            "virt.cpu, vcpu_cpu_count, 4",
            "virt.disk, vdsk_capacity, 107374182400",
            "virt.disk, vdsk_rd_bytes, 90000000000",
            "virt.net, vnio_bytes_in, 1000000000",
            "virt.net, vnio_bytes_out, 5000000000",
            "virt.net, vnio_drops_out, 12"})
    void virtTimeSeriesMethodsReturnTheStoredValues(String method, String field, String expected) throws Exception {
        JsonNode row = result(method, "{\"hostname\":\"" + VM_X + "\"," + ALL + "}").get(0);
        assertEquals(expected, row.get(field).asText());
    }

    @Test
    void hostSummaryGivesUtilisationAndRatesFromTheLastTwoSamples() throws Exception {
        JsonNode a = result("host.summary", "{\"ip\":\"" + NODE_A + "\"}").get(0);
        long interval = nodeTimes.get(2) - nodeTimes.get(1);
        assertEquals(nodeTimes.get(2), a.get("timestamp").asLong());
        assertEquals(interval, a.get("sample_interval").asLong());
        assertEquals(8_640_060, a.get("cpu_uptime").asLong());
        assertEquals(25.0, a.get("cpu_utilisation").asDouble());
        double expected = Math.round(TestFleet.BYTES_IN_STEP * 1000.0 / interval * 100) / 100.0;
        assertEquals(expected, a.get("bytes_in_per_second").asDouble());
        assertEquals(0.0, a.get("bytes_out_per_second").asDouble());
        // (270 - 96 - 2 - 40) GB used of 270 GB
        assertEquals(48.89, a.get("mem_utilisation").asDouble());
        assertEquals(45.12, a.get("part_max_used").asDouble());
    }

    @Test
    void hostSummaryGivesNoRatesAfterTheNodeRebooted() throws Exception {
        JsonNode b = result("host.summary", "{\"hostname\":\"kvm-node-12\"}").get(0);
        assertEquals(40, b.get("cpu_uptime").asLong());
        assertTrue(b.get("cpu_utilisation").isNull());
        assertTrue(b.get("bytes_in_per_second").isNull());
        assertEquals(2, result("host.summary", "{}").size());
    }

    @Test
    void virtSummaryStatesNetworkRatesFromTheVmsPointOfView() throws Exception {
        JsonNode x = result("virt.summary", "{\"hostname\":\"" + VM_X + "\"}").get(0);
        long interval = x.get("sample_interval").asLong();
        assertEquals("running", x.get("state").asText());
        assertEquals(VM_X_NAME, x.get("name").asText());
        assertEquals(rate(TestFleet.VM_SENT_BYTES_STEP, interval), x.get("vnio_bytes_sent_per_second").asDouble());
        assertEquals(rate(TestFleet.VM_RECEIVED_BYTES_STEP, interval),
                x.get("vnio_bytes_received_per_second").asDouble());
        assertEquals(50.0, x.get("vmem_utilisation").asDouble());
        assertEquals(Math.round(100.0 * TestFleet.VM_CPU_STEP / (interval * 4.0) * 100) / 100.0,
                x.get("vcpu_utilisation").asDouble());
    }

    @Test
    void virtSummaryReadsAWrapped32BitCpuTimeAsOneStepForward() throws Exception {
        JsonNode y = result("virt.summary", "{\"uuid\":\"" + VM_Y + "\"}").get(0);
        long interval = y.get("sample_interval").asLong();
        JsonNode times = result("virt.cpu", "{\"uuid\":\"" + VM_Y + "\",\"output\":[\"vcpu_cpu_time\"]," + ALL + "}");
        assertTrue(times.get(2).get("vcpu_cpu_time").asLong() < times.get(1).get("vcpu_cpu_time").asLong());
        assertEquals(Math.round(100.0 * TestFleet.VM_CPU_STEP / (interval * 4.0) * 100) / 100.0,
                y.get("vcpu_utilisation").asDouble());
    }

    private static double rate(long step, long interval) {
        return Math.round(step * 1000.0 / interval * 100) / 100.0;
    }

    @Test
    void collectorStatusCountsWhatEachAgentSent() throws Exception {
        JsonNode status = result("collector.status", "{}");
        assertEquals(12, status.get("ingest").get("datagrams_received").asLong());
        assertTrue(status.get("writer").get("queue_capacity").asLong() > 0);
        assertTrue(status.get("writer").get("fault").isNull());
        assertTrue(status.get("database").get("size_bytes").asLong() > 0);
        JsonNode b = result("collector.status", "{\"agent\":\"" + NODE_B + "\"}").get("agents");
        assertEquals(1, b.size());
        assertEquals(3, b.get(0).get("datagrams_received").asLong());
        assertTrue(b.get(0).get("last_datagram_at").asLong() > 0);
    }

    @Test
    void collectorStatusForAnAgentNeverSeenListsNoAgentAndStartsNoCounters() throws Exception {
        assertEquals(0, result("collector.status", "{\"agent\":\"192.0.2.99\"}").get("agents").size());
        JsonNode all = result("collector.status", "{}").get("agents");
        all.forEach(a -> assertFalse(a.get("agent").asText().equals("192.0.2.99"), all.toString()));
    }

    @Test
    void apiinfoVersionNamesTheService() throws Exception {
        JsonNode info = result("apiinfo.version", "{}");
        assertEquals("sflow-monitor", info.get("name").asText());
        assertFalse(info.get("version").asText().isEmpty());
    }
}
