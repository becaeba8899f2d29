package org.sflowmonitor.store;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Values by id in chunks, so that growing never copies them; iteration in id order. Any number of
 * readers; writes are serialised by the caller.
 */
final class Slots<T> {
    private static final int CHUNK_BITS = 14;
    private static final int CHUNK_SIZE = 1 << CHUNK_BITS;
    private volatile AtomicReferenceArray<T>[] chunks = newChunks(0);

    @SuppressWarnings("unchecked")
    private static <T> AtomicReferenceArray<T>[] newChunks(int n) {
        return (AtomicReferenceArray<T>[]) new AtomicReferenceArray<?>[n];
    }

    T get(long id) {
        AtomicReferenceArray<T>[] cs = chunks;
        long chunk = id >>> CHUNK_BITS;
        return id < 0 || chunk >= cs.length ? null : cs[(int) chunk].get((int) (id & (CHUNK_SIZE - 1)));
    }

    void set(long id, T value) {
        if (id < 0) {
            return;
        }
        int chunk = Math.toIntExact(id >>> CHUNK_BITS);
        AtomicReferenceArray<T>[] cs = chunks;
        if (chunk >= cs.length) {
            if (value == null) {
                return;
            }
            cs = Arrays.copyOf(cs, chunk + 1);
            for (int i = 0; i < cs.length; i++) {
                if (cs[i] == null) {
                    cs[i] = new AtomicReferenceArray<>(CHUNK_SIZE);
                }
            }
            chunks = cs;
        }
        cs[chunk].set((int) (id & (CHUNK_SIZE - 1)), value);
    }

    /** The value of {@code id} in {@code slots}, made and set first when there is none. */
    static <T> T orMade(Slots<T> slots, long id, LongFunction<T> make) {
        T value = slots.get(id);
        if (value == null) {
            value = make.apply(id);
            slots.set(id, value);
        }
        return value;
    }

    /** Sets the value of {@code id} unless it equals the one held, so that an equal new object does not replace it. */
    static <T> void setIfChanged(Slots<T> slots, long id, T value) {
        if (!Objects.equals(slots.get(id), value)) {
            slots.set(id, value);
        }
    }

    void forEach(Consumer<T> each) {
        AtomicReferenceArray<T>[] cs = chunks;
        for (AtomicReferenceArray<T> c : cs) {
            for (int i = 0; i < CHUNK_SIZE; i++) {
                T value = c.get(i);
                if (value != null) {
                    each.accept(value);
                }
            }
        }
    }
}
