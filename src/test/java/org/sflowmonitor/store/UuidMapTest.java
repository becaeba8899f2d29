package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class UuidMapTest {

    @Test
    void everyUuidPutIsFoundWithItsValueAfterManyGrowths() {
        UuidMap<Integer> map = new UuidMap<>();
        Map<UUID, Integer> expected = new HashMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            UUID uuid = new UUID(random.nextLong(), random.nextLong());
            map.put(uuid, i);
            expected.put(uuid, i);
        }
        assertEquals(expected.size(), map.size());
        expected.forEach((uuid, value) -> assertEquals(value, map.get(uuid)));
    }

    @Test
    void uuidsThatDifferInOneBitDoNotHideEachOther() {
        UuidMap<Long> map = new UuidMap<>();
        for (long i = 0; i < 10_000; i++) {
            map.put(new UUID(0, i), i);
            map.put(new UUID(i, 0), -i);
        }
        for (long i = 1; i < 10_000; i++) {
            assertEquals(i, map.get(new UUID(0, i)));
            assertEquals(-i, map.get(new UUID(i, 0)));
        }
        assertEquals(0L, map.get(new UUID(0, 0)), "the zero UUID is a key like any other");
        assertEquals(19_999, map.size());
    }

    @Test
    void puttingAKnownUuidReplacesItsValue() {
        UuidMap<String> map = new UuidMap<>();
        UUID uuid = UUID.randomUUID();
        map.put(uuid, "a");
        map.put(uuid, "b");
        assertEquals("b", map.get(uuid));
        assertEquals(1, map.size());
    }

    @Test
    void anUnknownUuidIsNotFoundAndClearForgetsAll() {
        UuidMap<String> map = new UuidMap<>();
        UUID uuid = UUID.randomUUID();
        assertNull(map.get(uuid));
        map.put(uuid, "a");
        map.clear();
        assertNull(map.get(uuid));
        assertEquals(0, map.size());
    }
}
