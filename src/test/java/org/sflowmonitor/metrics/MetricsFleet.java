package org.sflowmonitor.metrics;

import java.net.InetAddress;
import java.util.List;
import java.util.UUID;

import org.sflowmonitor.sflow.CounterRecord.HostCpu;
import org.sflowmonitor.sflow.CounterRecord.HostDescr;
import org.sflowmonitor.sflow.CounterRecord.HostDiskIo;
import org.sflowmonitor.sflow.CounterRecord.HostMemory;
import org.sflowmonitor.sflow.CounterRecord.HostNetIo;
import org.sflowmonitor.sflow.CounterRecord.IfCounters;
import org.sflowmonitor.sflow.CounterRecord.PortName;
import org.sflowmonitor.sflow.CounterRecord.VirtCpu;
import org.sflowmonitor.sflow.CounterRecord.VirtDiskIo;
import org.sflowmonitor.sflow.CounterRecord.VirtMemory;
import org.sflowmonitor.sflow.CounterRecord.VirtNetIo;
import org.sflowmonitor.sflow.CounterRecord.VirtNode;
import org.sflowmonitor.sflow.SflowEncoder;
import org.sflowmonitor.testing.UdpSender;

/**
 * A small cluster as hsflowd sends it, one polling round at a time: two nodes with two VMs and
 * one interface each. Every counter grows by a fixed step per round. VM {@link #WRAPPING_VM}'s
 * 32-bit CPU time passes 2^32 in round {@link #WRAP_ROUND}; node {@link #RESTARTING_NODE}'s agent
 * restarts in round {@link #RESTART_ROUND} (its counters, its VMs' and its uptime start again
 * near zero, its datagram sequence from 1). VM {@link #STEADY_VM} uses 25% of its vCPUs by the clock
 * (its CPU time follows the milliseconds since the first round), so that its rate over any span is
 * 25% however late the rounds come.
 */
final class MetricsFleet {

    static final String NODE_A = "10.0.0.21";
    static final String NODE_B = "10.0.0.22";
    static final String RESTARTING_NODE = NODE_B;
    static final List<String> NODES = List.of(NODE_A, NODE_B);
    static final String WRAPPING_VM = "vm-a1";
    static final String STEADY_VM = "vm-a2";
    static final double STEADY_VM_UTILISATION = 0.25;
    static final int WRAP_ROUND = 4;
    static final int RESTART_ROUND = 6;
    static final int VCPUS = 2;
    /** CPU milliseconds a VM uses per round: 25% of its two vCPUs over a 1 s round. */
    static final long VM_CPU_STEP_MS = 500;
    static final long NODE_CPU_USER_STEP_MS = 300;
    static final long BYTES_STEP = 1_000_000;

    private MetricsFleet() {
    }

    static String hostname(String node) {
        return "kvm-" + node.substring(node.lastIndexOf('.') + 1);
    }

    static String vmName(String node, int vm) {
        return "vm-" + (node.equals(NODE_A) ? "a" : "b") + vm;
    }

    static UUID vmUuid(String node, int vm) {
        return UUID.nameUUIDFromBytes((node + "/" + vm).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Sends round {@code round} of every node and VM, as if the rounds came a second apart. */
    static void sendRound(UdpSender udp, int round) throws Exception {
        sendRound(udp, round, round * 1_000L);
    }

    /** Sends round {@code round} of every node and VM, {@code elapsedMillis} after the first round. */
    static void sendRound(UdpSender udp, int round, long elapsedMillis) throws Exception {
        for (String node : NODES) {
            udp.send(nodeDatagram(node, round));
            for (int vm = 1; vm <= 2; vm++) {
                udp.send(vmDatagram(node, vm, round, elapsedMillis));
            }
        }
    }

    /** Rounds counted since the agent last started: its counters grow from there. */
    static int age(String node, int round) {
        return node.equals(RESTARTING_NODE) && round >= RESTART_ROUND ? round - RESTART_ROUND + 1 : round + 1000;
    }

    static long vmCpuMillis(String node, int vm, int round, long elapsedMillis) {
        if (vmName(node, vm).equals(STEADY_VM)) {
            return 1_000_000 + Math.round(elapsedMillis * VCPUS * STEADY_VM_UTILISATION);
        }
        if (vmName(node, vm).equals(WRAPPING_VM)) {
            return ((1L << 32) - (WRAP_ROUND - round) * VM_CPU_STEP_MS + VM_CPU_STEP_MS / 2) & 0xFFFF_FFFFL;
        }
        return age(node, round) * VM_CPU_STEP_MS;
    }

    private static long sequence(String node, int round) {
        return age(node, round) + 1;
    }

    static byte[] nodeDatagram(String node, int round) throws Exception {
        int a = age(node, round);
        return SflowEncoder.datagram(InetAddress.getByName(node), 100001, sequence(node, round) * 3, a * 1000L)
                .counterSample(true, a, 2, 1,
                        new HostDescr(hostname(node), UUID.nameUUIDFromBytes(node.getBytes()), 3, 2, "6.1.0-28-amd64"),
                        new HostCpu(1.5f, 1.25f, 1.0f, 3, 900, 16, 2400, a, a * NODE_CPU_USER_STEP_MS, a * 10L,
                                a * 100L, a * 1200L, a * 5L, 0, a * 2L, a * 50L, a * 400L, 0L, a * 40L, 0L),
                        new HostMemory(64_000_000_000L, 32_000_000_000L, 1_000_000_000L, 2_000_000_000L,
                                10_000_000_000L, 8_000_000_000L, 8_000_000_000L, a * 10L, a * 20L, 0, 0),
                        new HostDiskIo(1_000_000_000_000L, 600_000_000_000L, 5000, a * 10L, a * BYTES_STEP, a * 3L,
                                a * 20L, a * 2 * BYTES_STEP, a * 4L),
                        new HostNetIo(a * BYTES_STEP, a * 1000L, 0, 0, a * 3 * BYTES_STEP, a * 2000L, 0, 0),
                        new VirtNode(2400, 16, 64_000_000_000L, 32_000_000_000L, 2))
                .counterSample(true, a, 0, 2, new IfCounters(2, 6, 10_000_000_000L, 1, 3, a * BYTES_STEP, a * 700L,
                        a, a, 0, 0, 0, a * 2 * BYTES_STEP, a * 800L, a, a, 0, 0, 0), new PortName("eth0"))
                .bytes();
    }

    static byte[] vmDatagram(String node, int vm, int round, long elapsedMillis) throws Exception {
        int a = age(node, round);
        return SflowEncoder.datagram(InetAddress.getByName(node), 100001, sequence(node, round) * 3 + vm, a * 1000L)
                .counterSample(true, a, 3, 100_000 + vm,
                        new HostDescr(vmName(node, vm), vmUuid(node, vm), 0, 0, ""),
                        new VirtCpu(1, vmCpuMillis(node, vm, round, elapsedMillis), VCPUS),
                        new VirtMemory(2_147_483_648L, 4_294_967_296L),
                        new VirtDiskIo(53_687_091_200L, 20_000_000_000L, 33_687_091_200L, a * 10L, a * BYTES_STEP,
                                a * 5L, a * BYTES_STEP / 2, 0),
                        new VirtNetIo(a * BYTES_STEP, a * 100L, 0, 0, a * 2 * BYTES_STEP, a * 150L, 0, 0))
                .bytes();
    }
}
