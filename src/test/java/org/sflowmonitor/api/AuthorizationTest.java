package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.testing.ApiClient;

/** With api.token set, /api answers only requests that carry it as a bearer token. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "c0rrect-h0rse-battery-staple";
    private static final String CALL = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"host.description\",\"params\":{}}";

    private RunningService service;
    private ApiClient client;

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        service = RunningService.start(temp, Map.of("api.token", TOKEN));
        client = service.client();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private HttpResponse<String> post(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(client.uri()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CALL));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build());
    }

    private static void assertNotAuthorized(HttpResponse<String> response) throws Exception {
        assertEquals(401, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(-32001, body.get("error").get("code").asInt());
        assertEquals("Not authorized", body.get("error").get("message").asText());
        assertFalse(body.get("error").has("data"));
        assertFalse(body.has("result"));
        assertEquals(JSON.nullNode(), body.get("id"));
    }

    @Test
    void aRequestWithoutTheTokenIsNotAuthorized() throws Exception {
        assertNotAuthorized(post(null));
    }

    @Test
    void aRequestWithAWrongTokenIsNotAuthorized() throws Exception {
        assertNotAuthorized(post("Bearer " + TOKEN + "x"));
        assertNotAuthorized(post("Bearer " + TOKEN.substring(1)));
        assertNotAuthorized(post("Basic " + TOKEN));
        assertNotAuthorized(post("Bearer "));
    }

    @Test
    void aRequestWithTheTokenIsAnswered() throws Exception {
        HttpResponse<String> response = post("Bearer " + TOKEN);
        assertEquals(200, response.statusCode());
        assertEquals(0, JSON.readTree(response.body()).get("result").size());
        assertEquals(200, post("bearer " + TOKEN).statusCode());
    }

    @Test
    void withoutATokenTheServiceWarnsAtStartThatTheApiIsOpen(@TempDir Path temp) throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    warnings.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(Api.class.getName());
        logger.addHandler(handler);
        try (RunningService open = RunningService.start(temp)) {
            assertTrue(warnings.stream().anyMatch(w -> w.startsWith("api.token is not set")), warnings.toString());
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void otherHttpMethodsWithoutTheTokenAreNotAuthorizedEither() throws Exception {
        assertNotAuthorized(client.send(HttpRequest.newBuilder(client.uri()).GET().build()));
    }
}
