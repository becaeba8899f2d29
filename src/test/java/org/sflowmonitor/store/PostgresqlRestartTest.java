package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.ingest.IngestCounter;
import org.sflowmonitor.testing.PostgresServer;

/** A PostgreSQL server restarted while the collector ingests: the writer reconnects and the queue bridges the gap. */
class PostgresqlRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void samplesArrivingWhilePostgresqlRestartsAreStoredOnceItIsBackAndNothingIsLost() throws Exception {
        SimulatedCluster cluster = new SimulatedCluster(20, 10);
        try (PostgresServer server = PostgresServer.start();
             TestCollector collector = TestCollector.start(server.createSchema("restarted"), dataDir)) {
            collector.sendAndAwait(cluster.round(0));
            server.stop();
            collector.send(java.net.InetAddress.getByName("127.0.0.1"), cluster.round(1));
            server.restart();
            collector.sendAndAwait(cluster.round(2));

            assertEquals(0, collector.total(IngestCounter.QUEUE_DROPS));
            assertEquals(0, collector.total(IngestCounter.WRITE_ERRORS));
            assertEquals(3 * 20 * 10, collector.count("vm_sample"));
            assertEquals(3 * 20, collector.count("host_sample"));
            assertEquals(20 * 10, collector.count("vm"));
            assertNull(collector.writer.fault());
        }
    }
}
