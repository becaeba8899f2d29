package org.sflowmonitor.api;

import java.util.Map;

import com.googlecode.jsonrpc4j.JsonRpcParam;

import org.sflowmonitor.store.EntityFilter;

/**
 * The params naming nodes: {@code ip} (the agent address; {@code host_ip} is the same),
 * {@code hostname} or {@code uuid}, any of them null.
 */
public record NodeName(@JsonRpcParam("ip") String ip, @JsonRpcParam("host_ip") String hostIp,
                       @JsonRpcParam("hostname") String hostname, @JsonRpcParam("uuid") String uuid) {

    /** The one node named: its row, or null when none matches ({@link EntityLookup#node}). */
    Map<String, Object> find(EntityLookup lookup) {
        return lookup.node(ip, hostIp, hostname, uuid);
    }

    /** Every node the params match. */
    EntityFilter filter() {
        return EntityLookup.nodeFilter(ip, hostIp, hostname, uuid);
    }
}
