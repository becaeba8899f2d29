package org.sflowmonitor.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import org.sflowmonitor.store.IngestFirst;
import org.sflowmonitor.store.LatestValues;

/**
 * /metrics and its service discovery: the scrape of a {@link Selection}, and the groups of nodes
 * (by node id: group {@code g} holds ids {@code g * groupSize + 1} to {@code (g + 1) * groupSize},
 * so a node keeps its group for good and new nodes fill the last one).
 */
public final class Metrics {

    /** The servlet context attribute holding the service's {@code Metrics}. */
    public static final String CONTEXT_ATTRIBUTE = Metrics.class.getName();

    /** The longest a scrape waits for the writer in all (Prometheus' scrape_timeout is 10 s by default). */
    static final long SCRAPE_WAIT_MILLIS = 4_000;

    private final MetricsSources sources;
    private final MetricsConfig config;
    private final CollectorMetrics collector;

    public Metrics(MetricsSources sources, MetricsConfig config) {
        this.sources = sources;
        this.config = config;
        this.collector = new CollectorMetrics(sources);
    }

    public MetricsConfig config() {
        return config;
    }

    /**
     * One scrape at {@code now} (epoch ms); its entity families are built as they are written, each
     * after the writer has caught up ({@link org.sflowmonitor.store.IngestFirst}), for at most
     * {@link #SCRAPE_WAIT_MILLIS} in all, so that a scrape's work goes where ingest leaves room and
     * it still ends within Prometheus' default timeout. The collector's own metrics never wait:
     * they show why it is behind.
     */
    Scrape scrape(Selection selection, long now) {
        List<MetricSnapshot> own = new ArrayList<>();
        if (selection.collector()) {
            collector.collect(own);
        }
        List<Supplier<MetricSnapshot>> families = EntityMetrics.snapshots(nodes(selection), silence(now));
        if (!selectsEntities(selection)) {
            return new Scrape(new MetricSnapshots(own), families);
        }
        long waitUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SCRAPE_WAIT_MILLIS);
        IngestFirst ingestFirst = sources.writer().ingestFirst();
        List<Supplier<MetricSnapshot>> waiting = new ArrayList<>();
        for (Supplier<MetricSnapshot> family : families) {
            waiting.add(() -> {
                ingestFirst.awaitIngest(waitUntil);
                return family.get();
            });
        }
        return new Scrape(new MetricSnapshots(own), waiting);
    }

    private static boolean selectsEntities(Selection selection) {
        return selection.everything() || !selection.nodes().isEmpty() || !selection.groups().isEmpty();
    }

    private Collection<LatestValues.Node> nodes(Selection selection) {
        LatestValues latest = sources.writer().latest();
        if (selection.everything()) {
            return latest.nodes();
        }
        Map<String, LatestValues.Node> chosen = new LinkedHashMap<>();
        for (String agent : selection.nodes()) {
            LatestValues.Node n = latest.node(agent);
            if (n != null) {
                chosen.put(agent, n);
            }
        }
        for (int g : selection.groups()) {
            long first = (long) g * config.groupSize() + 1;
            latest.nodesWithIds(first, first + config.groupSize()).forEach(n -> chosen.put(n.agent(), n));
        }
        return chosen.values();
    }

    private EntityMetrics.Silence silence(long now) {
        return new EntityMetrics.Silence(sources.writer().live(), config.silentIntervals(), now);
    }

    /** The groups with at least one node, VM or interface that reports, ascending. */
    List<Integer> groups(long now) {
        EntityMetrics.Silence silence = silence(now);
        TreeSet<Integer> groups = new TreeSet<>();
        for (LatestValues.Node n : sources.writer().latest().nodes()) {
            if (n.id() > 0 && reported(n, silence.reportedSince(n))) {
                groups.add((int) ((n.id() - 1) / config.groupSize()));
            }
        }
        return List.copyOf(groups);
    }

    private static boolean reported(LatestValues.Node n, long since) {
        if (EntityMetrics.reported(n.host(), since) || EntityMetrics.reported(n.mib2(), since)) {
            return true;
        }
        return n.vms().stream().anyMatch(v -> EntityMetrics.reported(v.reading(), since))
                || n.interfaces().stream().anyMatch(i -> EntityMetrics.reported(i.reading(), since));
    }
}
