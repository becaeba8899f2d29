package org.sflowmonitor.sflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sflowmonitor.sflow.CounterRecordRoundTripTest.IPV4_AGENT;
import static org.sflowmonitor.sflow.CounterRecordRoundTripTest.decode;
import static org.sflowmonitor.sflow.CounterRecordRoundTripTest.onlySample;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sflowmonitor.sflow.CounterRecord.HostParent;
import org.sflowmonitor.sflow.CounterRecord.VirtCpu;

/** Datagram, sample and record framing, and what happens to input that does not fit it. */
class SflowDecoderTest {

    static final HostParent PARENT = new HostParent(2, 1);
    static final VirtCpu CPU = new VirtCpu(1, 16_951_450, 4);

    @Test
    void theDatagramHeaderIsDecoded() throws Exception {
        InetSocketAddress sender = new InetSocketAddress("127.0.0.1", 40000);
        byte[] bytes = SflowEncoder.datagram(IPV4_AGENT, 100001, 0xFFFF_FFFEL, 0xFFFF_FFFFL).bytes();

        SflowDatagram datagram = SflowDecoder.DEFAULT.decode(ByteBuffer.wrap(bytes), sender, 1234);

        assertEquals(new SflowDatagram(IPV4_AGENT, 100001, 0xFFFF_FFFEL, 0xFFFF_FFFFL, sender, 1234, List.of()),
                datagram);
    }

    @Test
    void aCompactSampleSplitsItsSourceIdIntoAnEightBitClassAndA24BitIndex() throws Exception {
        byte[] bytes = SflowEncoder.datagram(IPV4_AGENT, 1, 1, 1).counterSample(false, 7, 3, 0xFF_FFFF, PARENT).bytes();

        assertEquals(new Sample.Counters(2, 7, 3, 0xFF_FFFF, List.of(PARENT)), onlySample(decode(bytes)));
    }

    @Test
    void anExpandedSampleCarriesAFull32BitIndex() throws Exception {
        byte[] bytes = SflowEncoder.datagram(IPV4_AGENT, 1, 1, 1)
                .counterSample(true, 0xFFFF_FFFFL, 3, 0xFFFF_FFFFL, PARENT).bytes();

        assertEquals(new Sample.Counters(4, 0xFFFF_FFFFL, 3, 0xFFFF_FFFFL, List.of(PARENT)), onlySample(decode(bytes)));
    }

    @Test
    void aCompactFlowSampleSplitsInputAndOutputIntoFormatAndValue() throws Exception {
        SflowEncoder.Element header = SflowEncoder.element(0, 1, new byte[] {0, 0, 0, 1, 0, 0, 0, 60, 0, 0, 0, 4});
        byte[] bytes = SflowEncoder.datagram(IPV4_AGENT, 1, 1, 1)
                .flowSample(false, 6, 0, 1043, 2048, 12288, 3, 0, 1194, 2, 7, header).bytes();

        Sample.Flow flow = assertInstanceOf(Sample.Flow.class, decode(bytes).samples().get(0));

        assertEquals(new Sample.Flow(1, 6, 0, 1043, 2048, 12288, 3, 0, 1194, 2, 7,
                List.of(new Sample.FlowRecord(0, 1, 12))), flow);
    }

    @Test
    void anExpandedFlowSampleKeepsTheFramingOfEachRecord() throws Exception {
        SflowEncoder.Element header = SflowEncoder.element(0, 1, new byte[16]);
        SflowEncoder.Element vendor = SflowEncoder.element(4413, 7, new byte[8]);
        byte[] bytes = SflowEncoder.datagram(IPV4_AGENT, 1, 1, 1)
                .flowSample(true, 6, 0, 1_000_100, 16383, 70_839_514, 0, 0, 1_000_100, 0, 0x3FFF_FFFF, header, vendor)
                .counterSample(true, 1, 2, 1, PARENT).bytes();

        List<Sample> samples = decode(bytes).samples();

        assertEquals(new Sample.Flow(3, 6, 0, 1_000_100, 16383, 70_839_514, 0, 0, 1_000_100, 0, 0x3FFF_FFFF,
                List.of(new Sample.FlowRecord(0, 1, 16), new Sample.FlowRecord(4413, 7, 8))), samples.get(0));
        assertEquals(List.of(PARENT), ((Sample.Counters) samples.get(1)).records());
    }

    @Test
    void aFlowRecordRunningPastItsSampleMakesTheSampleMalformedAndTheNextSampleStillDecodes() throws Exception {
        SflowEncoder.Element overrun = SflowEncoder.element(0, 1002, 200, new byte[8]);
        byte[] bytes = SflowEncoder.datagram(IPV4_AGENT, 1, 1, 1)
                .flowSample(false, 1, 0, 29, 256, 820, 0, 0, 29, 0, 4, overrun)
                .counterSample(true, 1, 2, 1, PARENT).bytes();

        List<Sample> samples = decode(bytes).samples();

        assertInstanceOf(Sample.Malformed.class, samples.get(0));
        assertEquals(List.of(PARENT), ((Sample.Counters) samples.get(1)).records());
    }

    @Test
    void aRecordOfAnotherEnterpriseIsCountedAsUnknownAndSkippedByItsLength() throws Exception {
        SflowEncoder.Element gpu = SflowEncoder.element(5703, 1, new byte[36]);
        byte[] bytes = SflowEncoder.datagram(IPV4_AGENT, 1, 1, 1)
                .counterSample(true, 1, 2, 1, List.of(gpu, SflowEncoder.record(PARENT))).bytes();

        assertEquals(List.of(new CounterRecord.Unknown(5703, 1, 36), PARENT), onlySample(decode(bytes)).records());
    }

    @Test
    void aStandardRecordOfAFormatWeDoNotDecodeIsCountedAsUnknown() throws Exception {
        SflowEncoder.Element lag = SflowEncoder.element(0, 7, new byte[56]);
        byte[] bytes = SflowEncoder.datagram(IPV4_AGENT, 1, 1, 1)
                .counterSample(true, 1, 0, 3, List.of(lag, SflowEncoder.record(PARENT))).bytes();

        assertEquals(List.of(new CounterRecord.Unknown(0, 7, 56), PARENT), onlySample(decode(bytes)).records());
    }

    @Test
    void aStringRunningPastItsRecordMakesTheRecordMalformedAndTheNextRecordStillDecodes() throws Exception {
        byte[] body = new XdrWriter().u32(1000).raw(new byte[28]).toByteArray();
        byte[] bytes = SflowEncoder.datagram(IPV4_AGENT, 1, 1, 1)
                .counterSample(true, 1, 2, 1, List.of(SflowEncoder.element(0, 2000, body), SflowEncoder.record(CPU)))
                .bytes();

        List<CounterRecord> records = onlySample(decode(bytes)).records();

        assertEquals(2000, assertInstanceOf(CounterRecord.Malformed.class, records.get(0)).format());
        assertEquals(CPU, records.get(1));
    }

    @Test
    void anAdapterCountRunningPastItsRecordMakesTheRecordMalformed() throws Exception {
        byte[] body = new XdrWriter().u32(0x7FFF_FFFF).u32(1).u32(1).toByteArray();
        byte[] bytes = SflowEncoder.datagram(IPV4_AGENT, 1, 1, 1)
                .counterSample(true, 1, 3, 100_000, List.of(SflowEncoder.element(0, 2001, body))).bytes();

        CounterRecord record = onlySample(decode(bytes)).records().get(0);

        assertEquals(2001, assertInstanceOf(CounterRecord.Malformed.class, record).format());
    }

    @Test
    void aMacCountRunningPastItsRecordMakesTheRecordMalformed() throws Exception {
        byte[] body = new XdrWriter().u32(1).u32(3).u32(1000).raw(new byte[8]).toByteArray();
        byte[] bytes = SflowEncoder.datagram(IPV4_AGENT, 1, 1, 1)
                .counterSample(true, 1, 3, 100_000, List.of(SflowEncoder.element(0, 2001, body))).bytes();

        CounterRecord record = onlySample(decode(bytes)).records().get(0);

        assertInstanceOf(CounterRecord.Malformed.class, record);
    }

    @Test
    void aRecordRunningPastItsSampleIsMalformedAndEndsTheSampleButNotTheDatagram() throws Exception {
        SflowEncoder.Element overrun = SflowEncoder.element(0, 2101, 400, new byte[12]);
        byte[] bytes = SflowEncoder.datagram(IPV4_AGENT, 1, 1, 1)
                .counterSample(true, 1, 3, 100_000, List.of(SflowEncoder.record(PARENT), overrun,
                        SflowEncoder.record(CPU)))
                .counterSample(true, 2, 2, 1, CPU).bytes();

        List<Sample> samples = decode(bytes).samples();

        List<CounterRecord> first = ((Sample.Counters) samples.get(0)).records();
        assertEquals(PARENT, first.get(0));
        assertEquals(400, assertInstanceOf(CounterRecord.Malformed.class, first.get(1)).length());
        assertEquals(2, first.size());
        assertEquals(List.of(CPU), ((Sample.Counters) samples.get(1)).records());
    }

    @Test
    void aRecordCountBeyondTheBytesOfTheSampleMakesTheSampleMalformed() throws Exception {
        byte[] body = new XdrWriter().u32(1).u32(2).u32(1).u32(1_000_000).toByteArray();
        byte[] bytes = SflowEncoder.datagram(IPV4_AGENT, 1, 1, 1).sample(SflowEncoder.element(0, 4, body)).bytes();

        assertInstanceOf(Sample.Malformed.class, decode(bytes).samples().get(0));
    }

    @Test
    void aSampleTooShortForItsHeaderIsMalformed() throws Exception {
        byte[] bytes = SflowEncoder.datagram(IPV4_AGENT, 1, 1, 1).sample(SflowEncoder.element(0, 2, new byte[4]))
                .counterSample(true, 1, 2, 1, PARENT).bytes();

        List<Sample> samples = decode(bytes).samples();

        assertInstanceOf(Sample.Malformed.class, samples.get(0));
        assertEquals(List.of(PARENT), ((Sample.Counters) samples.get(1)).records());
    }

    @Test
    void aSampleOfAnUnknownFormatIsCountedAsUnknownAndSkippedByItsLength() throws Exception {
        byte[] bytes = SflowEncoder.datagram(IPV4_AGENT, 1, 1, 1).sample(SflowEncoder.element(0, 5, new byte[44]))
                .sample(SflowEncoder.element(4300, 1002, new byte[8])).counterSample(true, 1, 2, 1, PARENT).bytes();

        List<Sample> samples = decode(bytes).samples();

        assertEquals(new Sample.Unknown(0, 5, 44), samples.get(0));
        assertEquals(new Sample.Unknown(4300, 1002, 8), samples.get(1));
        assertEquals(List.of(PARENT), ((Sample.Counters) samples.get(2)).records());
    }

    @Test
    void aSampleLengthPastTheDatagramEndKeepsTheSamplesBeforeItAndEndsTheDatagram() throws Exception {
        byte[] bytes = SflowEncoder.datagram(IPV4_AGENT, 1, 1, 1).counterSample(true, 1, 2, 1, PARENT)
                .sample(SflowEncoder.element(0, 4, 116, new byte[40])).bytes();

        List<Sample> samples = decode(bytes).samples();

        assertEquals(List.of(PARENT), ((Sample.Counters) samples.get(0)).records());
        assertEquals(116, assertInstanceOf(Sample.Malformed.class, samples.get(1)).length());
    }

    @Test
    void bytesAfterTheDeclaredSamplesAreIgnored() throws Exception {
        byte[] extra = SflowEncoder.datagram(IPV4_AGENT, 1, 1, 1).counterSample(true, 2, 2, 1, CPU).bytes();
        byte[] bytes = SflowEncoder.datagram(IPV4_AGENT, 1, 1, 1).counterSample(true, 1, 2, 1, PARENT)
                .trailing(extra).bytes();

        assertEquals(List.of(PARENT), onlySample(decode(bytes)).records());
    }

    @Test
    void aSampleCountBeyondTheBytesPresentIsADecodeErrorNamingTheAgent() {
        byte[] bytes = SflowEncoder.datagram(IPV4_AGENT, 1, 1, 1).counterSample(true, 1, 2, 1, PARENT)
                .declaredSampleCount(0xFFFF_FFFFL).bytes();

        SflowDecodeException e = assertThrows(SflowDecodeException.class, () -> decode(bytes));

        assertEquals(IPV4_AGENT, e.agentAddress());
        assertTrue(e.getMessage().contains("samples"), e.getMessage());
    }

    @Test
    void aNetFlowV5PayloadIsRejectedByItsVersion() {
        byte[] netflow = new byte[72];
        netflow[1] = 5;
        netflow[3] = 1;

        SflowDecodeException e = assertThrows(SflowDecodeException.class, () -> decode(netflow));

        assertTrue(e.getMessage().contains("version"), e.getMessage());
        assertNull(e.agentAddress());
    }

    @Test
    void anEightBytePayloadIsRejected() {
        assertThrows(SflowDecodeException.class, () -> decode(new byte[] {0, 0, 0, 5, 0, 0, 0, 1}));
    }

    @Test
    void anEmptyPayloadIsRejected() {
        assertThrows(SflowDecodeException.class, () -> decode(new byte[0]));
    }

    @Test
    void anAgentAddressTypeOtherThan0Or1Or2IsRejected() {
        byte[] bytes = new XdrWriter().u32(5).u32(3).raw(new byte[32]).toByteArray();

        SflowDecodeException e = assertThrows(SflowDecodeException.class, () -> decode(bytes));

        assertTrue(e.getMessage().contains("address type 3"), e.getMessage());
    }

    @Test
    void aHeaderCutAfterTheAgentAddressIsRejectedNamingTheAgent() {
        byte[] bytes = Arrays.copyOf(SflowEncoder.datagram(IPV4_AGENT, 1, 1, 1).bytes(), 16);

        SflowDecodeException e = assertThrows(SflowDecodeException.class, () -> decode(bytes));

        assertEquals(IPV4_AGENT, e.agentAddress());
    }

    @Test
    void onlyTheBytesBetweenPositionAndLimitAreReadAndTheBufferIsLeftAsItWas() throws Exception {
        byte[] datagram = SflowEncoder.datagram(IPV4_AGENT, 1, 1, 1).counterSample(true, 1, 2, 1, PARENT).bytes();
        ByteBuffer buffer = ByteBuffer.allocateDirect(datagram.length + 20).order(ByteOrder.LITTLE_ENDIAN);
        buffer.position(10);
        buffer.put(datagram);
        buffer.put(new byte[] {0, 0, 0, 5});
        buffer.position(10).limit(10 + datagram.length);

        SflowDatagram decoded = SflowDecoder.DEFAULT.decode(buffer, null, 0);

        assertEquals(List.of(PARENT), onlySample(decoded).records());
        assertEquals(10, buffer.position());
        assertEquals(10 + datagram.length, buffer.limit());
        assertEquals(ByteOrder.LITTLE_ENDIAN, buffer.order());
    }

    @Test
    void decodedListsCannotBeModified() throws Exception {
        byte[] bytes = SflowEncoder.datagram(IPV4_AGENT, 1, 1, 1).counterSample(true, 1, 2, 1, PARENT).bytes();
        SflowDatagram datagram = decode(bytes);

        assertThrows(UnsupportedOperationException.class, () -> datagram.samples().add(null));
        assertThrows(UnsupportedOperationException.class, () -> onlySample(datagram).records().clear());
    }
}
