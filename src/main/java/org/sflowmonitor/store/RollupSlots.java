package org.sflowmonitor.store;

/**
 * The entities of one rollup table that memory folds, each under a dense slot number from 0:
 * the row of its state in {@link ChunkedRows} and {@link BucketColumns}. A node or VM (sub 0)
 * is found by its id, the database's identity (small and dense), in an int per id; other keys
 * (an interface: its node and ifIndex, or an id too large) through an open-addressing table of
 * keys and slots (linear probing, at most half full). No key object, no boxing, no garbage per
 * lookup. A removed entity's slot is given to the next new one.
 */
final class RollupSlots {

    private static final int ID = 0;
    private static final int SUB = 1;
    /** In the slots' keys: 1 while the slot holds an entity; in the table: the slot + 1 (0: the place is empty). */
    private static final int USED = 2;

    /** Ids below this (16 M) are found by id: at most 64 MB of slots by id. */
    private static final long BY_ID = 1L << 24;

    private final ChunkedRows<long[]> keys = new ChunkedRows<>(long[]::new, 3, ChunkedRows.rowBits(3));
    /** Per id below {@link #BY_ID} the slot + 1 of entity (id, 0); 0: none. */
    private final ChunkedRows<int[]> byId = new ChunkedRows<>(int[]::new, 1, ChunkedRows.rowBits(1));
    /** Per place of the table the key and the slot + 1 found there (0: empty), so that a lookup reads one place. */
    private ChunkedRows<long[]> table;
    private int tableMask;
    private final ChunkedRows<int[]> free = new ChunkedRows<>(int[]::new, 1, ChunkedRows.rowBits(1));
    private int freeCount;
    /** Slots ever given: every slot is below. */
    private int end;
    private int count;
    /** How many entities the table holds (the others are found by id). */
    private int inTable;

    RollupSlots() {
        table = newTable(1 << 10);
    }

    private ChunkedRows<long[]> newTable(int places) {
        tableMask = places - 1;
        ChunkedRows<long[]> t = new ChunkedRows<>(long[]::new, 3, ChunkedRows.rowBits(3));
        t.chunk(places - 1);
        return t;
    }

    /** The slot of entity (id, sub); -1 when it has none. */
    int find(long id, long sub) {
        if (byId(id, sub)) {
            int i = (int) id;
            return byId.reaches(i) ? byId.chunk(i)[byId.at(i)] - 1 : -1;
        }
        for (int place = home(id, sub); ; place = (place + 1) & tableMask) {
            long[] t = table.chunk(place);
            int at = table.at(place);
            long slot = t[at + USED] - 1;
            if (slot < 0 || t[at + ID] == id && t[at + SUB] == sub) {
                return (int) slot;
            }
        }
    }

    /** A slot for entity (id, sub), which has none ({@link #find} gave -1). */
    int add(long id, long sub) {
        int slot = freeCount > 0 ? free.chunk(--freeCount)[free.at(freeCount)] : end++;
        long[] k = keys.chunk(slot);
        int at = keys.at(slot);
        k[at + ID] = id;
        k[at + SUB] = sub;
        k[at + USED] = 1;
        if (byId(id, sub)) {
            byId.chunk((int) id)[byId.at((int) id)] = slot + 1;
        } else {
            if ((inTable + 1) * 2L > tableMask + 1L) {
                grow();
            }
            place(id, sub, slot + 1L);
            inTable++;
        }
        count++;
        return slot;
    }

    /** Puts the key and the slot + 1 at the first empty place from the key's home. */
    private void place(long id, long sub, long slotPlusOne) {
        int place = home(id, sub);
        while (table.chunk(place)[table.at(place) + USED] != 0) {
            place = (place + 1) & tableMask;
        }
        long[] t = table.chunk(place);
        int at = table.at(place);
        t[at + ID] = id;
        t[at + SUB] = sub;
        t[at + USED] = slotPlusOne;
    }

    private void grow() {
        ChunkedRows<long[]> old = table;
        int places = tableMask + 1;
        table = newTable(places * 2);
        for (int place = 0; place < places; place++) {
            long[] t = old.chunk(place);
            int at = old.at(place);
            if (t[at + USED] != 0) {
                place(t[at + ID], t[at + SUB], t[at + USED]);
            }
        }
    }

    /** Removes the entity of {@code slot}; the slot may be given to another. */
    void remove(int slot) {
        keys.chunk(slot)[keys.at(slot) + USED] = 0;
        free.chunk(freeCount)[free.at(freeCount)] = slot;
        freeCount++;
        count--;
        if (byId(id(slot), sub(slot))) {
            byId.chunk((int) id(slot))[byId.at((int) id(slot))] = 0;
        } else {
            removeFromTable(slot);
        }
    }

    private static boolean byId(long id, long sub) {
        return sub == 0 && id >= 0 && id < BY_ID;
    }

    private void removeFromTable(int slot) {
        int empty = home(id(slot), sub(slot));
        while (table.chunk(empty)[table.at(empty) + USED] != slot + 1L) {
            empty = (empty + 1) & tableMask;
        }
        // backward shift: move up each later entry of the run that may not lie beyond the emptied place
        for (int next = (empty + 1) & tableMask; ; next = (next + 1) & tableMask) {
            long[] t = table.chunk(next);
            int at = table.at(next);
            if (t[at + USED] == 0) {
                break;
            }
            int home = home(t[at + ID], t[at + SUB]);
            boolean stays = empty <= next ? empty < home && home <= next : empty < home || home <= next;
            if (!stays) {
                System.arraycopy(t, at, table.chunk(empty), table.at(empty), 3);
                empty = next;
            }
        }
        table.chunk(empty)[table.at(empty) + USED] = 0;
        inTable--;
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
