package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.sflowmonitor.store.Queries;
import org.sflowmonitor.testing.ApiClient;

/**
 * Requests that are wrong in every way get the right error code with a useful message, never a
 * Java name, SQL or a stack trace, and the service keeps answering.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 4096;
    private static final int MAX_BATCH = 5;

    private RunningService service;
    private ApiClient client;

    /** A service whose method fails the way a bug would. */
    public interface Broken {
        String fail();
    }

    /** A service whose result cannot be written as JSON: the failure comes after the method returned. */
    public interface Unwritable {
        Object result();
    }

    /** A value whose getter fails while the result is written. */
    public static final class Bomb {
        public String getValue() {
            throw new IllegalStateException("SELECT secret FROM host at org.example.Bug");
        }
    }

    /** A service whose query runs longer than the statement timeout of one second. */
    public interface Slow {
        long sum();
    }

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        service = RunningService.start(temp, Map.of("api.max.body.bytes", String.valueOf(MAX_BODY),
                "api.max.batch", String.valueOf(MAX_BATCH), "api.max.limit", "5000"));
        Queries oneSecond = new Queries(service.runtime().database(), 1);
        service.changeApi(api -> api.with("broken", Broken.class, () -> {
            throw new IllegalStateException("SELECT secret FROM host at org.example.Bug");
        }).with("unwritable", Unwritable.class, () -> java.util.List.of(new Bomb()))
                .with("slow", Slow.class, () -> ((Number) oneSecond.rows("SELECT SUM(x) AS n FROM SYSTEM_RANGE(1, "
                + "100000000000)").get(0).get("n")).longValue()));
        client = service.client();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    /** Posts a body, expects HTTP 200 and one error; returns the error object. */
    private JsonNode error(String body, int code) throws Exception {
        HttpResponse<String> response = client.post(body);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode answer = JSON.readTree(response.body());
        assertEquals("2.0", answer.get("jsonrpc").asText());
        JsonNode error = answer.get("error");
        assertEquals(code, error.get("code").asInt(), response.body());
        assertClean(error.path("data").asText());
        return error;
    }

    private static void assertClean(String data) {
        for (String leak : new String[] {"java.", "com.", "Exception", "SELECT", "org.", "\tat "}) {
            assertFalse(data.contains(leak), "leaks '" + leak + "': " + data);
        }
    }

    private String call(String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\",\"params\":" + params + "}";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"jsonrpc\":\"2.0\",\"method\":\"host.cpu\",| -32700",
            "not json at all| -32700",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"apiinfo.version\"} trailing| -32700",
            "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"apiinfo.version\"}| -32600",
            "{\"jsonrpc\":2.0,\"id\":1,\"method\":\"apiinfo.version\"}| -32600",
            "{\"id\":1,\"method\":\"apiinfo.version\"}| -32600",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":1}| -32600",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"host.cpu\",\"params\":\"10.0.0.1\"}| -32600",
            "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"apiinfo.version\"}| -32600",
            "\"just a string\"| -32600",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"foo.get\"}| -32601",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"host.cpux\"}| -32601",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rpc.discover\"}| -32601"})
    void malformedRequestsGetTheSpecificationsCode(String body, int code) throws Exception {
        error(body, code);
    }

    @Test
    void aMisspeltParameterIsNamedWithTheAcceptedOnes() throws Exception {
        JsonNode e = error(call("host.cpu", "{\"ipp\":\"10.0.0.1\"}"), -32602);
        assertEquals("Invalid params", e.get("message").asText());
        assertEquals("unknown parameter 'ipp'; expected one of ip, host_ip, hostname, uuid, timestamp, time_from, "
                + "time_till, limit, sortorder, output, interval", e.get("data").asText());
    }

    @Test
    void aMissingEntityIsNamed() throws Exception {
        assertTrue(error(call("host.cpu", "{}"), -32602).get("data").asText().startsWith("missing parameter 'ip'"));
        assertTrue(error(call("virt.memory", "{\"timestamp\":1}"), -32602).get("data").asText()
                .startsWith("missing parameter 'hostname'"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"ip\":5}| parameter 'ip' must be a string, not a number",
            "{\"ip\":\"10.0.0.1\",\"timestamp\":\"soon\"}| parameter 'timestamp' must be a whole number, not a string",
            "{\"ip\":\"10.0.0.1\",\"limit\":1.5}| parameter 'limit' must be a whole number, not a number with a fraction",
            "{\"ip\":\"10.0.0.1\",\"output\":\"cpu_user\"}| parameter 'output' must be a list of strings, not a string",
            "{\"ip\":\"10.0.0.1\",\"time_from\":20,\"time_till\":10}| time_from (20) is after time_till (10)",
            "{\"ip\":\"10.0.0.1\",\"timestamp\":5,\"time_from\":1}| give either timestamp (the 10 minutes up to it) or time_from/time_till, not both",
            "{\"ip\":\"10.0.0.1\",\"limit\":0}| limit must be from 1 to 5000 (api.max.limit), not 0",
            "{\"ip\":\"10.0.0.1\",\"limit\":5001}| limit must be from 1 to 5000 (api.max.limit), not 5001",
            "{\"ip\":\"10.0.0.1\",\"sortorder\":\"UP\"}| sortorder must be ASC or DESC, not 'UP'",
            "{\"ip\":\"10.0.0.1\",\"interval\":\"2h\"}| unknown interval '2h'; expected one of raw, auto, 5m, 1h (the tiers of rollup.tiers)",
            "{\"ip\":\"10.0.0.1\",\"interval\":\"5m\",\"output\":[\"cpu_user_sum\"]}| unknown field 'cpu_user_sum' in output; expected any of host_ip, timestamp, interval, samples, cpu_load_one_min, cpu_load_one_avg, cpu_load_one_max, cpu_load_five_min, cpu_load_five_avg, cpu_load_five_max, cpu_load_fifteen_min, cpu_load_fifteen_avg, cpu_load_fifteen_max, cpu_proc_run_min, cpu_proc_run_avg, cpu_proc_run_max, cpu_proc_total_min, cpu_proc_total_avg, cpu_proc_total_max, cpu_num_min, cpu_num_avg, cpu_num_max, cpu_speed_min, cpu_speed_avg, cpu_speed_max, cpu_uptime_min, cpu_uptime_avg, cpu_uptime_max, cpu_user_min, cpu_user_avg, cpu_user_max, cpu_nice_min, cpu_nice_avg, cpu_nice_max, cpu_system_min, cpu_system_avg, cpu_system_max, cpu_idle_min, cpu_idle_avg, cpu_idle_max, cpu_waiting_io_min, cpu_waiting_io_avg, cpu_waiting_io_max, cpu_intr_min, cpu_intr_avg, cpu_intr_max, cpu_sintr_min, cpu_sintr_avg, cpu_sintr_max, cpu_interrupts_min, cpu_interrupts_avg, cpu_interrupts_max, cpu_contexts_min, cpu_contexts_avg, cpu_contexts_max, cpu_steal_min, cpu_steal_avg, cpu_steal_max, cpu_guest_min, cpu_guest_avg, cpu_guest_max, cpu_guest_nice_min, cpu_guest_nice_avg, cpu_guest_nice_max, cpu_utilisation_min, cpu_utilisation_avg, cpu_utilisation_max",
            "{\"ip\":\"10.0.0.1\",\"host_ip\":\"10.0.0.2\"}| ip and host_ip are the same parameter and differ ('10.0.0.1', '10.0.0.2'); give one"})
    void wrongParamsAreExplained(String params, String data) throws Exception {
        assertEquals(data, error(call("host.cpu", params), -32602).get("data").asText());
    }

    @Test
    void anUnknownOutputFieldListsTheFieldsThereAre() throws Exception {
        assertEquals("unknown field 'vmem_size' in output; expected any of host_ip, timestamp, hostname, name, uuid, "
                + "vmem_memory, vmem_max_memory", error(call("virt.memory",
                "{\"hostname\":\"x\",\"output\":[\"vmem_size\"]}"), -32602).get("data").asText());
    }

    @Test
    void tooManyPositionalParamsAreInvalid() throws Exception {
        assertTrue(error(call("apiinfo.version", "[1]"), -32602).get("data").asText()
                .contains("takes no parameters"));
    }

    @Test
    void aFailingMethodIsAnInternalErrorThatRevealsNothing() throws Exception {
        JsonNode e = error(call("broken.fail", "{}"), -32603);
        assertEquals("Internal error", e.get("message").asText());
    }

    @Test
    void aResultThatCannotBeWrittenIsAnInternalErrorThatRevealsNothing() throws Exception {
        JsonNode e = error(call("unwritable.result", "{}"), -32603);
        assertEquals("Internal error", e.get("message").asText());
    }

    @Test
    void aQueryOverTheStatementTimeoutIsCancelledAndNamesTheSetting() throws Exception {
        long started = System.nanoTime();
        JsonNode e = error(call("slow.sum", "{}"), -32002);
        assertTrue(System.nanoTime() - started < 10_000_000_000L);
        assertTrue(e.get("data").asText().contains("db.query.timeout.seconds = 1"), e.toString());
        assertEquals("sflow-monitor", JSON.readTree(client.post(call("apiinfo.version", "{}")).body()).get("result")
                .get("name").asText());
    }

    @Test
    void idsComeBackExactlyAsSent() throws Exception {
        for (String id : new String[] {"\"1\"", "1", "-3", "1.5", "12345678901234567890", "\"\"", "null"}) {
            String body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"apiinfo.version\"}";
            JsonNode response = JSON.readTree(client.post(body).body());
            assertEquals(JSON.readTree(id), response.get("id"), id);
        }
    }

    @Test
    void aBatchOverTheLimitIsOneInvalidRequestNamingTheLimit() throws Exception {
        String member = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"apiinfo.version\"}";
        String batch = "[" + String.join(",", java.util.Collections.nCopies(MAX_BATCH + 1, member)) + "]";
        assertTrue(error(batch, -32600).get("data").asText().contains("api.max.batch = " + MAX_BATCH));
        String allowed = "[" + String.join(",", java.util.Collections.nCopies(MAX_BATCH, member)) + "]";
        assertEquals(MAX_BATCH, JSON.readTree(client.post(allowed).body()).size());
    }

    @Test
    void aBodyOverTheLimitIsHttp413() throws Exception {
        String body = call("host.cpu", "{\"ip\":\"" + "1".repeat(MAX_BODY) + "\"}");
        HttpResponse<String> response = client.post(body);
        assertEquals(413, response.statusCode());
        assertEquals(-32600, JSON.readTree(response.body()).get("error").get("code").asInt());
    }

    @Test
    void otherHttpMethodsAre405WithAllowPost() throws Exception {
        for (String method : new String[] {"GET", "PUT", "DELETE", "OPTIONS", "PATCH"}) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(client.uri())
                    .method(method, HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(405, response.statusCode(), method);
            assertEquals("POST", response.headers().firstValue("Allow").orElse(""), method);
            assertEquals(-32600, JSON.readTree(response.body()).get("error").get("code").asInt(), method);
        }
        HttpResponse<String> head = client.send(HttpRequest.newBuilder(client.uri())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(405, head.statusCode());
        assertEquals("", head.body());
    }

    @Test
    void theJsonRpcContentTypesAreAcceptedAndOthersAre415() throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"apiinfo.version\"}";
        for (String type : new String[] {"application/json", "application/json-rpc", "application/jsonrequest",
                "application/json; charset=UTF-8"}) {
            assertEquals(200, post(type, body).statusCode(), type);
        }
        assertEquals(415, post("text/plain", body).statusCode());
        assertEquals(415, post("application/x-www-form-urlencoded", body).statusCode());
    }

    private HttpResponse<String> post(String contentType, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(client.uri()).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void randomBytesGetAnErrorEveryTimeAndTheServiceKeepsAnswering() throws Exception {
        Random random = new Random(20261122);
        for (int i = 0; i < 300; i++) {
            byte[] junk = new byte[1 + random.nextInt(600)];
            random.nextBytes(junk);
            if (i % 3 == 0) {
                junk[0] = (byte) (i % 2 == 0 ? '{' : '[');
            }
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(client.uri())
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(junk))
                    .build());
            assertEquals(200, response.statusCode());
            JsonNode answer = JSON.readTree(response.body());
            int code = answer.get("error").get("code").asInt();
            assertTrue(code == -32700 || code == -32600, response.body());
            assertClean(answer.get("error").path("data").asText());
        }
        JsonNode ok = JSON.readTree(client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"apiinfo.version\"}").body());
        assertEquals("sflow-monitor", ok.get("result").get("name").asText());
    }
}
