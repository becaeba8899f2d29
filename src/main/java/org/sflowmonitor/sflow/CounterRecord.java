package org.sflowmonitor.sflow;

import java.util.List;
import java.util.UUID;

/**
 * One counter record of a counter sample, decoded as on the wire (no unit conversion).
 *
 * <p>Unsigned 32-bit fields are held in a {@code long}. Unsigned 64-bit fields are held in a
 * {@code long} carrying the raw 64 bits: read them with {@link Long#toUnsignedString(long)} or
 * {@link Long#compareUnsigned(long, long)}; {@code -1L} is the "unknown" value 2^64-1.
 * Field names follow docs/sflow-v5-reference.md (section 4).
 */
public sealed interface CounterRecord {

    /** sFlow enterprise number of this record's data_format (0 for sflow.org standard records). */
    default int enterprise() {
        return 0;
    }

    /** sFlow format number of this record's data_format. */
    int format();

    /** format 1: generic interface counters. */
    record IfCounters(long ifIndex, long ifType, long ifSpeed, long ifDirection, long ifStatus,
                      long ifInOctets, long ifInUcastPkts, long ifInMulticastPkts, long ifInBroadcastPkts,
                      long ifInDiscards, long ifInErrors, long ifInUnknownProtos,
                      long ifOutOctets, long ifOutUcastPkts, long ifOutMulticastPkts, long ifOutBroadcastPkts,
                      long ifOutDiscards, long ifOutErrors, long ifPromiscuousMode) implements CounterRecord {
        public static final int FORMAT = 1;
        public int format() { return FORMAT; }
    }

    /** format 2: ethernet (dot3) counters, all 32-bit counters. */
    record EthernetCounters(long dot3StatsAlignmentErrors, long dot3StatsFcsErrors,
                            long dot3StatsSingleCollisionFrames, long dot3StatsMultipleCollisionFrames,
                            long dot3StatsSqeTestErrors, long dot3StatsDeferredTransmissions,
                            long dot3StatsLateCollisions, long dot3StatsExcessiveCollisions,
                            long dot3StatsInternalMacTransmitErrors, long dot3StatsCarrierSenseErrors,
                            long dot3StatsFrameTooLongs, long dot3StatsInternalMacReceiveErrors,
                            long dot3StatsSymbolErrors) implements CounterRecord {
        public static final int FORMAT = 2;
        public int format() { return FORMAT; }
    }

    /** format 5: VLAN counters. */
    record VlanCounters(long vlanId, long octets, long ucastPkts, long multicastPkts, long broadcastPkts,
                        long discards) implements CounterRecord {
        public static final int FORMAT = 5;
        public int format() { return FORMAT; }
    }

    /** format 1001: processor; the cpu fields are hundredths of a percent, -1 unknown. */
    record Processor(int cpu5s, int cpu1m, int cpu5m, long totalMemory, long freeMemory) implements CounterRecord {
        public static final int FORMAT = 1001;
        public int format() { return FORMAT; }
    }

    /** format 1005: the interface's name (hsflowd attaches it to every interface sample). */
    record PortName(String name) implements CounterRecord {
        public static final int FORMAT = 1005;
        public int format() { return FORMAT; }
    }

    /** format 2000: host description. A VM's hostname is its libvirt domain name. */
    record HostDescr(String hostname, UUID uuid, long machineType, long osName, String osRelease)
            implements CounterRecord {
        public static final int FORMAT = 2000;
        public int format() { return FORMAT; }
    }

    /** format 2001: the host's (or VM's) network adapters. */
    record HostAdapters(List<HostAdapter> adapters) implements CounterRecord {
        public static final int FORMAT = 2001;
        public HostAdapters {
            adapters = DecodedList.immutable(adapters);
        }
        public int format() { return FORMAT; }
    }

    /** One adapter of {@link HostAdapters}; ifIndex 0 is unknown. */
    record HostAdapter(long ifIndex, List<MacAddress> macAddresses) {
        public HostAdapter {
            macAddresses = DecodedList.immutable(macAddresses);
        }
    }

    /** format 2002: the data source that contains this one (hsflowd: class 2, index 1). */
    record HostParent(long containerType, long containerIndex) implements CounterRecord {
        public static final int FORMAT = 2002;
        public int format() { return FORMAT; }
    }

    /**
     * format 2003: host CPU. Times are milliseconds summed over all CPUs (32-bit counters).
     * The steal/guest fields exist only in the 80-byte form; they are null in the 68-byte form.
     */
    record HostCpu(float loadOne, float loadFive, float loadFifteen, long procRun, long procTotal,
                   long cpuNum, long cpuSpeed, long uptime, long cpuUser, long cpuNice, long cpuSystem,
                   long cpuIdle, long cpuWio, long cpuIntr, long cpuSintr, long interrupts, long contexts,
                   Long cpuSteal, Long cpuGuest, Long cpuGuestNice) implements CounterRecord {
        public static final int FORMAT = 2003;
        public int format() { return FORMAT; }
    }

    /** format 2004: host memory in bytes; paging/swapping as 32-bit counters. */
    record HostMemory(long memTotal, long memFree, long memShared, long memBuffers, long memCached,
                      long swapTotal, long swapFree, long pageIn, long pageOut, long swapIn, long swapOut)
            implements CounterRecord {
        public static final int FORMAT = 2004;
        public int format() { return FORMAT; }
    }

    /** format 2005: host disk I/O; partMaxUsed is hundredths of a percent, -1 unknown. */
    record HostDiskIo(long diskTotal, long diskFree, int partMaxUsed, long reads, long bytesRead, long readTime,
                      long writes, long bytesWritten, long writeTime) implements CounterRecord {
        public static final int FORMAT = 2005;
        public int format() { return FORMAT; }
    }

    /** format 2006: host network I/O summed over the physical interfaces. */
    record HostNetIo(long bytesIn, long pktsIn, long errsIn, long dropsIn,
                     long bytesOut, long pktsOut, long errsOut, long dropsOut) implements CounterRecord {
        public static final int FORMAT = 2006;
        public int format() { return FORMAT; }
    }

    /** format 2007: MIB-2 IP group. */
    record MibIp(long ipForwarding, long ipDefaultTtl, long ipInReceives, long ipInHdrErrors, long ipInAddrErrors,
                 long ipForwDatagrams, long ipInUnknownProtos, long ipInDiscards, long ipInDelivers,
                 long ipOutRequests, long ipOutDiscards, long ipOutNoRoutes, long ipReasmTimeout,
                 long ipReasmReqds, long ipReasmOks, long ipReasmFails, long ipFragOks, long ipFragFails,
                 long ipFragCreates) implements CounterRecord {
        public static final int FORMAT = 2007;
        public int format() { return FORMAT; }
    }

    /** format 2008: MIB-2 ICMP group. */
    record MibIcmp(long icmpInMsgs, long icmpInErrors, long icmpInDestUnreachs, long icmpInTimeExcds,
                   long icmpInParamProbs, long icmpInSrcQuenchs, long icmpInRedirects, long icmpInEchos,
                   long icmpInEchoReps, long icmpInTimestamps, long icmpInAddrMasks, long icmpInAddrMaskReps,
                   long icmpOutMsgs, long icmpOutErrors, long icmpOutDestUnreachs, long icmpOutTimeExcds,
                   long icmpOutParamProbs, long icmpOutSrcQuenchs, long icmpOutRedirects, long icmpOutEchos,
                   long icmpOutEchoReps, long icmpOutTimestamps, long icmpOutTimestampReps,
                   long icmpOutAddrMasks, long icmpOutAddrMaskReps) implements CounterRecord {
        public static final int FORMAT = 2008;
        public int format() { return FORMAT; }
    }

    /** format 2009: MIB-2 TCP group. */
    record MibTcp(long tcpRtoAlgorithm, long tcpRtoMin, long tcpRtoMax, long tcpMaxConn, long tcpActiveOpens,
                  long tcpPassiveOpens, long tcpAttemptFails, long tcpEstabResets, long tcpCurrEstab,
                  long tcpInSegs, long tcpOutSegs, long tcpRetransSegs, long tcpInErrs, long tcpOutRsts,
                  long tcpInCsumErrors) implements CounterRecord {
        public static final int FORMAT = 2009;
        public int format() { return FORMAT; }
    }

    /** format 2010: MIB-2 UDP group. */
    record MibUdp(long udpInDatagrams, long udpNoPorts, long udpInErrors, long udpOutDatagrams,
                  long udpRcvbufErrors, long udpSndbufErrors, long udpInCsumErrors) implements CounterRecord {
        public static final int FORMAT = 2010;
        public int format() { return FORMAT; }
    }

    /** format 2100: hypervisor node (physical host sample only). */
    record VirtNode(long mhz, long cpus, long memory, long memoryFree, long numDomains) implements CounterRecord {
        public static final int FORMAT = 2100;
        public int format() { return FORMAT; }
    }

    /** format 2101: VM CPU; cpuTime is milliseconds, a 32-bit counter. */
    record VirtCpu(long state, long cpuTime, long nrVirtCpu) implements CounterRecord {
        public static final int FORMAT = 2101;
        public int format() { return FORMAT; }
    }

    /** format 2102: VM memory in bytes; maxMemory -1L (2^64-1) means unlimited. */
    record VirtMemory(long memory, long maxMemory) implements CounterRecord {
        public static final int FORMAT = 2102;
        public int format() { return FORMAT; }
    }

    /** format 2103: VM disk I/O summed over its disks; "available" is "physical" in the erratum. */
    record VirtDiskIo(long capacity, long allocation, long available, long rdReq, long rdBytes, long wrReq,
                      long wrBytes, long errs) implements CounterRecord {
        public static final int FORMAT = 2103;
        public int format() { return FORMAT; }
    }

    /**
     * format 2104: VM network I/O. hsflowd reads the host-side tap device without swapping,
     * so rx is what the VM sent and tx is what it received (reference section 4.3).
     */
    record VirtNetIo(long rxBytes, long rxPackets, long rxErrs, long rxDrop,
                     long txBytes, long txPackets, long txErrs, long txDrop) implements CounterRecord {
        public static final int FORMAT = 2104;
        public int format() { return FORMAT; }
    }

    /** A record of a format we do not decode, skipped by its length. */
    record Unknown(int enterprise, int format, int length) implements CounterRecord {
    }

    /** A known record whose content does not fit its declared length; skipped by its length. */
    record Malformed(int enterprise, int format, int length, String reason) implements CounterRecord {
    }
}
