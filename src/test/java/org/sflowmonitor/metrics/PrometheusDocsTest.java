package org.sflowmonitor.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** docs/prometheus.md keeps in step with what /metrics exposes. */
class PrometheusDocsTest {

    private static String docs() throws Exception {
        return Files.readString(Path.of("docs/prometheus.md"));
    }

    @Test
    void everyEntityMetricIsListedWithItsExposedName() throws Exception {
        String docs = docs();
        for (SeriesFamily f : EntityMetrics.families()) {
            String exposed = f.name() + (f.counter() ? "_total" : "");
            assertTrue(docs.contains("`" + exposed + "`") || docs.contains("`" + exposed + "{"),
                    exposed + " is missing from docs/prometheus.md");
        }
    }

    @Test
    void everyIngestCounterIsNamed() throws Exception {
        String docs = docs();
        for (org.sflowmonitor.ingest.IngestCounter c : org.sflowmonitor.ingest.IngestCounter.values()) {
            assertTrue(docs.contains("`" + CollectorMetrics.name(c) + "`"), c + " is missing from docs/prometheus.md");
        }
    }
}
