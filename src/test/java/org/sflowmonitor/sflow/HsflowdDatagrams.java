package org.sflowmonitor.sflow;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.UUID;

import org.sflowmonitor.sflow.CounterRecord.*;

/**
 * Datagrams shaped like what hsflowd 2.1 sends for a KVM node and for one of its VMs
 * (reference section 7): expanded counter samples under sub-agent 100001, records in
 * hsflowd's reverse order, realistic values.
 */
public final class HsflowdDatagrams {

    public static final InetAddress AGENT = address("10.0.0.11");

    private HsflowdDatagrams() {
    }

    /** The physical host's sample: ds 2:1, eleven records including virt_node. */
    public static byte[] node(long datagramSequence, long sampleSequence) {
        return SflowEncoder.datagram(AGENT, 100001, datagramSequence, 86_400_000L + datagramSequence * 30_000)
                .counterSample(true, sampleSequence, 2, 1, nodeRecords().toArray(CounterRecord[]::new))
                .bytes();
    }

    /** One VM's sample: ds 3:index, host_descr with the libvirt name, host_parent 2:1 and the virt records. */
    public static byte[] vm(long datagramSequence, long sampleSequence) {
        return SflowEncoder.datagram(AGENT, 100001, datagramSequence, 86_400_000L + datagramSequence * 30_000)
                .counterSample(true, sampleSequence, 3, 129_571, vmRecords().toArray(CounterRecord[]::new))
                .bytes();
    }

    public static List<CounterRecord> nodeRecords() {
        return List.of(
                new VirtNode(2400, 32, 270_000_000_000L, 96_000_000_000L, 14),
                new HostAdapters(List.of(
                        new HostAdapter(2, List.of(MacAddress.parse("3c:ec:ef:10:20:30"))),
                        new HostAdapter(3, List.of(MacAddress.parse("3c:ec:ef:10:20:31"))))),
                new MibUdp(91_000_000L, 12_000, 3, 90_500_000L, 3, 0, 0),
                new MibTcp(1, 200, 120_000, 0xFFFF_FFFFL, 1_200_000, 3_400_000, 12_000, 45_000, 312,
                        3_900_000_000L, 3_700_000_000L, 120_000, 12, 60_000, 0),
                new MibIcmp(120_000, 10, 9_000, 200, 0, 0, 0, 100_000, 10_000, 0, 0, 0, 130_000, 0, 20_000, 0,
                        0, 0, 0, 10_000, 100_000, 0, 0, 0, 0),
                new MibIp(2, 64, 4_100_000_000L, 0, 12, 0, 0, 0, 4_099_000_000L, 3_800_000_000L, 0, 30, 60, 0, 0,
                        0, 1_000, 0, 2_000),
                new HostDiskIo(2_000_000_000_000L, 1_200_000_000_000L, 4512, 9_000_000, 420_000_000_000L, 3_600_000,
                        31_000_000, 1_900_000_000_000L, 98_000_000),
                new HostMemory(270_000_000_000L, 96_000_000_000L, 1_000_000_000L, 2_000_000_000L,
                        40_000_000_000L, 8_000_000_000L, 8_000_000_000L, 120_000_000, 900_000_000, 0, 0),
                new HostCpu(3.5f, 3.2f, 2.9f, 5, 1400, 32, 2400, 8_640_000, 1_900_000_000L, 1_000_000,
                        400_000_000, 3_000_000_000L, 9_000_000, 0, 20_000_000, 2_500_000_000L, 3_900_000_000L,
                        12_000L, 800_000_000L, 0L),
                new HostNetIo(9_000_000_000_000L, 6_000_000_000L, 0, 1_200, 7_500_000_000_000L, 5_800_000_000L, 0, 0),
                new HostDescr("kvm-node-11", UUID.fromString("7c6b5a49-3827-4160-9f8e-7d6c5b4a3928"), 3, 2,
                        "6.1.0-28-amd64"));
    }

    public static List<CounterRecord> vmRecords() {
        return List.of(
                new HostAdapters(List.of(new HostAdapter(17, List.of(MacAddress.parse("52:54:00:9a:00:01"))))),
                new VirtDiskIo(107_374_182_400L, 42_000_000_000L, 65_374_182_400L, 3_000_000, 90_000_000_000L,
                        7_000_000, 310_000_000_000L, 0),
                new VirtMemory(8_589_934_592L, 8_589_934_592L),
                new VirtCpu(1, 3_100_000_000L, 4),
                new VirtNetIo(120_000_000_000L, 300_000_000, 0, 0, 480_000_000_000L, 410_000_000, 0, 12),
                new HostParent(2, 1),
                new HostDescr("instance-0000a1b2-web-frontend-production-eu-west", UUID.fromString(
                        "1b7e3c55-2f44-4e0a-b1d2-8c9e0f1a2b3c"), 0, 0, ""));
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
