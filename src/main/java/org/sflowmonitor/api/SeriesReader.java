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
     * its UUID. The rows are written as JSON straight from the result set, with the requested
     * fields in the order asked for ({@link SampleAnswer}, {@link RollupAnswer}).
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
        return resolution.raw() ? raw(method, entity, ifIndex, selection, resolution)
                : rollup(method, entity, ifIndex, selection, resolution);
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

    private WrittenRows raw(SeriesMethod method, Map<String, Object> entity, Long ifIndex, Selection selection,
                            Resolution resolution) {
        List<String> columns = method.columnsFor(selection.output());
        SampleAnswer answer = new SampleAnswer(selection.output(), constants(selection.output(), entity, resolution),
                columns, knownHost(method, entity), entity.get("host_ip"));
        new SeriesQuery(method.table(), ((Number) entity.get("id")).longValue(), ifIndex, columns, method.columns(),
                selection.from(), selection.till(), selection.descending(), selection.limit())
                .forEachRow(queries, answer::accept);
        return answer.rows(ids -> SeriesQuery.addresses(queries, ids));
    }

    private List<Map<String, Object>> rollup(SeriesMethod method, Map<String, Object> entity, Long ifIndex,
                                             Selection selection, Resolution resolution) {
        Map<String, Object> constants = constants(selection.output(), entity, resolution);
        long width = resolution.tier().widthMillis();
        long id = ((Number) entity.get("id")).longValue();
        RollupAnswer answer = new RollupAnswer(selection.output(), constants, method.table(),
                knownHost(method, entity), entity.get("host_ip"));
        RollupQuery query = new RollupQuery(method.table(), width, id, ifIndex, answer.measures(), method.measures(),
                selection.from(), selection.till(), selection.descending(), selection.limit());
        query.forEachRow(queries, answer::accept);
        return answer.rows(ids -> SeriesQuery.addresses(queries, ids));
    }

    /**
     * The node whose address the entity gives (its host_ip), written at once where a row names it
     * (-1: none): a node's rows name the node itself, a VM's mostly the node it was last seen on.
     */
    private static long knownHost(SeriesMethod method, Map<String, Object> entity) {
        Object id = method.table() == SampleTable.VM_SAMPLE ? entity.get("host_id") : entity.get("id");
        return id == null ? -1 : ((Number) id).longValue();
    }

    /** The fields whose value the entity or the resolution gives every row, with that value. */
    private static Map<String, Object> constants(List<String> fields, Map<String, Object> entity,
                                                 Resolution resolution) {
        Map<String, Object> constants = new HashMap<>();
        for (String field : fields) {
            switch (field) {
                case "hostname", "uuid" -> constants.put(field, entity.get("uuid"));
                case "name" -> constants.put(field, entity.get("name"));
                case "interval" -> constants.put(field, resolution.name());
                default -> { }
            }
        }
        return constants;
    }
}
