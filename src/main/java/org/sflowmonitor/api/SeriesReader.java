package org.sflowmonitor.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.core.io.SerializedString;

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
        if (!resolution.raw()) {
            return rollup(method, entity, ifIndex, selection, resolution);
        }
        List<Map<String, Object>> rows = raw(method, entity, ifIndex, selection, resolution);
        if (output.contains("host_ip")) {
            addresses(rows);
        }
        return rows;
    }

    /**
     * Replaces the node ids in the rows' host_ip by the nodes' addresses, each written once for
     * all the rows naming it: one lookup for the few nodes a series touches instead of a join on
     * every row.
     */
    private void addresses(List<Map<String, Object>> rows) {
        Set<Object> ids = new LinkedHashSet<>();
        rows.forEach(r -> ids.add(r.get("host_ip")));
        Map<Object, Object> written = new HashMap<>();
        SeriesQuery.addresses(queries, ids).forEach((id, address) -> written.put(id, written(address)));
        rows.forEach(r -> r.put("host_ip", written.get(r.get("host_ip"))));
    }

    /** A string as JSON written once, for a value every row (or many) of an answer holds. */
    private static Object written(Object value) {
        return value instanceof String s ? new SerializedString(s) : value;
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
            constant[i] = written(constant[i]);
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
        String[] fields = selection.output().toArray(new String[0]);
        Object[] values = constants(fields, entity, resolution);
        Map<String, Object> constants = new HashMap<>();
        for (int i = 0; i < fields.length; i++) {
            if (isConstant(fields[i])) {
                constants.put(fields[i], values[i]);
            }
        }
        long width = resolution.tier().widthMillis();
        long id = ((Number) entity.get("id")).longValue();
        // a node's rows name the node itself; a VM's the nodes it ran on, looked up at the end
        boolean node = method.table() != SampleTable.VM_SAMPLE;
        RollupAnswer answer = new RollupAnswer(selection.output(), constants, method.table(), node ? id : -1,
                node ? entity.get("host_ip") : null);
        RollupQuery query = new RollupQuery(method.table(), width, id, ifIndex, answer.measures(), method.measures(),
                selection.from(), selection.till(), selection.descending(), selection.limit());
        query.forEachRow(queries, answer::accept);
        return answer.rows(ids -> SeriesQuery.addresses(queries, ids));
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
