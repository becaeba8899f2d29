package org.sflowmonitor.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.api.Api;
import org.sflowmonitor.api.ApiConfig;
import org.sflowmonitor.api.CollectorSources;
import org.sflowmonitor.ingest.EntitySample;
import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.store.BatchWriter;
import org.sflowmonitor.store.Database;
import org.sflowmonitor.store.Queries;
import org.sflowmonitor.testing.UnreachableDatabase;

class SharedResultsTest {

    @TempDir
    Path dataDir;

    @Test
    void theQueriesOfOneRoundWaitForAWriterThatIsBehindOnlyAsLongAsOneQueryWould() throws Exception {
        IngestStats stats = new IngestStats(100);
        try (Database db = Database.open("jdbc:h2:file:" + dataDir.resolve("db"), "sa", "", dataDir, 2)) {
            // queue 64, batches of 4: more than 16 samples waiting make calls wait; not started, it takes none
            BatchWriter writer = new BatchWriter(UnreachableDatabase.dataSource(), stats,
                    new BatchWriter.Config(64, 4, 10, 10));
            try {
                for (int i = 0; i < 20; i++) {
                    assertTrue(writer.offer(new EntitySample.NodeSample("10.0.0." + i, 1, 1,
                            new CounterRecord.HostDescr("n" + i, null, 3, 2, ""), null, null, null, null, null, null,
                            null, null, null, null)));
                }
                Api api = Api.create(new Queries(db, 10), new CollectorSources(stats, writer, db, 0),
                        new ApiConfig("", 1 << 20, 10, 1000, "test", 3));
                SharedResults results = new SharedResults(api, 1_000, System::nanoTime, () -> 0, new LongAdder());
                long roundBegan = System.nanoTime();

                for (String method : new String[] {"host.summary", "virt.summary", "host.description"}) {
                    assertNull(results.refresh(method, method, JsonNodeFactory.instance.objectNode(), roundBegan)
                            .outcome().error(), method);
                }

                assertEquals(1, writer.ingestFirst().counters().get("waited_for_ingest"));
            } finally {
                writer.close(1_000);
            }
        }
    }
}
