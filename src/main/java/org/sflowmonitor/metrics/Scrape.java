package org.sflowmonitor.metrics;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * What one GET of /metrics exposes: the collector's own snapshots (none unless selected) and the
 * entity families, each built when it is written, so that only one family's data points are in
 * memory at a time (a 100-node group has some 200,000 of them).
 */
record Scrape(MetricSnapshots collector, List<Supplier<MetricSnapshot>> families) {

    /** Takes the parts of a scrape in order. */
    interface PartWriter {
        void write(MetricSnapshots part) throws IOException;
    }

    /** Hands {@code out} the collector's snapshots as one part, then each family with a value as a part of its own. */
    void writeParts(PartWriter out) throws IOException {
        if (collector.size() > 0) {
            out.write(collector);
        }
        for (Supplier<MetricSnapshot> family : families) {
            MetricSnapshot snapshot = family.get();
            if (snapshot != null) {
                out.write(new MetricSnapshots(snapshot));
            }
        }
    }
}
