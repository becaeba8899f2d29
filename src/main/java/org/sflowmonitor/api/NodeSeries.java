package org.sflowmonitor.api;

import java.util.Map;

import com.googlecode.jsonrpc4j.JsonRpcParam;

/**
 * The params of the host time-series methods: the node (by ip, its alias host_ip, hostname or
 * uuid) and the rows wanted.
 */
public record NodeSeries(@JsonRpcParam("ip") String ip, @JsonRpcParam("host_ip") String hostIp,
                         @JsonRpcParam("hostname") String hostname, @JsonRpcParam("uuid") String uuid,
                         SeriesRows rows) implements SeriesParams {

    @Override
    public Map<String, Object> entity(EntityLookup lookup) {
        return lookup.node(ip, hostIp, hostname, uuid);
    }
}
