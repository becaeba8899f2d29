package org.sflowmonitor.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One row of virt.description, fields written in this order with these names in snake_case.
 * {@code reporting} and {@code silentSince} follow {@link Reporting} with the node's learned interval.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VmDescription(String hostIp, String hostname, String uuid, String name, String state,
                            String nodeHostname, long firstSeen, long lastSeen, List<Map<String, Object>> adapters,
                            boolean reporting, Long silentSince) {
}
