package org.sflowmonitor.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * The rows of an answer kept only as the JSON array they are answered with: written once
 * while the rows were read, embedded as they are in the response. Read as maps (parsed
 * on the first look) by code that wants the values.
 */
@JsonSerialize(using = WrittenRows.Writer.class)
final class WrittenRows extends AbstractList<Map<String, Object>> {

    private static final ObjectMapper READER = new ObjectMapper();

    private final WrittenJson json;
    private final int size;
    private List<Map<String, Object>> parsed;

    /** @param json a JSON array of {@code size} objects */
    WrittenRows(WrittenJson json, int size) {
        this.json = json;
        this.size = size;
    }

    WrittenJson json() {
        return json;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Map<String, Object> get(int index) {
        if (parsed == null) {
            try {
                parsed = READER.readValue(json.bytes(), new TypeReference<>() { });
            } catch (IOException e) {
                throw new UncheckedIOException("written rows are not JSON", e);
            }
        }
        return parsed.get(index);
    }

    /** Writes the array as it is. */
    static final class Writer extends StdSerializer<WrittenRows> {
        Writer() {
            super(WrittenRows.class);
        }

        @Override
        public void serialize(WrittenRows rows, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeRawValue(rows.json);
        }
    }
}
