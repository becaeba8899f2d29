package org.sflowmonitor.metrics;

import java.util.ArrayList;
import java.util.Comparator;
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

import org.sflowmonitor.store.SampleTable;

/**
 * One metric family of a sample table, with the value columns it reads; turns the rows of one
 * scrape into the client model's snapshot. Each point carries the time of the sample it comes
 * from, so that rate() divides by the agent's real polling interval.
 */
record SeriesFamily(MetricMetadata metadata, boolean counter, int[] columns, double[] scales, String labelName,
                    String[] labelValues) {

    /**
     * The families of {@code metrics} (those of one name together, in declaration order), read from
     * {@code table}. The columns of a labelled family are kept in the order of their label values, so
     * that one entity's points come in the order the snapshot sorts them into.
     */
    static List<SeriesFamily> of(SampleTable table, List<SampleMetric> metrics) {
        Map<String, List<SampleMetric>> byName = new LinkedHashMap<>();
        metrics.forEach(m -> byName.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m));
        List<SeriesFamily> families = new ArrayList<>();
        byName.forEach((name, declared) -> {
            List<SampleMetric> ms = new ArrayList<>(declared);
            if (ms.get(0).labelName() != null) {
                ms.sort(Comparator.comparing(SampleMetric::labelValue));
            }
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

    /**
     * The snapshot of this family's known values in {@code rows}, or null when none is known. The
     * rows come in the order of their labels, so that the snapshot's sort of its points finds
     * them sorted already (one comparison a point instead of a full sort).
     */
    MetricSnapshot snapshot(List<EntityRow> rows) {
        if (counter) {
            List<CounterDataPointSnapshot> points = points(rows, (value, labels, at) ->
                    new CounterDataPointSnapshot(value, labels, null, 0, at));
            return points.isEmpty() ? null : new CounterSnapshot(metadata, points);
        }
        List<GaugeDataPointSnapshot> points = points(rows, (value, labels, at) ->
                new GaugeDataPointSnapshot(value, labels, null, at));
        return points.isEmpty() ? null : new GaugeSnapshot(metadata, points);
    }

    /** Makes the client's data point of one value. */
    private interface Point<P> {
        P of(double value, Labels labels, long at);
    }

    private <P> List<P> points(List<EntityRow> rows, Point<P> point) {
        List<P> points = new ArrayList<>(rows.size() * columns.length);
        for (EntityRow row : rows) {
            double[] values = row.reading().values();
            for (int i = 0; i < columns.length; i++) {
                double v = values[columns[i]];
                if (!Double.isNaN(v)) {
                    points.add(point.of(v * scales[i], labels(row, i), row.reading().at()));
                }
            }
        }
        return points;
    }

    private Labels labels(EntityRow row, int column) {
        return labelName == null ? row.labels() : row.labels().add(labelName, labelValues[column]);
    }
}
