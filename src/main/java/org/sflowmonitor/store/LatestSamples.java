package org.sflowmonitor.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The newest two samples of every node or VM, for summaries. One statement: for each entity a
 * correlated subquery finds the timestamp of its second-newest sample by reading the (key, ts)
 * index backwards, and the join reads the samples from there on; so the cost grows with the
 * number of entities, not with the history stored.
 */
public final class LatestSamples {

    private final Queries queries;

    public LatestSamples(Queries queries) {
        this.queries = queries;
    }

    /**
     * Rows id (host id), host_ip, hostname, uuid, last_seen, polling_interval, timestamp, then
     * {@code columns}; ordered by id, timestamp.
     */
    public List<Map<String, Object>> hosts(EntityFilter filter, List<String> columns) {
        List<Object> params = new ArrayList<>();
        String where = filter.where(false, params);
        return queries.rows("SELECT h.id, h.host_ip, h.hostname, h.uuid, h.last_seen, h.polling_interval, s.ts AS \"timestamp\"" + select(columns)
                + " FROM host h JOIN host_sample s ON s.host_id = h.id AND s.ts >= " + since("host_sample", "host_id",
                "h.id") + where + " ORDER BY h.id, s.ts", params);
    }

    /**
     * Rows id (VM id), host_id and host_ip (the node of each sample), hostname (the VM's UUID),
     * uuid, name, last_seen, polling_interval (of the node last seen on), timestamp, then
     * {@code columns}; ordered by id, timestamp. The filter's host_ip is the node the VM was last
     * seen on.
     */
    public List<Map<String, Object>> vms(EntityFilter filter, List<String> columns) {
        List<Object> params = new ArrayList<>();
        String where = filter.where(true, params);
        return queries.rows("SELECT v.id, s.host_id, n.host_ip, v.uuid AS hostname, v.uuid, v.hostname AS name, "
                + "v.last_seen, h.polling_interval, s.ts AS \"timestamp\"" + select(columns) + " FROM vm v JOIN host h ON h.id = v.host_id "
                + "JOIN vm_sample s ON s.vm_id = v.id AND s.ts >= " + since("vm_sample", "vm_id", "v.id")
                + " JOIN host n ON n.id = s.host_id" + where + " ORDER BY v.id, s.ts", params);
    }

    private static String select(List<String> columns) {
        StringBuilder sql = new StringBuilder();
        columns.forEach(c -> sql.append(", s.").append(Queries.column(c)));
        return sql.toString();
    }

    /** The timestamp of the entity's second-newest sample, or of its only one. */
    private static String since(String table, String key, String entity) {
        String newest = "(SELECT x.ts FROM " + table + " x WHERE x." + key + " = " + entity + " ORDER BY x." + key
                + " DESC, x.ts DESC OFFSET %d ROWS FETCH NEXT 1 ROW ONLY)";
        return "COALESCE(" + newest.formatted(1) + ", " + newest.formatted(0) + ")";
    }
}
