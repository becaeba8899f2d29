package org.sflowmonitor.api;

import java.io.IOException;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * One row of a time series: the requested fields (shared by all rows of an answer) and this
 * row's values, in order. A map for the code that reads it, written by its own serializer: a
 * series answer holds thousands of rows, and a LinkedHashMap per row written by Jackson's map
 * serializer cost more per row than reading it from the database. A string value may be given
 * as a {@link SerializableString}, quoted and encoded once for all the rows that share it (a VM's
 * UUID and name, a node's address); the map gives its text.
 */
@JsonSerialize(using = SeriesRow.Writer.class)
final class SeriesRow extends AbstractMap<String, Object> {

    /** The field names of an answer, each written once as JSON text. */
    static final class Fields {
        private final String[] names;
        private final SerializedString[] written;

        Fields(List<String> names) {
            this.names = names.toArray(new String[0]);
            this.written = new SerializedString[this.names.length];
            for (int i = 0; i < this.names.length; i++) {
                written[i] = new SerializedString(this.names[i]);
            }
        }

        int size() {
            return names.length;
        }

        String name(int i) {
            return names[i];
        }
    }

    private final Fields fields;
    private final Object[] values;

    SeriesRow(Fields fields, Object[] values) {
        if (values.length != fields.size()) {
            throw new IllegalArgumentException(values.length + " values for " + fields.size() + " fields");
        }
        this.fields = fields;
        this.values = values;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : value(i);
    }

    /** A value; a string kept as written JSON (the same in every row of an answer) as its text. */
    private Object value(int i) {
        return values[i] instanceof SerializableString s ? s.getValue() : values[i];
    }

    @Override
    public Object put(String key, Object value) {
        int i = indexOf(key);
        if (i < 0) {
            throw new UnsupportedOperationException("a series row has no field " + key);
        }
        Object old = value(i);
        values[i] = value;
        return old;
    }

    private int indexOf(Object key) {
        for (int i = 0; i < values.length; i++) {
            if (fields.names[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (next >= values.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(fields.names[i], value(i));
                    }
                };
            }

            @Override
            public int size() {
                return values.length;
            }
        };
    }

    /** Writes the row as a JSON object, fields in order, the common value types (Queries.value's) without lookups. */
    static final class Writer extends StdSerializer<SeriesRow> {
        Writer() {
            super(SeriesRow.class);
        }

        @Override
        public void serialize(SeriesRow row, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            for (int i = 0; i < row.values.length; i++) {
                gen.writeFieldName(row.fields.written[i]);
                Object v = row.values[i];
                if (v == null) {
                    gen.writeNull();
                } else if (v instanceof Long l) {
                    gen.writeNumber(l);
                } else if (v instanceof Float f) {
                    gen.writeNumber(f);
                } else if (v instanceof Double d) {
                    gen.writeNumber(d);
                } else if (v instanceof String s) {
                    gen.writeString(s);
                } else if (v instanceof SerializableString s) {
                    gen.writeString(s);
                } else {
                    // the rare types (an Integer, a BigInteger of 2^63 and above) through Jackson's own serializers
                    provider.defaultSerializeValue(v, gen);
                }
            }
            gen.writeEndObject();
        }
    }
}
