package org.sflowmonitor.store;

import java.util.UUID;

/**
 * A map from UUID to value with the UUIDs' two longs held in one array (open addressing,
 * linear probing). The writer looks up a VM per sample among up to millions: through a
 * HashMap each lookup follows a node and a UUID object, two cache misses; here the probe
 * reads adjacent longs. No removal (VMs are never
 * deleted). Not thread-safe.
 */
final class UuidMap<V> {

    private static final int MIN_CAPACITY = 16;

    /** msb and lsb of the UUID of slot i at 2i and 2i+1; a slot is free when its value is null. */
    private long[] keys;
    private Object[] values;
    private int size;

    UuidMap() {
        clear();
    }

    int size() {
        return size;
    }

    void clear() {
        keys = new long[2 * MIN_CAPACITY];
        values = new Object[MIN_CAPACITY];
        size = 0;
    }

    @SuppressWarnings("unchecked")
    V get(UUID uuid) {
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        int mask = values.length - 1;
        for (int i = slot(msb, lsb, mask); values[i] != null; i = (i + 1) & mask) {
            if (keys[2 * i] == msb && keys[2 * i + 1] == lsb) {
                return (V) values[i];
            }
        }
        return null;
    }

    /** Adds or replaces the value of {@code uuid}; {@code value} is not null. */
    void put(UUID uuid, V value) {
        if (2 * (size + 1) > values.length) {
            grow();
        }
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        int mask = values.length - 1;
        int i = slot(msb, lsb, mask);
        while (values[i] != null) {
            if (keys[2 * i] == msb && keys[2 * i + 1] == lsb) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[2 * i] = msb;
        keys[2 * i + 1] = lsb;
        values[i] = value;
        size++;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        int mask = values.length - 1;
        for (int j = 0; j < oldValues.length; j++) {
            if (oldValues[j] != null) {
                int i = slot(oldKeys[2 * j], oldKeys[2 * j + 1], mask);
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[2 * i] = oldKeys[2 * j];
                keys[2 * i + 1] = oldKeys[2 * j + 1];
                values[i] = oldValues[j];
            }
        }
    }

    /** A well-mixed slot even for UUIDs that differ in few bits (hand-made or sequential ones). */
    private static int slot(long msb, long lsb, int mask) {
        long h = msb * 0x9E3779B97F4A7C15L ^ lsb;
        h ^= h >>> 32;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 29;
        return (int) h & mask;
    }
}
