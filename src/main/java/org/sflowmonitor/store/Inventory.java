package org.sflowmonitor.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The nodes and VMs the collector knows: lookups for the API and their descriptions. */
public final class Inventory {

    private final Queries queries;
    private final VmKeys vmKeys;

    /** {@code vmKeys}: the writer's (LiveEntities#vmKeys), or one never loaded when no writer of this process has them. */
    public Inventory(Queries queries, VmKeys vmKeys) {
        this.queries = queries;
        this.vmKeys = vmKeys;
    }

    /** Nodes matching the filter: id, host_ip, hostname, uuid. */
    public List<Map<String, Object>> findHosts(EntityFilter filter) {
        List<Object> params = new ArrayList<>();
        String where = filter.where(false, params, vmKeys);
        return queries.rows("SELECT h.id, h.host_ip, h.hostname, h.uuid FROM host h" + where
                + " ORDER BY h.host_ip", params);
    }

    /** VMs matching the filter: id, uuid, name (libvirt), host_id and host_ip of the node last seen on. */
    public List<Map<String, Object>> findVms(EntityFilter filter) {
        List<Object> params = new ArrayList<>();
        String where = filter.where(true, params, vmKeys);
        return inUuidOrder("SELECT v.id, v.uuid, v.hostname AS name, v.host_id, h.host_ip FROM vm v JOIN host h "
                + "ON h.id = v.host_id" + where, params);
    }

    /**
     * Node descriptions: id, host_ip, hostname, machine_type and os_name (numbers), os_release,
     * uuid, first_seen, last_seen, polling_interval (ms or null).
     */
    public List<Map<String, Object>> describeHosts(EntityFilter filter) {
        List<Object> params = new ArrayList<>();
        String where = filter.where(false, params, vmKeys);
        return queries.rows("SELECT h.id, h.host_ip, h.hostname, h.machine_type, h.os_name, h.os_release, h.uuid, "
                + "h.first_seen, h.last_seen, h.polling_interval FROM host h" + where + " ORDER BY h.host_ip", params);
    }

    /**
     * VM descriptions: id, host_ip and node_hostname of the node last seen on, uuid, name,
     * vcpu_state of the newest sample, first_seen, last_seen, polling_interval of the node last seen on.
     */
    public List<Map<String, Object>> describeVms(EntityFilter filter) {
        List<Object> params = new ArrayList<>();
        String where = filter.where(true, params, vmKeys);
        return inUuidOrder("SELECT v.id, h.host_ip, v.uuid, v.hostname AS name, h.hostname AS node_hostname, "
                + "l.vcpu_state, v.first_seen, v.last_seen, h.polling_interval "
                + "FROM vm v JOIN host h ON h.id = v.host_id LEFT JOIN vm_latest l ON l.vm_id = v.id" + where, params);
    }

    /**
     * The rows of a query of VMs in the order of their UUIDs. On H2, whose {@code vm.uuid} has no
     * index (version 10), sorted here: H2 sorted a million rows on disk, 3 times the CPU of the whole
     * read; its UUID order is that of the lower-case text the rows hold.
     */
    private List<Map<String, Object>> inUuidOrder(String sql, List<Object> params) {
        if (queries.dialect() != Dialect.H2) {
            return queries.rows(sql + " ORDER BY v.uuid", params);
        }
        List<Map<String, Object>> rows = new ArrayList<>(queries.rows(sql, params));
        rows.sort(Comparator.comparing(row -> (String) row.get("uuid")));
        return rows;
    }

    /** The adapters of the filtered nodes (or VMs): id → list of {if_index, macs}. */
    public Map<Long, List<Map<String, Object>>> adapters(boolean vm, EntityFilter filter) {
        List<Object> params = new ArrayList<>();
        String where = filter.where(vm, params, vmKeys);
        String sql = vm
                ? "SELECT a.vm_id AS id, a.if_index, a.mac FROM vm_adapter a JOIN vm v ON v.id = a.vm_id "
                + "JOIN host h ON h.id = v.host_id" + where + " ORDER BY a.vm_id, a.if_index, a.mac"
                : "SELECT a.host_id AS id, a.if_index, a.mac FROM host_adapter a JOIN host h ON h.id = a.host_id"
                + where + " ORDER BY a.host_id, a.if_index, a.mac";
        Map<Long, Map<Long, List<String>>> macs = new LinkedHashMap<>();
        for (Map<String, Object> row : queries.rows(sql, params)) {
            macs.computeIfAbsent(((Number) row.get("id")).longValue(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(((Number) row.get("if_index")).longValue(), k -> new ArrayList<>())
                    .add((String) row.get("mac"));
        }
        Map<Long, List<Map<String, Object>>> out = new LinkedHashMap<>();
        macs.forEach((id, byIndex) -> {
            List<Map<String, Object>> list = new ArrayList<>();
            byIndex.forEach((ifIndex, m) -> {
                Map<String, Object> adapter = new LinkedHashMap<>();
                adapter.put("if_index", ifIndex);
                adapter.put("macs", m);
                list.add(adapter);
            });
            out.put(id, list);
        });
        return out;
    }
}
