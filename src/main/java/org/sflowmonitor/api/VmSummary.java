package org.sflowmonitor.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One row of virt.summary, fields written in this order with these names in snake_case
 * ({@link Summaries#VM_FIELDS}); values read from a sample kept as the read gave them.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record VmSummary(String hostIp, String hostname, String uuid, String name, String state, Object vcpuState,
                 Object timestamp, Long sampleInterval, Object vcpuCpuCount, Double vcpuUtilisation, Object vmemMemory,
                 Object vmemMaxMemory, Double vmemUtilisation, Object vdskCapacity, Object vdskAllocation,
                 Double vdskRdBytesPerSecond, Double vdskWrBytesPerSecond, Double vdskRdReqPerSecond,
                 Double vdskWrReqPerSecond, Double vnioBytesSentPerSecond, Double vnioBytesReceivedPerSecond,
                 Double vnioPacketsSentPerSecond, Double vnioPacketsReceivedPerSecond, Boolean reporting,
                 Long silentSince) {

    /** This row with the VM's reporting state at the instant of a call. */
    VmSummary with(Reporting now) {
        return new VmSummary(hostIp, hostname, uuid, name, state, vcpuState, timestamp, sampleInterval, vcpuCpuCount,
                vcpuUtilisation, vmemMemory, vmemMaxMemory, vmemUtilisation, vdskCapacity, vdskAllocation,
                vdskRdBytesPerSecond, vdskWrBytesPerSecond, vdskRdReqPerSecond, vdskWrReqPerSecond,
                vnioBytesSentPerSecond, vnioBytesReceivedPerSecond, vnioPacketsSentPerSecond,
                vnioPacketsReceivedPerSecond, now.reporting(), now.silentSince());
    }
}
