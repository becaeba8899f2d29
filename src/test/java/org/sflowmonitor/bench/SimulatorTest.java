package org.sflowmonitor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.sflow.Sample;
import org.sflowmonitor.sflow.SflowDatagram;
import org.sflowmonitor.sflow.SflowDecoder;

/** The simulator's datagrams, read back by the real decoder. */
class SimulatorTest {

    private static final ClusterModel MODEL = new ClusterModel(4, 12, 7);

    private static List<SflowDatagram> play(boolean interfaces, int rounds, int interval) throws Exception {
        List<SflowDatagram> out = new ArrayList<>();
        ClusterSimulator simulator = new ClusterSimulator(new ClusterSimulator.Config(MODEL, interval, interfaces,
                Double.POSITIVE_INFINITY, 10_000, rounds));
        ClusterSimulator.Result result = simulator.run(datagram -> {
            assertTrue(datagram.remaining() <= ClusterSimulator.DATAGRAM_BYTES, "at most 1,400 bytes");
            ByteBuffer copy = ByteBuffer.allocate(datagram.remaining()).put(datagram).flip();
            try {
                out.add(SflowDecoder.DEFAULT.decode(copy, null, 0));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(out.size(), result.datagrams());
        assertEquals((long) rounds * (MODEL.sources() + (interfaces ? 2 * MODEL.nodes() : 0)), result.samples());
        return out;
    }

    @Test
    void everySampleDecodesWithTheRecordsHsflowdSends() throws Exception {
        List<SflowDatagram> datagrams = play(true, 3, 20);
        Map<String, Integer> recordCounts = new HashMap<>();
        for (SflowDatagram d : datagrams) {
            assertEquals(100_001, d.subAgentId());
            for (Sample s : d.samples()) {
                Sample.Counters c = assertInstanceOf(Sample.Counters.class, s);
                assertEquals(Sample.Counters.EXPANDED, c.format());
                for (CounterRecord r : c.records()) {
                    assertTrue(!(r instanceof CounterRecord.Unknown) && !(r instanceof CounterRecord.Malformed),
                            r.toString());
                }
                recordCounts.merge(c.sourceIdType() + ":" + c.records().size(), 1, Integer::sum);
                if (c.sourceIdType() == 2) {
                    CounterRecord.HostCpu cpu = find(c, CounterRecord.HostCpu.class);
                    assertNotNull(cpu.cpuSteal(), "host_cpu has the 80-byte layout");
                    assertNotNull(find(c, CounterRecord.VirtNode.class));
                    assertNotNull(find(c, CounterRecord.MibUdp.class));
                }
            }
        }
        int rounds = 3;
        assertEquals(Map.of("2:11", rounds * MODEL.nodes(), "3:7", rounds * MODEL.nodes() * MODEL.vmsPerNode(),
                "0:2", rounds * MODEL.nodes() * 2), recordCounts);
    }

    @Test
    void eachNodeIsItsOwnAgentWithConsecutiveDatagramAndSampleSequences() throws Exception {
        Map<InetAddress, Long> datagramSequence = new HashMap<>();
        Map<String, Long> sampleSequence = new HashMap<>();
        int packed = 0;
        // polled every second, a node's samples are all due in the same second and share datagrams
        for (SflowDatagram d : play(false, 3, 1)) {
            long expected = datagramSequence.getOrDefault(d.agentAddress(), 0L) + 1;
            assertEquals(expected, d.sequenceNumber(), "datagram sequence of " + d.agentAddress());
            datagramSequence.put(d.agentAddress(), expected);
            packed = Math.max(packed, d.samples().size());
            for (Sample s : d.samples()) {
                Sample.Counters c = (Sample.Counters) s;
                String source = d.agentAddress().getHostAddress() + " " + c.sourceIdType() + ":" + c.sourceIdIndex();
                long next = sampleSequence.getOrDefault(source, 0L) + 1;
                assertEquals(next, c.sequenceNumber(), "sample sequence of " + source);
                sampleSequence.put(source, next);
            }
        }
        assertEquals(MODEL.nodes(), datagramSequence.size());
        assertEquals(MODEL.sources(), sampleSequence.size());
        assertTrue(packed >= 3, "several samples share a datagram");
        assertTrue(datagramSequence.containsKey(InetAddress.getByName("10.0.0.1")));
    }

    @Test
    void vmsAreNamedByTheirUuidAndCountersGrowBetweenRounds() throws Exception {
        Map<String, CounterRecord.VirtCpu> previous = new HashMap<>();
        int grown = 0;
        for (SflowDatagram d : play(false, 3, 20)) {
            for (Sample s : d.samples()) {
                Sample.Counters c = (Sample.Counters) s;
                if (c.sourceIdType() != 3) {
                    continue;
                }
                CounterRecord.HostDescr descr = find(c, CounterRecord.HostDescr.class);
                int node = Byte.toUnsignedInt(d.agentAddress().getAddress()[3]) - 1;
                int vm = Integer.parseInt(descr.hostname().substring(9, 17), 16) - node * MODEL.vmsPerNode();
                assertEquals(MODEL.vmUuid(node, vm), descr.uuid());
                assertEquals(MODEL.vmDsIndex(node, vm), c.sourceIdIndex());
                assertEquals(new CounterRecord.HostParent(2, 1), find(c, CounterRecord.HostParent.class));
                CounterRecord.VirtCpu cpu = find(c, CounterRecord.VirtCpu.class);
                CounterRecord.VirtCpu before = previous.put(descr.uuid().toString(), cpu);
                if (before != null) {
                    long delta = (cpu.cpuTime() - before.cpuTime()) & 0xFFFFFFFFL; // 32-bit counter, may wrap
                    assertTrue(delta > 0 && delta < 20L * 8 * 1000 * 2, "cpu ms per 20 s: " + delta);
                    grown++;
                }
            }
        }
        assertEquals(2 * MODEL.nodes() * MODEL.vmsPerNode(), grown);
    }

    @Test
    void aChurnedClusterReplacesATenthOfItsVmsAndKeepsTheRest() {
        ClusterModel model = new ClusterModel(10, 50, 7);
        ClusterModel churned = model.withReplacedVms(10);
        java.util.Set<java.util.UUID> before = new java.util.HashSet<>();
        for (int n = 0; n < model.nodes(); n++) {
            assertEquals(model.nodeUuid(n), churned.nodeUuid(n));
            for (int v = 0; v < model.vmsPerNode(); v++) {
                before.add(model.vmUuid(n, v));
            }
        }
        int replaced = 0;
        for (int n = 0; n < model.nodes(); n++) {
            for (int v = 0; v < model.vmsPerNode(); v++) {
                boolean known = before.contains(churned.vmUuid(n, v));
                assertEquals(known, churned.vmName(n, v).equals(model.vmName(n, v)), n + "/" + v);
                replaced += known ? 0 : 1;
            }
        }
        assertEquals(50, replaced, "a tenth of 500 VMs");
    }

    @Test
    void pacedSendingKeepsTheRate() {
        ClusterSimulator simulator = new ClusterSimulator(new ClusterSimulator.Config(MODEL, 20, false, 500,
                600, Long.MAX_VALUE));
        ClusterSimulator.Result result = simulator.run(datagram -> { });
        assertTrue(result.samples() >= 150 && result.samples() <= 400, "about 300 samples in 0.6 s: "
                + result.samples());
    }

    private static <T extends CounterRecord> T find(Sample.Counters sample, Class<T> type) {
        return sample.records().stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + sample));
    }
}
