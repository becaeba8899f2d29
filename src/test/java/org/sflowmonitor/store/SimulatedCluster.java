package org.sflowmonitor.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.sflow.CounterRecord.*;
import org.sflowmonitor.sflow.MacAddress;
import org.sflowmonitor.sflow.SflowEncoder;

/**
 * KVM nodes with their VMs as hsflowd 2.1 reports them (reference section 7): per polling
 * round and node, one datagram with the node's sample (ds 2:1), one with all its VMs' samples
 * (ds 3:100000+), one with an interface sample (ds 0:2), all under sub-agent 100001 with
 * consecutive sequence numbers. Every counter field has a distinct value per node, VM and
 * round, with "unknown" sentinels and values above 2^63 among them.
 */
final class SimulatedCluster {

    record Vm(UUID uuid, String name, long dsIndex, MacAddress mac) {
    }

    record Node(int number, InetAddress agent, String hostname, UUID uuid, List<Vm> vms) {
    }

    static final long SUB_AGENT = 100_001;

    final List<Node> nodes = new ArrayList<>();

    SimulatedCluster(int nodeCount, int vmsPerNode) {
        Random random = new Random(nodeCount * 1000L + vmsPerNode);
        for (int n = 0; n < nodeCount; n++) {
            // the last node reports an IPv6 agent address
            String address = n == nodeCount - 1 && nodeCount > 1 ? "fd00::" + (n + 1) : "10.0.0." + (n + 1);
            List<Vm> vms = new ArrayList<>();
            for (int v = 0; v < vmsPerNode; v++) {
                String name = v == 0 ? "instance-" + n + "-with-a-libvirt-name-longer-than-the-64-bytes-of-host-descr"
                        : "instance-" + n + "-" + v;
                vms.add(new Vm(new UUID(random.nextLong(), random.nextLong()), name, 100_000 + n * 100 + v,
                        new MacAddress(0x525400000000L + n * 256L + v)));
            }
            nodes.add(new Node(n, address(address), "kvm-node-" + n, new UUID(random.nextLong(), random.nextLong()),
                    vms));
        }
    }

    /** The datagrams of one polling round (rounds count from 0). */
    List<byte[]> round(int round) {
        List<byte[]> out = new ArrayList<>();
        for (Node node : nodes) {
            out.addAll(round(node, round));
        }
        return out;
    }

    List<byte[]> round(Node node, int round) {
        long sequence = round * 3L + 1;
        long uptime = 600_000 + round * 20_000L;
        byte[] nodeDatagram = SflowEncoder.datagram(node.agent(), SUB_AGENT, sequence, uptime)
                .counterSample(true, round + 1, 2, 1, nodeRecords(node, round).toArray(CounterRecord[]::new))
                .bytes();
        SflowEncoder.Datagram vms = SflowEncoder.datagram(node.agent(), SUB_AGENT, sequence + 1, uptime + 5);
        for (Vm vm : node.vms()) {
            vms.counterSample(true, round + 1, 3, vm.dsIndex(), vmRecords(node, vm, round)
                    .toArray(CounterRecord[]::new));
        }
        byte[] interfaceDatagram = SflowEncoder.datagram(node.agent(), SUB_AGENT, sequence + 2, uptime + 9)
                .counterSample(true, round + 1, 0, 2, interfaceRecords(node, round).toArray(CounterRecord[]::new))
                .bytes();
        return List.of(nodeDatagram, vms.bytes(), interfaceDatagram);
    }

    /** The node's records, in hsflowd's reverse order (host_descr last). */
    static List<CounterRecord> nodeRecords(Node node, int round) {
        long seed = node.number() * 100_000L + round * 100L;
        return List.of(
                RecordColumns.generate(VirtNode.class, seed + 1),
                adapters(new HostAdapter(2, List.of(new MacAddress(0x3cecef000000L + node.number())))),
                RecordColumns.generate(MibUdp.class, seed + 2),
                RecordColumns.generate(MibTcp.class, seed + 3),
                RecordColumns.generate(MibIcmp.class, seed + 4),
                RecordColumns.generate(MibIp.class, seed + 5),
                RecordColumns.generate(HostDiskIo.class, seed + 6),
                RecordColumns.generate(HostMemory.class, seed + 7),
                RecordColumns.generate(HostCpu.class, seed + 8),
                RecordColumns.generate(HostNetIo.class, seed + 9),
                new HostDescr(node.hostname(), node.uuid(), 3, 2, "6.1.0-" + node.number() + "-amd64"));
    }

    static List<CounterRecord> vmRecords(Node node, Vm vm, int round) {
        long seed = node.number() * 100_000L + vm.dsIndex() * 1_000L + round * 10L;
        return List.of(
                adapters(new HostAdapter(17, List.of(vm.mac()))),
                RecordColumns.generate(VirtDiskIo.class, seed + 1),
                RecordColumns.generate(VirtMemory.class, seed + 2),
                RecordColumns.generate(VirtCpu.class, seed + 3),
                RecordColumns.generate(VirtNetIo.class, seed + 4),
                new HostParent(2, 1),
                new HostDescr(vm.name(), vm.uuid(), 0, 0, ""));
    }

    static List<CounterRecord> interfaceRecords(Node node, int round) {
        long seed = node.number() * 100_000L + round * 100L + 50;
        return List.of(new PortName("eth0"), RecordColumns.generate(EthernetCounters.class, seed),
                RecordColumns.generate(IfCounters.class, seed + 1));
    }

    static HostAdapters adapters(HostAdapter... adapters) {
        return new HostAdapters(List.of(adapters));
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
