package org.sflowmonitor.api;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A single value as Jackson writes it, for the parts of an answer written once (names, constants, addresses). */
final class JsonValues {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private JsonValues() {
    }

    /**
     * How a row's field {@code index} begins: the brace or comma before it, its name and the colon,
     * and after them its value when {@code constants} holds one for it (every row's the same).
     */
    static byte[] fieldStart(int index, String name, Map<String, Object> constants) {
        JsonBytes text = new JsonBytes(name.length() + 4).append((byte) (index == 0 ? '{' : ','))
                .append(encoded(name)).append((byte) ':');
        if (constants.containsKey(name)) {
            text.append(encoded(constants.get(name)));
        }
        return text.exact();
    }

    static byte[] encoded(Object value) {
        if (value == null) {
            return NULL;
        }
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON value: " + value, e);
        }
    }
}
