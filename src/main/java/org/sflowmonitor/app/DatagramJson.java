package org.sflowmonitor.app;

import java.io.IOException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

import io.netty.util.NetUtil;
import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.sflow.MacAddress;
import org.sflowmonitor.sflow.RecordNames;
import org.sflowmonitor.sflow.Sample;
import org.sflowmonitor.sflow.SflowDatagram;

/**
 * The JSON form of a decoded datagram printed by the decode command, written straight into a
 * {@link JsonLineWriter}. Record fields are the record components in snake_case, values as on the wire:
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

    private static final byte[] AGENT = JsonLineWriter.fieldName("agent");
    private static final byte[] SUB_AGENT_ID = JsonLineWriter.fieldName("sub_agent_id");
    private static final byte[] SEQUENCE = JsonLineWriter.fieldName("sequence");
    private static final byte[] UPTIME_MS = JsonLineWriter.fieldName("uptime_ms");
    private static final byte[] SAMPLES = JsonLineWriter.fieldName("samples");
    private static final byte[] KIND = JsonLineWriter.fieldName("kind");
    private static final byte[] FORMAT = JsonLineWriter.fieldName("format");
    private static final byte[] SOURCE_ID_TYPE = JsonLineWriter.fieldName("source_id_type");
    private static final byte[] SOURCE_ID_INDEX = JsonLineWriter.fieldName("source_id_index");
    private static final byte[] RECORDS = JsonLineWriter.fieldName("records");
    private static final byte[] SAMPLING_RATE = JsonLineWriter.fieldName("sampling_rate");
    private static final byte[] SAMPLE_POOL = JsonLineWriter.fieldName("sample_pool");
    private static final byte[] DROPS = JsonLineWriter.fieldName("drops");
    private static final byte[] INPUT_FORMAT = JsonLineWriter.fieldName("input_format");
    private static final byte[] INPUT = JsonLineWriter.fieldName("input");
    private static final byte[] OUTPUT_FORMAT = JsonLineWriter.fieldName("output_format");
    private static final byte[] OUTPUT = JsonLineWriter.fieldName("output");
    private static final byte[] ENTERPRISE = JsonLineWriter.fieldName("enterprise");
    private static final byte[] LENGTH = JsonLineWriter.fieldName("length");
    private static final byte[] REASON = JsonLineWriter.fieldName("reason");
    private static final byte[] NAME = JsonLineWriter.fieldName("name");

    /** Writes the datagram as one JSON object (the caller ends the line). */
    static void write(JsonLineWriter json, SflowDatagram datagram) throws IOException {
        json.startObject();
        InetAddress agent = datagram.agentAddress();
        json.field(AGENT);
        if (agent == null) {
            json.nullValue();
        } else {
            json.string(NetUtil.toAddressString(agent));
        }
        json.numberField(SUB_AGENT_ID, datagram.subAgentId());
        json.numberField(SEQUENCE, datagram.sequenceNumber());
        json.numberField(UPTIME_MS, datagram.uptimeMillis());
        json.field(SAMPLES);
        json.startArray();
        for (Sample sample : datagram.samples()) {
            sample(json, sample);
        }
        json.endArray();
        json.endObject();
    }

    private static void sample(JsonLineWriter json, Sample sample) throws IOException {
        json.startObject();
        if (sample instanceof Sample.Counters c) {
            json.stringField(KIND, "counter");
            sampleHeader(json, c.format(), c.sequenceNumber(), c.sourceIdType(), c.sourceIdIndex());
            json.field(RECORDS);
            json.startArray();
            for (CounterRecord record : c.records()) {
                record(json, record);
            }
            json.endArray();
        } else if (sample instanceof Sample.Flow f) {
            json.stringField(KIND, "flow");
            sampleHeader(json, f.format(), f.sequenceNumber(), f.sourceIdType(), f.sourceIdIndex());
            json.numberField(SAMPLING_RATE, f.samplingRate());
            json.numberField(SAMPLE_POOL, f.samplePool());
            json.numberField(DROPS, f.drops());
            json.numberField(INPUT_FORMAT, f.inputFormat());
            json.numberField(INPUT, f.input());
            json.numberField(OUTPUT_FORMAT, f.outputFormat());
            json.numberField(OUTPUT, f.output());
            json.field(RECORDS);
            json.startArray();
            for (Sample.FlowRecord r : f.records()) {
                json.startObject();
                framing(json, r.enterprise(), r.format(), r.length());
                json.endObject();
            }
            json.endArray();
        } else if (sample instanceof Sample.Unknown u) {
            json.stringField(KIND, "unknown");
            framing(json, u.enterprise(), u.format(), u.length());
        } else if (sample instanceof Sample.Malformed m) {
            json.stringField(KIND, "malformed");
            framing(json, m.enterprise(), m.format(), m.length());
            json.stringField(REASON, m.reason());
        }
        json.endObject();
    }

    private static void sampleHeader(JsonLineWriter json, int format, long sequence, int sourceIdType,
                                     long sourceIdIndex) throws IOException {
        json.numberField(FORMAT, format);
        json.numberField(SEQUENCE, sequence);
        json.numberField(SOURCE_ID_TYPE, sourceIdType);
        json.numberField(SOURCE_ID_INDEX, sourceIdIndex);
    }

    private static void framing(JsonLineWriter json, int enterprise, int format, int length) throws IOException {
        json.numberField(ENTERPRISE, enterprise);
        json.numberField(FORMAT, format);
        json.numberField(LENGTH, length);
    }

    private static void record(JsonLineWriter json, CounterRecord record) throws IOException {
        json.startObject();
        json.numberField(ENTERPRISE, record.enterprise());
        json.numberField(FORMAT, record.format());
        if (record instanceof CounterRecord.Unknown u) {
            json.stringField(NAME, "unknown");
            json.numberField(LENGTH, u.length());
        } else if (record instanceof CounterRecord.Malformed m) {
            json.stringField(NAME, "malformed");
            json.numberField(LENGTH, m.length());
            json.stringField(REASON, m.reason());
        } else {
            json.stringField(NAME, RecordNames.counterRecordName(record.format()));
            WRITERS.get(record.getClass()).components(json, record);
        }
        json.endObject();
    }

    /** How a value of a component's declared type is written. */
    private interface ValueWriter {
        void write(JsonLineWriter json, Object value) throws IOException;
    }

    /** Chosen once per component from its declared type, so that writing needs no type tests. */
    private static ValueWriter valueWriter(Type type) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == Long.class) {
            return (json, value) -> json.unsigned((Long) value);
        } else if (raw == Integer.class) {
            return (json, value) -> json.number((Integer) value);
        } else if (raw == Float.class) {
            return (json, value) -> json.number((Float) value);
        } else if (raw == String.class) {
            return (json, value) -> json.string((String) value);
        } else if (raw == List.class && type instanceof ParameterizedType p) {
            ValueWriter items = valueWriter(p.getActualTypeArguments()[0]);
            return (json, value) -> {
                json.startArray();
                for (Object item : (List<?>) value) {
                    items.write(json, item);
                }
                json.endArray();
            };
        } else if (raw.isRecord() && raw != MacAddress.class) {
            RecordWriter writer = WRITERS.get(raw);
            return (json, value) -> {
                json.startObject();
                writer.components(json, value);
                json.endObject();
            };
        }
        return (json, value) -> json.string(value.toString()); // UUID (canonical lower case), MacAddress (52:54:00:ab:cd:ef)
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
                components[i] = Component.of(JsonLineWriter.fieldName(
                        FIELD_NAMES.getOrDefault(qualified, snakeCase(declared[i].getName()))),
                        declared[i], ENUMS.get(qualified));
            }
        }

        void components(JsonLineWriter json, Object record) throws IOException {
            for (Component component : components) {
                component.write(json, record);
            }
        }
    }

    /**
     * How one component is read and written. The accessor is turned into a functional interface
     * instance by {@link LambdaMetafactory}, which the JIT calls like any method (a method handle
     * held in a field is not inlined, and its argument casts cost a quarter of the command's time).
     */
    private interface Component {

        void write(JsonLineWriter json, Object record) throws IOException;

        static Component of(byte[] name, RecordComponent component, LongFunction<String> enumNames) {
            Class<?> type = component.getType();
            if (type == long.class) {
                ToLongFunction<Object> getter = getter(component, ToLongFunction.class, "applyAsLong", long.class);
                return enumNames == null ? (json, record) -> {
                    json.field(name);
                    json.unsigned(getter.applyAsLong(record));
                } : (json, record) -> {
                    json.field(name);
                    json.string(enumNames.apply(getter.applyAsLong(record)));
                };
            } else if (type == int.class) {
                ToIntFunction<Object> getter = getter(component, ToIntFunction.class, "applyAsInt", int.class);
                return (json, record) -> {
                    json.numberField(name, getter.applyAsInt(record));
                };
            } else if (type == float.class) {
                ToDoubleFunction<Object> getter = getter(component, ToDoubleFunction.class, "applyAsDouble", double.class);
                return (json, record) -> {
                    json.field(name);
                    json.number((float) getter.applyAsDouble(record)); // widened to double and back: the same float
                };
            }
            Function<Object, Object> getter = getter(component, Function.class, "apply", Object.class);
            ValueWriter writer = valueWriter(component.getGenericType());
            return (json, record) -> {
                Object value = getter.apply(record);
                if (value != null) { // absent on the wire: left out
                    json.field(name);
                    writer.write(json, value);
                }
            };
        }

        @SuppressWarnings("unchecked")
        private static <T> T getter(RecordComponent component, Class<?> function, String method, Class<?> returns) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                MethodHandle accessor = lookup.unreflect(component.getAccessor());
                return (T) LambdaMetafactory.metafactory(lookup, method, MethodType.methodType(function),
                        MethodType.methodType(returns, Object.class), accessor, accessor.type()).getTarget().invoke();
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read " + component, e);
            }
        }
    }
}
