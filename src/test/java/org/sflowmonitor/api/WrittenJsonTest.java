package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import org.junit.jupiter.api.Test;

class WrittenJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALUE = "[{\"name\":\"vm-ü-€-😀\",\"n\":1}]";

    private static ObjectNode response() {
        ObjectNode response = JsonNodeFactory.instance.objectNode().put("jsonrpc", "2.0");
        response.set("result", JsonNodeFactory.instance.rawValueNode(new RawValue(
                new WrittenJson(VALUE.getBytes(StandardCharsets.UTF_8)))));
        return response.put("id", 1);
    }

    @Test
    void aWrittenValueIsEmbeddedByteForByteInAUtf8Response() throws Exception {
        String written = new String(JSON.writeValueAsBytes(response()), StandardCharsets.UTF_8);
        assertEquals("{\"jsonrpc\":\"2.0\",\"result\":" + VALUE + ",\"id\":1}", written);
    }

    @Test
    void aWrittenValueIsEmbeddedUnchangedInACharacterResponse() throws Exception {
        assertEquals("{\"jsonrpc\":\"2.0\",\"result\":" + VALUE + ",\"id\":1}", JSON.writeValueAsString(response()));
    }

    @Test
    void aValueHeldAtTheStartOfALargerArrayIsEmbeddedWithoutTheRestOfTheArray() throws Exception {
        // longer than the generators' buffers, so that they take the value's bytes whole as well
        String value = "[" + "1234567890,".repeat(10_000) + "0]";
        byte[] buffer = (value + "unused end").getBytes(StandardCharsets.UTF_8);
        WrittenJson written = new WrittenJson(buffer, value.length());
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.set("result", JsonNodeFactory.instance.rawValueNode(new RawValue(written)));

        assertEquals("{\"result\":" + value + "}", new String(JSON.writeValueAsBytes(response), StandardCharsets.UTF_8));
        assertEquals("{\"result\":" + value + "}", JSON.writeValueAsString(response));
        assertEquals(value, new String(written.asUnquotedUTF8(), StandardCharsets.UTF_8));
    }

    @Test
    void aValueInPiecesIsEmbeddedAsTheirWrittenBytesInOrder() throws Exception {
        String first = "[" + "1234567890,".repeat(5_000);
        String second = "\"vm-ü-€\",";
        String third = "0]";
        WrittenJson written = new WrittenJson(new byte[][] {(first + "unused").getBytes(StandardCharsets.UTF_8),
            second.getBytes(StandardCharsets.UTF_8), (third + "unused").getBytes(StandardCharsets.UTF_8)},
            new int[] {first.length(), second.getBytes(StandardCharsets.UTF_8).length, third.length()});
        String value = first + second + third;
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.set("result", JsonNodeFactory.instance.rawValueNode(new RawValue(written)));

        assertEquals(value.getBytes(StandardCharsets.UTF_8).length, written.length());
        assertEquals("{\"result\":" + value + "}", new String(JSON.writeValueAsBytes(response), StandardCharsets.UTF_8));
        assertEquals("{\"result\":" + value + "}", JSON.writeValueAsString(response));
        assertEquals(value, new String(written.asUnquotedUTF8(), StandardCharsets.UTF_8));
    }
}
