package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.ingest.EntitySample;
import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.store.BatchWriter;
import org.sflowmonitor.store.Database;
import org.sflowmonitor.store.Queries;
import org.sflowmonitor.testing.UnreachableDatabase;

/** collector.status shows a database fault while it lasts, without the driver's text. */
class CollectorStatusFaultTest {

    @TempDir
    Path dataDir;

    @Test
    void aWriterThatCannotReachTheDatabaseIsReportedAsAFault() throws Exception {
        IngestStats stats = new IngestStats(100);
        try (Database db = Database.open("jdbc:h2:file:" + dataDir.resolve("db"), "sa", "", dataDir, 2)) {
            BatchWriter writer = new BatchWriter(UnreachableDatabase.dataSource(), stats, new BatchWriter.Config(16, 4, 10, 10)).start();
            try {
                assertTrue(writer.offer(new EntitySample.NodeSample("10.0.0.1", 1, 1,
                        new CounterRecord.HostDescr("n", null, 3, 2, ""), null, null, null, null, null, null,
                        null, null, null, null)));
                long deadline = System.currentTimeMillis() + 10_000;
                while (writer.fault() == null && System.currentTimeMillis() < deadline) {
                    Thread.sleep(10);
                }
                CollectorService service = new CollectorService(new CollectorSources(stats, writer, db, 0),
                        new Queries(db, 10), "test");
                Map<String, Object> status = service.status(null);
                Object fault = ((CollectorService.WriterRow) status.get("writer")).fault();

                assertEquals("the database refuses writes; samples wait in the queue (the log has the details)",
                        fault);
                assertFalse(status.toString().contains("SELECT"), status.toString());
            } finally {
                writer.close(1_000);
            }
        }
    }
}
