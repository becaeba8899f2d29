package org.sflowmonitor.api;

import java.util.Map;

import com.googlecode.jsonrpc4j.JsonRpcParam;

/** The params of host.interfaces: those of {@link NodeSeries} and the ifIndex of one interface (default all). */
public record InterfaceSeries(NodeName node, @JsonRpcParam("if_index") Long ifIndex, SeriesRows rows)
        implements SeriesParams {

    @Override
    public Map<String, Object> entity(EntityLookup lookup) {
        return node.find(lookup);
    }
}
