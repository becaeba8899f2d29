package org.sflowmonitor.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@link LatestSamples} read from the {@link LatestTable}s: one row per entity, both samples in it. */
public final class LatestTables implements LatestSamples {

    private static final String TIMESTAMP = "timestamp";

    private final Queries queries;
    private final VmKeys vmKeys;

    /** {@code vmKeys}: the writer's (LiveEntities#vmKeys), or one never loaded when no writer of this process has them. */
    public LatestTables(Queries queries, VmKeys vmKeys) {
        this.queries = queries;
        this.vmKeys = vmKeys;
    }

    @Override
    public List<Latest> hosts(EntityFilter filter, List<String> columns) {
        return read(LatestTable.HOST, false, "SELECT h.id, h.host_ip, h.hostname, h.uuid, h.last_seen, h.polling_interval",
                " FROM host h JOIN host_latest l ON l.host_id = h.id", " ORDER BY h.id", filter, columns);
    }

    @Override
    public List<Latest> vms(EntityFilter filter, List<String> columns) {
        return read(LatestTable.VM, true, "SELECT v.id, n.host_ip, v.uuid AS hostname, v.uuid, "
                        + "v.hostname AS name, v.last_seen, h.polling_interval", " FROM vm v JOIN host h ON h.id = v.host_id "
                        + "JOIN vm_latest l ON l.vm_id = v.id JOIN host n ON n.id = l.host_id", " ORDER BY v.id",
                filter, columns);
    }

    @Override
    public List<Latest> interfaces(EntityFilter filter, List<String> columns) {
        return read(LatestTable.INTERFACE, false, "SELECT h.id, h.host_ip, h.hostname, h.uuid, l.if_index",
                " FROM host h JOIN interface_latest l ON l.host_id = h.id", " ORDER BY h.id, l.if_index", filter,
                columns);
    }

    /**
     * {@code select} names the entity's fields (which both samples share, except host_id, which
     * the previous sample has of its own when the table has it); the newest and previous values
     * follow.
     */
    private List<Latest> read(LatestTable table, boolean vm, String select, String from, String order,
                              EntityFilter filter, List<String> columns) {
        for (String c : columns) {
            if (!table.sampleValues().contains(Queries.column(c)) || table.key().contains(c)) {
                throw new IllegalArgumentException(table.table() + " has no column " + c);
            }
        }
        List<String> read = new ArrayList<>();
        read.add("ts");
        if (vm) {
            read.add("host_id");
        }
        read.addAll(columns);
        StringBuilder sql = new StringBuilder(select);
        read.forEach(c -> sql.append(", l.").append(c).append(" AS n_").append(c));
        read.forEach(c -> sql.append(", l.").append(LatestTable.PREVIOUS).append(c).append(" AS p_").append(c));
        List<Object> params = new ArrayList<>();
        sql.append(from).append(filter.where(vm, params, vmKeys)).append(order);
        List<String> labels = new ArrayList<>();
        return queries.rows(sql.toString(), params, rs -> latest(rs, labels, read));
    }

    private static Latest latest(ResultSet rs, List<String> labels, List<String> read) throws SQLException {
        if (labels.isEmpty()) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount() - 2 * read.size(); i++) {
                labels.add(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
        }
        int entityFields = labels.size();
        Map<String, Object> newest = new LinkedHashMap<>();
        for (int i = 0; i < entityFields; i++) {
            newest.put(labels.get(i), Queries.value(rs, i + 1));
        }
        Map<String, Object> previous = rs.getObject(entityFields + read.size() + 1) == null ? null
                : new LinkedHashMap<>(newest);
        for (int i = 0; i < read.size(); i++) {
            String name = read.get(i).equals("ts") ? TIMESTAMP : read.get(i);
            newest.put(name, Queries.value(rs, entityFields + i + 1));
            if (previous != null) {
                previous.put(name, Queries.value(rs, entityFields + read.size() + i + 1));
            }
        }
        return new Latest(newest, previous);
    }
}
