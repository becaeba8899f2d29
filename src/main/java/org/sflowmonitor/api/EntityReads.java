package org.sflowmonitor.api;

import org.sflowmonitor.store.Inventory;
import org.sflowmonitor.store.LatestSamples;
import org.sflowmonitor.store.LiveEntities;

/** What the host and virt services read: the inventory, the series, the newest samples and the writer's live state. */
record EntityReads(Inventory inventory, EntityLookup lookup, SeriesReader series, LatestSamples latest,
                   LiveEntities live) {

    EntityReads(Inventory inventory, SeriesReader series, LatestSamples latest, LiveEntities live) {
        this(inventory, new EntityLookup(inventory), series, latest, live);
    }
}
