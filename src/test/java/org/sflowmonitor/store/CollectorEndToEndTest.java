package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.ingest.AgentAddress;
import org.sflowmonitor.ingest.IngestCounter;
import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.sflow.CounterRecord.HostAdapters;
import org.sflowmonitor.sflow.CounterRecord.HostDescr;
import org.sflowmonitor.sflow.CounterRecord.IfCounters;
import org.sflowmonitor.sflow.CounterRecord.PortName;
import org.sflowmonitor.sflow.SflowEncoder;
import org.sflowmonitor.testing.Backend;
import org.sflowmonitor.testing.TestDatabase;

/**
 * A simulated cluster sent as real UDP datagrams on loopback, checked table by table, field by
 * field, on each database the service runs on.
 */
class CollectorEndToEndTest {

    private static final int NODES = 3;
    private static final int VMS = 4;
    private static final int ROUNDS = 3;

    @TempDir
    Path dataDir;

    private final SimulatedCluster cluster = new SimulatedCluster(NODES, VMS);

    private void sendAllRounds(TestCollector collector) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            collector.sendAndAwait(cluster.round(round));
            Thread.sleep(2); // distinct receive times per round
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everyTableHoldsExactlyTheRowsSentWithEveryFieldEqual(Backend backend) throws Exception {
        TestDatabase database = backend.create(dataDir);
        try (TestCollector collector = TestCollector.start(database, dataDir)) {
            sendAllRounds(collector);
        }
        try (Database db = TestCollector.open(database, dataDir)) {
            assertNodesAsSent(db);
        }
    }

    private void assertNodesAsSent(Database db) throws Exception {
        var ds = db.dataSource();
        assertEquals(NODES, count(ds, "host"));
        assertEquals(NODES * VMS, count(ds, "vm"));
        assertEquals(NODES * ROUNDS, count(ds, "host_sample"));
        assertEquals(NODES * ROUNDS, count(ds, "host_mib2_sample"));
        assertEquals(NODES * VMS * ROUNDS, count(ds, "vm_sample"));
        assertEquals(NODES * ROUNDS, count(ds, "interface_sample"));
        assertEquals(NODES, count(ds, "host_adapter"));
        assertEquals(NODES * VMS, count(ds, "vm_adapter"));
        for (SimulatedCluster.Node node : cluster.nodes) {
            String ip = AgentAddress.text(node.agent());
            Map<String, Object> host = single(TestCollector.rows(ds, "SELECT * FROM host WHERE host_ip = ?", ip));
            HostDescr descr = (HostDescr) last(SimulatedCluster.nodeRecords(node, 0));
            assertEquals(descr.hostname(), host.get("hostname"));
            assertEquals(descr.uuid().toString(), host.get("uuid"));
            assertEquals(BigInteger.valueOf(descr.machineType()), host.get("machine_type"));
            assertEquals(BigInteger.valueOf(descr.osName()), host.get("os_name"));
            assertEquals(descr.osRelease(), host.get("os_release"));
            Object hostId = host.get("id");

            List<Map<String, Object>> samples = TestCollector.rows(ds,
                    "SELECT * FROM host_sample WHERE host_id = ? ORDER BY ts", hostId);
            List<Map<String, Object>> mib2 = TestCollector.rows(ds,
                    "SELECT * FROM host_mib2_sample WHERE host_id = ? ORDER BY ts", hostId);
            List<Map<String, Object>> interfaces = TestCollector.rows(ds,
                    "SELECT * FROM interface_sample WHERE host_id = ? ORDER BY ts", hostId);
            for (int round = 0; round < ROUNDS; round++) {
                for (CounterRecord r : SimulatedCluster.nodeRecords(node, round)) {
                    if (r instanceof CounterRecord.MibIp || r instanceof CounterRecord.MibIcmp
                            || r instanceof CounterRecord.MibTcp || r instanceof CounterRecord.MibUdp) {
                        assertColumns(r, mib2.get(round));
                    } else if (!(r instanceof HostDescr) && !(r instanceof HostAdapters)) {
                        assertColumns(r, samples.get(round));
                    }
                }
                assertEquals(samples.get(round).get("ts"), mib2.get(round).get("ts"));
                for (CounterRecord r : SimulatedCluster.interfaceRecords(node, round)) {
                    Map<String, Object> row = interfaces.get(round);
                    if (r instanceof PortName name) {
                        assertEquals(name.name(), row.get("port_name"));
                    } else if (r instanceof IfCounters c) {
                        assertEquals(BigInteger.valueOf(c.ifIndex()), row.get("if_index"));
                        Map<String, Object> expected = RecordColumns.expected(r);
                        expected.remove("if_index");
                        assertColumns(expected, row);
                    } else {
                        assertColumns(r, row);
                    }
                }
            }
            assertEquals(Set.of("2/3c:ec:ef:00:00:0" + node.number()), adapters(ds,
                    "SELECT if_index, mac FROM host_adapter WHERE host_id = ?", hostId));
            // the node's last sample of all kinds is the interface sample of the last round
            assertEquals(interfaces.get(ROUNDS - 1).get("ts"), host.get("last_seen"));
            assertEquals(samples.get(0).get("ts"), host.get("first_seen"));

            for (SimulatedCluster.Vm vm : node.vms()) {
                Map<String, Object> vmRow = single(TestCollector.rows(ds, "SELECT * FROM vm WHERE uuid = ?",
                        vm.uuid().toString()));
                assertEquals(vm.name(), vmRow.get("hostname"));
                assertEquals(hostId, vmRow.get("host_id"));
                assertEquals(BigInteger.valueOf(vm.dsIndex()), vmRow.get("ds_index"));
                List<Map<String, Object>> vmSamples = TestCollector.rows(ds,
                        "SELECT * FROM vm_sample WHERE vm_id = ? ORDER BY ts", vmRow.get("id"));
                for (int round = 0; round < ROUNDS; round++) {
                    assertEquals(hostId, vmSamples.get(round).get("host_id"));
                    for (CounterRecord r : SimulatedCluster.vmRecords(node, vm, round)) {
                        if (r instanceof CounterRecord.VirtCpu || r instanceof CounterRecord.VirtMemory
                                || r instanceof CounterRecord.VirtDiskIo || r instanceof CounterRecord.VirtNetIo) {
                            assertColumns(r, vmSamples.get(round));
                        }
                    }
                }
                assertEquals(Set.of("17/" + vm.mac()), adapters(ds,
                        "SELECT if_index, mac FROM vm_adapter WHERE vm_id = ?", vmRow.get("id")));
                assertEquals(vmSamples.get(ROUNDS - 1).get("ts"), vmRow.get("last_seen"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theCountersAddUpAndShowNoLoss(Backend backend) throws Exception {
        TestDatabase database = backend.create(dataDir);
        try (TestCollector c = TestCollector.start(database, dataDir)) {
            sendAllRounds(c);
            long datagrams = (long) NODES * 3 * ROUNDS;
            long samples = (long) NODES * (VMS + 2) * ROUNDS;
            assertEquals(datagrams, c.total(IngestCounter.DATAGRAMS_RECEIVED));
            assertEquals(datagrams, c.total(IngestCounter.DATAGRAMS_DECODED));
            assertEquals(0, c.total(IngestCounter.DATAGRAMS_MALFORMED));
            assertEquals(samples, c.total(IngestCounter.COUNTER_SAMPLES));
            assertEquals(samples, c.total(IngestCounter.SAMPLES_QUEUED));
            assertEquals(samples, c.total(IngestCounter.SAMPLES_STORED));
            long records = (long) NODES * ROUNDS * (11 + 7 * VMS + 3);
            assertEquals(records, c.total(IngestCounter.RECORDS_DECODED));
            assertEquals(records, c.total(IngestCounter.RECORDS_STORED));
            for (IngestCounter loss : List.of(IngestCounter.DATAGRAMS_LOST, IngestCounter.AGENT_RESETS,
                    IngestCounter.COUNTER_SAMPLES_LOST, IngestCounter.QUEUE_DROPS, IngestCounter.WRITE_ERRORS,
                    IngestCounter.RECORDS_UNKNOWN, IngestCounter.SAMPLES_IGNORED)) {
                assertEquals(0, c.total(loss), loss.key());
            }
            String agent = AgentAddress.text(cluster.nodes.get(0).agent());
            assertEquals(3L * ROUNDS, c.agent(agent, IngestCounter.DATAGRAMS_RECEIVED));
            assertEquals((VMS + 2L) * ROUNDS, c.agent(agent, IngestCounter.SAMPLES_STORED));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void malformedDatagramsAndUnknownStructuresAreCountedWhileTheGoodDataAmongThemIsStored(Backend backend) throws Exception {
        TestDatabase database = backend.create(dataDir);
        SimulatedCluster.Node node = cluster.nodes.get(0);
        List<byte[]> datagrams = new ArrayList<>(cluster.round(node, 0));
        datagrams.add(1, new byte[] {0, 0, 0, 5, 0, 0}); // truncated header
        datagrams.add(2, new byte[] {0, 5, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8}); // NetFlow v5, not sFlow
        byte[] withUnknowns = SflowEncoder.datagram(node.agent(), SimulatedCluster.SUB_AGENT, 4, 700_000)
                .counterSample(true, 2, 2, 1, List.of(
                        SflowEncoder.element(5703, 1, new byte[] {1, 2, 3, 4}),
                        SflowEncoder.record(new CounterRecord.MibUdp(1, 2, 3, 4, 5, 6, 7)),
                        SflowEncoder.element(0, 2999, new byte[8])))
                .sample(SflowEncoder.element(0, 5, new byte[12]))
                .bytes();
        datagrams.add(withUnknowns);
        try (TestCollector c = TestCollector.start(database, dataDir)) {
            c.sendAndAwait(datagrams);
            assertEquals(6, c.total(IngestCounter.DATAGRAMS_RECEIVED));
            assertEquals(4, c.total(IngestCounter.DATAGRAMS_DECODED));
            assertEquals(2, c.total(IngestCounter.DATAGRAMS_MALFORMED));
            assertEquals(2, c.total(IngestCounter.RECORDS_UNKNOWN));
            assertEquals(1, c.total(IngestCounter.SAMPLES_UNKNOWN));
            assertEquals(VMS + 3, c.total(IngestCounter.SAMPLES_STORED));
            assertEquals(2, c.count("host_mib2_sample"));
            assertEquals(1, c.count("host_sample"));
            assertEquals(VMS, c.count("vm_sample"));
            assertEquals(1, c.count("interface_sample"));
            Map<String, Object> udp = c.rows("SELECT * FROM host_mib2_sample ORDER BY ts").get(1);
            assertColumns(new CounterRecord.MibUdp(1, 2, 3, 4, 5, 6, 7), udp);
            assertEquals(null, udp.get("ip_in_receives"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everythingStoredBeforeARestartOnTheSameDataFolderIsStillThere(Backend backend) throws Exception {
        TestDatabase database = backend.create(dataDir);
        try (TestCollector c = TestCollector.start(database, dataDir)) {
            c.sendAndAwait(cluster.round(0));
            c.sendAndAwait(cluster.round(1));
        }
        try (TestCollector c = TestCollector.start(database, dataDir)) {
            Thread.sleep(2);
            c.sendAndAwait(cluster.round(2));
        }
        try (Database db = TestCollector.open(database, dataDir)) {
            assertNodesAsSent(db);
        }
    }

    private static void assertColumns(CounterRecord record, Map<String, Object> row) {
        assertColumns(RecordColumns.expected(record), row);
    }

    private static void assertColumns(Map<String, Object> expected, Map<String, Object> row) {
        expected.forEach((column, value) -> {
            assertTrue(row.containsKey(column), "no column " + column);
            assertEquals(value, row.get(column), column);
        });
    }

    private static long count(javax.sql.DataSource ds, String table) throws Exception {
        return ((Number) TestCollector.rows(ds, "SELECT COUNT(*) AS n FROM " + table).get(0).get("n")).longValue();
    }

    private static Set<String> adapters(javax.sql.DataSource ds, String sql, Object id) throws Exception {
        Set<String> out = new TreeSet<>();
        for (Map<String, Object> row : TestCollector.rows(ds, sql, id)) {
            out.add(row.get("if_index") + "/" + row.get("mac"));
        }
        return out;
    }

    private static <T> T single(List<T> list) {
        assertEquals(1, list.size(), "rows");
        return list.get(0);
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
