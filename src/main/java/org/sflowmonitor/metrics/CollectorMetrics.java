package org.sflowmonitor.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmNativeMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import org.sflowmonitor.ingest.AgentCounters;
import org.sflowmonitor.ingest.IngestCounter;
import org.sflowmonitor.store.CommitLatency;

/**
 * The collector's own figures: every ingest counter in total ({@code sflow_collector_<counter>_total}),
 * the sequence-gap losses and restarts per agent, the writer's queue and transaction times, the
 * database size, and the JVM's metrics from the Prometheus client's instrumentation.
 */
final class CollectorMetrics {

    /** The ingest counters also exposed per agent (label {@code agent}). */
    static final Set<IngestCounter> PER_AGENT = Set.of(IngestCounter.DATAGRAMS_LOST,
            IngestCounter.COUNTER_SAMPLES_LOST, IngestCounter.AGENT_RESETS);
    static final String PREFIX = "sflow_collector_";

    private final MetricsSources sources;
    private final PrometheusRegistry jvm = new PrometheusRegistry();

    CollectorMetrics(MetricsSources sources) {
        this.sources = sources;
        // Not JvmMetrics as a whole: its JvmMemoryPoolAllocationMetrics adds a listener to the platform's
        // garbage collector beans that outlives an undeploy and keeps the web application's class loader.
        JvmThreadsMetrics.builder().register(jvm);
        JvmBufferPoolMetrics.builder().register(jvm);
        JvmClassLoadingMetrics.builder().register(jvm);
        JvmCompilationMetrics.builder().register(jvm);
        JvmGarbageCollectorMetrics.builder().register(jvm);
        JvmMemoryMetrics.builder().register(jvm);
        JvmNativeMemoryMetrics.builder().register(jvm);
        JvmRuntimeInfoMetric.builder().register(jvm);
        ProcessMetrics.builder().register(jvm);
    }

    void collect(List<MetricSnapshot> out) {
        AgentCounters total = sources.stats().total();
        Map<String, AgentCounters> agents = sources.stats().agents();
        for (IngestCounter c : IngestCounter.values()) {
            out.add(new CounterSnapshot(new MetricMetadata(PREFIX + name(c), help(c, "all agents")),
                    List.of(new CounterDataPointSnapshot(total.get(c), Labels.EMPTY, null, 0))));
        }
        for (IngestCounter c : IngestCounter.values()) {
            if (!PER_AGENT.contains(c)) {
                continue;
            }
            List<CounterDataPointSnapshot> points = new ArrayList<>(agents.size());
            agents.forEach((agent, counters) -> points.add(new CounterDataPointSnapshot(counters.get(c),
                    Labels.of("agent", agent), null, 0)));
            out.add(new CounterSnapshot(new MetricMetadata(PREFIX + "agent_" + name(c), help(c, "one agent")),
                    points));
        }
        out.add(gauge("queue_depth", "samples waiting for the database writer", sources.writer().queueDepth()));
        out.add(gauge("queue_capacity", "samples the writer's queue holds (ingest.queue.capacity)",
                sources.writer().queueCapacity()));
        out.add(gauge("database_fault", "1 while the database refuses writes (see collector.status)",
                sources.writer().fault() == null ? 0 : 1));
        long size = sources.database().sizeBytes();
        if (size >= 0) {
            out.add(gauge("database_size_bytes", "bytes of the H2 database files", size));
        }
        out.add(latency(sources.writer().commitLatency()));
        jvm.scrape().forEach(out::add);
    }

    /**
     * The counter's name in a metric name: its collector.status key, but "counter_samples" (sFlow's
     * counter samples) become "polling_samples", as a metric name with "counter" in it reads as a type.
     */
    static String name(IngestCounter c) {
        return c.key().replace("counter_samples", "polling_samples");
    }

    private static String help(IngestCounter c, String whose) {
        return c.key().replace('_', ' ') + ", " + whose + " (as collector.status counts it)";
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return new GaugeSnapshot(new MetricMetadata(PREFIX + name, help),
                List.of(new GaugeDataPointSnapshot(value, Labels.EMPTY, null)));
    }

    private static HistogramSnapshot latency(CommitLatency latency) {
        int n = latency.bucketCount();
        double[] bounds = new double[n + 1];
        long[] counts = new long[n + 1];
        long counted = 0;
        for (int i = 0; i < n; i++) {
            bounds[i] = latency.upperBound(i);
            counts[i] = latency.inBucket(i);
            counted += counts[i];
        }
        bounds[n] = Double.POSITIVE_INFINITY;
        counts[n] = Math.max(0, latency.count() - counted);
        return new HistogramSnapshot(new MetricMetadata(PREFIX + "writer_transaction_seconds",
                "time to write one batch of samples and commit it"), List.of(new HistogramDataPointSnapshot(
                ClassicHistogramBuckets.of(bounds, counts), latency.sumSeconds(), Labels.EMPTY, null, 0)));
    }
}
