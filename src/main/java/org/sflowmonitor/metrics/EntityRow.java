package org.sflowmonitor.metrics;

import io.prometheus.metrics.model.snapshots.Labels;

import org.sflowmonitor.store.LatestValues.Reading;

/** One reporting node, VM or interface in one scrape: its labels and newest values. */
record EntityRow(Labels labels, Reading reading) implements Comparable<EntityRow> {

    /** In the order of their labels, as the client's snapshots sort their points. */
    @Override
    public int compareTo(EntityRow other) {
        return labels.compareTo(other.labels);
    }
}
