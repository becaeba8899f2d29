package org.sflowmonitor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** H2RowCost writes a row per VM and round into each shape of the table it compares, and measures them. */
class H2RowCostTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"schema", "bigint", "clustered"})
    void eachVariantStoresOneRowPerVmAndRoundAndReportsItsCost(String variant) throws Exception {
        H2RowCost.Result r = H2RowCost.run(dir, variant, 200, 1, 2, "");

        assertEquals(200 * 3, r.rowsStored());
        // the process's CPU clock ticks in 10 ms, more than these few rows take
        assertTrue(r.threadMicros() > 0 && r.processMicros() >= 0 && r.allocatedBytes() > 0, r.toString());
    }
}
