package org.sflowmonitor.api;

import java.util.Map;

import com.googlecode.jsonrpc4j.JsonRpcParam;

/**
 * The params of the virt time-series methods: the VM (by hostname, which is its UUID or its
 * libvirt name, or by uuid) and the rows wanted.
 */
public record VmSeries(@JsonRpcParam("hostname") String hostname, @JsonRpcParam("uuid") String uuid,
                       SeriesRows rows) implements SeriesParams {

    @Override
    public Map<String, Object> entity(EntityLookup lookup) {
        return lookup.vm(hostname, uuid);
    }
}
