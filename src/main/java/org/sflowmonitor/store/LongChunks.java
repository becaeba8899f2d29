package org.sflowmonitor.store;

import java.util.concurrent.atomic.AtomicLongArray;

/** The chunks of the in-memory hash tables ({@link VmUuids}, {@link KeyIndex}): longs that readers see whole. */
final class LongChunks {

    private LongChunks() {
    }

    /** {@code count} chunks of {@code length} longs, all 0. */
    static AtomicLongArray[] allocate(int count, int length) {
        AtomicLongArray[] chunks = new AtomicLongArray[count];
        for (int c = 0; c < count; c++) {
            chunks[c] = new AtomicLongArray(length);
        }
        return chunks;
    }
}
