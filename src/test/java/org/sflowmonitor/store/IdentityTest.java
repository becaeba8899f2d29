package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.ingest.IngestCounter;
import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.sflow.CounterRecord.HostAdapter;
import org.sflowmonitor.sflow.CounterRecord.HostDescr;
import org.sflowmonitor.sflow.CounterRecord.HostParent;
import org.sflowmonitor.sflow.CounterRecord.VirtCpu;
import org.sflowmonitor.sflow.CounterRecord.VirtMemory;
import org.sflowmonitor.sflow.MacAddress;
import org.sflowmonitor.sflow.SflowEncoder;
import org.sflowmonitor.testing.Backend;

/** How samples are attributed to nodes and VMs, and how sequence numbers are judged (reference sections 7 and 9). */
class IdentityTest {

    private static final InetAddress NODE_A = SimulatedCluster.address("10.0.0.1");
    private static final InetAddress NODE_B = SimulatedCluster.address("10.0.0.2");
    private static final UUID VM = UUID.fromString("1ff5a54e-c885-4153-9005-f42478261ada");
    private static final UUID NODE_UUID = UUID.fromString("7c6b5a49-3827-4160-9f8e-7d6c5b4a3928");

    @TempDir
    Path dataDir;

    private TestCollector collector;

    /** The database the tests run on; {@link IdentityOnPostgresqlTest} runs them on PostgreSQL. */
    Backend backend() {
        return Backend.H2;
    }

    @BeforeEach
    void start() throws Exception {
        collector = TestCollector.start(backend().create(dataDir), dataDir);
    }

    @AfterEach
    void stop() {
        collector.close();
    }

    private static byte[] vmDatagram(InetAddress agent, long sequence, long uptime, CounterRecord... extra) {
        List<CounterRecord> records = new java.util.ArrayList<>(List.of(new HostParent(2, 1),
                new VirtCpu(1, 1000 + sequence, 2), new HostDescr("web-1", VM, 0, 0, "")));
        records.addAll(List.of(extra));
        return SflowEncoder.datagram(agent, 100_001, sequence, uptime)
                .counterSample(true, sequence, 3, 123_456, records.toArray(CounterRecord[]::new)).bytes();
    }

    private static byte[] nodeDatagram(InetAddress agent, long subAgent, long sequence, long uptime,
                                       CounterRecord... records) {
        return SflowEncoder.datagram(agent, subAgent, sequence, uptime).counterSample(true, sequence, 2, 1, records)
                .bytes();
    }

    private static HostDescr nodeDescr(String hostname) {
        return new HostDescr(hostname, NODE_UUID, 3, 2, "6.1.0");
    }

    private Object hostId(InetAddress agent) throws Exception {
        return collector.rows("SELECT id FROM host WHERE host_ip = ?", agent.getHostAddress()).get(0).get("id");
    }

    @Test
    void aVmThatMigratesKeepsItsIdentityAndHistoryAndRunsOnTheNewNodeNow() throws Exception {
        collector.sendAndAwait(List.of(vmDatagram(NODE_A, 1, 1000), vmDatagram(NODE_A, 2, 2000)));
        Thread.sleep(2);
        collector.sendAndAwait(List.of(vmDatagram(NODE_B, 1, 5000)));

        List<Map<String, Object>> vms = collector.rows("SELECT id, host_id FROM vm");
        assertEquals(1, vms.size());
        assertEquals(hostId(NODE_B), vms.get(0).get("host_id"));
        List<Map<String, Object>> history = collector.rows("SELECT host_id, vcpu_cpu_time FROM vm_sample "
                + "WHERE vm_id = ? ORDER BY ts", vms.get(0).get("id"));
        assertEquals(List.of(hostId(NODE_A), hostId(NODE_A), hostId(NODE_B)),
                history.stream().map(r -> r.get("host_id")).toList());
        assertEquals(List.of(BigInteger.valueOf(1001), BigInteger.valueOf(1002), BigInteger.valueOf(1001)),
                history.stream().map(r -> r.get("vcpu_cpu_time")).toList());
    }

    @Test
    void anAgentRestartWithItsSequenceBackToOneIsAResetNotALoss() throws Exception {
        collector.sendAndAwait(List.of(vmDatagram(NODE_A, 1, 10_000), vmDatagram(NODE_A, 2, 30_000),
                vmDatagram(NODE_A, 3, 50_000), vmDatagram(NODE_A, 1, 2_000)));
        assertEquals(1, collector.total(IngestCounter.AGENT_RESETS));
        assertEquals(0, collector.total(IngestCounter.DATAGRAMS_LOST));
        assertEquals(0, collector.total(IngestCounter.COUNTER_SAMPLES_LOST));
        assertEquals(4, collector.count("vm_sample"));
    }

    @Test
    void aSkippedSequenceNumberIsCountedAsOneLostDatagram() throws Exception {
        collector.sendAndAwait(List.of(vmDatagram(NODE_A, 1, 10_000), vmDatagram(NODE_A, 2, 30_000),
                vmDatagram(NODE_A, 4, 70_000)));
        assertEquals(1, collector.total(IngestCounter.DATAGRAMS_LOST));
        assertEquals(1, collector.agent("10.0.0.1", IngestCounter.DATAGRAMS_LOST));
        assertEquals(1, collector.total(IngestCounter.COUNTER_SAMPLES_LOST));
        assertEquals(0, collector.total(IngestCounter.AGENT_RESETS));
    }

    @Test
    void aNodeStaysOneNodeWhenItsCountersMoveToAnotherSubAgent() throws Exception {
        // hsflowd 2.1 sends counters under 100001, and under 100000 once packet sampling is on
        collector.sendAndAwait(List.of(nodeDatagram(NODE_A, 100_001, 7, 70_000, nodeDescr("kvm-1")),
                nodeDatagram(NODE_A, 100_000, 1, 90_000, nodeDescr("kvm-1"),
                        RecordColumns.generate(CounterRecord.HostCpu.class, 1))));
        assertEquals(1, collector.count("host"));
        assertEquals(1, collector.count("host_sample"));
        assertEquals(0, collector.total(IngestCounter.DATAGRAMS_LOST));
        assertEquals(0, collector.total(IngestCounter.AGENT_RESETS));
    }

    @Test
    void aVmSampleArrivingBeforeItsNodesDescriptionStillLands() throws Exception {
        collector.sendAndAwait(List.of(vmDatagram(NODE_A, 1, 1000)));
        assertEquals(1, collector.count("vm_sample"));
        assertNull(collector.rows("SELECT hostname FROM host").get(0).get("hostname"));

        collector.sendAndAwait(List.of(nodeDatagram(NODE_A, 100_001, 2, 2000, nodeDescr("kvm-1"))));
        Map<String, Object> host = collector.rows("SELECT id, hostname FROM host").get(0);
        assertEquals("kvm-1", host.get("hostname"));
        assertEquals(host.get("id"), collector.rows("SELECT host_id FROM vm").get(0).get("host_id"));
    }

    @Test
    void unchangedDescriptionsAndAdaptersAddNoRowsAndChangedOnesReplaceTheStoredOnes() throws Exception {
        CounterRecord.HostAdapters two = SimulatedCluster.adapters(
                new HostAdapter(2, List.of(MacAddress.parse("3c:ec:ef:00:00:01"))),
                new HostAdapter(3, List.of(MacAddress.parse("3c:ec:ef:00:00:02"))));
        for (int i = 1; i <= 5; i++) {
            collector.sendAndAwait(List.of(nodeDatagram(NODE_A, 100_001, i, i * 20_000L, nodeDescr("kvm-1"), two)));
        }
        assertEquals(1, collector.count("host"));
        assertEquals(2, collector.count("host_adapter"));

        CounterRecord.HostAdapters one = SimulatedCluster.adapters(
                new HostAdapter(3, List.of(MacAddress.parse("3c:ec:ef:00:00:09"))));
        collector.sendAndAwait(List.of(nodeDatagram(NODE_A, 100_001, 6, 120_000, nodeDescr("kvm-renamed"), one)));
        assertEquals(List.of(Map.of("if_index", BigInteger.valueOf(3), "mac", "3c:ec:ef:00:00:09")),
                collector.rows("SELECT if_index, mac FROM host_adapter"));
        assertEquals("kvm-renamed", collector.rows("SELECT hostname FROM host").get(0).get("hostname"));
    }

    @Test
    void unknownSentinelsAreStoredAsNullAndUnsignedValuesAbove2To63Exactly() throws Exception {
        collector.sendAndAwait(List.of(vmDatagram(NODE_A, 1, 1000, new VirtMemory(0x8000_0000_0000_0005L, -1L),
                new VirtCpu(0xFFFF_FFFFL, 0xFFFF_FFFEL, 4))));
        Map<String, Object> row = collector.rows("SELECT vmem_memory, vmem_max_memory, vcpu_state, vcpu_cpu_time, "
                + "vcpu_cpu_count FROM vm_sample").get(0);
        assertEquals(new BigInteger("9223372036854775813"), row.get("vmem_memory"));
        assertNull(row.get("vmem_max_memory"));
        assertNull(row.get("vcpu_state"));
        assertEquals(BigInteger.valueOf(0xFFFF_FFFEL), row.get("vcpu_cpu_time"));
        assertEquals(BigInteger.valueOf(4), row.get("vcpu_cpu_count"));
    }
}
