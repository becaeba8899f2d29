package org.sflowmonitor.sflow;

import org.sflowmonitor.sflow.CounterRecord.*;

import java.util.UUID;

/**
 * Decodes the body of one counter record. The reader's end mark is the record's declared
 * end: a record longer than the layout we know is decoded for the known part; one shorter
 * than its fixed part, or whose string or count runs past its end, becomes {@link Malformed}.
 * Which formats are known, and their sizes, is {@link CounterFormat}'s; this class holds one
 * decoder per format, each reading the fields in wire order into named locals. One piece
 * although over 300 lines: the decoders are the structures of one reference, each checked
 * against it on its own, and share nothing but the reader; split by group, they would only be
 * harder to find from {@link CounterFormat}.
 */
final class CounterRecordDecoder {

    private static final int HOST_CPU_WITH_STEAL = 80;

    CounterRecord decode(XdrReader in, int enterprise, int format, int length) {
        CounterFormat known = enterprise == 0 ? CounterFormat.of(format) : null;
        if (known == null) {
            return new Unknown(enterprise, format, length);
        }
        if (length < known.fixedSize) {
            return new Malformed(enterprise, format, length, "length " + length + " is shorter than the "
                    + known.fixedSize + " bytes of " + known.recordName);
        }
        try {
            return known.decoder.decode(in, length);
        } catch (XdrReader.Underflow e) {
            return new Malformed(enterprise, format, length, "a string or count in "
                    + known.recordName + " runs past the record's " + length + " bytes");
        }
    }

    static IfCounters ifCounters(XdrReader in, int length) {
        long ifIndex = in.readUnsignedInt();
        long ifType = in.readUnsignedInt();
        long ifSpeed = in.readLong();
        long ifDirection = in.readUnsignedInt();
        long ifStatus = in.readUnsignedInt();
        long ifInOctets = in.readLong();
        long ifInUcastPkts = in.readUnsignedInt();
        long ifInMulticastPkts = in.readUnsignedInt();
        long ifInBroadcastPkts = in.readUnsignedInt();
        long ifInDiscards = in.readUnsignedInt();
        long ifInErrors = in.readUnsignedInt();
        long ifInUnknownProtos = in.readUnsignedInt();
        long ifOutOctets = in.readLong();
        long ifOutUcastPkts = in.readUnsignedInt();
        long ifOutMulticastPkts = in.readUnsignedInt();
        long ifOutBroadcastPkts = in.readUnsignedInt();
        long ifOutDiscards = in.readUnsignedInt();
        long ifOutErrors = in.readUnsignedInt();
        long ifPromiscuousMode = in.readUnsignedInt();
        return new IfCounters(ifIndex, ifType, ifSpeed, ifDirection, ifStatus, ifInOctets, ifInUcastPkts,
                ifInMulticastPkts, ifInBroadcastPkts, ifInDiscards, ifInErrors, ifInUnknownProtos,
                ifOutOctets, ifOutUcastPkts, ifOutMulticastPkts, ifOutBroadcastPkts, ifOutDiscards,
                ifOutErrors, ifPromiscuousMode);
    }

    static EthernetCounters ethernetCounters(XdrReader in, int length) {
        long dot3StatsAlignmentErrors = in.readUnsignedInt();
        long dot3StatsFcsErrors = in.readUnsignedInt();
        long dot3StatsSingleCollisionFrames = in.readUnsignedInt();
        long dot3StatsMultipleCollisionFrames = in.readUnsignedInt();
        long dot3StatsSqeTestErrors = in.readUnsignedInt();
        long dot3StatsDeferredTransmissions = in.readUnsignedInt();
        long dot3StatsLateCollisions = in.readUnsignedInt();
        long dot3StatsExcessiveCollisions = in.readUnsignedInt();
        long dot3StatsInternalMacTransmitErrors = in.readUnsignedInt();
        long dot3StatsCarrierSenseErrors = in.readUnsignedInt();
        long dot3StatsFrameTooLongs = in.readUnsignedInt();
        long dot3StatsInternalMacReceiveErrors = in.readUnsignedInt();
        long dot3StatsSymbolErrors = in.readUnsignedInt();
        return new EthernetCounters(dot3StatsAlignmentErrors, dot3StatsFcsErrors, dot3StatsSingleCollisionFrames,
                dot3StatsMultipleCollisionFrames, dot3StatsSqeTestErrors, dot3StatsDeferredTransmissions, dot3StatsLateCollisions,
                dot3StatsExcessiveCollisions, dot3StatsInternalMacTransmitErrors, dot3StatsCarrierSenseErrors, dot3StatsFrameTooLongs,
                dot3StatsInternalMacReceiveErrors, dot3StatsSymbolErrors);
    }

    static VlanCounters vlanCounters(XdrReader in, int length) {
        long vlanId = in.readUnsignedInt();
        long octets = in.readLong();
        long ucastPkts = in.readUnsignedInt();
        long multicastPkts = in.readUnsignedInt();
        long broadcastPkts = in.readUnsignedInt();
        long discards = in.readUnsignedInt();
        return new VlanCounters(vlanId, octets, ucastPkts, multicastPkts, broadcastPkts, discards);
    }

    static Processor processor(XdrReader in, int length) {
        int cpu5s = in.readInt();
        int cpu1m = in.readInt();
        int cpu5m = in.readInt();
        long totalMemory = in.readLong();
        long freeMemory = in.readLong();
        return new Processor(cpu5s, cpu1m, cpu5m, totalMemory, freeMemory);
    }

    static PortName portName(XdrReader in, int length) {
        String name = in.readString();
        return new PortName(name);
    }

    static HostDescr hostDescr(XdrReader in, int length) {
        String hostname = in.readString();
        UUID uuid = in.readUuid();
        long machineType = in.readUnsignedInt();
        long osName = in.readUnsignedInt();
        String osRelease = in.readString();
        return new HostDescr(hostname, uuid, machineType, osName, osRelease);
    }

    static HostParent hostParent(XdrReader in, int length) {
        long containerType = in.readUnsignedInt();
        long containerIndex = in.readUnsignedInt();
        return new HostParent(containerType, containerIndex);
    }

    static HostMemory hostMemory(XdrReader in, int length) {
        long memTotal = in.readLong();
        long memFree = in.readLong();
        long memShared = in.readLong();
        long memBuffers = in.readLong();
        long memCached = in.readLong();
        long swapTotal = in.readLong();
        long swapFree = in.readLong();
        long pageIn = in.readUnsignedInt();
        long pageOut = in.readUnsignedInt();
        long swapIn = in.readUnsignedInt();
        long swapOut = in.readUnsignedInt();
        return new HostMemory(memTotal, memFree, memShared, memBuffers, memCached, swapTotal, swapFree,
                pageIn, pageOut, swapIn, swapOut);
    }

    static HostDiskIo hostDiskIo(XdrReader in, int length) {
        long diskTotal = in.readLong();
        long diskFree = in.readLong();
        int partMaxUsed = in.readInt();
        long reads = in.readUnsignedInt();
        long bytesRead = in.readLong();
        long readTime = in.readUnsignedInt();
        long writes = in.readUnsignedInt();
        long bytesWritten = in.readLong();
        long writeTime = in.readUnsignedInt();
        return new HostDiskIo(diskTotal, diskFree, partMaxUsed, reads, bytesRead, readTime, writes,
                bytesWritten, writeTime);
    }

    static HostNetIo hostNetIo(XdrReader in, int length) {
        long bytesIn = in.readLong();
        long pktsIn = in.readUnsignedInt();
        long errsIn = in.readUnsignedInt();
        long dropsIn = in.readUnsignedInt();
        long bytesOut = in.readLong();
        long pktsOut = in.readUnsignedInt();
        long errsOut = in.readUnsignedInt();
        long dropsOut = in.readUnsignedInt();
        return new HostNetIo(bytesIn, pktsIn, errsIn, dropsIn, bytesOut, pktsOut, errsOut, dropsOut);
    }

    static MibIp mibIp(XdrReader in, int length) {
        long ipForwarding = in.readUnsignedInt();
        long ipDefaultTtl = in.readUnsignedInt();
        long ipInReceives = in.readUnsignedInt();
        long ipInHdrErrors = in.readUnsignedInt();
        long ipInAddrErrors = in.readUnsignedInt();
        long ipForwDatagrams = in.readUnsignedInt();
        long ipInUnknownProtos = in.readUnsignedInt();
        long ipInDiscards = in.readUnsignedInt();
        long ipInDelivers = in.readUnsignedInt();
        long ipOutRequests = in.readUnsignedInt();
        long ipOutDiscards = in.readUnsignedInt();
        long ipOutNoRoutes = in.readUnsignedInt();
        long ipReasmTimeout = in.readUnsignedInt();
        long ipReasmReqds = in.readUnsignedInt();
        long ipReasmOks = in.readUnsignedInt();
        long ipReasmFails = in.readUnsignedInt();
        long ipFragOks = in.readUnsignedInt();
        long ipFragFails = in.readUnsignedInt();
        long ipFragCreates = in.readUnsignedInt();
        return new MibIp(ipForwarding, ipDefaultTtl, ipInReceives, ipInHdrErrors, ipInAddrErrors,
                ipForwDatagrams, ipInUnknownProtos, ipInDiscards, ipInDelivers, ipOutRequests, ipOutDiscards,
                ipOutNoRoutes, ipReasmTimeout, ipReasmReqds, ipReasmOks, ipReasmFails, ipFragOks, ipFragFails,
                ipFragCreates);
    }

    static MibIcmp mibIcmp(XdrReader in, int length) {
        long icmpInMsgs = in.readUnsignedInt();
        long icmpInErrors = in.readUnsignedInt();
        long icmpInDestUnreachs = in.readUnsignedInt();
        long icmpInTimeExcds = in.readUnsignedInt();
        long icmpInParamProbs = in.readUnsignedInt();
        long icmpInSrcQuenchs = in.readUnsignedInt();
        long icmpInRedirects = in.readUnsignedInt();
        long icmpInEchos = in.readUnsignedInt();
        long icmpInEchoReps = in.readUnsignedInt();
        long icmpInTimestamps = in.readUnsignedInt();
        long icmpInAddrMasks = in.readUnsignedInt();
        long icmpInAddrMaskReps = in.readUnsignedInt();
        long icmpOutMsgs = in.readUnsignedInt();
        long icmpOutErrors = in.readUnsignedInt();
        long icmpOutDestUnreachs = in.readUnsignedInt();
        long icmpOutTimeExcds = in.readUnsignedInt();
        long icmpOutParamProbs = in.readUnsignedInt();
        long icmpOutSrcQuenchs = in.readUnsignedInt();
        long icmpOutRedirects = in.readUnsignedInt();
        long icmpOutEchos = in.readUnsignedInt();
        long icmpOutEchoReps = in.readUnsignedInt();
        long icmpOutTimestamps = in.readUnsignedInt();
        long icmpOutTimestampReps = in.readUnsignedInt();
        long icmpOutAddrMasks = in.readUnsignedInt();
        long icmpOutAddrMaskReps = in.readUnsignedInt();
        return new MibIcmp(icmpInMsgs, icmpInErrors, icmpInDestUnreachs, icmpInTimeExcds, icmpInParamProbs,
                icmpInSrcQuenchs, icmpInRedirects, icmpInEchos, icmpInEchoReps, icmpInTimestamps,
                icmpInAddrMasks, icmpInAddrMaskReps, icmpOutMsgs, icmpOutErrors, icmpOutDestUnreachs,
                icmpOutTimeExcds, icmpOutParamProbs, icmpOutSrcQuenchs, icmpOutRedirects, icmpOutEchos,
                icmpOutEchoReps, icmpOutTimestamps, icmpOutTimestampReps, icmpOutAddrMasks,
                icmpOutAddrMaskReps);
    }

    static MibTcp mibTcp(XdrReader in, int length) {
        long tcpRtoAlgorithm = in.readUnsignedInt();
        long tcpRtoMin = in.readUnsignedInt();
        long tcpRtoMax = in.readUnsignedInt();
        long tcpMaxConn = in.readUnsignedInt();
        long tcpActiveOpens = in.readUnsignedInt();
        long tcpPassiveOpens = in.readUnsignedInt();
        long tcpAttemptFails = in.readUnsignedInt();
        long tcpEstabResets = in.readUnsignedInt();
        long tcpCurrEstab = in.readUnsignedInt();
        long tcpInSegs = in.readUnsignedInt();
        long tcpOutSegs = in.readUnsignedInt();
        long tcpRetransSegs = in.readUnsignedInt();
        long tcpInErrs = in.readUnsignedInt();
        long tcpOutRsts = in.readUnsignedInt();
        long tcpInCsumErrors = in.readUnsignedInt();
        return new MibTcp(tcpRtoAlgorithm, tcpRtoMin, tcpRtoMax, tcpMaxConn, tcpActiveOpens, tcpPassiveOpens,
                tcpAttemptFails, tcpEstabResets, tcpCurrEstab, tcpInSegs, tcpOutSegs, tcpRetransSegs,
                tcpInErrs, tcpOutRsts, tcpInCsumErrors);
    }

    static MibUdp mibUdp(XdrReader in, int length) {
        long udpInDatagrams = in.readUnsignedInt();
        long udpNoPorts = in.readUnsignedInt();
        long udpInErrors = in.readUnsignedInt();
        long udpOutDatagrams = in.readUnsignedInt();
        long udpRcvbufErrors = in.readUnsignedInt();
        long udpSndbufErrors = in.readUnsignedInt();
        long udpInCsumErrors = in.readUnsignedInt();
        return new MibUdp(udpInDatagrams, udpNoPorts, udpInErrors, udpOutDatagrams, udpRcvbufErrors,
                udpSndbufErrors, udpInCsumErrors);
    }

    static VirtNode virtNode(XdrReader in, int length) {
        long mhz = in.readUnsignedInt();
        long cpus = in.readUnsignedInt();
        long memory = in.readLong();
        long memoryFree = in.readLong();
        long numDomains = in.readUnsignedInt();
        return new VirtNode(mhz, cpus, memory, memoryFree, numDomains);
    }

    static VirtCpu virtCpu(XdrReader in, int length) {
        long state = in.readUnsignedInt();
        long cpuTime = in.readUnsignedInt();
        long nrVirtCpu = in.readUnsignedInt();
        return new VirtCpu(state, cpuTime, nrVirtCpu);
    }

    static VirtMemory virtMemory(XdrReader in, int length) {
        long memory = in.readLong();
        long maxMemory = in.readLong();
        return new VirtMemory(memory, maxMemory);
    }

    static VirtDiskIo virtDiskIo(XdrReader in, int length) {
        long capacity = in.readLong();
        long allocation = in.readLong();
        long available = in.readLong();
        long rdReq = in.readUnsignedInt();
        long rdBytes = in.readLong();
        long wrReq = in.readUnsignedInt();
        long wrBytes = in.readLong();
        long errs = in.readUnsignedInt();
        return new VirtDiskIo(capacity, allocation, available, rdReq, rdBytes, wrReq, wrBytes, errs);
    }

    static VirtNetIo virtNetIo(XdrReader in, int length) {
        long rxBytes = in.readLong();
        long rxPackets = in.readUnsignedInt();
        long rxErrs = in.readUnsignedInt();
        long rxDrop = in.readUnsignedInt();
        long txBytes = in.readLong();
        long txPackets = in.readUnsignedInt();
        long txErrs = in.readUnsignedInt();
        long txDrop = in.readUnsignedInt();
        return new VirtNetIo(rxBytes, rxPackets, rxErrs, rxDrop, txBytes, txPackets, txErrs, txDrop);
    }

    static HostCpu hostCpu(XdrReader in, int length) {
        float loadOne = in.readFloat();
        float loadFive = in.readFloat();
        float loadFifteen = in.readFloat();
        long procRun = in.readUnsignedInt();
        long procTotal = in.readUnsignedInt();
        long cpuNum = in.readUnsignedInt();
        long cpuSpeed = in.readUnsignedInt();
        long uptime = in.readUnsignedInt();
        long user = in.readUnsignedInt();
        long nice = in.readUnsignedInt();
        long system = in.readUnsignedInt();
        long idle = in.readUnsignedInt();
        long wio = in.readUnsignedInt();
        long intr = in.readUnsignedInt();
        long sintr = in.readUnsignedInt();
        long interrupts = in.readUnsignedInt();
        long contexts = in.readUnsignedInt();
        Long steal = null;
        Long guest = null;
        Long guestNice = null;
        if (length >= HOST_CPU_WITH_STEAL) {
            steal = in.readUnsignedInt();
            guest = in.readUnsignedInt();
            guestNice = in.readUnsignedInt();
        }
        return new HostCpu(loadOne, loadFive, loadFifteen, procRun, procTotal, cpuNum, cpuSpeed, uptime, user, nice,
                system, idle, wio, intr, sintr, interrupts, contexts, steal, guest, guestNice);
    }

    static HostAdapters hostAdapters(XdrReader in, int length) {
        long count = in.readUnsignedInt();
        if (count > in.remaining() / 8) {
            throw XdrReader.Underflow.INSTANCE;
        }
        DecodedList<HostAdapter> adapters = new DecodedList<>((int) count);
        for (int i = 0; i < count; i++) {
            long ifIndex = in.readUnsignedInt();
            long macCount = in.readUnsignedInt();
            if (macCount > in.remaining() / 8) {
                throw XdrReader.Underflow.INSTANCE;
            }
            DecodedList<MacAddress> macs = new DecodedList<>((int) macCount);
            for (int m = 0; m < macCount; m++) {
                macs.append(in.readMac());
            }
            adapters.append(new HostAdapter(ifIndex, macs));
        }
        return new HostAdapters(adapters);
    }
}
