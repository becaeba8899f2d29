package org.sflowmonitor.api;

import java.util.List;

import com.googlecode.jsonrpc4j.JsonRpcParam;

/**
 * The params of every time-series method besides the entity, declared once and flattened into
 * each method's params after the entity's: the time range ({@code timestamp}, or
 * {@code time_from}/{@code time_till}), {@code limit}, {@code sortorder}, {@code output} (see
 * {@link Selection}), and {@code interval}, which picks raw samples or a rollup tier (see
 * {@link Resolution}).
 */
public record SeriesRows(@JsonRpcParam("timestamp") Long timestamp, @JsonRpcParam("time_from") Long timeFrom,
                         @JsonRpcParam("time_till") Long timeTill, @JsonRpcParam("limit") Integer limit,
                         @JsonRpcParam("sortorder") String sortorder, @JsonRpcParam("output") List<String> output,
                         @JsonRpcParam("interval") String interval) {
}
