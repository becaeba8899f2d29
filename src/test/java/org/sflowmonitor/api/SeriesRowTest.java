package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SeriesRowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NAMES = List.of("host_ip", "timestamp", "name", "load", "pct", "count", "big",
            "missing", "flag");
    private static final Object[] VALUES = {"10.0.0.1", 1_795_316_607_131L, "vm-\"ü\"", 3.5f, 12.34, 7,
            new BigInteger("18446744073709551615"), null, Boolean.TRUE};

    @Test
    void aRowIsWrittenExactlyAsAnOrderedMapOfTheSameFields() throws Exception {
        Map<String, Object> expected = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.size(); i++) {
            expected.put(NAMES.get(i), VALUES[i]);
        }
        SeriesRow row = new SeriesRow(new SeriesRow.Fields(NAMES), VALUES.clone());
        assertEquals(JSON.writeValueAsString(expected), JSON.writeValueAsString(row));
        assertEquals(JSON.writeValueAsString(List.of(expected, expected)), JSON.writeValueAsString(List.of(row, row)));
    }

    @Test
    void aRowReadsAndReplacesItsFieldsLikeAMap() {
        SeriesRow row = new SeriesRow(new SeriesRow.Fields(NAMES), VALUES.clone());
        assertEquals(1_795_316_607_131L, row.get("timestamp"));
        assertEquals("10.0.0.1", row.put("host_ip", "10.0.0.2"));
        assertEquals("10.0.0.2", row.get("host_ip"));
        assertEquals(NAMES, List.copyOf(row.keySet()));
        assertEquals(Arrays.asList(VALUES).subList(1, VALUES.length),
                new ArrayList<>(row.values()).subList(1, VALUES.length));
    }

    @Test
    void aStringGivenAsWrittenJsonIsWrittenAndReadAsItsText() throws Exception {
        Object[] written = VALUES.clone();
        written[0] = new SerializedString("10.0.0.1");
        written[2] = new SerializedString("vm-\"ü\"");
        SeriesRow row = new SeriesRow(new SeriesRow.Fields(NAMES), written);
        SeriesRow plain = new SeriesRow(new SeriesRow.Fields(NAMES), VALUES.clone());
        assertEquals(JSON.writeValueAsString(plain), JSON.writeValueAsString(row));
        assertEquals("vm-\"ü\"", row.get("name"));
        assertEquals(plain, row);
        assertEquals("10.0.0.1", row.put("host_ip", "10.0.0.2"));
    }

    @Test
    void aRowTakesNoFieldItWasNotMadeWith() {
        SeriesRow row = new SeriesRow(new SeriesRow.Fields(NAMES), VALUES.clone());
        assertThrows(UnsupportedOperationException.class, () -> row.put("other", 1));
    }
}
