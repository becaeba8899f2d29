package org.sflowmonitor.app;

import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.util.NetUtil;
import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.sflow.MacAddress;
import org.sflowmonitor.sflow.RecordNames;
import org.sflowmonitor.sflow.Sample;
import org.sflowmonitor.sflow.SflowDatagram;

/**
 * The JSON form of a decoded datagram printed by the decode command. Record fields are the
 * record components in snake_case, values as on the wire: unsigned integers (every {@code long}
 * component) as non-negative numbers, enums as names, UUIDs and MACs in their usual text form.
 */
final class DatagramJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Components whose snake_case form is not the reference's name (or would clash with "name"). */
    private static final Map<String, String> FIELD_NAMES = Map.of(
            "Processor.cpu5s", "5s_cpu", "Processor.cpu1m", "1m_cpu", "Processor.cpu5m", "5m_cpu",
            "PortName.name", "if_name");

    /** Enumerations printed as names, keyed by record type and component. */
    private static final Map<String, LongFunction<String>> ENUMS = Map.of(
            "HostDescr.machineType", RecordNames::machineType,
            "HostDescr.osName", RecordNames::osName,
            "VirtCpu.state", RecordNames::virtState);

    private DatagramJson() {
    }

    static ObjectNode of(SflowDatagram datagram) {
        ObjectNode node = JSON.objectNode();
        InetAddress agent = datagram.agentAddress();
        node.put("agent", agent == null ? null : NetUtil.toAddressString(agent));
        node.put("sub_agent_id", datagram.subAgentId());
        node.put("sequence", datagram.sequenceNumber());
        node.put("uptime_ms", datagram.uptimeMillis());
        ArrayNode samples = node.putArray("samples");
        datagram.samples().forEach(s -> samples.add(sample(s)));
        return node;
    }

    private static ObjectNode sample(Sample sample) {
        ObjectNode node = JSON.objectNode();
        if (sample instanceof Sample.Counters c) {
            node.put("kind", "counter").put("format", c.format()).put("sequence", c.sequenceNumber())
                    .put("source_id_type", c.sourceIdType()).put("source_id_index", c.sourceIdIndex());
            ArrayNode records = node.putArray("records");
            c.records().forEach(r -> records.add(record(r)));
        } else if (sample instanceof Sample.Flow f) {
            node.put("kind", "flow").put("format", f.format()).put("sequence", f.sequenceNumber())
                    .put("source_id_type", f.sourceIdType()).put("source_id_index", f.sourceIdIndex())
                    .put("sampling_rate", f.samplingRate()).put("sample_pool", f.samplePool())
                    .put("drops", f.drops()).put("input_format", f.inputFormat()).put("input", f.input())
                    .put("output_format", f.outputFormat()).put("output", f.output());
            ArrayNode records = node.putArray("records");
            f.records().forEach(r -> records.addObject().put("enterprise", r.enterprise())
                    .put("format", r.format()).put("length", r.length()));
        } else if (sample instanceof Sample.Unknown u) {
            node.put("kind", "unknown").put("enterprise", u.enterprise()).put("format", u.format())
                    .put("length", u.length());
        } else if (sample instanceof Sample.Malformed m) {
            node.put("kind", "malformed").put("enterprise", m.enterprise()).put("format", m.format())
                    .put("length", m.length()).put("reason", m.reason());
        }
        return node;
    }

    private static ObjectNode record(CounterRecord record) {
        ObjectNode node = JSON.objectNode().put("enterprise", record.enterprise()).put("format", record.format());
        if (record instanceof CounterRecord.Unknown u) {
            node.put("name", "unknown").put("length", u.length());
        } else if (record instanceof CounterRecord.Malformed m) {
            node.put("name", "malformed").put("length", m.length()).put("reason", m.reason());
        } else {
            node.put("name", RecordNames.counterRecordName(record.format()));
            components(node, (Record) record);
        }
        return node;
    }

    /** Adds one field per record component; a null component (absent in the wire form) is left out. */
    private static void components(ObjectNode node, Record record) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value = value(component, record);
            if (value == null) {
                continue;
            }
            String name = component.getName();
            String qualified = record.getClass().getSimpleName() + "." + name;
            LongFunction<String> enumNames = ENUMS.get(qualified);
            node.set(FIELD_NAMES.getOrDefault(qualified, snakeCase(name)),
                    enumNames != null ? JSON.textNode(enumNames.apply((Long) value)) : json(value));
        }
    }

    private static JsonNode json(Object value) {
        if (value instanceof Long l) {
            return unsigned(l);
        } else if (value instanceof Integer i) {
            return JSON.numberNode(i);
        } else if (value instanceof Float f) {
            return JSON.numberNode(f);
        } else if (value instanceof List<?> list) {
            ArrayNode array = JSON.arrayNode();
            list.forEach(item -> array.add(json(item)));
            return array;
        } else if (value instanceof Record r && !(value instanceof MacAddress)) {
            ObjectNode object = JSON.objectNode();
            components(object, r);
            return object;
        }
        // String, UUID (canonical lower case), MacAddress (52:54:00:ab:cd:ef)
        return JSON.textNode(value.toString());
    }

    /** Every long of the records holds an unsigned 32- or 64-bit value. */
    private static JsonNode unsigned(long value) {
        return value >= 0 ? JSON.numberNode(value) : JSON.numberNode(new BigInteger(Long.toUnsignedString(value)));
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

    private static Object value(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
