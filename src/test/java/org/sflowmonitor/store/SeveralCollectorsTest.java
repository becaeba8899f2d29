package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.ingest.IngestCounter;
import org.sflowmonitor.sflow.CounterRecord.HostDescr;
import org.sflowmonitor.sflow.CounterRecord.HostParent;
import org.sflowmonitor.sflow.CounterRecord.VirtCpu;
import org.sflowmonitor.sflow.SflowEncoder;
import org.sflowmonitor.testing.PostgresServer;
import org.sflowmonitor.testing.TestDatabase;

/** Two collectors writing into one PostgreSQL database at once, each receiving its own agents. */
class SeveralCollectorsTest {

    private static final InetAddress NODE_A = SimulatedCluster.address("10.0.0.1");
    private static final InetAddress NODE_B = SimulatedCluster.address("10.0.0.2");
    private static final UUID VM = UUID.fromString("1ff5a54e-c885-4153-9005-f42478261ada");

    @TempDir
    Path dataDir;

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        database = PostgresServer.newDatabase();
    }

    private TestCollector collector(String name) throws Exception {
        return TestCollector.start(database, dataDir.resolve(name));
    }

    private static byte[] vmDatagram(InetAddress node, long sequence) {
        return SflowEncoder.datagram(node, 100_001, sequence, sequence * 1000)
                .counterSample(true, sequence, 3, 123_456, new HostParent(2, 1), new VirtCpu(1, 1000 + sequence, 2),
                        new HostDescr("web-1", VM, 0, 0, "")).bytes();
    }

    private Object hostId(TestCollector c, InetAddress node) throws Exception {
        return c.rows("SELECT id FROM host WHERE host_ip = ?", node.getHostAddress()).get(0).get("id");
    }

    @Test
    void aVmThatMigratesFromANodeOfOneCollectorToANodeOfTheOtherStaysOneVmWithItsWholeHistory() throws Exception {
        try (TestCollector a = collector("a"); TestCollector b = collector("b")) {
            a.sendAndAwait(List.of(vmDatagram(NODE_A, 1), vmDatagram(NODE_A, 2)));
            Thread.sleep(2);
            b.sendAndAwait(List.of(vmDatagram(NODE_B, 1)));

            List<Map<String, Object>> vms = b.rows("SELECT id, host_id FROM vm");
            assertEquals(1, vms.size());
            assertEquals(hostId(b, NODE_B), vms.get(0).get("host_id"));
            List<Map<String, Object>> history = b.rows("SELECT host_id FROM vm_sample WHERE vm_id = ? ORDER BY ts",
                    vms.get(0).get("id"));
            assertEquals(List.of(hostId(b, NODE_A), hostId(b, NODE_A), hostId(b, NODE_B)),
                    history.stream().map(r -> r.get("host_id")).toList());
        }
    }

    @Test
    void aVmThatMigratesBackToTheFirstCollectorsNodeRunsThereAgainInItsRow() throws Exception {
        try (TestCollector b = collector("b")) {
            try (TestCollector a = collector("a")) {
                a.sendAndAwait(List.of(vmDatagram(NODE_A, 1)));
                Thread.sleep(2);
                b.sendAndAwait(List.of(vmDatagram(NODE_B, 1)));
                b.writer.close(); // writes B's last sight of the VM
                Thread.sleep(2);
                a.sendAndAwait(List.of(vmDatagram(NODE_A, 2)));
            } // A's last sight written at its shutdown: the newest
            List<Map<String, Object>> vms = b.rows("SELECT id, host_id FROM vm");
            assertEquals(1, vms.size());
            assertEquals(hostId(b, NODE_A), vms.get(0).get("host_id"));
            assertEquals(3, b.count("vm_sample"));
        }
    }

    @Test
    void twoCollectorsMeetingTheSameUnseenNodesAndVmsAtOnceCreateEachOnceAndStoreEverySample() throws Exception {
        SimulatedCluster cluster = new SimulatedCluster(10, 20);
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try (TestCollector a = collector("a"); TestCollector b = collector("b")) {
            Future<?> toA = senders.submit(() -> {
                a.sendAndAwait(cluster.round(0));
                return null;
            });
            Future<?> toB = senders.submit(() -> {
                b.sendAndAwait(cluster.round(0));
                return null;
            });
            toA.get();
            toB.get();
            assertEquals(10, a.count("host"));
            assertEquals(10 * 20, a.count("vm"));
            assertEquals(2 * 10 * 20, a.count("vm_sample"));
            assertEquals(BigInteger.valueOf(10 * 20), a.rows("SELECT COUNT(DISTINCT vm_id) AS n FROM vm_sample")
                    .get(0).get("n"));
            assertEquals(0, a.total(IngestCounter.WRITE_ERRORS) + b.total(IngestCounter.WRITE_ERRORS));
        } finally {
            senders.shutdown();
        }
    }
}
