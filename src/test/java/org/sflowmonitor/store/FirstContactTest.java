package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.ingest.IngestCounter;
import org.sflowmonitor.sflow.MacAddress;
import org.sflowmonitor.testing.Backend;

/** A cluster the collector has never seen, met all at once on an empty database, and VMs replaced in a round. */
class FirstContactTest {

    private static final int NODES = 50;
    private static final int VMS_PER_NODE = 20;

    @TempDir
    Path dataDir;

    private TestCollector collector;

    /** The database the tests run on; {@link FirstContactOnPostgresqlTest} runs them on PostgreSQL. */
    Backend backend() {
        return Backend.H2;
    }
    private final SimulatedCluster cluster = new SimulatedCluster(NODES, VMS_PER_NODE);

    @BeforeEach
    void start() throws Exception {
        collector = TestCollector.start(backend().create(dataDir), dataDir);
    }

    @AfterEach
    void stop() {
        collector.close();
    }

    private long count(String sql) throws Exception {
        return ((Number) collector.rows(sql).get(0).values().iterator().next()).longValue();
    }

    @Test
    void aBatchThatMeetsAThousandUnseenVmsCreatesEachWithAnIdOfItsOwnAndStoresEverySample() throws Exception {
        collector.sendAndAwait(cluster.round(0));

        assertEquals(NODES, count("SELECT COUNT(DISTINCT id) FROM host"));
        assertEquals(NODES * VMS_PER_NODE, count("SELECT COUNT(DISTINCT id) FROM vm"));
        assertEquals(NODES * VMS_PER_NODE, count("SELECT COUNT(*) FROM vm_sample s JOIN vm v ON v.id = s.vm_id "
                + "AND v.host_id = s.host_id"));
        assertEquals(NODES * VMS_PER_NODE, count("SELECT COUNT(*) FROM vm_adapter"));
        assertEquals(NODES, count("SELECT COUNT(*) FROM host WHERE hostname LIKE 'kvm-node-%' AND os_release IS NOT NULL"));
        assertEquals(collector.total(IngestCounter.SAMPLES_RECEIVED), collector.total(IngestCounter.SAMPLES_STORED));
    }

    @Test
    void aRoundInWhichATenthOfTheVmsWereReplacedCreatesTheNewOnesAndKeepsTheOldOnes() throws Exception {
        collector.sendAndAwait(cluster.round(0));
        long highestBefore = count("SELECT MAX(id) FROM vm");
        for (SimulatedCluster.Node node : cluster.nodes) {
            for (int v = 0; v < VMS_PER_NODE; v += 10) {
                SimulatedCluster.Vm old = node.vms().get(v);
                node.vms().set(v, new SimulatedCluster.Vm(UUID.randomUUID(), old.name() + "-new", old.dsIndex(),
                        new MacAddress(old.mac().value() + 0x10000000L)));
            }
        }
        collector.sendAndAwait(cluster.round(1));

        int replaced = NODES * VMS_PER_NODE / 10;
        assertEquals(NODES * VMS_PER_NODE + replaced, count("SELECT COUNT(DISTINCT id) FROM vm"));
        assertEquals(replaced, count("SELECT COUNT(*) FROM vm WHERE id > " + highestBefore + " AND hostname LIKE '%-new'"));
        assertEquals(2L * NODES * VMS_PER_NODE, count("SELECT COUNT(*) FROM vm_sample"));
        assertEquals(NODES * VMS_PER_NODE + replaced, count("SELECT COUNT(*) FROM vm_adapter"));
        assertEquals(collector.total(IngestCounter.SAMPLES_RECEIVED), collector.total(IngestCounter.SAMPLES_STORED));
    }
}
