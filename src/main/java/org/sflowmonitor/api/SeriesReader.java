package org.sflowmonitor.api;

import java.util.List;
import java.util.Map;

import org.sflowmonitor.store.Queries;
import org.sflowmonitor.store.SeriesQuery;

/** Reads the rows of a time-series method for one node or VM. */
final class SeriesReader {

    private final Queries queries;
    private final int maxLimit;

    SeriesReader(Queries queries, int maxLimit) {
        this.queries = queries;
        this.maxLimit = maxLimit;
    }

    int maxLimit() {
        return maxLimit;
    }

    /**
     * The rows of {@code method} for the entity found by the lookup (none when it found nothing);
     * a VM's rows carry its UUID as hostname, its libvirt name and its UUID. Each row is built
     * once, straight from the result set, with the requested fields in the order asked for.
     */
    List<Map<String, Object>> read(SeriesMethod method, Map<String, Object> entity, Long ifIndex,
                                   Selection selection) {
        if (entity == null) {
            return List.of();
        }
        List<String> output = selection.output();
        List<String> columns = method.columnsFor(output);
        SeriesQuery query = new SeriesQuery(method.table(), ((Number) entity.get("id")).longValue(), ifIndex,
                columns, method.columns(), selection.from(), selection.till(), selection.descending(),
                selection.limit());
        String[] fields = output.toArray(new String[0]);
        // per field: the result set column to read, or 0 for a value of the entity itself
        int[] column = new int[fields.length];
        Object[] constant = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            switch (fields[i]) {
                case "host_ip" -> column[i] = 1;
                case "timestamp" -> column[i] = 2;
                case "hostname", "uuid" -> constant[i] = entity.get("uuid");
                case "name" -> constant[i] = entity.get("name");
                default -> column[i] = 3 + columns.indexOf(fields[i]);
            }
        }
        SeriesRow.Fields names = new SeriesRow.Fields(output);
        List<Map<String, Object>> rows = query.run(queries, rs -> {
            Object[] values = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                values[i] = column[i] == 0 ? constant[i] : SeriesMethod.value(fields[i], Queries.value(rs, column[i]));
            }
            return new SeriesRow(names, values);
        });
        if (output.contains("host_ip")) {
            SeriesQuery.addressesForIds(queries, rows);
        }
        return rows;
    }
}
