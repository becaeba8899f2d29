package org.sflowmonitor.ingest;

import java.util.UUID;

import org.sflowmonitor.sflow.CounterRecord;

/**
 * One counter sample attributed to what it describes: a physical node, a VM, or one
 * interface of a node. A record the sample did not carry is null. {@code agent} is the
 * datagram's agent address as {@link AgentAddress#text} (the node's identity);
 * {@code receivedAt} the receive time in epoch ms; {@code records} the number of decoded
 * records the sample carried (counted as stored when the sample is).
 */
public sealed interface EntitySample {

    String agent();

    long receivedAt();

    int records();

    /** The hypervisor node's own sample (ds class 2), with its description and host counters. */
    record NodeSample(String agent, long receivedAt, int records, CounterRecord.HostDescr descr,
                      CounterRecord.HostAdapters adapters, CounterRecord.HostCpu cpu, CounterRecord.HostMemory memory,
                      CounterRecord.HostDiskIo disk, CounterRecord.HostNetIo net, CounterRecord.VirtNode virtNode,
                      CounterRecord.MibIp ip, CounterRecord.MibIcmp icmp, CounterRecord.MibTcp tcp,
                      CounterRecord.MibUdp udp) implements EntitySample {
    }

    /** A VM's sample (ds class 3), identified by its UUID; {@code name} is the libvirt domain name or null. */
    record VmSample(String agent, long receivedAt, int records, UUID uuid, String name, long dsIndex,
                    CounterRecord.HostAdapters adapters, CounterRecord.VirtCpu cpu, CounterRecord.VirtMemory memory,
                    CounterRecord.VirtDiskIo disk, CounterRecord.VirtNetIo net) implements EntitySample {
    }

    /** One interface's counters (ds class 0) of the node at {@code agent}. */
    record InterfaceSample(String agent, long receivedAt, int records, long ifIndex,
                           CounterRecord.IfCounters counters, CounterRecord.EthernetCounters ethernet,
                           String portName) implements EntitySample {
    }
}
