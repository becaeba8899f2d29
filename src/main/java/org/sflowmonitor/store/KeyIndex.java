package org.sflowmonitor.store;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Pairs of a 32-bit key (never 0) and a VM id, found by key: a hash table of longs (the key in
 * the high half, the id in the low), open addressing with linear probing, where a key may have
 * several ids. {@link VmKeys}' lookups by name and MAC read it instead of scanning a key per VM.
 * A removed pair leaves a tombstone that searches pass over; pairs never move within a table.
 *
 * <p>One writer thread, any number of readers. Each slot is one long, written and read whole.
 * Growing (or purging tombstones) fills a new table and publishes it whole; a search that
 * overlapped that publication searches the new table again.
 */
final class KeyIndex {

    /** 32,768 slots (256 KiB) a chunk: under the size G1 stores as a humongous object. */
    private static final int CHUNK_BITS = 15;
    private static final int CHUNK_MASK = (1 << CHUNK_BITS) - 1;
    private static final long FREE = 0;
    /** Key 0, which no pair has. */
    private static final long TOMBSTONE = 1;
    /** Filled (pairs and tombstones) beyond three quarters: a new table. */
    private static final double MAX_FILL = 0.75;
    /** Sized for the pairs expected with this share of the slots taken. */
    private static final double SIZED_LOAD = 0.65;
    /** The ids a pair can hold. */
    static final long MAX_ID = 0xFFFF_FFFFL;
    /** An add that went this far past its key's slot notes where it went: the key's next add starts there. */
    private static final int FAR = 64;

    private volatile Table table = new Table(1);
    private int size;
    private int tombstones;
    private long slotsVisited;

    /** The ids paired with {@code key}; any thread. */
    long[] ids(int key) {
        Table t = table;
        while (true) {
            long[] found = t.ids(key);
            Table now = table;
            if (now == t) {
                return found;
            }
            t = now; // a new table was published during the search: a pair added meanwhile is there only
        }
    }

    /** Writer: forgets every pair and makes room for {@code expected} of them. */
    void clear(int expected) {
        table = new Table(chunksFor(expected / SIZED_LOAD));
        size = 0;
        tombstones = 0;
    }

    /** Writer: pairs {@code key} (not 0) with {@code id} (1 to {@link #MAX_ID}), once. */
    void add(int key, long id) {
        if (size + tombstones + 1 > table.capacity * MAX_FILL) {
            rebuild();
        }
        if (table.add(pair(key, id))) {
            tombstones--;
        }
        size++;
    }

    /** Writer: the pair is no more (nothing when it is not held). */
    void remove(int key, long id) {
        if (table.remove(pair(key, id))) {
            size--;
            tombstones++;
        }
    }

    private static long pair(int key, long id) {
        return (long) key << 32 | id;
    }

    /** A new table for the pairs without the tombstones, half as large again when they fill more than half. */
    private void rebuild() {
        Table old = table;
        Table fresh = new Table(size > old.capacity / 2 ? chunksFor(old.capacity * 1.5) : old.chunks.length);
        old.forEach(fresh::add);
        tombstones = 0;
        table = fresh;
    }

    private static int chunksFor(double slots) {
        return Math.max(1, (int) Math.ceil(slots / (1 << CHUNK_BITS)));
    }

    /** Writer: slots the adds visited since this index was made; linear in the pairs, also when many share a key. */
    long slotsVisitedByAdds() {
        return slotsVisited;
    }

    private final class Table {
        private final AtomicLongArray[] chunks;
        private final int capacity;
        /**
         * For a key whose pairs reach far past its slot (one name or MAC of many VMs), the slot of
         * its last pair. Every slot from the key's own up to it is taken, and a slot once taken is
         * never free again in this table, so a new pair of the key may start searching there.
         * Writer only.
         */
        private final Map<Integer, Integer> farEnds = new HashMap<>();

        Table(int chunkCount) {
            chunks = LongChunks.allocate(chunkCount, 1 << CHUNK_BITS);
            capacity = chunkCount << CHUNK_BITS;
        }

        long[] ids(int key) {
            long[] found = new long[2];
            int n = 0;
            for (int i = slot(key); ; i = next(i)) {
                long value = chunks[i >>> CHUNK_BITS].get(i & CHUNK_MASK);
                if (value == FREE) {
                    return Arrays.copyOf(found, n);
                }
                if ((int) (value >>> 32) == key) {
                    if (n == found.length) {
                        found = Arrays.copyOf(found, 2 * n);
                    }
                    found[n++] = value & MAX_ID;
                }
            }
        }

        /** True when the pair took a tombstone's slot. */
        boolean add(long pair) {
            int key = (int) (pair >>> 32);
            Integer farEnd = farEnds.get(key);
            int i = farEnd == null ? slot(key) : farEnd;
            for (int steps = 0; ; steps++) {
                slotsVisited++;
                AtomicLongArray chunk = chunks[i >>> CHUNK_BITS];
                long value = chunk.get(i & CHUNK_MASK);
                if (value == FREE || value == TOMBSTONE) {
                    chunk.set(i & CHUNK_MASK, pair);
                    if (farEnd != null || steps >= FAR) {
                        farEnds.put(key, i);
                    }
                    return value == TOMBSTONE;
                }
                i = next(i);
            }
        }

        boolean remove(long pair) {
            for (int i = slot((int) (pair >>> 32)); ; i = next(i)) {
                AtomicLongArray chunk = chunks[i >>> CHUNK_BITS];
                long value = chunk.get(i & CHUNK_MASK);
                if (value == FREE) {
                    return false;
                }
                if (value == pair) {
                    chunk.set(i & CHUNK_MASK, TOMBSTONE);
                    return true;
                }
            }
        }

        void forEach(java.util.function.LongConsumer each) {
            for (AtomicLongArray chunk : chunks) {
                for (int i = 0; i < chunk.length(); i++) {
                    long value = chunk.get(i);
                    if (value != FREE && value != TOMBSTONE) {
                        each.accept(value);
                    }
                }
            }
        }

        private int next(int i) {
            return i + 1 == capacity ? 0 : i + 1;
        }

        /** Mixed again (keys close together must not crowd one stretch), spread over any capacity. */
        private int slot(int key) {
            int h = key;
            h ^= h >>> 16;
            h *= 0x85ebca6b;
            h ^= h >>> 13;
            h *= 0xc2b2ae35;
            h ^= h >>> 16;
            return (int) (((h & 0xFFFF_FFFFL) * capacity) >>> 32);
        }
    }
}
