package org.sflowmonitor.store;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Every VM the writer knows, by UUID: the UUID's two longs and the VM's id in a hash table of
 * primitive arrays (open addressing, linear probing), so that a million VMs cost no object per
 * VM. The writer finds a sample's VM here; on H2, whose vm table has no index on {@code uuid},
 * the API's lookups by UUID take the VM's id from here too ({@link VmKeys#withUuid}). No removal:
 * VM rows are never deleted, and a reload starts from an empty table.
 *
 * <p>One writer thread, any number of readers. A slot's id is written last and read first: a
 * reader that sees it sees the UUID beside it. Growing fills a new table and publishes it whole;
 * a reader whose search overlapped that publication searches the new table again.
 */
final class VmUuids {

    /** 8,192 slots of 3 longs (192 KiB) a chunk: well under the size G1 stores as a humongous object. */
    private static final int CHUNK_BITS = 13;
    private static final int CHUNK_SLOTS = 1 << CHUNK_BITS;
    private static final int SLOT_MASK = CHUNK_SLOTS - 1;
    /** Grown by half when more than three quarters of the slots are taken. */
    private static final double MAX_LOAD = 0.75;
    /** Sized for the VMs of a load with this share of the slots taken. */
    private static final double LOADED_LOAD = 0.65;

    private volatile Table table = new Table(1);
    private int size;

    /** The id of the VM of this UUID, or 0 when there is none. */
    long id(UUID uuid) {
        return id(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
    }

    /** The id of the VM of this UUID, or 0; any thread. */
    long id(long msb, long lsb) {
        Table t = table;
        while (true) {
            long id = t.find(msb, lsb);
            Table now = table;
            if (now == t) {
                return id;
            }
            t = now; // the table grew during the search: an id added meanwhile is in the new one only
        }
    }

    int size() {
        return size;
    }

    /** Writer: forgets every VM and makes room for {@code expected} of them. */
    void clear(int expected) {
        table = new Table(chunksFor(expected / LOADED_LOAD));
        size = 0;
    }

    /** Writer: the VM of {@code uuid} has the id {@code id} (not 0). */
    void put(UUID uuid, long id) {
        if (size + 1 > table.capacity * MAX_LOAD) {
            grow();
        }
        if (table.put(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), id)) {
            size++;
        }
    }

    private void grow() {
        Table old = table;
        Table grown = new Table(chunksFor(old.capacity * 1.5));
        old.forEach(grown::put);
        table = grown;
    }

    private static int chunksFor(double slots) {
        return Math.max(1, (int) Math.ceil(slots / CHUNK_SLOTS));
    }

    private interface Entry {
        void accept(long msb, long lsb, long id);
    }

    /** Slot i: msb, lsb and id at 3 (i mod 8,192) of chunk i / 8,192; a slot is free while its id is 0. */
    private static final class Table {
        private final AtomicLongArray[] chunks;
        private final int capacity;

        Table(int chunkCount) {
            chunks = LongChunks.allocate(chunkCount, 3 * CHUNK_SLOTS);
            capacity = chunkCount * CHUNK_SLOTS;
        }

        long find(long msb, long lsb) {
            for (int i = slot(msb, lsb); ; i = next(i)) {
                AtomicLongArray chunk = chunks[i >>> CHUNK_BITS];
                int at = 3 * (i & SLOT_MASK);
                long id = chunk.get(at + 2);
                if (id == 0) {
                    return 0;
                }
                if (chunk.get(at) == msb && chunk.get(at + 1) == lsb) {
                    return id;
                }
            }
        }

        /** True when the UUID was new here (a known one gets the new id). */
        boolean put(long msb, long lsb, long id) {
            for (int i = slot(msb, lsb); ; i = next(i)) {
                AtomicLongArray chunk = chunks[i >>> CHUNK_BITS];
                int at = 3 * (i & SLOT_MASK);
                long stored = chunk.get(at + 2);
                if (stored == 0) {
                    chunk.lazySet(at, msb);
                    chunk.lazySet(at + 1, lsb);
                    chunk.set(at + 2, id); // last: a reader that sees the id sees the UUID
                    return true;
                }
                if (chunk.get(at) == msb && chunk.get(at + 1) == lsb) {
                    chunk.set(at + 2, id);
                    return false;
                }
            }
        }

        void forEach(Entry each) {
            for (AtomicLongArray chunk : chunks) {
                for (int at = 0; at < chunk.length(); at += 3) {
                    long id = chunk.get(at + 2);
                    if (id != 0) {
                        each.accept(chunk.get(at), chunk.get(at + 1), id);
                    }
                }
            }
        }

        private int next(int i) {
            return i + 1 == capacity ? 0 : i + 1;
        }

        /** A well-mixed slot even for UUIDs that differ in few bits, over any capacity (no power of two needed). */
        private int slot(long msb, long lsb) {
            long h = msb * 0x9E3779B97F4A7C15L ^ lsb;
            h ^= h >>> 32;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 29;
            return (int) (((h >>> 32) * capacity) >>> 32);
        }
    }
}
