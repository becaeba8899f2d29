package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ResponseBodyTest {

    /** A method whose result the namespace writes as JSON before the response is made. */
    public interface Rows {
        List<Row> rows();
    }

    public record Row(String name, Long n) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROWS = "[{\"name\":\"vm-ü-€\",\"n\":1},{\"name\":\"b\\\"c\",\"n\":null}]";

    private final JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(JSON, Map.of("", new Namespace("", Rows.class,
            () -> List.of(new Row("vm-ü-€", 1L), new Row("b\"c", null)), JSON)), 10);

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String sent(ResponseBody body) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        assertEquals(out.size(), body.length(), "the length given is the length sent");
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aCallsWrittenResultIsSentBetweenTheEnvelopesHeadAndTail() throws Exception {
        ResponseBody body = dispatcher.respond(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"rows\",\"id\":7}"));

        assertEquals("{\"jsonrpc\":\"2.0\",\"result\":" + ROWS + ",\"id\":7}", sent(body));
    }

    @Test
    void theIdIsEchoedInTheTailAsSent() throws Exception {
        ResponseBody body = dispatcher.respond(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"rows\",\"id\":\"a\\\"ü\"}"));

        assertEquals("{\"jsonrpc\":\"2.0\",\"result\":" + ROWS + ",\"id\":\"a\\\"ü\"}", sent(body));
    }

    @Test
    void thePartsJoinedAreTheBytesHandleAnswers() throws Exception {
        byte[] call = utf8("{\"jsonrpc\":\"2.0\",\"method\":\"rows\",\"id\":null}");

        assertArrayEquals(utf8(sent(dispatcher.respond(call))), dispatcher.handle(call));
        assertArrayEquals(dispatcher.handle(call), dispatcher.respond(call).bytes());
    }

    @Test
    void errorsAndBatchesAreSentWholeAsBefore() throws Exception {
        assertEquals("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\",\"data\":\"no method 'nothing'; rows\"},"
                + "\"id\":1}", sent(dispatcher.respond(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"nothing\",\"id\":1}"))));
        assertEquals("[{\"jsonrpc\":\"2.0\",\"result\":" + ROWS + ",\"id\":1}]",
                sent(dispatcher.respond(utf8("[{\"jsonrpc\":\"2.0\",\"method\":\"rows\",\"id\":1}]"))));
    }

    @Test
    void aResultHeldAtTheStartOfALargerArrayIsSentWithoutTheRestOfTheArray() throws Exception {
        byte[] buffer = utf8(ROWS + "unused end of the buffer");
        ResponseBody body = new ResponseBody(utf8("{\"result\":"), new WrittenJson(buffer, utf8(ROWS).length),
                utf8(",\"id\":1}"));

        assertEquals("{\"result\":" + ROWS + ",\"id\":1}", sent(body));
        assertEquals("{\"result\":" + ROWS + ",\"id\":1}", new String(body.bytes(), StandardCharsets.UTF_8));
    }
}
