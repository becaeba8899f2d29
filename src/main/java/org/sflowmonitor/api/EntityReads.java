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
                   LatestState state, SummaryRows summaries, LiveEntities live, StateSights stateSights,
                   int silentIntervals) {

    EntityReads(Inventory inventory, SeriesReader series, LatestSamples latest, LatestState state, LiveEntities live,
                int silentIntervals) {
        this(inventory, new EntityLookup(inventory), series, latest, state, new SummaryRows(state, live), live,
                state == null ? null : new StateSights(state), silentIntervals);
    }

    /**
     * The writer's live state when it alone writes the database, else (role api, or role both
     * beside other collectors: {@code live} is never loaded) the same facts from the latest
     * state, which holds what every collector wrote.
     */
    LiveEntities sights() {
        return live.loaded() || stateSights == null ? live : stateSights.get();
    }

    /** The reporting rule at the instant of a call. */
    Reporting.Rule reportingNow() {
        return new Reporting.Rule(silentIntervals, System.currentTimeMillis());
    }
}
