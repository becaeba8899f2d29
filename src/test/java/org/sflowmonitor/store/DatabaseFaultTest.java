package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.ingest.IngestCounter;
import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.sflow.SflowEncoder;

/** The database becomes unreachable while samples keep arriving, then comes back. */
class DatabaseFaultTest {

    @TempDir
    Path dataDir;

    @Test
    void whileTheDatabaseIsDownIngestKeepsReceivingCountsItsDropsAndRecoversByItself() throws Exception {
        FlakyDataSource[] flaky = new FlakyDataSource[1];
        BatchWriter.Config small = new BatchWriter.Config(64, 16, 1000, 1000);
        try (TestCollector c = TestCollector.start(dataDir, small, ds -> flaky[0] = new FlakyDataSource(ds))) {
            c.sendAndAwait(datagrams(1, 10));
            assertEquals(10, c.count("host_sample"));

            flaky[0].down = true;
            c.send(InetAddress.getByName("127.0.0.1"), datagrams(11, 300));
            long deadline = System.currentTimeMillis() + 10_000;
            while (c.total(IngestCounter.DATAGRAMS_RECEIVED) < 310 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(310, c.total(IngestCounter.DATAGRAMS_RECEIVED), "ingest keeps receiving");
            assertNotNull(c.writer.fault(), "the fault is visible");
            assertTrue(c.total(IngestCounter.QUEUE_DROPS) > 0, "drops are counted");

            flaky[0].down = false;
            c.awaitIdle(310);
            assertNull(c.writer.fault(), "recovered by itself");
            long stored = c.total(IngestCounter.SAMPLES_STORED);
            assertEquals(310, stored + c.total(IngestCounter.QUEUE_DROPS));
            assertEquals(0, c.total(IngestCounter.WRITE_ERRORS));
            assertEquals(stored, c.count("host_sample"));

            c.sendAndAwait(datagrams(311, 10));
            assertEquals(stored + 10, c.count("host_sample"));
        }
    }

    /** One node sample per datagram with consecutive sequence numbers from {@code first}. */
    private static List<byte[]> datagrams(int first, int count) {
        List<byte[]> out = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            out.add(SflowEncoder.datagram(SimulatedCluster.address("10.0.0.1"), 100_001, i, i * 1000L)
                    .counterSample(true, i, 2, 1, RecordColumns.generate(CounterRecord.HostCpu.class, i)).bytes());
        }
        return out;
    }
}
