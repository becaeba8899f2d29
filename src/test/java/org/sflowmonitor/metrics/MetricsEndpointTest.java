package org.sflowmonitor.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.testing.UdpSender;

/** /metrics and /metrics/targets of the running service, fed a small cluster over UDP on loopback. */
class MetricsEndpointTest {

    @TempDir
    static Path temp;
    private static MetricsService service;
    private static String scrape;

    /**
     * The rounds go 300 ms apart, below the shortest gap taken for a polling interval, so the
     * interval stays unknown (30 s assumed). On a loaded machine a gap can grow past 500 ms and
     * become the learned interval; with the default 3 intervals the nodes would then stop being
     * exposed a second or two later, before the tests that scrape again have run. The most
     * intervals the setting takes keep every node exposed for the whole class.
     */
    private static final String NEVER_SILENT_HERE = "1000";

    @BeforeAll
    static void sendTheFleetUpToTheWrap() throws Exception {
        service = MetricsService.start(temp, Map.of("metrics.group.size", "1", "entity.silent.intervals",
                NEVER_SILENT_HERE));
        try (UdpSender udp = new UdpSender(service.sflowPort())) {
            for (int round = MetricsFleet.WRAP_ROUND - 1; round <= MetricsFleet.WRAP_ROUND; round++) {
                MetricsFleet.sendRound(udp, round);
                Thread.sleep(300);
            }
        }
        scrape = service.await("/metrics", s -> s.contains("vm=\"vm-b2\"") && value(s, "sflow_vm_cpu_seconds_total",
                "vm=\"vm-a1\"") > 4_000_000);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    /** The value of the series of {@code name} whose labels contain {@code label}; NaN when none. */
    static double value(String scrape, String name, String label) {
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{([^}]*)})? (\\S+)").matcher(scrape);
        while (m.find()) {
            if ((m.group(1) == null ? "" : m.group(1)).contains(label)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return Double.NaN;
    }

    @Test
    void promtoolCheckMetricsFindsNoProblemInAFullScrape() throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        assumeTrue(Files.isExecutable(promtool), "promtool (Debian package prometheus) is not installed");
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        assertEquals("", output);
    }

    @Test
    void aVmSeriesCarriesItsNodeAddressHostNameVmNameAndUuid() {
        assertTrue(scrape.contains("sflow_vm_cpu_seconds_total{agent=\"10.0.0.21\",host=\"kvm-21\",vm=\"vm-a2\","
                + "vm_uuid=\"" + MetricsFleet.vmUuid(MetricsFleet.NODE_A, 2) + "\"}"), scrape);
    }

    @Test
    void hostCpuMillisecondsBecomeSecondsByMode() {
        double seconds = value(scrape, "sflow_host_cpu_seconds_total", "agent=\"10.0.0.21\",host=\"kvm-21\",mode=\"user\"");
        assertEquals((MetricsFleet.WRAP_ROUND + 1000) * MetricsFleet.NODE_CPU_USER_STEP_MS / 1000.0, seconds, 1e-9);
    }

    @Test
    void anInterfaceSeriesCarriesItsIfIndexAndDevice() {
        assertTrue(scrape.contains("sflow_interface_receive_bytes_total{agent=\"10.0.0.22\",device=\"eth0\","
                + "host=\"kvm-22\",ifindex=\"2\"}"), scrape);
    }

    @Test
    void aPercentageIsARatioFromZeroToOne() {
        assertEquals(0.5, value(scrape, "sflow_host_disk_partition_max_used_ratio", "agent=\"10.0.0.21\""), 1e-9);
    }

    @Test
    void aThirtyTwoBitCounterThatWrappedKeepsGrowing() {
        double afterWrap = value(scrape, "sflow_vm_cpu_seconds_total", "vm=\"vm-a1\"");
        assertEquals(((1L << 32) + MetricsFleet.VM_CPU_STEP_MS / 2) / 1000.0, afterWrap, 1e-6);
    }

    @Test
    void theCollectorsOwnMetricsComeWithTheFullScrape() {
        assertTrue(value(scrape, "sflow_collector_samples_stored_total", "") >= 12, scrape);
        assertTrue(scrape.contains("sflow_collector_writer_transaction_seconds_bucket{le=\"+Inf\"}"), scrape);
        assertTrue(scrape.contains("jvm_memory_used_bytes"), scrape);
    }

    @Test
    void aNodeParameterSelectsThatNodeOnly() throws Exception {
        String body = service.get("/metrics?node=10.0.0.22").body();
        assertTrue(body.contains("agent=\"10.0.0.22\""), body);
        assertFalse(body.contains("agent=\"10.0.0.21\""), body);
        assertFalse(body.contains("sflow_collector_"), body);
    }

    @Test
    void aGroupParameterSelectsTheNodesOfThatGroup() throws Exception {
        String first = service.get("/metrics?group=0").body();
        String second = service.get("/metrics?group=1").body();
        assertTrue(first.contains("agent=\"10.0.0.21\"") != second.contains("agent=\"10.0.0.21\""), first + second);
        assertTrue(first.contains("agent=\"10.0.0.22\"") != second.contains("agent=\"10.0.0.22\""), first + second);
    }

    @Test
    void theCollectorParameterSelectsTheCollectorsOwnMetricsOnly() throws Exception {
        String body = service.get("/metrics?collector=true").body();
        assertTrue(body.contains("sflow_collector_datagrams_received_total"), body);
        assertFalse(body.contains("sflow_vm_"), body);
    }

    @Test
    void unknownParametersAreA400NamingThem() throws Exception {
        HttpResponse<String> r = service.get("/metrics?nodes=10.0.0.21&grp=1&group=0");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().startsWith("unknown parameters grp, nodes;"), r.body());
    }

    @Test
    void aGroupThatIsNotANumberIsA400() throws Exception {
        HttpResponse<String> r = service.get("/metrics?group=first");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("group must be a whole number"), r.body());
    }

    @Test
    void theTextFormatIsTheDefault() throws Exception {
        assertEquals("text/plain;version=0.0.4;charset=utf-8",
                service.get("/metrics?collector").headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void openMetricsWhenTheAcceptHeaderPrefersIt() throws Exception {
        HttpResponse<String> r = service.get("/metrics?node=10.0.0.21", "Accept",
                "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("application/openmetrics-text"));
        assertTrue(r.body().endsWith("# EOF\n"), r.body());
    }

    @Test
    void theServiceDiscoveryListsTheCollectorAndEachGroupAtTheAddressAskedOn() throws Exception {
        JsonNode groups = new ObjectMapper().readTree(service.get("/metrics/targets").body());
        assertEquals(3, groups.size(), groups.toString());
        String address = "127.0.0.1:" + service.httpPort();
        assertEquals(address, groups.get(0).get("targets").get(0).asText());
        assertEquals("true", groups.get(0).get("labels").get("__param_collector").asText());
        assertEquals("0", groups.get(1).get("labels").get("__param_group").asText());
        assertEquals("1", groups.get(2).get("labels").get("sflow_group").asText());
        assertEquals("/metrics", groups.get(2).get("labels").get("__metrics_path__").asText());
    }
}
