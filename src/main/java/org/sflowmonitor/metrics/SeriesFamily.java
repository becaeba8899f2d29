package org.sflowmonitor.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import org.sflowmonitor.store.LatestValues.Reading;
import org.sflowmonitor.store.SampleTable;

/**
 * One metric family of a sample table, with the value columns it reads; collects the data points
 * of one scrape and turns them into the client model's snapshot. Each point carries the time of
 * the sample it comes from, so that rate() divides by the agent's real polling interval.
 */
final class SeriesFamily {

    private final MetricMetadata metadata;
    private final boolean counter;
    private final int[] columns;
    private final double[] scales;
    private final String labelName;
    private final String[] labelValues;

    private SeriesFamily(MetricMetadata metadata, boolean counter, int[] columns, double[] scales, String labelName,
                         String[] labelValues) {
        this.metadata = metadata;
        this.counter = counter;
        this.columns = columns;
        this.scales = scales;
        this.labelName = labelName;
        this.labelValues = labelValues;
    }

    /** The families of {@code metrics} (those of one name together, in declaration order), read from {@code table}. */
    static List<SeriesFamily> of(SampleTable table, List<SampleMetric> metrics) {
        Map<String, List<SampleMetric>> byName = new LinkedHashMap<>();
        metrics.forEach(m -> byName.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m));
        List<SeriesFamily> families = new ArrayList<>();
        byName.forEach((name, ms) -> {
            int[] columns = new int[ms.size()];
            double[] scales = new double[ms.size()];
            String[] labelValues = new String[ms.size()];
            for (int i = 0; i < ms.size(); i++) {
                columns[i] = table.valueColumns().indexOf(ms.get(i).column());
                if (columns[i] < 0) {
                    throw new IllegalStateException(table + " has no column " + ms.get(i).column());
                }
                scales[i] = ms.get(i).scale();
                labelValues[i] = ms.get(i).labelValue();
            }
            boolean counter = table.isCounter(columns[0]);
            for (int c : columns) {
                if (table.isCounter(c) != counter) {
                    throw new IllegalStateException(name + " mixes counters and gauges");
                }
            }
            families.add(new SeriesFamily(new MetricMetadata(name, ms.get(0).help()), counter, columns, scales,
                    ms.get(0).labelName(), labelValues));
        });
        return List.copyOf(families);
    }

    String name() {
        return metadata.getName();
    }

    boolean counter() {
        return counter;
    }

    /** A new collection for one scrape. */
    Points points() {
        return new Points();
    }

    /** The data points of one scrape. */
    final class Points {
        private final List<CounterDataPointSnapshot> counters = new ArrayList<>();
        private final List<GaugeDataPointSnapshot> gauges = new ArrayList<>();

        /** Adds the entity's known values from {@code reading}, labelled {@code labels}. */
        void add(Reading reading, Labels labels) {
            double[] values = reading.values();
            for (int i = 0; i < columns.length; i++) {
                double v = values[columns[i]];
                if (Double.isNaN(v)) {
                    continue;
                }
                Labels l = labelName == null ? labels : labels.add(labelName, labelValues[i]);
                if (counter) {
                    counters.add(new CounterDataPointSnapshot(v * scales[i], l, null, 0, reading.at()));
                } else {
                    gauges.add(new GaugeDataPointSnapshot(v * scales[i], l, null, reading.at()));
                }
            }
        }

        boolean isEmpty() {
            return counters.isEmpty() && gauges.isEmpty();
        }

        MetricSnapshot snapshot() {
            return counter ? new CounterSnapshot(metadata, counters) : new GaugeSnapshot(metadata, gauges);
        }
    }
}
