package org.sflowmonitor.app;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.netty.util.NetUtil;
import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.sflow.MacAddress;
import org.sflowmonitor.sflow.RecordNames;
import org.sflowmonitor.sflow.Sample;
import org.sflowmonitor.sflow.SflowDatagram;

/**
 * The JSON form of a decoded datagram printed by the decode command, written straight into a
 * generator. Record fields are the record components in snake_case, values as on the wire:
 * unsigned integers (every {@code long} component) as non-negative numbers, enums as names, UUIDs
 * and MACs in their usual text form. How to write each record class is worked out once, from its
 * components, and kept.
 */
final class DatagramJson {

    /** Components whose snake_case form is not the reference's name (or would clash with "name"). */
    private static final Map<String, String> FIELD_NAMES = Map.of(
            "Processor.cpu5s", "5s_cpu", "Processor.cpu1m", "1m_cpu", "Processor.cpu5m", "5m_cpu",
            "PortName.name", "if_name");

    /** Enumerations printed as names, keyed by record type and component. */
    private static final Map<String, LongFunction<String>> ENUMS = Map.of(
            "HostDescr.machineType", RecordNames::machineType,
            "HostDescr.osName", RecordNames::osName,
            "VirtCpu.state", RecordNames::virtState);

    private static final ClassValue<RecordWriter> WRITERS = new ClassValue<>() {
        @Override
        protected RecordWriter computeValue(Class<?> type) {
            return new RecordWriter(type);
        }
    };

    private DatagramJson() {
    }

    /** Writes the datagram as one JSON object (the caller ends the line). */
    static void write(JsonGenerator json, SflowDatagram datagram) throws IOException {
        json.writeStartObject();
        InetAddress agent = datagram.agentAddress();
        json.writeFieldName("agent");
        if (agent == null) {
            json.writeNull();
        } else {
            json.writeString(NetUtil.toAddressString(agent));
        }
        json.writeNumberField("sub_agent_id", datagram.subAgentId());
        json.writeNumberField("sequence", datagram.sequenceNumber());
        json.writeNumberField("uptime_ms", datagram.uptimeMillis());
        json.writeArrayFieldStart("samples");
        for (Sample sample : datagram.samples()) {
            sample(json, sample);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void sample(JsonGenerator json, Sample sample) throws IOException {
        json.writeStartObject();
        if (sample instanceof Sample.Counters c) {
            json.writeStringField("kind", "counter");
            json.writeNumberField("format", c.format());
            json.writeNumberField("sequence", c.sequenceNumber());
            json.writeNumberField("source_id_type", c.sourceIdType());
            json.writeNumberField("source_id_index", c.sourceIdIndex());
            json.writeArrayFieldStart("records");
            for (CounterRecord record : c.records()) {
                record(json, record);
            }
            json.writeEndArray();
        } else if (sample instanceof Sample.Flow f) {
            json.writeStringField("kind", "flow");
            json.writeNumberField("format", f.format());
            json.writeNumberField("sequence", f.sequenceNumber());
            json.writeNumberField("source_id_type", f.sourceIdType());
            json.writeNumberField("source_id_index", f.sourceIdIndex());
            json.writeNumberField("sampling_rate", f.samplingRate());
            json.writeNumberField("sample_pool", f.samplePool());
            json.writeNumberField("drops", f.drops());
            json.writeNumberField("input_format", f.inputFormat());
            json.writeNumberField("input", f.input());
            json.writeNumberField("output_format", f.outputFormat());
            json.writeNumberField("output", f.output());
            json.writeArrayFieldStart("records");
            for (Sample.FlowRecord r : f.records()) {
                json.writeStartObject();
                json.writeNumberField("enterprise", r.enterprise());
                json.writeNumberField("format", r.format());
                json.writeNumberField("length", r.length());
                json.writeEndObject();
            }
            json.writeEndArray();
        } else if (sample instanceof Sample.Unknown u) {
            json.writeStringField("kind", "unknown");
            json.writeNumberField("enterprise", u.enterprise());
            json.writeNumberField("format", u.format());
            json.writeNumberField("length", u.length());
        } else if (sample instanceof Sample.Malformed m) {
            json.writeStringField("kind", "malformed");
            json.writeNumberField("enterprise", m.enterprise());
            json.writeNumberField("format", m.format());
            json.writeNumberField("length", m.length());
            json.writeStringField("reason", m.reason());
        }
        json.writeEndObject();
    }

    private static void record(JsonGenerator json, CounterRecord record) throws IOException {
        json.writeStartObject();
        json.writeNumberField("enterprise", record.enterprise());
        json.writeNumberField("format", record.format());
        if (record instanceof CounterRecord.Unknown u) {
            json.writeStringField("name", "unknown");
            json.writeNumberField("length", u.length());
        } else if (record instanceof CounterRecord.Malformed m) {
            json.writeStringField("name", "malformed");
            json.writeNumberField("length", m.length());
            json.writeStringField("reason", m.reason());
        } else {
            json.writeStringField("name", RecordNames.counterRecordName(record.format()));
            WRITERS.get(record.getClass()).components(json, record);
        }
        json.writeEndObject();
    }

    private static void value(JsonGenerator json, Object value) throws IOException {
        if (value instanceof Long l) {
            unsigned(json, l);
        } else if (value instanceof Integer i) {
            json.writeNumber(i);
        } else if (value instanceof Float f) {
            json.writeNumber(f);
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                value(json, item);
            }
            json.writeEndArray();
        } else if (value instanceof Record r && !(value instanceof MacAddress)) {
            json.writeStartObject();
            WRITERS.get(r.getClass()).components(json, r);
            json.writeEndObject();
        } else { // String, UUID (canonical lower case), MacAddress (52:54:00:ab:cd:ef)
            json.writeString(value.toString());
        }
    }

    /** Every long of the records holds an unsigned 32- or 64-bit value. */
    private static void unsigned(JsonGenerator json, long value) throws IOException {
        if (value >= 0) {
            json.writeNumber(value);
        } else {
            json.writeNumber(Long.toUnsignedString(value));
        }
    }

    static String snakeCase(String camel) {
        StringBuilder s = new StringBuilder(camel.length() + 8);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                s.append('_').append(Character.toLowerCase(c));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    /** One field per record component, in declaration order; a null component (absent on the wire) is left out. */
    private static final class RecordWriter {

        private final Component[] components;

        RecordWriter(Class<?> type) {
            RecordComponent[] declared = type.getRecordComponents();
            components = new Component[declared.length];
            for (int i = 0; i < declared.length; i++) {
                String qualified = type.getSimpleName() + "." + declared[i].getName();
                components[i] = new Component(new SerializedString(
                        FIELD_NAMES.getOrDefault(qualified, snakeCase(declared[i].getName()))),
                        declared[i], ENUMS.get(qualified));
            }
        }

        void components(JsonGenerator json, Object record) throws IOException {
            for (Component component : components) {
                component.write(json, record);
            }
        }
    }

    /** How one component is read (without boxing where it is primitive) and written. */
    private static final class Component {

        private static final MethodType AS_LONG = MethodType.methodType(long.class, Object.class);
        private static final MethodType AS_INT = MethodType.methodType(int.class, Object.class);
        private static final MethodType AS_FLOAT = MethodType.methodType(float.class, Object.class);
        private static final MethodType AS_OBJECT = MethodType.methodType(Object.class, Object.class);

        private final SerializableString name;
        private final Class<?> type;
        private final MethodHandle accessor;
        private final LongFunction<String> enumNames;

        Component(SerializableString name, RecordComponent component, LongFunction<String> enumNames) {
            this.name = name;
            this.type = component.getType();
            this.enumNames = enumNames;
            try {
                MethodHandle getter = MethodHandles.publicLookup().unreflect(component.getAccessor());
                this.accessor = getter.asType(type == long.class ? AS_LONG : type == int.class ? AS_INT
                        : type == float.class ? AS_FLOAT : AS_OBJECT);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + component, e);
            }
        }

        void write(JsonGenerator json, Object record) throws IOException {
            try {
                if (type == long.class) {
                    long value = (long) accessor.invokeExact(record);
                    json.writeFieldName(name);
                    if (enumNames != null) {
                        json.writeString(enumNames.apply(value));
                    } else {
                        unsigned(json, value);
                    }
                } else if (type == int.class) {
                    int value = (int) accessor.invokeExact(record);
                    json.writeFieldName(name);
                    json.writeNumber(value);
                } else if (type == float.class) {
                    float value = (float) accessor.invokeExact(record);
                    json.writeFieldName(name);
                    json.writeNumber(value);
                } else {
                    Object value = (Object) accessor.invokeExact(record);
                    if (value != null) {
                        json.writeFieldName(name);
                        value(json, value);
                    }
                }
            } catch (IOException | RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("a record accessor threw " + e, e);
            }
        }
    }
}
