package org.sflowmonitor.api;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.sflow.CounterRecord.*;
import org.sflowmonitor.sflow.HsflowdDatagrams;
import org.sflowmonitor.sflow.MacAddress;
import org.sflowmonitor.sflow.SflowEncoder;
import org.sflowmonitor.testing.ApiClient;
import org.sflowmonitor.testing.UdpSender;

/**
 * What the method tests store through the real UDP path: three polling rounds of
 * <ul>
 * <li>node A (10.0.0.11, kvm-node-11) with host, MIB-2 and one interface sample, counters rising each round;</li>
 * <li>node B (10.0.0.12, kvm-node-12), which reboots before the last round (uptime goes back);</li>
 * <li>VM X on node A, counters rising; VM Y on node A, whose CPU time wraps at 2^32 in the last round.</li>
 * </ul>
 * Round {@code i} (0, 1, 2) adds the deltas below {@code i} times.
 */
public final class TestFleet {

    static final String NODE_A = "10.0.0.11";
    static final String NODE_B = "10.0.0.12";
    static final UUID NODE_A_UUID = UUID.fromString("7c6b5a49-3827-4160-9f8e-7d6c5b4a3928");
    static final UUID VM_X = UUID.fromString("1b7e3c55-2f44-4e0a-b1d2-8c9e0f1a2b3c");
    static final String VM_X_NAME = "instance-0000a1b2";
    static final UUID VM_Y = UUID.fromString("0c0ffee0-0000-4000-8000-000000000042");
    static final String VM_Y_NAME = "instance-0000beef";
    static final int ROUNDS = 3;

    static final long CPU_USER_STEP = 1_000;
    static final long CPU_IDLE_STEP = 3_000;
    static final long BYTES_IN_STEP = 1_000_000;
    static final long PACKETS_IN_STEP = 1_000;
    static final long VM_CPU_STEP = 400;
    static final long VM_SENT_BYTES_STEP = 2_000;
    static final long VM_RECEIVED_BYTES_STEP = 8_000;

    private TestFleet() {
    }

    /**
     * Sends the rounds, each {@code pauseMillis} after the service stored the one before. A
     * sample's timestamp is when the collector read it, so without that wait a starved receiver
     * (a loaded machine) reads two rounds from its socket milliseconds apart, and the counter
     * steps above over such an interval are more CPU time than it holds: the summaries then
     * rightly give no utilisation.
     */
    static void send(int sflowPort, long pauseMillis, ApiClient client) throws Exception {
        try (UdpSender udp = new UdpSender(sflowPort)) {
            for (int i = 0; i < ROUNDS; i++) {
                udp.send(node(NODE_A, "kvm-node-11", NODE_A_UUID, i, 8_640_000 + i * 30L));
                udp.send(node(NODE_B, "kvm-node-12", UUID.fromString("7c6b5a49-3827-4160-9f8e-7d6c5b4a3929"), i,
                        i < 2 ? 5_000_000 + i * 30L : 40));
                udp.send(vm(VM_X, VM_X_NAME, 100_001, i, 3_100_000_000L + i * VM_CPU_STEP));
                udp.send(vm(VM_Y, VM_Y_NAME, 100_002, i, (0xFFFF_FFFFL - 2 * VM_CPU_STEP + 100 + i * VM_CPU_STEP)
                        & 0xFFFF_FFFFL));
                awaitStored(client, i + 1);
                Thread.sleep(pauseMillis);
            }
        }
    }

    /** Waits until the service stored {@code rounds} samples of each node and each VM. */
    private static void awaitStored(ApiClient client, int rounds) throws Exception {
        for (String node : List.of(NODE_A, NODE_B)) {
            await(client, "host.cpu", "{\"ip\":\"" + node + "\",\"time_from\":0}", rounds);
        }
        for (UUID vm : List.of(VM_X, VM_Y)) {
            await(client, "virt.cpu", "{\"uuid\":\"" + vm + "\",\"time_from\":0}", rounds);
        }
    }

    private static void await(ApiClient client, String method, String params, int rows) throws Exception {
        JsonNode result = client.awaitResult(method, params, r -> r.size() == rows, Duration.ofSeconds(10));
        if (result.size() != rows) {
            throw new AssertionError(method + " " + params + " gave " + result.size() + " rows, not " + rows);
        }
    }

    /** A node's datagram of round {@code i}: host, MIB-2 and one interface sample. */
    public static byte[] node(String ip, String hostname, UUID uuid, int i, long uptime) throws Exception {
        List<CounterRecord> records = new ArrayList<>(HsflowdDatagrams.nodeRecords().stream()
                .filter(r -> r instanceof MibIp || r instanceof MibIcmp || r instanceof MibTcp || r instanceof MibUdp)
                .toList());
        records.add(new HostDescr(hostname, uuid, 3, 2, "6.1.0-28-amd64"));
        records.add(new HostAdapters(List.of(new HostAdapter(2, List.of(MacAddress.parse("3c:ec:ef:10:20:30"))))));
        records.add(new HostCpu(3.5f, 3.25f, 2.75f, 5, 1400, 32, 2400, uptime, 1_900_000 + i * CPU_USER_STEP, 1_000,
                400_000, 3_000_000 + i * CPU_IDLE_STEP, 9_000, 0, 20_000, 2_500_000, 3_900_000_000L, 12_000L, 800L,
                0L));
        records.add(new HostMemory(270_000_000_000L, 96_000_000_000L, 1_000_000_000L, 2_000_000_000L,
                40_000_000_000L, 8_000_000_000L, 8_000_000_000L, 120_000_000, 900_000_000, 0, 0));
        records.add(new HostDiskIo(2_000_000_000_000L, 1_200_000_000_000L, 4512, 9_000_000, 420_000_000_000L,
                3_600_000, 31_000_000, 1_900_000_000_000L, 98_000_000));
        records.add(new HostNetIo(9_000_000_000_000L + i * BYTES_IN_STEP, 600_000_000 + i * PACKETS_IN_STEP, 0, 1_200,
                7_500_000_000_000L, 580_000_000, 0, 0));
        records.add(new VirtNode(2400, 32, 270_000_000_000L, 96_000_000_000L, 2));
        InetAddress agent = InetAddress.getByName(ip);
        return SflowEncoder.datagram(agent, 100001, 10 + i * 3L, 1_000_000 + i * 30_000L)
                .counterSample(true, 20 + i, 2, 1, records.toArray(CounterRecord[]::new))
                .counterSample(true, 40 + i, 0, 3, new IfCounters(3, 6, 10_000_000_000L, 1, 3,
                        5_000_000 + i * 1_000L, 7_000, 10, 20, 0, 0, 0, 6_000_000, 8_000, 5, 6, 0, 0, 0),
                        new PortName("eth0"))
                .bytes();
    }

    static byte[] vm(UUID uuid, String name, long dsIndex, int i, long cpuTime) throws Exception {
        return vm(uuid, name, dsIndex, i, cpuTime, "52:54:00:9a:00:01");
    }

    /** A VM sample of round {@code i} whose one adapter has {@code mac}. */
    static byte[] vm(UUID uuid, String name, long dsIndex, int i, long cpuTime, String mac) throws Exception {
        return SflowEncoder.datagram(InetAddress.getByName(NODE_A), 100001, 1000 + dsIndex * 10 + i, 1_000_000)
                .counterSample(true, 60 + i, 3, dsIndex,
                        new HostDescr(name, uuid, 0, 0, ""),
                        new HostParent(2, 1),
                        new HostAdapters(List.of(new HostAdapter(17, List.of(MacAddress.parse(mac))))),
                        new VirtCpu(1, cpuTime, 4),
                        new VirtMemory(4_294_967_296L, 8_589_934_592L),
                        new VirtDiskIo(107_374_182_400L, 42_000_000_000L, 65_374_182_400L, 3_000_000 + i * 10L,
                                90_000_000_000L + i * 40_960L, 7_000_000, 310_000_000_000L, 0),
                        new VirtNetIo(1_000_000_000L + i * VM_SENT_BYTES_STEP, 300_000 + i * 10L, 0, 0,
                                5_000_000_000L + i * VM_RECEIVED_BYTES_STEP, 410_000 + i * 40L, 0, 12))
                .bytes();
    }
}
