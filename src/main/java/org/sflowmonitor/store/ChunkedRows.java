package org.sflowmonitor.store;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Rows of {@code stride} primitive values by row number, in chunks of whole rows that grow one
 * chunk at a time (no copy of the values) and hold at most 32,768 values: a chunk of 65,536
 * longs is a humongous object for G1 with 1 MiB regions. A handful of large arrays instead of an
 * object per row, which G1 marks for nothing (their values hold no references).
 *
 * @param <A> the chunks' array type: long[], double[] or int[]
 */
final class ChunkedRows<A> {

    static final int CHUNK_VALUES = 32_768;

    private final IntFunction<A> newChunk;
    private final int stride;
    private final int rowBits;
    private final int rowMask;
    private Object[] chunks = new Object[0];
    /** How many chunks are made: those below. */
    private int made;

    /** Rows of {@code stride} values, {@code 1 << rowBits} rows a chunk ({@link #rowBits} gives the most that fit). */
    ChunkedRows(IntFunction<A> newChunk, int stride, int rowBits) {
        if ((stride << rowBits) > CHUNK_VALUES) {
            throw new IllegalArgumentException(stride + " values a row do not fit 2^" + rowBits + " rows a chunk");
        }
        this.newChunk = newChunk;
        this.stride = stride;
        this.rowBits = rowBits;
        this.rowMask = (1 << rowBits) - 1;
    }

    /** The most rows of {@code stride} values a chunk holds, as a power of two: its exponent. */
    static int rowBits(int stride) {
        return Integer.numberOfTrailingZeros(Integer.highestOneBit(Math.max(1, CHUNK_VALUES / Math.max(1, stride))));
    }

    /** The chunk holding row {@code row} (made when the rows do not reach it yet); its values start at {@link #at}. */
    @SuppressWarnings("unchecked")
    A chunk(int row) {
        int c = row >>> rowBits;
        if (c >= made) {
            if (c >= chunks.length) {
                chunks = Arrays.copyOf(chunks, Math.max(c + 1, chunks.length * 2));
            }
            for (; made <= c; made++) {
                chunks[made] = newChunk.apply(stride << rowBits);
            }
        }
        return (A) chunks[c];
    }

    /** Whether row {@code row} lies in a chunk already made. */
    boolean reaches(int row) {
        return row >>> rowBits < made;
    }

    /** Gives the chunks beyond the first {@code rows} rows back to the heap. */
    void trim(int rows) {
        int keep = (rows + rowMask) >>> rowBits;
        for (int i = keep; i < made; i++) {
            chunks[i] = null;
        }
        made = Math.min(made, keep);
    }

    /** Where row {@code row}'s values start in its {@link #chunk}. */
    int at(int row) {
        return (row & rowMask) * stride;
    }
}
