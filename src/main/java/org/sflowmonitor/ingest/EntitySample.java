package org.sflowmonitor.ingest;

import java.net.InetAddress;
import java.util.UUID;

import org.sflowmonitor.sflow.CounterRecord;

/**
 * One counter sample attributed to what it describes: a physical node, a VM, or one
 * interface of a node. A record the sample did not carry is null. {@code agent} is the
 * datagram's agent address (the node's identity); {@code receivedAt} the receive time in epoch ms.
 */
public sealed interface EntitySample {

    InetAddress agent();

    long receivedAt();

    /** The hypervisor node's own sample (ds class 2), with its description and host counters. */
    record NodeSample(InetAddress agent, long receivedAt, CounterRecord.HostDescr descr,
                      CounterRecord.HostAdapters adapters, CounterRecord.HostCpu cpu, CounterRecord.HostMemory memory,
                      CounterRecord.HostDiskIo disk, CounterRecord.HostNetIo net, CounterRecord.VirtNode virtNode,
                      CounterRecord.MibIp ip, CounterRecord.MibIcmp icmp, CounterRecord.MibTcp tcp,
                      CounterRecord.MibUdp udp) implements EntitySample {
    }

    /** A VM's sample (ds class 3), identified by its UUID; {@code name} is the libvirt domain name. */
    record VmSample(InetAddress agent, long receivedAt, UUID uuid, String name, long dsIndex,
                    CounterRecord.HostAdapters adapters, CounterRecord.VirtCpu cpu, CounterRecord.VirtMemory memory,
                    CounterRecord.VirtDiskIo disk, CounterRecord.VirtNetIo net) implements EntitySample {
    }

    /** One interface's counters (ds class 0) of the node at {@code agent}. */
    record InterfaceSample(InetAddress agent, long receivedAt, long ifIndex, CounterRecord.IfCounters counters,
                           CounterRecord.EthernetCounters ethernet, String portName) implements EntitySample {
    }
}
