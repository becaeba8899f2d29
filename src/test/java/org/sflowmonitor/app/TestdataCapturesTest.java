package org.sflowmonitor.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sflowmonitor.sflow.RecordNames;

/**
 * The shared captures of ../shared/testdata/sflow: each decodes without an error, gives the contents
 * its README states, and the values InMon's sflowtool printed for it (the .sflowtool.jsonl beside it),
 * field by field. Skipped when the folder is absent.
 */
class TestdataCapturesTest {

    static final Path TESTDATA = Path.of("../shared/testdata/sflow");

    /** The README's table: datagrams, agents/sub-agents, samples by kind/format, counter record formats. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            generated_hsflowd-2.0.55_kvm-node-02.pcap        | 18 | 192.0.2.2/100000 | counter/2=18 | 2000 2001 2002 2003 2004 2005 2006 2007 2008 2009 2010 2100 2101 2102 2103 2104
            cistern-sflow__host_sample.pcap                  | 1  | 192.168.1.7/100000 | counter/2=1 | 2000 2001 2003 2004 2005 2006
            cistern-sflow__counter_sample.pcap               | 1  | 208.85.240.52/1 | counter/2=1 | 1 2
            tcpdump__sflow-print-v6.pcap                     | 25 | 30::1:1:1/0 | counter/2=48 flow/1=13 | 1 2
            telegraf__sflow_v5_example.pcap                  | 1  | 192.168.119.184/100000 | counter/2=1 | 1 1005
            telegraf__sflow_issue_15375_drop.pcap            | 1  | 192.168.119.184/100000 | unknown/5=1 | ''
            telegraf__sflow_issue_18876.pcap                 | 1  | 172.16.254.196/0 | counter/4=1 | 1 2
            logstash-codec-sflow__sflow_counters_sample.pcap | 1  | 10.243.29.150/1 | counter/2=12 | 1 1001 unknown:2201
            logstash-codec-sflow__sflow_with_lag_counters.pcap | 1 | 10.0.1.80/0 | counter/4=2 flow/3=5 | 1 2 unknown:7
            logstash-codec-sflow__sflow_flow_sample_eth_vlan.pcap | 1 | 10.243.62.190/0 | flow/1=1 | ''
            akvorado__data-1140.pcap                         | 1  | 172.16.0.3/0 | flow/1=5 | ''
            akvorado__data-local-interface.pcap              | 1  | 172.16.0.3/0 | flow/1=1 | ''
            akvorado__data-multiple-interfaces.pcap          | 1  | 172.16.0.3/0 | flow/1=1 | ''
            akvorado__data-icmpv4.pcap                       | 1  | 127.0.0.1/1402 | flow/1=1 | ''
            akvorado__data-sflow-ipv4-data.pcap              | 1  | 49.49.49.49/1 | flow/3=1 | ''
            akvorado__data-sflow-raw-ipv4.pcap               | 1  | 172.19.64.116/100000 | flow/1=2 | ''
            ndpi__sflow.pcap                                 | 9  | 172.21.35.17/1 | counter/2=8 flow/1=1 | 1
            gopacket__live_switch.pcap                       | 2  | 10.1.248.22/17 185.120.22.246/100000 | counter/2=1 flow/1=13 | 1 2
            gopacket__malformed_lengths.pcap                 | 3  | 127.0.0.1/0 192.168.1.18/0 | malformed/1=2 malformed/2=1 | ''
            goflow2__vectors.pcap                            | 5  | 1.2.3.4/0 172.16.0.17/1 192.168.119.184/100000 | flow/1=1 flow/3=5 unknown/5=3 | ''
            """)
    void eachCaptureDecodesWithoutErrorToTheContentsItsReadmeStates(String file, int datagrams, String agents,
                                                                       String samples, String recordFormats)
            throws Exception {
        DecodeCommandTest.Run run = decode(file);

        assertEquals(0, run.status());
        assertEquals("", run.err());
        assertEquals(datagrams, run.lines().size());
        Set<String> seenAgents = new TreeSet<>();
        Map<String, Integer> seenSamples = new TreeMap<>();
        Set<String> seenRecords = new TreeSet<>();
        for (JsonNode datagram : run.lines()) {
            seenAgents.add(datagram.get("agent").asText() + "/" + datagram.get("sub_agent_id").asText());
            for (JsonNode sample : datagram.get("samples")) {
                seenSamples.merge(sample.get("kind").asText() + "/" + sample.get("format").asText(), 1, Integer::sum);
                if (sample.get("kind").asText().equals("counter")) {
                    sample.get("records").forEach(r -> seenRecords.add(recordKey(r)));
                }
            }
        }
        assertEquals(new TreeSet<>(List.of(agents.split(" "))), seenAgents);
        assertEquals(samples, String.join(" ", seenSamples.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        assertEquals(recordFormats.isEmpty() ? Set.of() : new TreeSet<>(List.of(recordFormats.split(" "))), seenRecords);
    }

    @Test
    void theGeneratedKvmCaptureCarriesTheHostAndTheTwoVmsOfItsReadme() throws Exception {
        List<JsonNode> lines = decode("generated_hsflowd-2.0.55_kvm-node-02.pcap").lines();
        Map<String, JsonNode> last = new TreeMap<>();
        for (JsonNode datagram : lines) {
            JsonNode sample = datagram.at("/samples/0");
            last.put(sample.get("source_id_type").asText() + ":" + sample.get("source_id_index").asText(), sample);
        }
        assertEquals(Set.of("2:1", "3:129571", "3:130737"), last.keySet());
        assertEquals(1, lines.get(0).get("sequence").asInt());

        Map<String, JsonNode> host = byName(last.get("2:1"));
        assertEquals("kvm-node-02", host.get("host_descr").get("hostname").asText());
        assertEquals("7c6b5a49-3827-4160-9f8e-7d6c5b4a3928", host.get("host_descr").get("uuid").asText());
        assertEquals("x86_64", host.get("host_descr").get("machine_type").asText());
        assertEquals("linux", host.get("host_descr").get("os_name").asText());
        assertEquals(11, last.get("2:1").get("records").size());
        assertEquals(2, host.get("virt_node").get("num_domains").asInt());
        assertTrue(host.get("host_cpu").has("cpu_guest_nice"), "80-byte host_cpu");

        Map<String, JsonNode> app = byName(last.get("3:129571"));
        assertEquals("app-02", app.get("host_descr").get("hostname").asText());
        assertEquals("1b7e3c55-2f44-4e0a-b1d2-8c9e0f1a2b3c", app.get("host_descr").get("uuid").asText());
        assertEquals(4, app.get("virt_cpu").get("nr_virt_cpu").asInt());
        assertEquals("running", app.get("virt_cpu").get("state").asText());
        assertEquals(2L << 30, app.get("virt_memory").get("memory").asLong());
        assertEquals(4L << 30, app.get("virt_memory").get("max_memory").asLong());
        assertEquals("52:54:00:9a:00:01", app.get("host_adapters").at("/adapters/0/mac_addresses/0").asText());
        assertEquals(0, app.get("host_adapters").at("/adapters/0/if_index").asInt());
        assertEquals(2, app.get("host_parent").get("container_type").asInt());
        assertEquals(1, app.get("host_parent").get("container_index").asInt());

        Map<String, JsonNode> win = byName(last.get("3:130737"));
        assertEquals("win-build", win.get("host_descr").get("hostname").asText());
        assertEquals("e4d3c2b1-a0f9-4e8d-9c7b-6a5f4e3d2c1b", win.get("host_descr").get("uuid").asText());
        assertEquals(2, win.get("virt_cpu").get("nr_virt_cpu").asInt());
        assertEquals(1L << 30, win.get("virt_memory").get("memory").asLong());
        assertEquals(0, win.get("host_adapters").get("adapters").size());
        assertEquals(0, win.get("virt_disk_io").get("capacity").asLong());
    }

    @Test
    void akvoradoOutputsKeepTheirFormatBits() throws Exception {
        JsonNode local = decode("akvorado__data-local-interface.pcap").lines().get(0).at("/samples/0");
        JsonNode multiple = decode("akvorado__data-multiple-interfaces.pcap").lines().get(0).at("/samples/0");

        assertEquals(0x3FFF_FFFF, local.get("output").asInt());
        assertEquals(2, multiple.get("output_format").asInt());
        assertEquals(7, multiple.get("output").asInt());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "generated_hsflowd-2.0.55_kvm-node-02.pcap", "cistern-sflow__host_sample.pcap",
        "cistern-sflow__counter_sample.pcap", "tcpdump__sflow-print-v6.pcap", "telegraf__sflow_v5_example.pcap",
        "telegraf__sflow_issue_15375_drop.pcap", "telegraf__sflow_issue_18876.pcap",
        "logstash-codec-sflow__sflow_counters_sample.pcap", "logstash-codec-sflow__sflow_with_lag_counters.pcap",
        "logstash-codec-sflow__sflow_flow_sample_eth_vlan.pcap", "akvorado__data-1140.pcap",
        "akvorado__data-local-interface.pcap", "akvorado__data-multiple-interfaces.pcap",
        "akvorado__data-icmpv4.pcap", "akvorado__data-sflow-ipv4-data.pcap", "akvorado__data-sflow-raw-ipv4.pcap",
        "ndpi__sflow.pcap", "gopacket__live_switch.pcap", "gopacket__malformed_lengths.pcap", "goflow2__vectors.pcap"})
    void eachCaptureGivesTheValuesSflowtoolPrintsForIt(String file) throws Exception {
        List<JsonNode> ours = decode(file).lines();
        List<JsonNode> theirs = SflowtoolJson.read(TESTDATA.resolve(file + ".sflowtool.jsonl"));
        Iterator<JsonNode> candidates = ours.iterator();
        int compared = 0;
        for (JsonNode expected : theirs) {
            JsonNode actual = nextSameDatagram(candidates, expected, file);
            SflowtoolJson.assertSameDatagram(expected, actual, file + " datagram " + expected.get("packetSequenceNo"));
            compared++;
        }
        assertTrue(compared > 0 || theirs.isEmpty());
    }

    private static JsonNode nextSameDatagram(Iterator<JsonNode> candidates, JsonNode expected, String file) {
        while (candidates.hasNext()) {
            JsonNode actual = candidates.next();
            if (actual.get("sequence").asText().equals(expected.get("packetSequenceNo").asText())
                    && actual.get("sub_agent_id").asText().equals(expected.get("agentSubId").asText())) {
                return actual;
            }
        }
        throw new AssertionError(file + ": no decoded datagram for sflowtool's " + expected);
    }

    private static Map<String, JsonNode> byName(JsonNode sample) {
        Map<String, JsonNode> records = new TreeMap<>();
        sample.get("records").forEach(r -> records.put(r.get("name").asText(), r));
        return records;
    }

    private static String recordKey(JsonNode record) {
        String name = record.get("name").asText();
        String format = record.get("format").asText();
        return name.equals("unknown") || name.equals("malformed") ? name + ":" + format : format;
    }

    static DecodeCommandTest.Run decode(String file) throws Exception {
        assumeTrue(Files.isDirectory(TESTDATA), "no shared test data at " + TESTDATA.toAbsolutePath());
        return DecodeCommandTest.run(TESTDATA.resolve(file).toString());
    }

    /** Names RecordNames gives an enum value, for sflowtool's numeric enums. */
    static String enumName(String field, long value) {
        return switch (field) {
            case "machine_type" -> RecordNames.machineType(value);
            case "os_name" -> RecordNames.osName(value);
            default -> RecordNames.virtState(value);
        };
    }

    static List<String> fieldNames(JsonNode object, int skip) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.subList(skip, names.size());
    }
}
