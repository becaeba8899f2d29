package org.sflowmonitor.sflow;

import org.sflowmonitor.sflow.CounterRecord.*;

/**
 * The standard (enterprise 0) counter record formats we decode: number, the reference's name,
 * the size of the fixed part (the minimum legal length) and the decoder of the body.
 * A new format is one constant here and one record in {@link CounterRecord}.
 */
enum CounterFormat {
    IF_COUNTERS(IfCounters.FORMAT, "if_counters", 88, CounterRecordDecoder::ifCounters),
    ETHERNET_COUNTERS(EthernetCounters.FORMAT, "ethernet_counters", 52, CounterRecordDecoder::ethernetCounters),
    VLAN_COUNTERS(VlanCounters.FORMAT, "vlan_counters", 28, CounterRecordDecoder::vlanCounters),
    PROCESSOR(Processor.FORMAT, "processor", 28, CounterRecordDecoder::processor),
    PORT_NAME(PortName.FORMAT, "port_name", 4, CounterRecordDecoder::portName),
    HOST_DESCR(HostDescr.FORMAT, "host_descr", 32, CounterRecordDecoder::hostDescr),
    HOST_ADAPTERS(HostAdapters.FORMAT, "host_adapters", 4, CounterRecordDecoder::hostAdapters),
    HOST_PARENT(HostParent.FORMAT, "host_parent", 8, CounterRecordDecoder::hostParent),
    HOST_CPU(HostCpu.FORMAT, "host_cpu", 68, CounterRecordDecoder::hostCpu),
    HOST_MEMORY(HostMemory.FORMAT, "host_memory", 72, CounterRecordDecoder::hostMemory),
    HOST_DISK_IO(HostDiskIo.FORMAT, "host_disk_io", 52, CounterRecordDecoder::hostDiskIo),
    HOST_NET_IO(HostNetIo.FORMAT, "host_net_io", 40, CounterRecordDecoder::hostNetIo),
    MIB2_IP_GROUP(MibIp.FORMAT, "mib2_ip_group", 76, CounterRecordDecoder::mibIp),
    MIB2_ICMP_GROUP(MibIcmp.FORMAT, "mib2_icmp_group", 100, CounterRecordDecoder::mibIcmp),
    MIB2_TCP_GROUP(MibTcp.FORMAT, "mib2_tcp_group", 60, CounterRecordDecoder::mibTcp),
    MIB2_UDP_GROUP(MibUdp.FORMAT, "mib2_udp_group", 28, CounterRecordDecoder::mibUdp),
    VIRT_NODE(VirtNode.FORMAT, "virt_node", 28, CounterRecordDecoder::virtNode),
    VIRT_CPU(VirtCpu.FORMAT, "virt_cpu", 12, CounterRecordDecoder::virtCpu),
    VIRT_MEMORY(VirtMemory.FORMAT, "virt_memory", 16, CounterRecordDecoder::virtMemory),
    VIRT_DISK_IO(VirtDiskIo.FORMAT, "virt_disk_io", 52, CounterRecordDecoder::virtDiskIo),
    VIRT_NET_IO(VirtNetIo.FORMAT, "virt_net_io", 40, CounterRecordDecoder::virtNetIo);

    /** Decodes a record body of a known format; {@code length} is the record's declared length. */
    @FunctionalInterface
    interface BodyDecoder {
        CounterRecord decode(XdrReader in, int length);
    }

    /** A data_format's format part has 12 bits. */
    private static final CounterFormat[] BY_NUMBER = new CounterFormat[1 << 12];

    static {
        for (CounterFormat f : values()) {
            if (BY_NUMBER[f.number] != null) {
                throw new ExceptionInInitializerError("format " + f.number + " declared twice");
            }
            BY_NUMBER[f.number] = f;
        }
    }

    final int number;
    final String recordName;
    final int fixedSize;
    final BodyDecoder decoder;

    CounterFormat(int number, String recordName, int fixedSize, BodyDecoder decoder) {
        this.number = number;
        this.recordName = recordName;
        this.fixedSize = fixedSize;
        this.decoder = decoder;
    }

    /** The standard format with this number, or null for one we do not decode. */
    static CounterFormat of(int number) {
        return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }
}
