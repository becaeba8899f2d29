package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RollupSlotsTest {

    @Test
    void anEntityIsFoundUnderTheIdAndSubItWasAddedUnder() {
        RollupSlots slots = new RollupSlots();
        int vm = slots.add(1_000_000, 0);
        int itf = slots.add(1_000_000, 3);
        assertNotEquals(vm, itf);
        assertEquals(vm, slots.find(1_000_000, 0));
        assertEquals(itf, slots.find(1_000_000, 3));
        assertEquals(-1, slots.find(1_000_001, 0));
        assertEquals(-1, slots.find(1_000_000, 4));
        assertEquals(1_000_000, slots.id(itf));
        assertEquals(3, slots.sub(itf));
    }

    @Test
    void idsTooLargeOrNegativeAreHeldToo() {
        RollupSlots slots = new RollupSlots();
        int large = slots.add(Long.MAX_VALUE, Long.MAX_VALUE);
        int negative = slots.add(-5, 0);
        assertEquals(large, slots.find(Long.MAX_VALUE, Long.MAX_VALUE));
        assertEquals(negative, slots.find(-5, 0));
    }

    @Test
    void slotsAreDenseFromZeroAndARemovedOneIsGivenToTheNextNewEntity() {
        RollupSlots slots = new RollupSlots();
        for (long id = 1; id <= 5; id++) {
            assertEquals(id - 1, slots.add(id, 0));
        }
        slots.remove(2);
        assertFalse(slots.used(2));
        assertEquals(-1, slots.find(3, 0));
        assertEquals(2, slots.add(99, 7));
        assertEquals(2, slots.find(99, 7));
        assertEquals(5, slots.end());
        assertEquals(5, slots.count());
    }

    @Test
    void afterManyAdditionsAndRemovalsEveryEntityHeldIsFoundAndNoRemovedOne() {
        RollupSlots slots = new RollupSlots();
        Map<Long, Integer> held = new HashMap<>();
        for (long id = 0; id < 200_000; id++) {
            held.put(id, slots.add(id * 7, id % 4));
        }
        for (long id = 0; id < 200_000; id += 3) {
            slots.remove(held.remove(id));
        }
        for (long id = 0; id < 200_000; id++) {
            Integer slot = held.get(id);
            assertEquals(slot == null ? -1 : slot, slots.find(id * 7, id % 4), "entity " + id);
        }
        assertEquals(held.size(), slots.count());
        held.values().forEach(slot -> assertTrue(slots.used(slot)));
    }
}
