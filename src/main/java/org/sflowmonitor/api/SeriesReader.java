package org.sflowmonitor.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.sflowmonitor.store.Counters;
import org.sflowmonitor.store.Queries;
import org.sflowmonitor.store.RollupJob;
import org.sflowmonitor.store.RollupQuery;
import org.sflowmonitor.store.SampleTable;
import org.sflowmonitor.store.SeriesQuery;

/** Reads the rows of a time-series method for one node or VM: raw samples or one rollup tier's buckets. */
final class SeriesReader {

    private final Queries queries;
    private final int maxLimit;
    private final RollupJob rollups;
    private final LongSupplier clock;

    SeriesReader(Queries queries, int maxLimit, RollupJob rollups, LongSupplier clock) {
        this.queries = queries;
        this.maxLimit = maxLimit;
        this.rollups = rollups;
        this.clock = clock;
    }

    int maxLimit() {
        return maxLimit;
    }

    /**
     * The rows of {@code method} for the entity the params name (none when the lookup finds nothing),
     * after the params are checked; a VM's rows carry its UUID as hostname, its libvirt name and
     * its UUID. Each row is built once, straight from the result set, with the requested fields
     * in the order asked for.
     */
    List<Map<String, Object>> read(SeriesMethod method, SeriesParams params, EntityLookup lookup) {
        SeriesRows p = params.rows();
        Long ifIndex = params.ifIndex();
        Selection range = Selection.of(p.timestamp(), p.timeFrom(), p.timeTill(), p.limit(), p.sortorder(), null,
                method.fields(), maxLimit);
        Resolution resolution = Resolution.of(p.interval(), rollups.tiers(), rollups.rawRetentionMillis(),
                range.from(), range.till(), clock.getAsLong());
        List<String> output;
        if (resolution.raw()) {
            List<String> fields = method.fields();
            if (resolution.labelled()) {
                fields = new ArrayList<>(fields);
                fields.add("interval");
            }
            output = Selection.output(p.output(), fields);
        } else {
            output = Selection.output(expand(p.output(), method.measures()), method.rollupFields());
        }
        Selection selection = new Selection(range.from(), range.till(), range.descending(), range.limit(), output);
        Map<String, Object> entity = params.entity(lookup);
        if (entity == null) {
            return List.of();
        }
        List<Map<String, Object>> rows = resolution.raw() ? raw(method, entity, ifIndex, selection, resolution)
                : rollup(method, entity, ifIndex, selection, resolution);
        if (output.contains("host_ip")) {
            SeriesQuery.addressesForIds(queries, rows);
        }
        return rows;
    }

    /** A measure's name in output stands for its three fields (cpu_user: cpu_user_min, _avg, _max). */
    private static List<String> expand(List<String> output, List<String> measures) {
        if (output == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String f : output) {
            if (measures.contains(f)) {
                Resolution.PARTS.forEach(part -> out.add(f + part));
            } else {
                out.add(f);
            }
        }
        return out;
    }

    private List<Map<String, Object>> raw(SeriesMethod method, Map<String, Object> entity, Long ifIndex,
                                          Selection selection, Resolution resolution) {
        List<String> output = selection.output();
        List<String> columns = method.columnsFor(output);
        SeriesQuery query = new SeriesQuery(method.table(), ((Number) entity.get("id")).longValue(), ifIndex,
                columns, method.columns(), selection.from(), selection.till(), selection.descending(),
                selection.limit());
        String[] fields = output.toArray(new String[0]);
        // per field: the result set column to read, or 0 for a value of the entity itself
        int[] column = new int[fields.length];
        Object[] constant = constants(fields, entity, resolution);
        for (int i = 0; i < fields.length; i++) {
            if (constant[i] == null && !isConstant(fields[i])) {
                column[i] = switch (fields[i]) {
                    case "host_ip" -> 1;
                    case "timestamp" -> 2;
                    default -> 3 + columns.indexOf(fields[i]);
                };
            }
        }
        SeriesRow.Fields names = new SeriesRow.Fields(output);
        return query.run(queries, rs -> {
            Object[] values = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                values[i] = column[i] == 0 ? constant[i] : SeriesMethod.value(fields[i], Queries.value(rs, column[i]));
            }
            return new SeriesRow(names, values);
        });
    }

    private List<Map<String, Object>> rollup(SeriesMethod method, Map<String, Object> entity, Long ifIndex,
                                             Selection selection, Resolution resolution) {
        List<String> output = selection.output();
        String[] fields = output.toArray(new String[0]);
        List<String> measures = new ArrayList<>();
        int[] column = new int[fields.length];
        int[] part = new int[fields.length];
        SampleTable.MeasureUnit[] unit = new SampleTable.MeasureUnit[fields.length];
        Object[] constant = constants(fields, entity, resolution);
        for (int i = 0; i < fields.length; i++) {
            switch (fields[i]) {
                case "host_ip" -> column[i] = 1;
                case "timestamp" -> column[i] = 2;
                case "samples" -> column[i] = 3;
                case "if_index" -> column[i] = 4;
                default -> {
                    if (!isConstant(fields[i])) {
                        int cut = fields[i].lastIndexOf('_');
                        String measure = fields[i].substring(0, cut);
                        if (!measures.contains(measure)) {
                            measures.add(measure);
                        }
                        column[i] = -1 - measures.indexOf(measure);
                        part[i] = Resolution.PARTS.indexOf(fields[i].substring(cut));
                        unit[i] = method.table().unit(measure);
                    }
                }
            }
        }
        RollupQuery query = new RollupQuery(method.table(), resolution.tier().widthMillis(),
                ((Number) entity.get("id")).longValue(), ifIndex, measures, method.measures(), selection.from(),
                selection.till(), selection.descending(), selection.limit());
        SeriesRow.Fields names = new SeriesRow.Fields(output);
        return query.run(queries, rs -> {
            Object[] values = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                if (column[i] == 3) {
                    values[i] = rs.getInt(3);
                } else if (column[i] > 0) {
                    values[i] = rs.getLong(column[i]);
                } else if (column[i] < 0) {
                    int at = 5 + 4 * (-1 - column[i]);
                    int n = rs.getInt(at + 3);
                    values[i] = n == 0 ? null : rolled(unit[i], part[i], rs.getDouble(at), rs.getDouble(at + 1),
                            rs.getDouble(at + 2) / n);
                } else {
                    values[i] = constant[i];
                }
            }
            return new SeriesRow(names, values);
        });
    }

    /** One of min (0), avg (1), max (2) as the API answers it: whole gauges whole, percentages in percent, two decimals. */
    private static Object rolled(SampleTable.MeasureUnit unit, int part, double min, double max, double avg) {
        double v = part == 0 ? min : part == 1 ? avg : max;
        return switch (unit) {
            case WHOLE -> part == 1 ? Counters.round2(v) : (Object) Math.round(v);
            case HUNDREDTHS -> Counters.round2(v / 100);
            case REAL -> Counters.round2(v);
        };
    }

    private static boolean isConstant(String field) {
        return switch (field) {
            case "hostname", "uuid", "name", "interval" -> true;
            default -> false;
        };
    }

    /** Per field the value the entity or the resolution gives every row; null for a column. */
    private static Object[] constants(String[] fields, Map<String, Object> entity, Resolution resolution) {
        Object[] constant = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            constant[i] = switch (fields[i]) {
                case "hostname", "uuid" -> entity.get("uuid");
                case "name" -> entity.get("name");
                case "interval" -> resolution.name();
                default -> null;
            };
        }
        return constant;
    }
}
