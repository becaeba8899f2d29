package org.sflowmonitor.api;

import java.util.List;

import com.googlecode.jsonrpc4j.JsonRpcParam;

/**
 * The {@code virt.*} methods: the virtual machines. A VM is named by {@code hostname} (its UUID
 * or its libvirt name) or {@code uuid}. The time-series methods (virt.cpu, ...) are declared in
 * {@link SeriesMethod}; see docs/api.md.
 */
public interface VirtApi {

    /**
     * One row per VM (all when no filter is given); {@code ip}/{@code host_ip} pick the node it
     * was last seen on, {@code mac} (any common notation) the VM with an adapter of that MAC.
     * sortfield, sortorder, offset, limit and total page the answer as for host.summary.
     */
    Object description(@JsonRpcParam("hostname") String hostname, @JsonRpcParam("uuid") String uuid,
                       @JsonRpcParam("name") String name, @JsonRpcParam("ip") String ip,
                       @JsonRpcParam("host_ip") String hostIp,
                       @JsonRpcParam("reporting") Boolean reporting, @JsonRpcParam("mac") String mac,
                       @JsonRpcParam("sortfield") String sortfield, @JsonRpcParam("sortorder") String sortorder,
                       @JsonRpcParam("limit") Integer limit, @JsonRpcParam("offset") Integer offset,
                       @JsonRpcParam("total") Boolean total);

    /**
     * The newest state of each VM (all, or those the filters name), with rates from its last two
     * samples; sortfield, sortorder, offset, limit and total page it as host.summary's.
     */
    Object summary(@JsonRpcParam("hostname") String hostname, @JsonRpcParam("uuid") String uuid,
                   @JsonRpcParam("name") String name, @JsonRpcParam("ip") String ip,
                   @JsonRpcParam("host_ip") String hostIp,
                   @JsonRpcParam("output") List<String> output, @JsonRpcParam("reporting") Boolean reporting,
                   @JsonRpcParam("sortfield") String sortfield, @JsonRpcParam("sortorder") String sortorder,
                   @JsonRpcParam("limit") Integer limit, @JsonRpcParam("offset") Integer offset,
                   @JsonRpcParam("total") Boolean total);
}
