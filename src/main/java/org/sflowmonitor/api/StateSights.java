package org.sflowmonitor.api;

import org.sflowmonitor.store.LatestState;
import org.sflowmonitor.store.LiveEntities;

/**
 * The sights of every node and VM taken from the latest state ({@link LiveEntities#of}), made
 * again only when the state changed: a description call reads them whole (a pass over every VM),
 * and calls between two changes share one making.
 */
final class StateSights {

    private record Made(long generation, LiveEntities sights) {
    }

    private final LatestState state;
    private volatile Made made;

    StateSights(LatestState state) {
        this.state = state;
    }

    LiveEntities get() {
        long generation = state.generation(); // read first: a change while making is made again next time
        Made m = made;
        if (m == null || m.generation() != generation || generation < 0) {
            m = new Made(generation, LiveEntities.of(state));
            made = m;
        }
        return m.sights();
    }
}
