package org.sflowmonitor.sflow;

import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.sflowmonitor.sflow.CounterRecord.*;

/**
 * Builds sFlow v5 datagrams from values, for tests. Written from docs/sflow-v5-reference.md, not
 * from the decoder: {@link #LAYOUTS} is the reference's table of every counter structure (format
 * number and wire type of each field, in wire order), applied to the components of the same
 * {@link CounterRecord} records the decoder produces.
 *
 * <pre>{@code
 * byte[] bytes = SflowEncoder.datagram(InetAddress.getByName("192.0.2.2"), 100001, 17, 123456)
 *         .counterSample(true, 9, 2, 1, hostDescr, hostCpu, hostMemory)
 *         .counterSample(true, 4, 3, 100007, vmDescr, new CounterRecord.HostParent(2, 1))
 *         .bytes();
 * }</pre>
 *
 * Broken datagrams: {@link #element} frames arbitrary bytes with any declared length,
 * {@link Datagram#declaredSampleCount} overrides num_samples, {@link Datagram#trailing} appends bytes.
 */
public final class SflowEncoder {

    /** Wire layout of a counter structure: format number and field types, one per record component. */
    record Layout(int format, List<String> fields) {
        static Layout of(int format, String spec) {
            List<String> fields = new ArrayList<>();
            for (String item : spec.split(" ")) {
                String[] typeTimes = item.split("\\*");
                int times = typeTimes.length == 2 ? Integer.parseInt(typeTimes[1]) : 1;
                for (int i = 0; i < times; i++) {
                    fields.add(typeTimes[0]);
                }
            }
            return new Layout(format, List.copyOf(fields));
        }
    }

    /**
     * Reference section 4. Types: u32/i32 = (unsigned) int, u64 = (unsigned) hyper, f32 = float,
     * str = string<>, uuid = uuid[16], opt32 = unsigned int present only when not null (host_cpu's
     * 80-byte extension), adapters = host_adapters' array.
     */
    static final Map<Class<? extends CounterRecord>, Layout> LAYOUTS = Map.ofEntries(
            Map.entry(IfCounters.class, Layout.of(1, "u32 u32 u64 u32 u32 u64 u32*6 u64 u32*5 u32")),
            Map.entry(EthernetCounters.class, Layout.of(2, "u32*13")),
            Map.entry(VlanCounters.class, Layout.of(5, "u32 u64 u32*4")),
            Map.entry(Processor.class, Layout.of(1001, "i32*3 u64*2")),
            Map.entry(PortName.class, Layout.of(1005, "str")),
            Map.entry(HostDescr.class, Layout.of(2000, "str uuid u32 u32 str")),
            Map.entry(HostAdapters.class, Layout.of(2001, "adapters")),
            Map.entry(HostParent.class, Layout.of(2002, "u32 u32")),
            Map.entry(HostCpu.class, Layout.of(2003, "f32*3 u32*5 u32*7 u32*2 opt32*3")),
            Map.entry(HostMemory.class, Layout.of(2004, "u64*7 u32*4")),
            Map.entry(HostDiskIo.class, Layout.of(2005, "u64 u64 i32 u32 u64 u32 u32 u64 u32")),
            Map.entry(HostNetIo.class, Layout.of(2006, "u64 u32*3 u64 u32*3")),
            Map.entry(MibIp.class, Layout.of(2007, "u32*19")),
            Map.entry(MibIcmp.class, Layout.of(2008, "u32*25")),
            Map.entry(MibTcp.class, Layout.of(2009, "u32*15")),
            Map.entry(MibUdp.class, Layout.of(2010, "u32*7")),
            Map.entry(VirtNode.class, Layout.of(2100, "u32 u32 u64 u64 u32")),
            Map.entry(VirtCpu.class, Layout.of(2101, "u32*3")),
            Map.entry(VirtMemory.class, Layout.of(2102, "u64 u64")),
            Map.entry(VirtDiskIo.class, Layout.of(2103, "u64 u64 u64 u32 u64 u32 u64 u32")),
            Map.entry(VirtNetIo.class, Layout.of(2104, "u64 u32*3 u64 u32*3")));

    /** One framed item (a sample or a record): data_format tag, declared length, body (padded to 4). */
    public record Element(int tag, int declaredLength, byte[] body) {
        void writeTo(XdrWriter out) {
            out.u32(tag).u32(declaredLength).fixed(body);
        }
    }

    private SflowEncoder() {
    }

    /** Starts a datagram; a null agent is written as address type 0 (unknown). */
    public static Datagram datagram(InetAddress agent, long subAgentId, long sequence, long uptimeMillis) {
        return new Datagram(agent, subAgentId, sequence, uptimeMillis);
    }

    /** data_format: enterprise in the upper 20 bits, format in the lower 12. */
    public static int tag(int enterprise, int format) {
        return (enterprise << 12) | format;
    }

    /** Frames {@code body} with its true length. */
    public static Element element(int enterprise, int format, byte[] body) {
        return new Element(tag(enterprise, format), body.length, body);
    }

    /** Frames {@code body} with a declared length that may lie, for malformed input. */
    public static Element element(int enterprise, int format, int declaredLength, byte[] body) {
        return new Element(tag(enterprise, format), declaredLength, body);
    }

    /** A counter record framed with its format number and length. */
    public static Element record(CounterRecord record) {
        return element(0, layout(record).format(), body(record));
    }

    /** The body of a counter record as on the wire (without tag and length). */
    public static byte[] body(CounterRecord record) {
        Layout layout = layout(record);
        RecordComponent[] components = record.getClass().getRecordComponents();
        if (components.length != layout.fields().size()) {
            throw new IllegalStateException(record.getClass().getSimpleName() + " has " + components.length
                    + " components, the reference layout " + layout.fields().size());
        }
        XdrWriter out = new XdrWriter();
        for (int i = 0; i < components.length; i++) {
            write(out, layout.fields().get(i), value(components[i], record));
        }
        return out.toByteArray();
    }

    private static Layout layout(CounterRecord record) {
        Layout layout = LAYOUTS.get(record.getClass());
        if (layout == null) {
            throw new IllegalArgumentException("no wire layout for " + record
                    + "; write unknown or malformed records with element()");
        }
        return layout;
    }

    private static Object value(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(XdrWriter out, String type, Object value) {
        switch (type) {
            case "u32" -> out.u32((Long) value);
            case "i32" -> out.i32((Integer) value);
            case "u64" -> out.u64((Long) value);
            case "f32" -> out.f32((Float) value);
            case "str" -> out.string((String) value);
            case "uuid" -> out.uuid((UUID) value);
            case "opt32" -> {
                if (value != null) {
                    out.u32((Long) value);
                }
            }
            case "adapters" -> {
                List<?> adapters = (List<?>) value;
                out.u32(adapters.size());
                for (Object item : adapters) {
                    HostAdapter adapter = (HostAdapter) item;
                    out.u32(adapter.ifIndex()).u32(adapter.macAddresses().size());
                    adapter.macAddresses().forEach(out::mac);
                }
            }
            default -> throw new IllegalStateException("unknown field type " + type);
        }
    }

    /** A datagram under construction; {@link #bytes()} may be called any number of times. */
    public static final class Datagram {
        private final InetAddress agent;
        private final long subAgentId;
        private final long sequence;
        private final long uptimeMillis;
        private final List<Element> samples = new ArrayList<>();
        private Long declaredSampleCount;
        private byte[] trailing = new byte[0];

        private Datagram(InetAddress agent, long subAgentId, long sequence, long uptimeMillis) {
            this.agent = agent;
            this.subAgentId = subAgentId;
            this.sequence = sequence;
            this.uptimeMillis = uptimeMillis;
        }

        /**
         * A counter sample: expanded (format 4, class and index in two words) or compact
         * (format 2, class in the top 8 bits, index in the low 24 bits of one word).
         */
        public Datagram counterSample(boolean expanded, long sequence, int dsClass, long dsIndex,
                                      CounterRecord... records) {
            return counterSample(expanded, sequence, dsClass, dsIndex,
                    Arrays.stream(records).map(SflowEncoder::record).toList());
        }

        /** A counter sample of already framed records (which may be unknown or broken). */
        public Datagram counterSample(boolean expanded, long sequence, int dsClass, long dsIndex,
                                      List<Element> records) {
            XdrWriter body = new XdrWriter().u32(sequence);
            sourceId(body, expanded, dsClass, dsIndex);
            body.u32(records.size());
            records.forEach(r -> r.writeTo(body));
            return sample(element(0, expanded ? 4 : 2, body.toByteArray()));
        }

        /**
         * A flow sample (reference section 3.2): expanded (format 3) or compact (format 1, input and
         * output as format in the top 2 bits and value in the low 30 bits).
         */
        public Datagram flowSample(boolean expanded, long sequence, int dsClass, long dsIndex, long samplingRate,
                                   long samplePool, long drops, int inputFormat, long input, int outputFormat,
                                   long output, Element... records) {
            XdrWriter body = new XdrWriter().u32(sequence);
            sourceId(body, expanded, dsClass, dsIndex);
            body.u32(samplingRate).u32(samplePool).u32(drops);
            if (expanded) {
                body.u32(inputFormat).u32(input).u32(outputFormat).u32(output);
            } else {
                body.u32(((long) inputFormat << 30) | input).u32(((long) outputFormat << 30) | output);
            }
            body.u32(records.length);
            for (Element r : records) {
                r.writeTo(body);
            }
            return sample(element(0, expanded ? 3 : 1, body.toByteArray()));
        }

        /** Any sample, e.g. {@code element(0, 5, bytes)} for a discard event, or one with a false length. */
        public Datagram sample(Element sample) {
            samples.add(sample);
            return this;
        }

        /** Writes {@code count} as num_samples instead of the number of samples added. */
        public Datagram declaredSampleCount(long count) {
            declaredSampleCount = count;
            return this;
        }

        /** Bytes written after the last sample. */
        public Datagram trailing(byte[] bytes) {
            trailing = bytes.clone();
            return this;
        }

        public byte[] bytes() {
            XdrWriter out = new XdrWriter().u32(5).address(agent).u32(subAgentId).u32(sequence).u32(uptimeMillis);
            out.u32(declaredSampleCount != null ? declaredSampleCount : samples.size());
            samples.forEach(s -> s.writeTo(out));
            return out.raw(trailing).toByteArray();
        }

        public ByteBuffer buffer() {
            return ByteBuffer.wrap(bytes());
        }

        private static void sourceId(XdrWriter body, boolean expanded, int dsClass, long dsIndex) {
            if (expanded) {
                body.u32(dsClass).u32(dsIndex);
            } else {
                body.u32(((long) dsClass << 24) | (dsIndex & 0xFF_FFFF));
            }
        }
    }
}
