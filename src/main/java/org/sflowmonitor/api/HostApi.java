package org.sflowmonitor.api;

import java.util.List;

import com.googlecode.jsonrpc4j.JsonRpcParam;

/**
 * The {@code host.*} methods: the physical hypervisor nodes. A node is named by {@code ip} (its
 * agent address; {@code host_ip} is the same), {@code hostname} or {@code uuid}. The time-series
 * methods (host.cpu, ...) are declared in {@link SeriesMethod}; see docs/api.md for every field.
 */
public interface HostApi {

    /**
     * One row per node (all of them when no filter is given); hostname may hold * wildcards;
     * reporting true lists only the nodes that report, false only the silent ones; mac (any
     * common notation) the node with that MAC or the node the VM with that MAC was last seen on.
     * sortfield, sortorder, offset, limit and total page the answer as for {@link #summary}.
     */
    Object description(NodeName node, @JsonRpcParam("reporting") Boolean reporting, @JsonRpcParam("mac") String mac,
                       Paging paging);

    /**
     * The newest state of each node (all, or those the filters name), with rates from its last two
     * samples. sortfield (any field), sortorder, offset and limit page the answer on the server;
     * total true answers {"total": N, "rows": [...]}, N counting every row the filters match.
     */
    Object summary(NodeName node, @JsonRpcParam("output") List<String> output,
                   @JsonRpcParam("reporting") Boolean reporting, Paging paging);
}
