package org.sflowmonitor.api;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;

/**
 * A row of a fleet-wide answer with its JSON, written the first time an answer needs it and kept
 * while the row is unchanged: an answer of 10,000 rows, most of them as before, then costs a copy
 * of their bytes instead of writing 300,000 fields again.
 */
final class WrittenRow<R extends Record> implements JsonSerializable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final R row;
    private volatile byte[] json;

    WrittenRow(R row) {
        this.row = row;
    }

    R row() {
        return row;
    }

    private byte[] json() {
        byte[] written = json;
        if (written == null) {
            try {
                written = JSON.writeValueAsBytes(row);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write " + row, e);
            }
            json = written;
        }
        return written;
    }

    @Override
    public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeRawValue(new WrittenJson(json()));
    }

    @Override
    public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
            throws IOException {
        serialize(gen, serializers);
    }
}
