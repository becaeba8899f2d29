package org.sflowmonitor.api;

import java.util.Map;

/** The params of the host time-series methods: the node and the rows wanted. */
public record NodeSeries(NodeName node, SeriesRows rows) implements SeriesParams {

    @Override
    public Map<String, Object> entity(EntityLookup lookup) {
        return node.find(lookup);
    }
}
