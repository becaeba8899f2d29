package org.sflowmonitor.api;

import java.util.Map;

/** The params of a time-series method: the node or VM it reads, and the rows wanted ({@link SeriesRows}). */
interface SeriesParams {

    SeriesRows rows();

    /** The row of the node or VM the params name, or null when none matches. */
    Map<String, Object> entity(EntityLookup lookup);

    /** The one interface asked for; null for all of them, or for a method without interfaces. */
    default Long ifIndex() {
        return null;
    }
}
