package org.sflowmonitor.sflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sflowmonitor.sflow.CounterRecord.HostCpu;
import org.sflowmonitor.sflow.RecordValues.Fill;

/** Every counter structure of the reference, encoded from values and decoded back. */
class CounterRecordRoundTripTest {

    static final InetAddress IPV4_AGENT = address("192.0.2.2");
    static final InetAddress IPV6_AGENT = address("2001:db8::1");

    /** One row per structure and fill: zeros, maxima (sentinels, long strings), distinct values. */
    static Stream<Arguments> everyStructure() {
        return SflowEncoder.LAYOUTS.keySet().stream()
                .sorted((a, b) -> Integer.compare(SflowEncoder.LAYOUTS.get(a).format(), SflowEncoder.LAYOUTS.get(b).format()))
                .flatMap(type -> Arrays.stream(Fill.values())
                        .map(fill -> Arguments.of(type.getSimpleName() + " " + fill, RecordValues.filled(type, fill))));
    }

    static Stream<Arguments> everyStructureWithDistinctValues() {
        return everyStructure().filter(row -> row.get()[0].toString().endsWith(Fill.DISTINCT.name()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStructure")
    void aRecordInAnExpandedSampleFromAnIpv4AgentDecodesToTheSameValues(String row, CounterRecord record)
            throws Exception {
        byte[] bytes = SflowEncoder.datagram(IPV4_AGENT, 100001, 17, 123456)
                .counterSample(true, 9, 2, 1, record).bytes();

        assertEquals(record, onlyRecord(decode(bytes)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStructure")
    void aRecordInACompactSampleFromAnIpv6AgentDecodesToTheSameValues(String row, CounterRecord record)
            throws Exception {
        byte[] bytes = SflowEncoder.datagram(IPV6_AGENT, 0, 0xFFFF_FFFFL, 0xFFFF_FFFFL)
                .counterSample(false, 0xFFFF_FFFFL, 3, 149_999, record).bytes();

        SflowDatagram datagram = decode(bytes);

        assertEquals(IPV6_AGENT, datagram.agentAddress());
        assertEquals(record, onlyRecord(datagram));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStructure")
    void aRecordFromAnAgentOfUnknownAddressTypeDecodesToTheSameValues(String row, CounterRecord record)
            throws Exception {
        byte[] bytes = SflowEncoder.datagram(null, 1, 2, 3).counterSample(true, 4, 0, 5, record).bytes();

        SflowDatagram datagram = decode(bytes);

        assertNull(datagram.agentAddress());
        assertEquals(record, onlyRecord(datagram));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStructureWithDistinctValues")
    void aRecordLongerThanItsKnownLayoutIsDecodedForTheKnownPart(String row, CounterRecord record) throws Exception {
        byte[] body = SflowEncoder.body(record);
        byte[] longer = Arrays.copyOf(body, body.length + 12);
        SflowEncoder.Element grown = SflowEncoder.element(0, record.format(), longer);
        byte[] bytes = SflowEncoder.datagram(IPV4_AGENT, 1, 1, 1)
                .counterSample(true, 1, 2, 1, List.of(grown, SflowEncoder.record(record))).bytes();

        List<CounterRecord> records = onlySample(decode(bytes)).records();

        assertEquals(List.of(record, record), records);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStructureWithDistinctValues")
    void aRecordShorterThanItsLayoutIsMalformedAndTheNextRecordStillDecodes(String row, CounterRecord record)
            throws Exception {
        if (record instanceof HostCpu) {
            record = RecordValues.filled(HostCpu.class, Fill.DISTINCT, false);
        }
        byte[] body = SflowEncoder.body(record);
        SflowEncoder.Element cut = SflowEncoder.element(0, record.format(), Arrays.copyOf(body, body.length - 4));
        CounterRecord next = new CounterRecord.HostParent(2, 1);
        byte[] bytes = SflowEncoder.datagram(IPV4_AGENT, 1, 1, 1)
                .counterSample(true, 1, 2, 1, List.of(cut, SflowEncoder.record(next))).bytes();

        List<CounterRecord> records = onlySample(decode(bytes)).records();

        CounterRecord.Malformed malformed = assertInstanceOf(CounterRecord.Malformed.class, records.get(0));
        assertEquals(record.format(), malformed.format());
        assertEquals(body.length - 4, malformed.length());
        assertEquals(next, records.get(1));
    }

    @Test
    void hostCpuOf68BytesHasNoStealOrGuestTimes() throws Exception {
        HostCpu old = RecordValues.filled(HostCpu.class, Fill.DISTINCT, false);
        byte[] bytes = SflowEncoder.datagram(IPV4_AGENT, 1, 1, 1).counterSample(true, 1, 2, 1, old).bytes();

        HostCpu decoded = (HostCpu) onlyRecord(decode(bytes));

        assertEquals(68, SflowEncoder.body(old).length);
        assertEquals(old, decoded);
        assertNull(decoded.cpuSteal());
    }

    @Test
    void hostCpuOf80BytesCarriesStealAndGuestTimes() throws Exception {
        HostCpu current = RecordValues.filled(HostCpu.class, Fill.MAXIMA);
        byte[] bytes = SflowEncoder.datagram(IPV4_AGENT, 1, 1, 1).counterSample(true, 1, 2, 1, current).bytes();

        HostCpu decoded = (HostCpu) onlyRecord(decode(bytes));

        assertEquals(80, SflowEncoder.body(current).length);
        assertEquals(0xFFFF_FFFFL, decoded.cpuSteal());
        assertEquals(0xFFFF_FFFFL, decoded.cpuGuestNice());
    }

    @Test
    void aHostnameLongerThan64BytesIsKeptWhole() throws Exception {
        CounterRecord.HostDescr vm = new CounterRecord.HostDescr(RecordValues.LONG_STRING,
                java.util.UUID.randomUUID(), 0, 0, "");
        byte[] bytes = SflowEncoder.datagram(IPV4_AGENT, 1, 1, 1).counterSample(true, 1, 3, 100_000, vm).bytes();

        CounterRecord.HostDescr decoded = (CounterRecord.HostDescr) onlyRecord(decode(bytes));

        assertEquals(RecordValues.LONG_STRING, decoded.hostname());
    }

    static SflowDatagram decode(byte[] bytes) throws SflowDecodeException {
        return SflowDecoder.DEFAULT.decode(ByteBuffer.wrap(bytes), null, 0);
    }

    static Sample.Counters onlySample(SflowDatagram datagram) {
        assertEquals(1, datagram.samples().size(), "samples");
        return assertInstanceOf(Sample.Counters.class, datagram.samples().get(0));
    }

    static CounterRecord onlyRecord(SflowDatagram datagram) {
        List<CounterRecord> records = onlySample(datagram).records();
        assertEquals(1, records.size(), () -> "records: " + records);
        return records.get(0);
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
