package org.sflowmonitor.store;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The entities of one rollup table that memory folds, by key (id, sub). The ids of nodes and
 * VMs are the database's identities, small and dense, so an entity without a sub is found by its
 * id in pages of an array: no key object and no hashing per sample, one memory access fewer
 * than a HashMap's (the fold's entity lookup is a cache miss at a million entities). Other keys
 * (interfaces: the node and an ifIndex) are held in a map.
 */
final class RollupEntities {

    private static final int PAGE_BITS = 14;
    private static final int PAGE = 1 << PAGE_BITS;
    /** Ids beyond this many pages go to the map (a page table of at most 1 MB). */
    private static final int MAX_PAGES = 1 << 17;

    private record Key(long id, long sub) {
    }

    private EntityRollup[][] pages = new EntityRollup[16][];
    private final Map<Key, EntityRollup> others = new HashMap<>();

    /** The entity (id, sub); null when it is not held. */
    EntityRollup find(long id, long sub) {
        if (paged(id, sub)) {
            int page = (int) (id >>> PAGE_BITS);
            EntityRollup[] p = page < pages.length ? pages[page] : null;
            return p == null ? null : p[(int) (id & (PAGE - 1))];
        }
        return others.get(new Key(id, sub));
    }

    /** Holds {@code e} as the entity (id, sub). */
    void put(long id, long sub, EntityRollup e) {
        if (paged(id, sub)) {
            int page = (int) (id >>> PAGE_BITS);
            if (page >= pages.length) {
                pages = Arrays.copyOf(pages, Math.max(page + 1, pages.length * 2));
            }
            if (pages[page] == null) {
                pages[page] = new EntityRollup[PAGE];
            }
            pages[page][(int) (id & (PAGE - 1))] = e;
        } else {
            others.put(new Key(id, sub), e);
        }
    }

    private static boolean paged(long id, long sub) {
        return sub == 0 && id >= 0 && id < (long) MAX_PAGES << PAGE_BITS;
    }

    /** Hands every entity held to {@code action}. */
    void forEach(Consumer<EntityRollup> action) {
        others.values().forEach(action);
        for (EntityRollup[] p : pages) {
            if (p != null) {
                for (EntityRollup e : p) {
                    if (e != null) {
                        action.accept(e);
                    }
                }
            }
        }
    }

    /** Drops the entities that {@code drop} accepts. */
    void removeIf(Predicate<EntityRollup> drop) {
        others.values().removeIf(drop);
        for (EntityRollup[] p : pages) {
            if (p != null) {
                for (int i = 0; i < p.length; i++) {
                    if (p[i] != null && drop.test(p[i])) {
                        p[i] = null;
                    }
                }
            }
        }
    }
}
