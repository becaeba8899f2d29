package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.sflowmonitor.store.Queries;

/** The JSON of raw series rows as SeriesQuery's columns give them: host_id, ts, then the method's columns. */
class SampleAnswerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> COLUMNS = List.of("load", "pct", "count", "big", "text", "missing", "flag",
            "cpu_load_one", "part_max_used");
    private static final String VALUES = "CAST(3.5 AS REAL), CAST(12.34 AS DOUBLE PRECISION), CAST(7 AS INTEGER), "
            + "CAST(18446744073709551615 AS NUMERIC(20)), 'vm-\"ü\"\\', CAST(NULL AS BIGINT), TRUE, "
            + "CAST(NULL AS REAL), CAST(1234 AS INTEGER)";

    private static String query(String rows) {
        return "SELECT * FROM (VALUES " + rows + ") ORDER BY 2";
    }

    private static String written(SampleAnswer answer, String rows, Map<Long, Object> addresses,
                                  List<Set<Long>> asked) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(query(rows))) {
            while (rs.next()) {
                answer.accept(rs);
            }
        }
        WrittenRows written = answer.rows(ids -> {
            asked.add(Set.copyOf(ids));
            return new HashMap<>(addresses);
        });
        return new String(written.json().asUnquotedUTF8(), StandardCharsets.UTF_8);
    }

    /** The rows as the maps the API answered before, each value as Queries and SeriesMethod give it, through Jackson. */
    private static String asMaps(List<String> fields, Map<String, Object> constants, String rows,
                                 Map<Long, Object> addresses) throws Exception {
        List<Map<String, Object>> maps = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(query(rows))) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (String f : fields) {
                    row.put(f, switch (f) {
                        case "host_ip" -> addresses.get(rs.getLong(1));
                        case "timestamp" -> Queries.value(rs, 2);
                        default -> constants.containsKey(f) ? constants.get(f)
                                : SeriesMethod.value(f, Queries.value(rs, 3 + COLUMNS.indexOf(f)));
                    });
                }
                maps.add(row);
            }
        }
        return JSON.writeValueAsString(maps);
    }

    @Test
    void rowsAreWrittenExactlyAsJacksonWritesTheSameMaps() throws Exception {
        List<String> fields = new ArrayList<>(List.of("host_ip", "timestamp", "hostname", "name", "uuid"));
        fields.addAll(COLUMNS);
        Map<String, Object> constants = new HashMap<>();
        constants.put("hostname", "0f8fad5b-d9cb-469f-a165-70867728950e");
        constants.put("uuid", "0f8fad5b-d9cb-469f-a165-70867728950e");
        constants.put("name", null);
        String rows = "(7, 1795316607131, " + VALUES + "), (7, 1795316627131, " + VALUES.replace("3.5", "1.0E-5")
                .replace("12.34", "-0.0") + ")";
        SampleAnswer answer = new SampleAnswer(fields, constants, COLUMNS, 7, "10.0.0.7");
        List<Set<Long>> asked = new ArrayList<>();
        assertEquals(asMaps(fields, constants, rows, Map.of(7L, "10.0.0.7")), written(answer, rows, Map.of(), asked));
        assertEquals(List.of(), asked, "the entity's own node is not looked up");
    }

    @Test
    void onlyTheRequestedFieldsAreWrittenInTheOrderAsked() throws Exception {
        List<String> fields = List.of("count", "timestamp", "load");
        SampleAnswer answer = new SampleAnswer(fields, Map.of(), COLUMNS, 7, "10.0.0.7");
        assertEquals("[{\"count\":7,\"timestamp\":1795316607131,\"load\":3.5}]",
                written(answer, "(7, 1795316607131, " + VALUES + ")", Map.of(), new ArrayList<>()));
    }

    @Test
    void theNodesARowNamesBesidesTheKnownOneAreLookedUpOnceAtTheEnd() throws Exception {
        List<String> fields = List.of("host_ip", "timestamp");
        SampleAnswer answer = new SampleAnswer(fields, Map.of(), COLUMNS, 7, "10.0.0.7");
        List<Set<Long>> asked = new ArrayList<>();
        String rows = "(8, 1, " + VALUES + "), (7, 2, " + VALUES + "), (8, 3, " + VALUES + "), (9, 4, " + VALUES + ")";
        assertEquals("[{\"host_ip\":\"10.0.0.8\",\"timestamp\":1},{\"host_ip\":\"10.0.0.7\",\"timestamp\":2},"
                + "{\"host_ip\":\"10.0.0.8\",\"timestamp\":3},{\"host_ip\":null,\"timestamp\":4}]",
                written(answer, rows, Map.of(8L, "10.0.0.8"), asked));
        assertEquals(List.of(Set.of(8L, 9L)), asked);
    }

    @Test
    void noRowsAreAnEmptyArray() {
        SampleAnswer answer = new SampleAnswer(List.of("host_ip", "timestamp"), Map.of(), COLUMNS, -1, null);
        List<Set<Long>> asked = new ArrayList<>();
        WrittenRows rows = answer.rows(ids -> {
            asked.add(ids);
            return Map.of();
        });
        assertEquals("[]", new String(rows.json().asUnquotedUTF8(), StandardCharsets.UTF_8));
        assertEquals(0, rows.size());
        assertEquals(List.of(), asked);
    }
}
