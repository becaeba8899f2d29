package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.testing.ApiClient;

/**
 * Every request/response pair of the Examples section of the JSON-RPC 2.0 specification, sent
 * over HTTP to the real webapp with the example handlers registered. Responses are compared as
 * JSON trees, so that an id "1" never passes for 1; the {@code data} we add to errors is ignored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonRpcSpecificationExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunningService service;
    private ApiClient client;
    private final SpecExamples.Handlers handlers = new SpecExamples.Handlers();

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        service = RunningService.start(temp);
        service.changeApi(api -> api.with("", SpecExamples.class, handlers));
        client = service.client();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private void exchange(String request, String expected) throws Exception {
        HttpResponse<String> response = client.post(request);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(JSON.readTree(expected), withoutData(JSON.readTree(response.body())), response.body());
    }

    private void nothingReturned(String request) throws Exception {
        HttpResponse<String> response = client.post(request);
        assertEquals(204, response.statusCode(), response.body());
        assertEquals("", response.body());
    }

    private static JsonNode withoutData(JsonNode response) {
        if (response.isArray()) {
            response.forEach(JsonRpcSpecificationExamplesTest::withoutData);
        } else if (response.path("error").isObject()) {
            assertTrue(response.get("error").path("data").isTextual() || !response.get("error").has("data"));
            ((ObjectNode) response.get("error")).remove("data");
        }
        return response;
    }

    @Test
    void positionalParametersAreTakenInOrder() throws Exception {
        exchange("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [42, 23], \"id\": 1}",
                "{\"jsonrpc\": \"2.0\", \"result\": 19, \"id\": 1}");
        exchange("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [23, 42], \"id\": 2}",
                "{\"jsonrpc\": \"2.0\", \"result\": -19, \"id\": 2}");
    }

    @Test
    void namedParametersAreTakenByNameInAnyOrder() throws Exception {
        exchange("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": {\"subtrahend\": 23, \"minuend\": 42}, "
                + "\"id\": 3}", "{\"jsonrpc\": \"2.0\", \"result\": 19, \"id\": 3}");
        exchange("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": {\"minuend\": 42, \"subtrahend\": 23}, "
                + "\"id\": 4}", "{\"jsonrpc\": \"2.0\", \"result\": 19, \"id\": 4}");
    }

    @Test
    void aNotificationIsRunAndAnsweredWithNothing() throws Exception {
        int before = handlers.calls.get();
        nothingReturned("{\"jsonrpc\": \"2.0\", \"method\": \"update\", \"params\": [1,2,3,4,5]}");
        assertEquals(before + 1, handlers.calls.get());
    }

    @Test
    void aNotificationOfAnUnknownMethodIsAnsweredWithNothing() throws Exception {
        nothingReturned("{\"jsonrpc\": \"2.0\", \"method\": \"foobar\"}");
    }

    @Test
    void anUnknownMethodIsMethodNotFound() throws Exception {
        exchange("{\"jsonrpc\": \"2.0\", \"method\": \"foobar\", \"id\": \"1\"}",
                "{\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32601, \"message\": \"Method not found\"}, \"id\": \"1\"}");
    }

    @Test
    void invalidJsonIsAParseErrorWithIdNull() throws Exception {
        exchange("{\"jsonrpc\": \"2.0\", \"method\": \"foobar, \"params\": \"bar\", \"baz]",
                "{\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32700, \"message\": \"Parse error\"}, \"id\": null}");
    }

    @Test
    void aMethodThatIsNotAStringIsAnInvalidRequest() throws Exception {
        exchange("{\"jsonrpc\": \"2.0\", \"method\": 1, \"params\": \"bar\"}",
                "{\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32600, \"message\": \"Invalid Request\"}, \"id\": null}");
    }

    @Test
    void aBatchThatIsNotValidJsonIsOneParseError() throws Exception {
        exchange("[\n  {\"jsonrpc\": \"2.0\", \"method\": \"sum\", \"params\": [1,2,4], \"id\": \"1\"},\n"
                        + "  {\"jsonrpc\": \"2.0\", \"method\"\n]",
                "{\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32700, \"message\": \"Parse error\"}, \"id\": null}");
    }

    @Test
    void anEmptyBatchIsOneInvalidRequest() throws Exception {
        exchange("[]",
                "{\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32600, \"message\": \"Invalid Request\"}, \"id\": null}");
    }

    @Test
    void aBatchOfOneNonObjectIsAListOfOneInvalidRequest() throws Exception {
        exchange("[1]",
                "[{\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32600, \"message\": \"Invalid Request\"}, \"id\": null}]");
    }

    @Test
    void eachInvalidBatchMemberGetsItsOwnError() throws Exception {
        String invalid = "{\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32600, \"message\": \"Invalid Request\"}, "
                + "\"id\": null}";
        exchange("[1,2,3]", "[" + invalid + "," + invalid + "," + invalid + "]");
    }

    @Test
    void aMixedBatchAnswersOnlyItsCallsInOrder() throws Exception {
        exchange("[\n"
                        + "  {\"jsonrpc\": \"2.0\", \"method\": \"sum\", \"params\": [1,2,4], \"id\": \"1\"},\n"
                        + "  {\"jsonrpc\": \"2.0\", \"method\": \"notify_hello\", \"params\": [7]},\n"
                        + "  {\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [42,23], \"id\": \"2\"},\n"
                        + "  {\"foo\": \"boo\"},\n"
                        + "  {\"jsonrpc\": \"2.0\", \"method\": \"foo.get\", \"params\": {\"name\": \"myself\"}, \"id\": \"5\"},\n"
                        + "  {\"jsonrpc\": \"2.0\", \"method\": \"get_data\", \"id\": \"9\"}\n"
                        + "]",
                "[\n"
                        + "  {\"jsonrpc\": \"2.0\", \"result\": 7, \"id\": \"1\"},\n"
                        + "  {\"jsonrpc\": \"2.0\", \"result\": 19, \"id\": \"2\"},\n"
                        + "  {\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32600, \"message\": \"Invalid Request\"}, \"id\": null},\n"
                        + "  {\"jsonrpc\": \"2.0\", \"error\": {\"code\": -32601, \"message\": \"Method not found\"}, \"id\": \"5\"},\n"
                        + "  {\"jsonrpc\": \"2.0\", \"result\": [\"hello\", 5], \"id\": \"9\"}\n"
                        + "]");
    }

    @Test
    void aBatchOfOnlyNotificationsIsAnsweredWithNothing() throws Exception {
        int before = handlers.calls.get();
        nothingReturned("[\n  {\"jsonrpc\": \"2.0\", \"method\": \"notify_sum\", \"params\": [1,2,4]},\n"
                + "  {\"jsonrpc\": \"2.0\", \"method\": \"notify_hello\", \"params\": [7]}\n]");
        assertEquals(before + 2, handlers.calls.get());
    }
}
