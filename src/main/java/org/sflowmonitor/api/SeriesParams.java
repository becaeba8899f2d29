package org.sflowmonitor.api;

import java.util.List;

/**
 * The params of every time-series method besides the entity: the time range ({@code timestamp},
 * or {@code time_from}/{@code time_till}), {@code limit}, {@code sortorder}, {@code output}
 * (see {@link Selection}), and {@code interval}, which picks raw samples or a rollup tier (see
 * {@link Resolution}).
 */
interface SeriesParams {

    Long timestamp();

    Long timeFrom();

    Long timeTill();

    Integer limit();

    String sortorder();

    List<String> output();

    String interval();
}
