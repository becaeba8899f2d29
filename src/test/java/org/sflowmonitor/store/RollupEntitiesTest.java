package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RollupEntitiesTest {

    private static EntityRollup entity() {
        return new EntityRollup(RollupRows.VM, 300_000, null);
    }

    @Test
    void anEntityIsFoundUnderTheIdAndSubItWasPutUnder() {
        RollupEntities entities = new RollupEntities();
        EntityRollup vm = entity();
        EntityRollup itf = entity();
        entities.put(1_000_000, 0, vm);
        entities.put(1_000_000, 3, itf);
        assertSame(vm, entities.find(1_000_000, 0));
        assertSame(itf, entities.find(1_000_000, 3));
        assertNull(entities.find(1_000_001, 0));
        assertNull(entities.find(1_000_000, 4));
    }

    @Test
    void idsTooLargeOrNegativeForThePagesAreHeldToo() {
        RollupEntities entities = new RollupEntities();
        EntityRollup large = entity();
        EntityRollup negative = entity();
        entities.put(Long.MAX_VALUE, 0, large);
        entities.put(-5, 0, negative);
        assertSame(large, entities.find(Long.MAX_VALUE, 0));
        assertSame(negative, entities.find(-5, 0));
    }

    @Test
    void everyEntityHeldIsVisitedAndThoseDroppedAreGone() {
        RollupEntities entities = new RollupEntities();
        List<EntityRollup> put = new ArrayList<>();
        for (long id : new long[] {1, 70_000, 5_000_000}) {
            EntityRollup e = entity();
            entities.put(id, 0, e);
            put.add(e);
        }
        EntityRollup itf = entity();
        entities.put(1, 2, itf);
        put.add(itf);
        List<EntityRollup> seen = new ArrayList<>();
        entities.forEach(seen::add);
        assertEquals(put.size(), seen.size());
        assertEquals(true, seen.containsAll(put));

        entities.removeIf(e -> e == put.get(1) || e == itf);
        assertNull(entities.find(70_000, 0));
        assertNull(entities.find(1, 2));
        assertSame(put.get(0), entities.find(1, 0));
        List<EntityRollup> left = new ArrayList<>();
        entities.forEach(left::add);
        assertEquals(2, left.size());
    }
}
