package org.sflowmonitor.api;

import java.util.List;
import java.util.Map;

import com.googlecode.jsonrpc4j.JsonRpcParam;

/**
 * The params of the virt time-series methods: the VM (by hostname, which is its UUID or its
 * libvirt name, or by uuid) and the rows wanted (see {@link SeriesParams}).
 */
public record VmSeries(@JsonRpcParam("hostname") String hostname, @JsonRpcParam("uuid") String uuid,
                       @JsonRpcParam("timestamp") Long timestamp, @JsonRpcParam("time_from") Long timeFrom,
                       @JsonRpcParam("time_till") Long timeTill, @JsonRpcParam("limit") Integer limit,
                       @JsonRpcParam("sortorder") String sortorder, @JsonRpcParam("output") List<String> output,
                       @JsonRpcParam("interval") String interval) implements SeriesParams {

    @Override
    public Map<String, Object> entity(EntityLookup lookup) {
        return lookup.vm(hostname, uuid);
    }
}
