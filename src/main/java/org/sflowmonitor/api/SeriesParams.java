package org.sflowmonitor.api;

import java.util.List;
import java.util.Map;

/**
 * The params of every time-series method besides the entity: the time range ({@code timestamp},
 * or {@code time_from}/{@code time_till}), {@code limit}, {@code sortorder}, {@code output}
 * (see {@link Selection}), and {@code interval}, which picks raw samples or a rollup tier (see
 * {@link Resolution}).
 */
interface SeriesParams {

    /** The row of the node or VM the params name, or null when none matches. */
    Map<String, Object> entity(EntityLookup lookup);

    /** The one interface asked for; null for all of them, or for a method without interfaces. */
    default Long ifIndex() {
        return null;
    }

    Long timestamp();

    Long timeFrom();

    Long timeTill();

    Integer limit();

    String sortorder();

    List<String> output();

    String interval();
}
