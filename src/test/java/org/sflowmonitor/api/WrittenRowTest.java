package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A row kept with its JSON is written exactly as the row itself would be, wherever it sits in an answer. */
class WrittenRowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final VmSummary A = new VmSummary("10.0.0.1", "u-1", "u-1", "web \"1\"", "running", 1L, 1_700L, 20_000L,
            2L, 12.5, 1L << 30, new BigInteger("18446744073709551000"), 50.0, null, null, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0,
            7.0, 8.0, true, null);
    private static final VmSummary B = new VmSummary("10.0.0.2", "u-2", "u-2", null, null, null, 1_800L, null, null,
            null, 0.25f, null, null, null, null, null, null, null, null, null, null, null, null, false, 1_900L);

    @Test
    void aListOfWrittenRowsIsTheListOfTheRows() throws Exception {
        assertEquals(JSON.writeValueAsString(List.of(A, B)),
                JSON.writeValueAsString(List.of(new WrittenRow<>(A), new WrittenRow<>(B))));
    }

    @Test
    void writtenRowsInsideAPageWithItsTotalAreTheRows() throws Exception {
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("total", 2);
        rows.put("rows", List.of(A, B));
        Map<String, Object> written = new LinkedHashMap<>();
        written.put("total", 2);
        written.put("rows", List.of(new WrittenRow<>(A), new WrittenRow<>(B)));
        assertEquals(JSON.writeValueAsString(rows), JSON.writeValueAsString(written));
    }

    @Test
    void aRowWrittenTwiceIsTheSameBothTimes() throws Exception {
        WrittenRow<VmSummary> row = new WrittenRow<>(A);
        assertEquals(JSON.writeValueAsString(row), JSON.writeValueAsString(row));
        assertEquals(JSON.writeValueAsString(A), JSON.writeValueAsString(row));
    }
}
