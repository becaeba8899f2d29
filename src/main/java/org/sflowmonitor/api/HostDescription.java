package org.sflowmonitor.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One row of host.description, fields written in this order with these names in snake_case.
 *
 * @param vmCount null while the writer has not loaded the inventory (the database was unreachable at start)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HostDescription(String hostIp, String hostname, String machineType, String osName, String osRelease,
                              String uuid, long firstSeen, long lastSeen, List<Map<String, Object>> adapters,
                              Long vmCount) {
}
