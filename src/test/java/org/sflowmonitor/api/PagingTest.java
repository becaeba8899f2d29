package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sflowmonitor.api.TestFleet.NODE_A;
import static org.sflowmonitor.api.TestFleet.NODE_A_UUID;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.testing.ApiClient;
import org.sflowmonitor.testing.UdpSender;

/**
 * Sorting, paging and the total of host.summary, virt.summary and the descriptions, over real UDP
 * and HTTP: five VMs on node A, instance-K using K times as much CPU as instance-1 (a few ms of
 * CPU time between the two rounds, so that the utilisation stays plausible however close together
 * a loaded machine receives them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagingTest {

    private static final int VMS = 5;

    private RunningService service;
    private ApiClient client;

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        service = RunningService.start(temp);
        client = service.client();
        try (UdpSender udp = new UdpSender(service.sflowPort())) {
            for (int round = 0; round < 2; round++) {
                udp.send(TestFleet.node(NODE_A, "kvm-node-11", NODE_A_UUID, round, 8_640_000 + round * 30L));
                for (int k = 1; k <= VMS; k++) {
                    udp.send(TestFleet.vm(uuid(k), "instance-" + k, 100_000 + k, round, 1_000_000 + round * k));
                }
                Thread.sleep(300);
            }
        }
        client.awaitResult("virt.summary", "{}", r -> r.size() == VMS && r.get(0).get("sample_interval").isNumber(),
                Duration.ofSeconds(10));
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    void virtSummarySortedByCpuDescendingWithALimitGivesTheBusiestVmsFirst() throws Exception {
        assertEquals(List.of("instance-5", "instance-4"), names(result("virt.summary",
                "{\"sortfield\":\"vcpu_utilisation\",\"sortorder\":\"DESC\",\"limit\":2}")));
    }

    @Test
    void anOffsetSkipsThatManyRowsOfTheSortedAnswer() throws Exception {
        assertEquals(List.of("instance-2", "instance-3"), names(result("virt.summary",
                "{\"sortfield\":\"vcpu_utilisation\",\"offset\":1,\"limit\":2}")));
    }

    @Test
    void anOffsetPastTheEndGivesNoRows() throws Exception {
        assertEquals(0, result("virt.summary", "{\"offset\":5}").size());
    }

    @Test
    void totalAnswersTheCountOfEveryMatchingRowBesidesThePage() throws Exception {
        JsonNode answer = result("virt.summary", "{\"sortfield\":\"vcpu_utilisation\",\"limit\":1,\"total\":true}");
        assertEquals(VMS, answer.get("total").asInt());
        assertEquals(List.of("instance-1"), names(answer.get("rows")));
    }

    @Test
    void withoutThePagingParamsTheAnswerIsTheListItWasBefore() throws Exception {
        JsonNode answer = result("virt.summary", "{}");
        assertTrue(answer.isArray());
        assertEquals(VMS, answer.size());
    }

    @Test
    void aNameFilterAndPagingCombine() throws Exception {
        JsonNode answer = result("virt.summary", "{\"name\":\"instance-*\",\"sortfield\":\"name\","
                + "\"sortorder\":\"DESC\",\"limit\":1,\"total\":true}");
        assertEquals(VMS, answer.get("total").asInt());
        assertEquals(List.of("instance-5"), names(answer.get("rows")));
    }

    @Test
    void virtDescriptionSortsByItsFieldsAndPages() throws Exception {
        assertEquals(List.of("instance-5", "instance-4", "instance-3"), names(result("virt.description",
                "{\"sortfield\":\"name\",\"sortorder\":\"DESC\",\"limit\":3}")));
    }

    @Test
    void hostDescriptionAndHostSummaryPageToo() throws Exception {
        assertEquals(1, result("host.description", "{\"sortfield\":\"last_seen\",\"total\":true}").get("total")
                .asInt());
        assertEquals(NODE_A, result("host.summary", "{\"sortfield\":\"cpu_utilisation\",\"sortorder\":\"desc\","
                + "\"limit\":1}").get(0).get("host_ip").asText());
    }

    @Test
    void anUnknownSortfieldIsInvalidParamsNamingTheFieldsAllowed() throws Exception {
        String message = error("virt.summary", "{\"sortfield\":\"cpu; DROP TABLE vm\"}");
        assertTrue(message.contains("expected any of") && message.contains("vcpu_utilisation"), message);
        assertTrue(error("host.description", "{\"sortfield\":\"adapters\"}").contains("last_seen"));
    }

    @Test
    void aSortfieldOutsideTheOutputAskedForIsInvalidParams() throws Exception {
        assertTrue(error("host.summary", "{\"sortfield\":\"cpu_utilisation\",\"output\":[\"host_ip\"]}")
                .contains("must be one of the output fields (host_ip)"));
    }

    @Test
    void aSortorderOtherThanAscOrDescIsInvalidParams() throws Exception {
        assertTrue(error("virt.summary", "{\"sortfield\":\"name\",\"sortorder\":\"up\"}")
                .contains("sortorder must be ASC or DESC"));
    }

    @Test
    void aNegativeOffsetOrALimitBelowOneIsInvalidParams() throws Exception {
        assertTrue(error("virt.summary", "{\"offset\":-1}").contains("offset must be 0 or more"));
        assertTrue(error("virt.description", "{\"limit\":0}").contains("limit must be from 1 to"));
    }

    private static UUID uuid(int k) {
        return UUID.fromString("5a5a5a5a-0000-4000-8000-0000000000" + String.format("%02d", k));
    }

    private JsonNode result(String method, String params) throws Exception {
        JsonNode response = client.call(method, params);
        assertFalse(response.has("error"), response.toString());
        return response.get("result");
    }

    /** The message of the -32602 error the call gets. */
    private String error(String method, String params) throws Exception {
        JsonNode response = client.call(method, params);
        assertEquals(-32602, response.path("error").path("code").asInt(), response.toString());
        return response.get("error").get("data").asText();
    }

    private static List<String> names(JsonNode rows) {
        List<String> names = new ArrayList<>();
        rows.forEach(r -> names.add(r.get("name").asText()));
        return names;
    }
}
