package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.ingest.IngestCounter;
import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.sflow.SflowEncoder;
import org.sflowmonitor.testing.UdpSender;

/** A spoofer inventing VM UUIDs cannot grow the inventory, the disk or the heap without bound. */
class EntityLimitTest {

    private static final int MAX_VMS = 100;
    private static final int SPOOFED = 1_000_000;
    private static final int PER_DATAGRAM = 400;

    @TempDir
    Path dataDir;

    @Test
    void anAgentInventingAMillionVmUuidsIsCappedAtAgentMaxVmsAndTheRestCounted() throws Exception {
        BatchWriter.Config config = new BatchWriter.Config(65_536, 2_000, 1_000, MAX_VMS);
        try (TestCollector c = TestCollector.start(dataDir, config, ds -> ds);
             UdpSender udp = new UdpSender(InetAddress.getByName("127.0.0.1"), c.listener.port())) {
            long heapBefore = usedHeapAfterGc();
            int datagrams = SPOOFED / PER_DATAGRAM;
            for (int d = 0; d < datagrams; d++) {
                SflowEncoder.Datagram datagram = SflowEncoder.datagram(SimulatedCluster.address("10.6.6.6"), 1, d + 1,
                        d + 1);
                for (int i = 0; i < PER_DATAGRAM; i++) {
                    long n = (long) d * PER_DATAGRAM + i;
                    datagram.counterSample(true, 1, 3, 100_000 + n, new CounterRecord.HostDescr("vm-" + n,
                            new UUID(0x5eed, n + 1), 0, 0, ""), new CounterRecord.VirtCpu(1, n, 1));
                }
                udp.send(datagram.bytes());
                while (d + 1 - c.total(IngestCounter.DATAGRAMS_RECEIVED) > 4 || c.writer.pending() > 30_000) {
                    Thread.sleep(1);
                }
            }
            c.awaitIdle(datagrams);

            assertEquals(MAX_VMS, c.count("vm"));
            assertEquals(MAX_VMS, c.count("vm_sample"));
            assertEquals(SPOOFED, c.total(IngestCounter.COUNTER_SAMPLES));
            assertEquals(SPOOFED - MAX_VMS, c.total(IngestCounter.SAMPLES_OVER_ENTITY_LIMIT));
            assertEquals(SPOOFED - MAX_VMS, c.agent("10.6.6.6", IngestCounter.SAMPLES_OVER_ENTITY_LIMIT));
            assertEquals(0, c.total(IngestCounter.QUEUE_DROPS));
            long growth = usedHeapAfterGc() - heapBefore;
            assertTrue(growth < 64 << 20, "heap grew by " + (growth >> 20) + " MiB");
        }
    }

    @Test
    void manyAgentsTogetherCannotCreateMoreThanVmsMax() throws Exception {
        int agents = 5;
        BatchWriter.Config config = new BatchWriter.Config(65_536, 2_000, 1_000, MAX_VMS, 2 * MAX_VMS);
        try (TestCollector c = TestCollector.start(dataDir, config, ds -> ds);
             UdpSender udp = new UdpSender(InetAddress.getByName("127.0.0.1"), c.listener.port())) {
            for (int a = 0; a < agents; a++) {
                SflowEncoder.Datagram datagram = SflowEncoder.datagram(SimulatedCluster.address("10.7.7." + (a + 1)),
                        1, 1, 1);
                for (int i = 0; i < MAX_VMS; i++) {
                    datagram.counterSample(true, 1, 3, 100_000 + i, new CounterRecord.HostDescr("vm-" + i,
                            new UUID(a + 1, i + 1), 0, 0, ""), new CounterRecord.VirtCpu(1, i, 1));
                }
                udp.send(datagram.bytes());
                c.awaitIdle(a + 1);
            }

            assertEquals(2 * MAX_VMS, c.count("vm"));
            assertEquals((long) (agents - 2) * MAX_VMS, c.total(IngestCounter.SAMPLES_OVER_ENTITY_LIMIT));
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
