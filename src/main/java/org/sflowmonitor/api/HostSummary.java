package org.sflowmonitor.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One row of host.summary, fields written in this order with these names in snake_case
 * ({@link Summaries#HOST_FIELDS}). Values read from a sample are kept as the read gave them (a
 * Long, a Float, a BigInteger), so that the JSON is the same whichever way they were read.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record HostSummary(String hostIp, String hostname, String uuid, Object timestamp, Long sampleInterval,
                   Object cpuUptime, Object cpuNum, Double cpuUtilisation, Object cpuLoadOne, Object cpuLoadFive,
                   Object cpuLoadFifteen, Object memTotal, Object memFree, Double memUtilisation, Object swapTotal,
                   Object swapFree, Object diskTotal, Object diskFree, Object partMaxUsed, Double readsPerSecond,
                   Double writesPerSecond, Double bytesReadPerSecond, Double bytesWrittenPerSecond,
                   Double bytesInPerSecond, Double packetsInPerSecond, Double bytesOutPerSecond,
                   Double packetsOutPerSecond, Object vnodeNumDomains, Boolean reporting, Long silentSince) {

    /** This row with the node's reporting state at the instant of a call. */
    HostSummary with(Reporting state) {
        return new HostSummary(hostIp, hostname, uuid, timestamp, sampleInterval, cpuUptime, cpuNum, cpuUtilisation,
                cpuLoadOne, cpuLoadFive, cpuLoadFifteen, memTotal, memFree, memUtilisation, swapTotal, swapFree,
                diskTotal, diskFree, partMaxUsed, readsPerSecond, writesPerSecond, bytesReadPerSecond,
                bytesWrittenPerSecond, bytesInPerSecond, packetsInPerSecond, bytesOutPerSecond, packetsOutPerSecond,
                vnodeNumDomains, state.reporting(), state.silentSince());
    }
}
