package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChunkedRowsTest {

    @Test
    void aChunkHoldsWholeRowsAndNeverMoreThan32768Values() {
        for (int stride : new int[] {1, 3, 20, 97, 5_000}) {
            ChunkedRows<long[]> rows = new ChunkedRows<>(long[]::new, stride, ChunkedRows.rowBits(stride));
            long[] chunk = rows.chunk(0);
            assertTrue(chunk.length <= ChunkedRows.CHUNK_VALUES, "stride " + stride);
            assertEquals(0, chunk.length % stride, "stride " + stride);
            int perChunk = chunk.length / stride;
            assertSame(chunk, rows.chunk(perChunk - 1));
            assertEquals((perChunk - 1) * stride, rows.at(perChunk - 1));
            assertNotSame(chunk, rows.chunk(perChunk));
            assertEquals(0, rows.at(perChunk));
        }
    }

    @Test
    void askingWhetherARowIsReachedMakesNoChunk() {
        ChunkedRows<int[]> rows = new ChunkedRows<>(int[]::new, 1, ChunkedRows.rowBits(1));
        assertFalse(rows.reaches(0));
        assertFalse(rows.reaches(5_000_000));
        rows.chunk(40_000);
        assertTrue(rows.reaches(0));
        assertTrue(rows.reaches(65_535));
        assertFalse(rows.reaches(65_536));
    }

    @Test
    void trimmedRowsAreMadeAgainEmptyAndTheRowsKeptKeepTheirValues() {
        ChunkedRows<long[]> rows = new ChunkedRows<>(long[]::new, 2, ChunkedRows.rowBits(2));
        rows.chunk(0)[rows.at(0)] = 7;
        rows.chunk(100_000)[rows.at(100_000) + 1] = 9;
        rows.trim(1);
        assertFalse(rows.reaches(100_000));
        assertEquals(7, rows.chunk(0)[rows.at(0)]);
        assertEquals(0, rows.chunk(100_000)[rows.at(100_000) + 1]);
    }
}
