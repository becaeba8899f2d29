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
    Object description(VmNames vms, @JsonRpcParam("reporting") Boolean reporting, @JsonRpcParam("mac") String mac,
                       Paging paging);

    /**
     * The newest state of each VM (all, or those the filters name), with rates from its last two
     * samples; sortfield, sortorder, offset, limit and total page it as host.summary's.
     */
    Object summary(VmNames vms, @JsonRpcParam("output") List<String> output,
                   @JsonRpcParam("reporting") Boolean reporting, Paging paging);
}
