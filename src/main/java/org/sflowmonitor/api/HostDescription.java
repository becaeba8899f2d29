package org.sflowmonitor.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One row of host.description, fields written in this order with these names in snake_case.
 *
 * @param vmCount         the VMs reporting on the node; null (as vmCountSeen) while the writer has not
 *                        loaded the inventory (the database was unreachable at start)
 * @param vmCountSeen     the VMs whose newest sample came from the node, reporting or not
 * @param pollingInterval the interval learned from the node's samples, ms; null while none is learned
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HostDescription(String hostIp, String hostname, String machineType, String osName, String osRelease,
                              String uuid, long firstSeen, long lastSeen, List<Map<String, Object>> adapters,
                              Long vmCount, Long vmCountSeen, Long pollingInterval, boolean reporting,
                              Long silentSince) {
}
