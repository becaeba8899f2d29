package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class KeyIndexTest {

    private static long[] sorted(long[] ids) {
        long[] copy = ids.clone();
        Arrays.sort(copy);
        return copy;
    }

    @Test
    void everyIdPairedWithAKeyIsFoundByItAfterManyGrowths() {
        KeyIndex index = new KeyIndex();
        Random random = new Random(5);
        int[] keys = new int[200_000];
        for (int id = 1; id < keys.length; id++) {
            keys[id] = random.nextInt() | 1;
            index.add(keys[id], id);
        }
        for (int id = 1; id < keys.length; id++) {
            long wanted = id;
            assertEquals(1, Arrays.stream(index.ids(keys[id])).filter(found -> found == wanted).count());
        }
    }

    @Test
    void aKeySharedBySeveralVmsFindsThemAllAndARemovedOneNoMore() {
        KeyIndex index = new KeyIndex();
        for (long id = 1; id <= 5; id++) {
            index.add(42, id);
        }
        index.add(43, 9);
        index.remove(42, 3);
        index.remove(42, 77); // not held: nothing
        assertArrayEquals(new long[] {1, 2, 4, 5}, sorted(index.ids(42)));
        assertArrayEquals(new long[] {9}, index.ids(43));
        assertArrayEquals(new long[0], index.ids(44));
    }

    @Test
    void pairsAddedAndRemovedManyTimesLeaveExactlyThoseHeld() {
        KeyIndex index = new KeyIndex();
        for (int round = 0; round < 50; round++) {
            for (long id = 1; id <= 20_000; id++) {
                index.add((int) (id % 1_000) + 1 + round, id);
            }
            for (long id = 1; id <= 20_000; id++) {
                index.remove((int) (id % 1_000) + 1 + round, id);
            }
        }
        index.add(7, 123);
        assertArrayEquals(new long[] {123}, index.ids(7));
        for (int key = 1; key <= 1_100; key++) {
            if (key != 7) {
                assertArrayEquals(new long[0], index.ids(key), "key " + key);
            }
        }
    }

    @Test
    void aReaderFindsEveryPairAddedBeforeItsSearchBeganWhileOthersComeGoAndTheTableIsRebuilt() throws Exception {
        KeyIndex index = new KeyIndex();
        long misses = SearchesWhileAWriterAdds.misses(300_000, id -> {
            index.add((int) id * 31 | 1, id);
            index.add(-5, id); // and a pair that goes again at once: tombstones, then rebuilds
            index.remove(-5, id);
        }, id -> Arrays.stream(index.ids((int) id * 31 | 1)).anyMatch(found -> found == id));
        assertEquals(0, misses, "searches that missed a pair added before they began");
    }

    @Test
    void addingManyVmsWithOneKeyVisitsSlotsInProportionToThePairsNotToTheirSquare() {
        KeyIndex index = new KeyIndex();
        int vms = 100_000;
        for (long id = 1; id <= vms; id++) {
            index.add(42, id);
        }
        assertEquals(vms, index.ids(42).length);
        assertTrue(index.slotsVisitedByAdds() < 100L * vms,
                index.slotsVisitedByAdds() + " slots visited for " + vms + " pairs");
    }

    @Test
    void keysSharedByHundredsOfVmsComingAndGoingAmongOthersFindExactlyThoseHeld() {
        KeyIndex index = new KeyIndex();
        Map<Integer, Set<Long>> held = new HashMap<>();
        Random random = new Random(11);
        for (int op = 0; op < 300_000; op++) {
            // a few keys shared by hundreds of VMs (their adds start at a far end), many keys of one or two
            int key = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 10 + random.nextInt(50_000);
            long id = 1 + random.nextInt(2_000);
            Set<Long> ids = held.computeIfAbsent(key, k -> new HashSet<>());
            if (ids.contains(id)) {
                index.remove(key, id);
                ids.remove(id);
            } else {
                index.add(key, id);
                ids.add(id);
            }
        }
        for (Map.Entry<Integer, Set<Long>> e : held.entrySet()) {
            assertArrayEquals(e.getValue().stream().mapToLong(Long::longValue).sorted().toArray(),
                    sorted(index.ids(e.getKey())), "key " + e.getKey());
        }
    }

    @Test
    void clearForgetsEveryPair() {
        KeyIndex index = new KeyIndex();
        index.add(5, 1);
        index.clear(1_000_000);
        assertArrayEquals(new long[0], index.ids(5));
        index.add(5, 2);
        assertArrayEquals(new long[] {2}, index.ids(5));
    }
}
