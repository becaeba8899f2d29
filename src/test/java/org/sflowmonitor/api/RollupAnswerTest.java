package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.sflowmonitor.store.RollupRow;
import org.sflowmonitor.store.SampleTable;

/** The JSON of rollup rows as RollupQuery's columns give them: host_id, bucket_start, samples, if_index, then min, max, sum, n per measure. */
class RollupAnswerTest {

    private static final Map<String, Object> FIVE_MINUTES = Map.of("interval", "5m");

    private static void read(RollupAnswer answer, String rows) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM (VALUES " + rows + ") ORDER BY 2")) {
            while (rs.next()) {
                answer.accept(new ColumnsRow(rs));
            }
        }
    }

    /** A row of the VALUES above as RollupQuery hands one over: min, max, sum and count of measure m from column 5 + 4m. */
    private record ColumnsRow(ResultSet rs) implements RollupRow {

        @Override
        public long hostId() {
            return get(() -> rs.getLong(1));
        }

        @Override
        public long bucketStart() {
            return get(() -> rs.getLong(2));
        }

        @Override
        public int samples() {
            return get(() -> rs.getInt(3));
        }

        @Override
        public long ifIndex() {
            return get(() -> rs.getLong(4));
        }

        @Override
        public int count(int m) {
            return get(() -> rs.getInt(8 + 4 * m));
        }

        @Override
        public double min(int m) {
            return get(() -> rs.getDouble(5 + 4 * m));
        }

        @Override
        public double max(int m) {
            return get(() -> rs.getDouble(6 + 4 * m));
        }

        @Override
        public double sum(int m) {
            return get(() -> rs.getDouble(7 + 4 * m));
        }

        private static <T> T get(Callable<T> column) {
            try {
                return column.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String written(RollupAnswer answer, String rows, Map<Long, Object> addresses,
                                  List<Set<Long>> asked) throws Exception {
        read(answer, rows);
        return text(answer.rows(ids -> {
            asked.add(Set.copyOf(ids));
            return new HashMap<>(addresses);
        }));
    }

    private static String text(WrittenRows rows) {
        return new String(rows.json().asUnquotedUTF8(), StandardCharsets.UTF_8);
    }

    @Test
    void wholeGaugesAreWholePercentagesInPercentAndAveragesHaveTwoDecimals() throws Exception {
        RollupAnswer answer = new RollupAnswer(List.of("host_ip", "timestamp", "interval", "samples",
                "part_max_used_min", "part_max_used_avg", "part_max_used_max", "cpu_num_min", "cpu_num_avg",
                "cpu_num_max", "cpu_user_min", "cpu_user_avg", "cpu_user_max"), FIVE_MINUTES, SampleTable.HOST_SAMPLE,
                7, "10.0.0.7");
        assertEquals(List.of("part_max_used", "cpu_num", "cpu_user"), answer.measures());
        List<Set<Long>> asked = new ArrayList<>();
        String json = written(answer, "(7, 300000, 15, 0, 1234.0, 5678.0, 10000.0, 3, 2.0, 4.0, 9.0, 3, "
                + "NULL, NULL, NULL, 0)", Map.of(), asked);
        assertEquals("[{\"host_ip\":\"10.0.0.7\",\"timestamp\":300000,\"interval\":\"5m\",\"samples\":15,"
                + "\"part_max_used_min\":12.34,\"part_max_used_avg\":33.33,\"part_max_used_max\":56.78,"
                + "\"cpu_num_min\":2,\"cpu_num_avg\":3.0,\"cpu_num_max\":4,"
                + "\"cpu_user_min\":null,\"cpu_user_avg\":null,\"cpu_user_max\":null}]", json);
        assertEquals(List.of(), asked, "the node's own address was known: no lookup");
    }

    @Test
    void rowsOfEveryKindOfValueFillingSeveralPiecesAreWrittenAsJacksonWritesTheirValues() throws Exception {
        List<String> measures = List.of("part_max_used", "cpu_num", "cpu_user");
        List<String> fields = new ArrayList<>(List.of("timestamp", "samples"));
        measures.forEach(m -> Resolution.PARTS.forEach(part -> fields.add(m + part)));
        RollupAnswer answer = new RollupAnswer(fields, Map.of(), SampleTable.HOST_SAMPLE, -1, null);
        SplittableRandom random = new SplittableRandom(15);
        StringBuilder rows = new StringBuilder();
        List<Map<String, Object>> expected = new ArrayList<>();
        for (int r = 0; r < 2_000; r++) {
            rows.append(r == 0 ? "(" : ", (").append(1).append(", ").append(3_600_000L * r).append(", ").append(r % 400)
                    .append(", 0");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("timestamp", 3_600_000L * r);
            row.put("samples", r % 400);
            for (String m : measures) {
                int n = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(400);
                double min = value(random);
                double max = value(random);
                double sum = value(random) * n;
                if (n == 0) {
                    rows.append(", NULL, NULL, NULL, 0");
                } else {
                    rows.append(", CAST(").append(min).append(" AS DOUBLE PRECISION), CAST(").append(max)
                            .append(" AS DOUBLE PRECISION), CAST(").append(sum).append(" AS DOUBLE PRECISION), ").append(n);
                }
                double[] parts = {min, sum / n, max};
                for (int part = 0; part < 3; part++) {
                    // percentages are stored in hundredths, a whole gauge's min and max are whole
                    double v = m.equals("part_max_used") ? parts[part] / 100 : parts[part];
                    boolean whole = m.equals("cpu_num") && part != 1;
                    row.put(m + Resolution.PARTS.get(part), n == 0 ? null
                            : whole ? (Object) Math.round(v) : (Object) (Math.round(v * 100.0) / 100.0));
                }
            }
            rows.append(')');
            expected.add(row);
        }
        String json = written(answer, rows.toString(), Map.of(), new ArrayList<>());
        assertTrue(json.length() > 3 * JsonBytes.PIECE, "the rows fill several pieces: " + json.length());
        assertEquals(new ObjectMapper().writeValueAsString(expected), json);
    }

    /** Small and large, whole and fractional, positive and negative. */
    private static double value(SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> random.nextInt(1_000);
            case 1 -> random.nextDouble() * 100;
            case 2 -> random.nextDouble() * 1e13;
            case 3 -> -random.nextDouble() * 5e4;
            default -> random.nextLong();
        };
    }

    @Test
    void theNodesAVmRanOnAreLookedUpOnceAndOneNotFoundIsNull() throws Exception {
        RollupAnswer answer = new RollupAnswer(List.of("timestamp", "host_ip"), Map.of(), SampleTable.VM_SAMPLE, -1,
                null);
        List<Set<Long>> asked = new ArrayList<>();
        String json = written(answer, "(7, 0, 1, 0), (9, 300000, 1, 0), (7, 600000, 1, 0), (11, 900000, 1, 0)",
                Map.of(7L, "10.0.0.7", 9L, "10.0.0.9"), asked);
        assertEquals("[{\"timestamp\":0,\"host_ip\":\"10.0.0.7\"},{\"timestamp\":300000,\"host_ip\":\"10.0.0.9\"},"
                + "{\"timestamp\":600000,\"host_ip\":\"10.0.0.7\"},{\"timestamp\":900000,\"host_ip\":null}]", json);
        assertEquals(List.of(Set.of(7L, 9L, 11L)), asked);
    }

    @Test
    void theNodesOfAVmsRowsFillingSeveralPiecesOfTextAreEachAtTheirRow() throws Exception {
        RollupAnswer answer = new RollupAnswer(List.of("timestamp", "host_ip"), Map.of(), SampleTable.VM_SAMPLE, -1,
                null);
        StringBuilder rows = new StringBuilder();
        StringBuilder expected = new StringBuilder("[");
        int count = 3 * JsonBytes.PIECE / 40;
        for (int i = 0; i < count; i++) {
            long node = 1 + i % 3;
            rows.append(i == 0 ? "" : ", ").append('(').append(node).append(", ").append(300_000L * i).append(", 1, 0)");
            expected.append(i == 0 ? "" : ",").append("{\"timestamp\":").append(300_000L * i)
                    .append(",\"host_ip\":\"10.0.0.").append(node).append("\"}");
        }
        String json = written(answer, rows.toString(), Map.of(1L, "10.0.0.1", 2L, "10.0.0.2", 3L, "10.0.0.3"),
                new ArrayList<>());
        assertEquals(expected.append(']').toString(), json);
    }

    @Test
    void noRowsAreAnEmptyArray() throws Exception {
        RollupAnswer answer = new RollupAnswer(List.of("timestamp"), Map.of(), SampleTable.VM_SAMPLE, -1, null);
        WrittenRows rows = answer.rows(ids -> Map.of());
        assertEquals("[]", text(rows));
        assertEquals(0, rows.size());
    }

    @Test
    void theRowsReadAsMapsGiveTheValuesWritten() throws Exception {
        RollupAnswer answer = new RollupAnswer(List.of("timestamp", "samples"), Map.of(), SampleTable.VM_SAMPLE, -1,
                null);
        read(answer, "(1, 0, 3, 0), (1, 300000, 4, 0)");
        WrittenRows rows = answer.rows(ids -> Map.of());
        assertEquals(2, rows.size());
        assertEquals(Map.of("timestamp", 300000, "samples", 4), rows.get(1));
    }
}
