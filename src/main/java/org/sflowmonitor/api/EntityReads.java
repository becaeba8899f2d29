package org.sflowmonitor.api;

import org.sflowmonitor.store.Inventory;
import org.sflowmonitor.store.LatestSamples;
import org.sflowmonitor.store.LatestState;
import org.sflowmonitor.store.LiveEntities;

/**
 * What the host and virt services read: the inventory, the series, the newest samples (in the
 * tables, and in memory with the summary rows made of them), the writer's live state, and
 * entity.silent.intervals.
 */
record EntityReads(Inventory inventory, EntityLookup lookup, SeriesReader series, LatestSamples latest,
                   LatestState state, SummaryRows summaries, LiveEntities live, int silentIntervals) {

    EntityReads(Inventory inventory, SeriesReader series, LatestSamples latest, LatestState state, LiveEntities live,
                int silentIntervals) {
        this(inventory, new EntityLookup(inventory), series, latest, state, new SummaryRows(state, live), live,
                silentIntervals);
    }

    /**
     * The writer's live state, or on an instance without a writer (role api) the same facts from the
     * latest state, which holds what every collector wrote.
     */
    LiveEntities sights() {
        return live.loaded() || state == null ? live : LiveEntities.of(state);
    }

    /** The reporting rule at the instant of a call. */
    Reporting.Rule reportingNow() {
        return new Reporting.Rule(silentIntervals, System.currentTimeMillis());
    }
}
