package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class VmUuidsTest {

    @Test
    void everyUuidPutIsFoundWithItsIdAfterManyGrowths() {
        VmUuids uuids = new VmUuids();
        Map<UUID, Long> expected = new HashMap<>();
        Random random = new Random(7);
        for (long id = 1; id <= 100_000; id++) {
            UUID uuid = new UUID(random.nextLong(), random.nextLong());
            uuids.put(uuid, id);
            expected.put(uuid, id);
        }
        assertEquals(expected.size(), uuids.size());
        expected.forEach((uuid, id) -> assertEquals(id, uuids.id(uuid)));
    }

    @Test
    void uuidsThatDifferInOneBitDoNotHideEachOther() {
        VmUuids uuids = new VmUuids();
        for (long i = 1; i < 10_000; i++) {
            uuids.put(new UUID(0, i), i);
            uuids.put(new UUID(i, 0), 100_000 + i);
        }
        uuids.put(new UUID(0, 0), 7);
        for (long i = 1; i < 10_000; i++) {
            assertEquals(i, uuids.id(new UUID(0, i)));
            assertEquals(100_000 + i, uuids.id(new UUID(i, 0)));
        }
        assertEquals(7, uuids.id(new UUID(0, 0)), "the zero UUID is a key like any other");
        assertEquals(19_999, uuids.size());
    }

    @Test
    void anUnknownUuidHasNoIdAndClearForgetsAll() {
        VmUuids uuids = new VmUuids();
        UUID uuid = UUID.randomUUID();
        assertEquals(0, uuids.id(uuid));
        uuids.put(uuid, 5);
        uuids.clear(1_000_000);
        assertEquals(0, uuids.id(uuid));
        assertEquals(0, uuids.size());
        uuids.put(uuid, 6);
        assertEquals(6, uuids.id(uuid));
    }

    @Test
    void aReaderFindsEveryUuidPutBeforeItsSearchBeganWhileTheTableGrows() throws Exception {
        VmUuids uuids = new VmUuids();
        long misses = SearchesWhileAWriterAdds.misses(300_000, id -> uuids.put(new UUID(id, ~id), id),
                id -> uuids.id(id, ~id) == id);
        assertEquals(0, misses, "searches that missed a UUID put before they began");
    }
}
