package org.sflowmonitor.store;

import java.util.Arrays;

/**
 * Objects by their row id (ids only grow, from 1, with few gaps) in chunks of 32,768 references,
 * so that growing copies no chunk and no chunk is a humongous object for G1. Not thread-safe.
 */
final class ById<E> {

    private static final int CHUNK_BITS = 15;
    private static final int CHUNK_MASK = (1 << CHUNK_BITS) - 1;

    private Object[][] chunks = new Object[0][];

    /** The object of this id, or null. */
    @SuppressWarnings("unchecked")
    E get(long id) {
        long chunk = id >>> CHUNK_BITS;
        return id < 0 || chunk >= chunks.length ? null : (E) chunks[(int) chunk][(int) (id & CHUNK_MASK)];
    }

    /** Keeps {@code value} as the object of {@code id} (not negative). */
    void put(long id, E value) {
        int chunk = Math.toIntExact(id >>> CHUNK_BITS);
        if (chunk >= chunks.length) {
            int from = chunks.length;
            chunks = Arrays.copyOf(chunks, chunk + 1);
            for (int c = from; c < chunks.length; c++) {
                chunks[c] = new Object[1 << CHUNK_BITS];
            }
        }
        chunks[chunk][(int) (id & CHUNK_MASK)] = value;
    }

    void clear() {
        chunks = new Object[0][];
    }
}
