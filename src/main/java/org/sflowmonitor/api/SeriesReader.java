package org.sflowmonitor.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
     * a VM's rows carry its UUID as hostname, its libvirt name and its UUID.
     */
    List<Map<String, Object>> read(SeriesMethod method, Map<String, Object> entity, Long ifIndex,
                                   Selection selection) {
        if (entity == null) {
            return List.of();
        }
        List<String> columns = method.columnsFor(selection.output());
        SeriesQuery query = new SeriesQuery(method.table(), ((Number) entity.get("id")).longValue(), ifIndex,
                columns, method.columns(), selection.from(), selection.till(), selection.descending(),
                selection.limit());
        boolean vm = method.fields().contains("uuid");
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : query.run(queries)) {
            if (vm) {
                row = new LinkedHashMap<>(row);
                row.put("hostname", entity.get("uuid"));
                row.put("name", entity.get("name"));
                row.put("uuid", entity.get("uuid"));
            }
            out.add(SeriesMethod.present(row, selection.output()));
        }
        return out;
    }
}
