package org.sflowmonitor.api;

import org.sflowmonitor.store.Inventory;
import org.sflowmonitor.store.LatestSamples;
import org.sflowmonitor.store.LiveEntities;

/**
 * What the host and virt services read: the inventory, the series, the newest samples, the
 * writer's live state, and entity.silent.intervals.
 */
record EntityReads(Inventory inventory, EntityLookup lookup, SeriesReader series, LatestSamples latest,
                   LiveEntities live, int silentIntervals) {

    EntityReads(Inventory inventory, SeriesReader series, LatestSamples latest, LiveEntities live,
                int silentIntervals) {
        this(inventory, new EntityLookup(inventory), series, latest, live, silentIntervals);
    }

    /** The reporting rule at the instant of a call. */
    Reporting.Rule reportingNow() {
        return new Reporting.Rule(silentIntervals, System.currentTimeMillis());
    }
}
