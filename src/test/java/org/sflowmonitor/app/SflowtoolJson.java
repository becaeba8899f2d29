package org.sflowmonitor.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Compares the decode command's JSON with sflowtool's ({@code sflowtool -r X.pcap -j}). sflowtool
 * prints every value as a string, counter record fields in wire order under its own names, so
 * fields are compared by position, with the few conversions sflowtool applies undone.
 */
final class SflowtoolJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SflowtoolJson() {
    }

    /** sflowtool's lines; a line it left unfinished (it aborts on a bad datagram) is not valid JSON and skipped. */
    static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            try {
                lines.add(JSON.readTree(line));
            } catch (JsonProcessingException incomplete) {
                // a datagram sflowtool rejected half-way; nothing to compare with
            }
        }
        return lines;
    }

    static void assertSameDatagram(JsonNode expected, JsonNode actual, String where) {
        assertEquals(address(expected.get("agent").asText()), address(actual.get("agent").asText()), where);
        assertEquals(expected.get("sysUpTime").asText(), actual.get("uptime_ms").asText(), where);
        JsonNode expectedSamples = expected.get("samples");
        for (int i = 0; i < expectedSamples.size(); i++) {
            assertSameSample(expectedSamples.get(i), actual.get("samples").get(i), where + " sample " + i);
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError("not an address: " + literal, e);
        }
    }

    private static void assertSameSample(JsonNode expected, JsonNode actual, String where) {
        assertEquals(expected.get("sampleType_tag").asText(), "0:" + actual.get("format").asText(), where);
        String kind = actual.get("kind").asText();
        if (!kind.equals("counter") && !kind.equals("flow")) {
            return;
        }
        assertEquals(expected.get("sampleSequenceNo").asText(), actual.get("sequence").asText(), where);
        assertEquals(expected.get("sourceId").asText(),
                actual.get("source_id_type").asText() + ":" + actual.get("source_id_index").asText(), where);
        if (kind.equals("flow")) {
            assertEquals(expected.get("meanSkipCount").asText(), actual.get("sampling_rate").asText(), where);
            assertEquals(expected.get("samplePool").asText(), actual.get("sample_pool").asText(), where);
            assertEquals(expected.get("dropEvents").asText(), actual.get("drops").asText(), where);
            assertPort(expected.get("inputPort").asText(), actual.get("input_format"), actual.get("input"), where);
            assertPort(expected.get("outputPort").asText(), actual.get("output_format"), actual.get("output"), where);
        }
        JsonNode elements = expected.get("elements");
        if (elements == null) {
            return;
        }
        for (int i = 0; i < elements.size(); i++) {
            JsonNode element = elements.get(i);
            JsonNode record = actual.get("records").get(i);
            String tag = element.has("counterBlock_tag") ? element.get("counterBlock_tag").asText()
                    : element.get("flowBlock_tag").asText();
            assertEquals(tag, record.get("enterprise").asText() + ":" + record.get("format").asText(), where);
            if (element.has("counterBlock_tag") && record.has("name") && !record.get("name").asText().equals("unknown")) {
                assertSameCounterRecord(element, record, where + " record " + tag);
            }
        }
    }

    private static void assertPort(String expected, JsonNode format, JsonNode value, String where) {
        if (expected.startsWith("multiple ")) {
            assertEquals(2, format.asInt(), where);
            assertEquals(expected.substring("multiple ".length()), value.asText(), where);
        } else if (format.asInt() == 0) {
            assertEquals(expected, value.asText(), where);
        }
    }

    private static void assertSameCounterRecord(JsonNode expected, JsonNode actual, String where) {
        List<String> theirs = TestdataCapturesTest.fieldNames(expected, 1);
        List<String> ours = TestdataCapturesTest.fieldNames(actual, 3);
        switch (expected.get("counterBlock_tag").asText()) {
            case "0:2000" -> {
                // sflowtool cuts strings at 63 characters and prints enums as numbers
                assertTrue(actual.get("hostname").asText().startsWith(expected.get("hostname").asText()), where);
                assertEquals(expected.get("UUID").asText(), actual.get("uuid").asText(), where);
                for (String field : List.of("machine_type", "os_name")) {
                    assertEquals(TestdataCapturesTest.enumName(field, expected.get(field).asLong()),
                            actual.get(field).asText(), where + " " + field);
                }
                assertEquals(expected.path("os_release").asText(), actual.get("os_release").asText(), where);
            }
            case "0:2001" -> {
                JsonNode theirAdapters = expected.get("adaptor_list");
                JsonNode ourAdapters = actual.get("adapters");
                assertEquals(theirAdapters.size(), ourAdapters.size(), where);
                for (int i = 0; i < theirAdapters.size(); i++) {
                    JsonNode adapter = theirAdapters.get(i);
                    assertEquals(adapter.get("ifIndex").asText(), ourAdapters.get(i).get("if_index").asText(), where);
                    List<String> macs = new ArrayList<>();
                    ourAdapters.get(i).get("mac_addresses").forEach(m -> macs.add(m.asText().replace(":", "")));
                    List<String> theirMacs = new ArrayList<>();
                    adapter.get("mac_list").forEach(m -> theirMacs.add(m.asText()));
                    assertEquals(theirMacs, macs, where);
                }
            }
            default -> {
                assertEquals(theirs.size(), ours.size(), where + " fields " + theirs + " vs " + ours);
                for (int i = 0; i < theirs.size(); i++) {
                    assertSameValue(theirs.get(i), expected.get(theirs.get(i)).asText(), ours.get(i),
                            actual.get(ours.get(i)), where);
                }
            }
        }
    }

    private static void assertSameValue(String theirName, String theirs, String ourName, JsonNode ours, String where) {
        String what = where + " " + theirName + "/" + ourName;
        if (theirName.startsWith("cpu_load_")) {
            assertEquals(new BigDecimal(theirs), new BigDecimal(String.format("%.3f", ours.floatValue())), what);
        } else if (theirName.equals("disk_partition_max_used") || theirName.matches("(5s|1m|5m)_cpu")) {
            // percentages in hundredths of a percent, which sflowtool prints as percent
            assertEquals(new BigDecimal(theirs), BigDecimal.valueOf(ours.asLong(), 2), what);
        } else if (theirName.equals("vcpu_state")) {
            assertEquals(TestdataCapturesTest.enumName("state", Long.parseLong(theirs)), ours.asText(), what);
        } else {
            assertEquals(theirs, ours.asText(), what);
        }
    }
}
