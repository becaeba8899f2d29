package org.sflowmonitor.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of one entity (a node, a VM, or a node's interfaces) between two instants,
 * inclusive, in timestamp order, at most {@code limit} rows. Rows start with host_ip (the
 * address of the node the sample came from) and timestamp, then {@code columns}; a row whose {@code presence}
 * columns are all NULL (the sample lacked that record) is left out. The ORDER BY follows the
 * (key, ts) index in either direction, so that H2 reads only the rows it returns.
 */
public record SeriesQuery(SampleTable table, long entityId, Long ifIndex, List<String> columns,
                          List<String> presence, long from, long till, boolean descending, int limit) {

    public SeriesQuery {
        columns = List.copyOf(columns);
        presence = List.copyOf(presence);
    }

    /**
     * Gives {@code consumer} each row, of the columns host_id (1), timestamp (2) and
     * {@code columns} (3 on), in the order of {@code columns}.
     */
    public void forEachRow(Queries queries, Queries.RowConsumer consumer) {
        List<Object> params = new ArrayList<>();
        queries.forEachRow(sql(params), params, consumer);
    }

    /** The statement, its parameters added to {@code params} in order. */
    String sql(List<Object> params) {
        String dir = descending ? " DESC" : " ASC";
        StringBuilder sql = new StringBuilder("SELECT s.host_id, s.ts");
        columns.forEach(c -> sql.append(", s.").append(Queries.column(c)));
        sql.append(" FROM ").append(table.table()).append(" s WHERE s.").append(table.key()).append(" = ?");
        params.add(entityId);
        if (ifIndex != null) {
            sql.append(" AND s.if_index = ?");
            params.add(ifIndex);
        }
        sql.append(" AND s.ts >= ? AND s.ts <= ?");
        params.add(from);
        params.add(till);
        if (!presence.isEmpty()) {
            sql.append(" AND (");
            for (int i = 0; i < presence.size(); i++) {
                sql.append(i == 0 ? "" : " OR ").append("s.").append(Queries.column(presence.get(i)))
                        .append(" IS NOT NULL");
            }
            sql.append(')');
        }
        if (table == SampleTable.INTERFACE_SAMPLE && ifIndex == null) {
            sql.append(" ORDER BY s.ts").append(dir).append(", s.if_index").append(dir);
        } else {
            sql.append(" ORDER BY s.").append(table.key()).append(dir);
            if (table == SampleTable.INTERFACE_SAMPLE) {
                sql.append(", s.if_index").append(dir);
            }
            sql.append(", s.ts").append(dir);
        }
        sql.append(" FETCH FIRST ? ROWS ONLY");
        params.add(limit);
        return sql.toString();
    }

    /** The addresses of the nodes with these ids, by id (an id not found is left out). */
    public static Map<Object, Object> addresses(Queries queries, Collection<?> ids) {
        Map<Object, Object> addresses = new HashMap<>();
        if (ids.isEmpty()) {
            return addresses;
        }
        String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
        for (Map<String, Object> host : queries.rows("SELECT id, host_ip FROM host WHERE id IN (" + marks + ")",
                new ArrayList<>(ids))) {
            addresses.put(host.get("id"), host.get("host_ip"));
        }
        return addresses;
    }
}
