package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.ingest.EntitySample;
import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.store.BatchWriter;
import org.sflowmonitor.store.Database;
import org.sflowmonitor.store.IngestFirst;
import org.sflowmonitor.store.Queries;
import org.sflowmonitor.testing.UnreachableDatabase;

/**
 * Calls on the cluster's data wait while the writer is behind; the collector's own status does
 * not. The writer here is not started, so the samples offered stay waiting.
 */
class ApiGivesWayToIngestTest {

    /** Queue 64 and batches of 4: more than 16 samples waiting (4 batches) make calls wait. */
    private static final BatchWriter.Config SMALL = new BatchWriter.Config(64, 4, 10, 10);

    @TempDir
    Path dataDir;

    private Database db;
    private BatchWriter writer;
    private Api api;

    @BeforeEach
    void aWriterThatFallsBehind() throws Exception {
        IngestStats stats = new IngestStats(100);
        db = Database.open("jdbc:h2:file:" + dataDir.resolve("db"), "sa", "", dataDir, 2);
        writer = new BatchWriter(UnreachableDatabase.dataSource(), stats, SMALL);
        offerTwentySamples(writer);
        api = apiOf(writer, stats);
    }

    private static void offerTwentySamples(BatchWriter writer) {
        for (int i = 0; i < 20; i++) {
            assertTrue(writer.offer(new EntitySample.NodeSample("10.0.0." + i, 1, 1,
                    new CounterRecord.HostDescr("n" + i, null, 3, 2, ""), null, null, null, null, null, null,
                    null, null, null, null)));
        }
    }

    private Api apiOf(BatchWriter w, IngestStats stats) {
        return Api.create(new Queries(db, 10), new CollectorSources(stats, w, db, 0),
                new ApiConfig("", 1 << 20, 10, 1000, "test", 3));
    }

    @AfterEach
    void close() {
        writer.close(1_000);
        db.close();
    }

    private long waited() {
        return writer.ingestFirst().counters().get("waited_for_ingest");
    }

    private String call(String method, String params) {
        return new String(api.handle(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":"
                + params + "}").getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void aCallOnTheClustersDataWaitsForAWriterThatIsBehindThenAnswers() {
        long start = System.nanoTime();

        String answer = call("host.summary", "{}");

        assertTrue(answer.contains("\"result\""), answer);
        assertEquals(1, waited());
        assertTrue(System.nanoTime() - start >= IngestFirst.MAX_WAIT_MILLIS * 1_000_000L);
    }

    @Test
    void theCallsOfABatchWaitForAWriterThatIsBehindOnlyAsLongAsOneCallWould() {
        String answer = new String(api.handle(("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"host.summary\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"virt.summary\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"host.description\"}]")
                .getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);

        assertEquals(3, answer.split("\"result\"", -1).length - 1, answer);
        assertEquals(1, waited(), "each call of the batch waited for the writer on its own");
    }

    @Test
    void collectorStatusAnswersAtOnceAndShowsTheWaits() throws Exception {
        call("virt.summary", "{}");

        String status = call("collector.status", "{\"agent\":\"-\"}");

        assertEquals(1, waited());
        Map<?, ?> answers = (Map<?, ?>) ((Map<?, ?>) new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(status, Map.class).get("result")).get("answers");
        assertEquals(1, ((Number) answers.get("waited_for_ingest")).intValue(), status);
    }

    @Test
    void aCallDoesNotWaitWhileTheWritersDatabaseIsAway() throws Exception {
        IngestStats stats = new IngestStats(100);
        BatchWriter failing = new BatchWriter(UnreachableDatabase.dataSource(), stats, SMALL).start();
        try {
            offerTwentySamples(failing);
            long deadline = System.currentTimeMillis() + 10_000;
            while (failing.fault() == null && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            api = apiOf(failing, stats);

            assertTrue(call("host.summary", "{}").contains("\"result\""));
            assertEquals(0, failing.ingestFirst().counters().get("waited_for_ingest"));
        } finally {
            failing.close(1_000);
        }
    }
}
