package org.sflowmonitor.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sflowmonitor.app.CaptureFiles.ETHERNET;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.sflow.MacAddress;
import org.sflowmonitor.sflow.SflowEncoder;

class DecodeCommandTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] DATAGRAM = datagram(17);

    @TempDir
    Path dir;

    /** What one run printed and returned. */
    record Run(int status, List<JsonNode> lines, String err) {
    }

    @Test
    void aDatagramPrintsAsOneJsonLineWithTheIssuesFieldNames() throws Exception {
        byte[] datagram = SflowEncoder.datagram(InetAddress.getByName("10.0.0.1"), 0, 17, 123456)
                .counterSample(false, 9, 2, 1, new CounterRecord.HostParent(2, 1), new CounterRecord.VirtCpu(1, 5, 4),
                        new CounterRecord.VirtMemory(2_147_483_648L, -1L))
                .bytes();

        Run run = decode(CaptureFiles.pcap(ByteOrder.LITTLE_ENDIAN, false, ETHERNET, ipv4Frame(datagram)));

        assertEquals("{\"agent\":\"10.0.0.1\",\"sub_agent_id\":0,\"sequence\":17,\"uptime_ms\":123456,\"samples\":"
                + "[{\"kind\":\"counter\",\"format\":2,\"sequence\":9,\"source_id_type\":2,\"source_id_index\":1,"
                + "\"records\":[{\"enterprise\":0,\"format\":2002,\"name\":\"host_parent\",\"container_type\":2,"
                + "\"container_index\":1},{\"enterprise\":0,\"format\":2101,\"name\":\"virt_cpu\",\"state\":\"running\","
                + "\"cpu_time\":5,\"nr_virt_cpu\":4},{\"enterprise\":0,\"format\":2102,\"name\":\"virt_memory\","
                + "\"memory\":2147483648,\"max_memory\":18446744073709551615}]}]}",
                JSON.writeValueAsString(run.lines().get(0)));
        assertEquals(0, run.status());
        assertEquals("", run.err());
    }

    @Test
    void hostRecordsPrintEnumsUuidsMacsAndLoadsInTheirUsualForms() throws Exception {
        UUID uuid = UUID.fromString("7C6B5A49-3827-4160-9F8E-7D6C5B4A3928");
        byte[] datagram = SflowEncoder.datagram(InetAddress.getByName("2001:db8::1"), 1, 1, 1)
                .counterSample(true, 1, 2, 1,
                        new CounterRecord.HostDescr("kvm-node-02", uuid, 3, 2, "6.1.0"),
                        new CounterRecord.HostAdapters(List.of(new CounterRecord.HostAdapter(2,
                                List.of(MacAddress.parse("52:54:00:AB:CD:EF"))))),
                        new CounterRecord.Processor(-1, 150, 7, 0, -1L),
                        new CounterRecord.PortName("eth0"))
                .bytes();

        JsonNode line = decode(CaptureFiles.pcap(ByteOrder.BIG_ENDIAN, false, ETHERNET, ipv4Frame(datagram)))
                .lines().get(0);

        assertEquals("2001:db8::1", line.get("agent").asText());
        JsonNode records = line.at("/samples/0/records");
        assertEquals("x86_64", records.at("/0/machine_type").asText());
        assertEquals("linux", records.at("/0/os_name").asText());
        assertEquals("7c6b5a49-3827-4160-9f8e-7d6c5b4a3928", records.at("/0/uuid").asText());
        assertEquals("52:54:00:ab:cd:ef", records.at("/1/adapters/0/mac_addresses/0").asText());
        assertEquals(2, records.at("/1/adapters/0/if_index").asInt());
        assertEquals(-1, records.at("/2/5s_cpu").asInt());
        assertEquals(150, records.at("/2/1m_cpu").asInt());
        assertEquals("18446744073709551615", records.at("/2/free_memory").bigIntegerValue().toString());
        assertEquals("port_name", records.at("/3/name").asText());
        assertEquals("eth0", records.at("/3/if_name").asText());
    }

    @Test
    void hostCpuLoadsPrintAsDecimalNumbers() throws Exception {
        CounterRecord.HostCpu cpu = new CounterRecord.HostCpu(0.25f, -1f, 3.5f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
                13, 14, null, null, null);
        byte[] datagram = SflowEncoder.datagram(InetAddress.getByName("10.0.0.1"), 1, 1, 1)
                .counterSample(true, 1, 2, 1, cpu).bytes();

        JsonNode record = decode(CaptureFiles.pcap(ByteOrder.BIG_ENDIAN, false, ETHERNET, ipv4Frame(datagram)))
                .lines().get(0).at("/samples/0/records/0");

        assertEquals(0.25, record.get("load_one").asDouble());
        assertEquals(-1.0, record.get("load_five").asDouble());
        assertEquals(14, record.get("contexts").asInt());
        assertTrue(record.get("cpu_steal") == null, "the 68-byte form has no cpu_steal");
    }

    @Test
    void unknownAndMalformedRecordsAndSamplesPrintTheirFramingAndReason() throws Exception {
        byte[] datagram = SflowEncoder.datagram(InetAddress.getByName("10.0.0.1"), 1, 1, 1)
                .counterSample(true, 1, 2, 1, List.of(SflowEncoder.element(5703, 1, new byte[12]),
                        SflowEncoder.element(0, 2102, new byte[8])))
                .sample(SflowEncoder.element(0, 5, new byte[16]))
                .flowSample(true, 3, 0, 7, 400, 800, 0, 0, 7, 0, 9, SflowEncoder.element(0, 1, new byte[20]))
                .bytes();

        JsonNode samples = decode(CaptureFiles.pcap(ByteOrder.BIG_ENDIAN, false, ETHERNET, ipv4Frame(datagram)))
                .lines().get(0).get("samples");

        assertEquals("{\"enterprise\":5703,\"format\":1,\"name\":\"unknown\",\"length\":12}",
                samples.at("/0/records/0").toString());
        assertEquals("malformed", samples.at("/0/records/1/name").asText());
        assertEquals(8, samples.at("/0/records/1/length").asInt());
        assertTrue(samples.at("/0/records/1/reason").asText().contains("shorter"));
        assertEquals("{\"kind\":\"unknown\",\"enterprise\":0,\"format\":5,\"length\":16}", samples.get(1).toString());
        assertEquals("{\"kind\":\"flow\",\"format\":3,\"sequence\":3,\"source_id_type\":0,\"source_id_index\":7,"
                + "\"sampling_rate\":400,\"sample_pool\":800,\"drops\":0,\"input_format\":0,\"input\":7,"
                + "\"output_format\":0,\"output\":9,\"records\":[{\"enterprise\":0,\"format\":1,\"length\":20}]}",
                samples.get(2).toString());
    }

    static Stream<Arguments> everyCaptureLayout() {
        byte[] v4 = CaptureFiles.udp4("192.0.2.2", "192.0.2.10", 40000, 6343, DATAGRAM);
        byte[] v6 = CaptureFiles.udp6("2001:db8::2", "2001:db8::10", 40000, 9999, DATAGRAM);
        return Stream.of(
                Arguments.of("pcap big-endian microseconds, Ethernet", CaptureFiles.pcap(ByteOrder.BIG_ENDIAN, false,
                        ETHERNET, CaptureFiles.ethernet(0x0800, v4))),
                Arguments.of("pcap little-endian nanoseconds, Ethernet", CaptureFiles.pcap(ByteOrder.LITTLE_ENDIAN,
                        true, ETHERNET, CaptureFiles.ethernet(0x0800, v4))),
                Arguments.of("pcap, Ethernet with two VLAN tags", CaptureFiles.pcap(ByteOrder.LITTLE_ENDIAN, false,
                        ETHERNET, CaptureFiles.ethernet(0x0800, v4, 100, 200))),
                Arguments.of("pcap, Ethernet, IPv6 on another port", CaptureFiles.pcap(ByteOrder.LITTLE_ENDIAN, false,
                        ETHERNET, CaptureFiles.ethernet(0x86DD, v6))),
                Arguments.of("pcap, Linux cooked", CaptureFiles.pcap(ByteOrder.LITTLE_ENDIAN, false,
                        CaptureFiles.LINUX_SLL, CaptureFiles.linuxSll(0x0800, v4))),
                Arguments.of("pcap, Linux cooked v2, IPv6", CaptureFiles.pcap(ByteOrder.LITTLE_ENDIAN, false,
                        CaptureFiles.LINUX_SLL2, CaptureFiles.linuxSll2(0x86DD, v6))),
                Arguments.of("pcap, raw IP 101", CaptureFiles.pcap(ByteOrder.LITTLE_ENDIAN, false, CaptureFiles.RAW, v4)),
                Arguments.of("pcap, raw IP 12", CaptureFiles.pcap(ByteOrder.LITTLE_ENDIAN, false, 12, v6)),
                Arguments.of("pcap, raw IP 14", CaptureFiles.pcap(ByteOrder.LITTLE_ENDIAN, false, 14, v4)),
                Arguments.of("pcap, LINKTYPE_IPV4", CaptureFiles.pcap(ByteOrder.BIG_ENDIAN, false, CaptureFiles.IPV4, v4)),
                Arguments.of("pcap, LINKTYPE_IPV6", CaptureFiles.pcap(ByteOrder.BIG_ENDIAN, false, CaptureFiles.IPV6, v6)),
                Arguments.of("pcapng little-endian, enhanced packets", CaptureFiles.pcapng(ByteOrder.LITTLE_ENDIAN,
                        ETHERNET, CaptureFiles.ethernet(0x0800, v4))),
                Arguments.of("pcapng big-endian, enhanced packets", CaptureFiles.pcapng(ByteOrder.BIG_ENDIAN,
                        ETHERNET, CaptureFiles.ethernet(0x0800, v4))),
                Arguments.of("pcapng, simple packets", CaptureFiles.pcapngSimple(ByteOrder.LITTLE_ENDIAN,
                        CaptureFiles.RAW, v6)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCaptureLayout")
    void theDatagramIsFoundInEverySupportedCaptureLayout(String layout, byte[] capture) throws Exception {
        Run run = decode(capture);

        assertEquals(1, run.lines().size(), run.err());
        assertEquals(17, run.lines().get(0).get("sequence").asInt());
        assertEquals("", run.err());
        assertEquals(0, run.status());
    }

    @Test
    void aNonFirstFragmentIsSkippedSilently() throws Exception {
        byte[] fragment = CaptureFiles.udp4("192.0.2.2", "192.0.2.10", 40000, 6343, DATAGRAM, 185);

        Run run = decode(CaptureFiles.pcap(ByteOrder.BIG_ENDIAN, false, CaptureFiles.RAW, fragment));

        assertEquals(List.of(), run.lines());
        assertEquals("", run.err());
    }

    @Test
    void aDamagedPacketIsReportedAndThePacketsAfterItAreStillDecoded() throws Exception {
        byte[] cut = Arrays.copyOf(CaptureFiles.ethernet(0x0800, new byte[] {0x45, 0, 0}), 16);

        Run run = decode(CaptureFiles.pcap(ByteOrder.BIG_ENDIAN, false, ETHERNET, cut, ipv4Frame(datagram(18))));

        assertEquals(1, run.lines().size());
        assertEquals(18, run.lines().get(0).get("sequence").asInt());
        assertTrue(run.err().contains("packet 1"), run.err());
        assertEquals(0, run.status());
    }

    @Test
    void aUdpPayloadThatIsNotSflowIsReportedWithItsReasonAndDecodingGoesOn() throws Exception {
        byte[] netflow = ipv4Frame(new byte[] {0, 5, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0});

        Run run = decode(CaptureFiles.pcap(ByteOrder.BIG_ENDIAN, false, ETHERNET, netflow, ipv4Frame(DATAGRAM)));

        assertEquals(1, run.lines().size());
        assertTrue(run.err().contains("packet 1 from 192.0.2.2: not decoded: version 327681 is not sFlow version 5"),
                run.err());
        assertEquals(0, run.status());
    }

    @Test
    void aCaptureCutShortPrintsWhatCameBeforeAndFails() throws Exception {
        byte[] capture = CaptureFiles.pcap(ByteOrder.BIG_ENDIAN, false, ETHERNET, ipv4Frame(DATAGRAM), ipv4Frame(DATAGRAM));

        Run run = decode(Arrays.copyOf(capture, capture.length - 10));

        assertEquals(1, run.lines().size());
        assertTrue(run.err().contains("ends inside packet 2"), run.err());
        assertEquals(DecodeCommand.BAD_FILE, run.status());
    }

    @Test
    void aFileThatIsNotACaptureFailsWithAMessageNamingIt() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello, not a capture");

        Run run = run(text.toString());

        assertEquals(DecodeCommand.BAD_FILE, run.status());
        assertTrue(run.err().startsWith(text + ": not a pcap or pcapng capture"), run.err());
    }

    @Test
    void aMissingFileFailsWithAMessageNamingItAndTheOtherFilesAreStillDecoded() throws Exception {
        Path good = dir.resolve("good.pcap");
        Files.write(good, CaptureFiles.pcap(ByteOrder.BIG_ENDIAN, false, ETHERNET, ipv4Frame(DATAGRAM)));

        Run run = run(dir.resolve("missing.pcap").toString(), good.toString());

        assertEquals(DecodeCommand.BAD_FILE, run.status());
        assertTrue(run.err().contains("missing.pcap: no such file"), run.err());
        assertEquals(1, run.lines().size());
    }

    @Test
    void stdoutThatCannotBeWrittenStopsTheCommandWithAMessageAndFails() throws Exception {
        Path good = dir.resolve("good.pcap");
        Files.write(good, CaptureFiles.pcap(ByteOrder.BIG_ENDIAN, false, ETHERNET, ipv4Frame(DATAGRAM)));
        OutputStream closedPipe = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = new DecodeCommand(closedPipe, new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(good.toString());

        assertEquals(DecodeCommand.BAD_FILE, status);
        assertEquals("stdout: cannot write: Broken pipe\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void noFilesIsAUsageError() throws Exception {
        Run run = run();

        assertEquals(DecodeCommand.USAGE, run.status());
        assertTrue(run.err().startsWith("usage:"), run.err());
    }

    static byte[] datagram(long sequence) {
        try {
            return SflowEncoder.datagram(InetAddress.getByName("192.0.2.2"), 100001, sequence, 1000)
                    .counterSample(true, 1, 3, 100_001, new CounterRecord.HostParent(2, 1)).bytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] ipv4Frame(byte[] payload) {
        return CaptureFiles.ethernet(0x0800, CaptureFiles.udp4("192.0.2.2", "192.0.2.10", 40000, 6343, payload));
    }

    Run decode(byte[] capture) throws IOException {
        Path file = Files.createTempFile(dir, "capture", ".pcap");
        Files.write(file, capture);
        return run(file.toString());
    }

    static Run run(String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new DecodeCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        return new Run(status, lines, err.toString(StandardCharsets.UTF_8));
    }
}
