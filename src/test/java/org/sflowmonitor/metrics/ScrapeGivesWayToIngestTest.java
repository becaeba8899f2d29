package org.sflowmonitor.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.ingest.EntitySample;
import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.store.BatchWriter;
import org.sflowmonitor.store.Database;
import org.sflowmonitor.testing.UnreachableDatabase;

/**
 * A scrape of nodes waits for a writer that is behind: once, and at most SCRAPE_WAIT_MILLIS in all;
 * a scrape of the collector's own metrics does not wait.
 */
class ScrapeGivesWayToIngestTest {

    /** Queue 64, batches of 4, not started: 20 samples waiting keep it behind. */
    private static BatchWriter writerBehind() {
        BatchWriter writer = new BatchWriter(UnreachableDatabase.dataSource(), new IngestStats(10),
                new BatchWriter.Config(64, 4, 10, 10));
        for (int i = 0; i < 20; i++) {
            assertTrue(writer.offer(new EntitySample.NodeSample("10.0.0." + i, 1, 1,
                    new CounterRecord.HostDescr("n" + i, null, 3, 2, ""), null, null, null, null, null, null,
                    null, null, null, null)));
        }
        return writer;
    }

    private static long scrapeMillis(Metrics metrics, Map<String, String[]> params) throws Exception {
        long start = System.nanoTime();
        Exposition.write(Exposition.format(null), metrics.scrape(Selection.parse(params), System.currentTimeMillis()),
                new ByteArrayOutputStream(), false);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    void aScrapeOfNodesWaitsForTheWriterOnceAndNoLongerThanItsBound() throws Exception {
        BatchWriter writer = writerBehind();
        Metrics metrics = new Metrics(new MetricsSources(writer, new IngestStats(10), null), new MetricsConfig("", 100, 3));

        long millis = scrapeMillis(metrics, Map.of("group", new String[] {"0"}));

        assertTrue(millis >= Metrics.SCRAPE_WAIT_MILLIS, millis + " ms");
        assertTrue(millis < 3 * Metrics.SCRAPE_WAIT_MILLIS, "each family waited on its own: " + millis + " ms");
        assertEquals(1, writer.ingestFirst().counters().get("waited_for_ingest"));
    }

    @Test
    void aScrapeOfTheCollectorsOwnMetricsDoesNotWait(@TempDir Path dataDir) throws Exception {
        BatchWriter writer = writerBehind();
        try (Database db = Database.open("jdbc:h2:file:" + dataDir.resolve("db"), "sa", "", dataDir, 2)) {
            Metrics metrics = new Metrics(new MetricsSources(writer, new IngestStats(10), db),
                    new MetricsConfig("", 100, 3));

            scrapeMillis(metrics, Map.of("collector", new String[] {"true"}));
        }

        assertEquals(0, writer.ingestFirst().counters().get("waited_for_ingest"));
    }
}
