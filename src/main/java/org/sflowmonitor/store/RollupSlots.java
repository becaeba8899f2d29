package org.sflowmonitor.store;

/**
 * The entities of one rollup table that memory folds, each under a dense slot number from 0:
 * the row of its state in {@link ChunkedRows} and {@link BucketColumns}. Found by key (id, sub)
 * through an open-addressing table of slot numbers (linear probing, at most half full): no key
 * object, no boxing, no garbage per lookup. A removed entity's slot is given to the next new one.
 */
final class RollupSlots {

    private static final int ID = 0;
    private static final int SUB = 1;
    /** 1 while the slot holds an entity. */
    private static final int USED = 2;

    private final ChunkedRows<long[]> keys = new ChunkedRows<>(long[]::new, 3, ChunkedRows.rowBits(3));
    /** Per place of the table the slot + 1 found there; 0: empty. */
    private ChunkedRows<int[]> table;
    private int tableMask;
    private final ChunkedRows<int[]> free = new ChunkedRows<>(int[]::new, 1, ChunkedRows.rowBits(1));
    private int freeCount;
    /** Slots ever given: every slot is below. */
    private int end;
    private int count;

    RollupSlots() {
        table = newTable(1 << 10);
    }

    private ChunkedRows<int[]> newTable(int places) {
        tableMask = places - 1;
        ChunkedRows<int[]> t = new ChunkedRows<>(int[]::new, 1, ChunkedRows.rowBits(1));
        t.chunk(places - 1);
        return t;
    }

    /** The slot of entity (id, sub); -1 when it has none. */
    int find(long id, long sub) {
        for (int place = home(id, sub); ; place = (place + 1) & tableMask) {
            int slot = table.chunk(place)[table.at(place)] - 1;
            if (slot < 0) {
                return -1;
            }
            long[] k = keys.chunk(slot);
            int at = keys.at(slot);
            if (k[at + ID] == id && k[at + SUB] == sub) {
                return slot;
            }
        }
    }

    /** A slot for entity (id, sub), which has none ({@link #find} gave -1). */
    int add(long id, long sub) {
        if ((count + 1) * 2L > tableMask + 1L) {
            grow();
        }
        int slot = freeCount > 0 ? free.chunk(--freeCount)[free.at(freeCount)] : end++;
        long[] k = keys.chunk(slot);
        int at = keys.at(slot);
        k[at + ID] = id;
        k[at + SUB] = sub;
        k[at + USED] = 1;
        place(slot, id, sub);
        count++;
        return slot;
    }

    private void place(int slot, long id, long sub) {
        int place = home(id, sub);
        while (table.chunk(place)[table.at(place)] != 0) {
            place = (place + 1) & tableMask;
        }
        table.chunk(place)[table.at(place)] = slot + 1;
    }

    private void grow() {
        table = newTable((tableMask + 1) * 2);
        for (int slot = 0; slot < end; slot++) {
            if (used(slot)) {
                place(slot, id(slot), sub(slot));
            }
        }
    }

    /** Removes the entity of {@code slot}; the slot may be given to another. */
    void remove(int slot) {
        int place = home(id(slot), sub(slot));
        while (table.chunk(place)[table.at(place)] != slot + 1) {
            place = (place + 1) & tableMask;
        }
        // backward shift: move up each later entry of the run that may not lie beyond the emptied place
        int empty = place;
        for (int next = (empty + 1) & tableMask; ; next = (next + 1) & tableMask) {
            int moved = table.chunk(next)[table.at(next)];
            if (moved == 0) {
                break;
            }
            int home = home(id(moved - 1), sub(moved - 1));
            boolean stays = empty <= next ? empty < home && home <= next : empty < home || home <= next;
            if (!stays) {
                table.chunk(empty)[table.at(empty)] = moved;
                empty = next;
            }
        }
        table.chunk(empty)[table.at(empty)] = 0;
        keys.chunk(slot)[keys.at(slot) + USED] = 0;
        free.chunk(freeCount)[free.at(freeCount)] = slot;
        freeCount++;
        count--;
    }

    private int home(long id, long sub) {
        long h = (id * 0x9E3779B97F4A7C15L + sub) * 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ h >>> 32) & tableMask;
    }

    /** Every slot is below this; those between may be unused. */
    int end() {
        return end;
    }

    boolean used(int slot) {
        return keys.chunk(slot)[keys.at(slot) + USED] != 0;
    }

    long id(int slot) {
        return keys.chunk(slot)[keys.at(slot) + ID];
    }

    long sub(int slot) {
        return keys.chunk(slot)[keys.at(slot) + SUB];
    }

    /** How many entities hold a slot. */
    int count() {
        return count;
    }
}
