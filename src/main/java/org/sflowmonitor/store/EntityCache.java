package org.sflowmonitor.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.sflowmonitor.store.Entities.Host;
import org.sflowmonitor.store.Entities.Vm;

/**
 * The writer's hosts and VMs: by agent address, VMs by UUID (through {@link VmUuids}, which the
 * API's lookups share), both by id, and both in id order (ids only grow and rows are never
 * deleted: the last_seen sweep's path; on PostgreSQL a row another instance created joins at the
 * end, out of order). A host or VM new to the writer is published to {@link LiveEntities} here,
 * and so is every change of a host's VM count. Writer thread only.
 */
final class EntityCache {

    private final Map<String, Host> hosts = new HashMap<>();
    private final Map<Long, Host> hostsById = new HashMap<>();
    private final LiveEntities live = new LiveEntities();
    private final VmUuids vmUuids = live.vmUuids();
    private final ById<Vm> vmsById = new ById<>();
    private final List<Host> hostsInIdOrder = new ArrayList<>();
    private final List<Vm> vmsInIdOrder = new ArrayList<>();

    void clear() {
        hosts.clear();
        hostsById.clear();
        vmUuids.clear(0);
        vmsById.clear();
        hostsInIdOrder.clear();
        vmsInIdOrder.clear();
    }

    LiveEntities live() {
        return live;
    }

    Host host(String hostIp) {
        return hosts.get(hostIp);
    }

    Host hostById(long id) {
        return hostsById.get(id);
    }

    Vm vm(UUID uuid) {
        long id = vmUuids.id(uuid);
        return id == 0 ? null : vmsById.get(id);
    }

    int hostCount() {
        return hosts.size();
    }

    int vmCount() {
        return vmUuids.size();
    }

    /** In id order; the list itself stays the same object, cleared and refilled on a reload. */
    List<Host> hostsInIdOrder() {
        return hostsInIdOrder;
    }

    /** In id order; the list itself stays the same object, cleared and refilled on a reload. */
    List<Vm> vmsInIdOrder() {
        return vmsInIdOrder;
    }

    /**
     * Loads every host and VM from the tables (and their adapters' fingerprints) and publishes
     * them, keeping a later last sight the live state already holds; fills {@code vmKeys} with
     * the VMs' names and MACs unless it is null.
     */
    void load(Statement s, VmKeys vmKeys) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT id, host_ip, hostname, uuid, machine_type, os_name, "
                + "os_release, last_seen, polling_interval FROM host ORDER BY id")) {
            while (rs.next()) {
                Host h = new Host(rs.getLong(1), rs.getLong(8));
                keepLaterSight(h, live.hostsLastSeen);
                h.pollingIntervalWritten = rs.getLong(9);
                live.hostsPollingInterval.set(h.id, h.pollingIntervalWritten);
                h.hostname = rs.getString(3);
                h.uuid = rs.getString(4);
                h.machineType = rs.getObject(5, Integer.class);
                h.osName = rs.getObject(6, Integer.class);
                h.osRelease = rs.getString(7);
                put(rs.getString(2), h);
            }
        }
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM vm")) {
            int vms = rs.next() ? rs.getInt(1) : 0;
            vmUuids.clear(vms); // sized once, not grown step by step
            if (vmKeys != null) {
                vmKeys.expect(vms);
            }
        }
        try (ResultSet rs = s.executeQuery("SELECT id, uuid, host_id, hostname, last_seen FROM vm ORDER BY id")) {
            while (rs.next()) {
                Vm v = new Vm(rs.getLong(1), rs.getLong(5));
                keepLaterSight(v, live.vmsLastSeen);
                v.hostId = rs.getLong(3);
                live.vmsHost.set(v.id, v.hostId);
                v.hostname = rs.getString(4);
                if (vmKeys != null) {
                    vmKeys.put(v.id, v.hostname);
                }
                // H2's uuid column hands out the UUID itself (no text to format and parse), PostgreSQL's the text
                put(rs.getObject(2) instanceof UUID u ? u : UUID.fromString(rs.getString(2)), v);
            }
        }
        for (Host h : hostsInIdOrder) {
            live.hostsVmCount.set(h.id, h.vmCount);
        }
        AdapterRows.load(s, id -> byId(hostsInIdOrder, id), id -> byId(vmsInIdOrder, id), vmKeys);
    }

    /**
     * The later of the row's last_seen and the live one, in both: after a rollback, what the
     * sweep had not written yet must stay due.
     */
    private static void keepLaterSight(Entities.Entity e, LiveEntities.Ids lastSeen) {
        e.lastSeen = Math.max(e.lastSeen, lastSeen.get(e.id));
        lastSeen.raise(e.id, e.lastSeen);
    }

    /** The entity of this id in a list in id order, or null (a binary search: no map of a million ids at load). */
    private static <E extends Entities.Entity> E byId(List<E> inIdOrder, long id) {
        int lo = 0;
        int hi = inIdOrder.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long at = inIdOrder.get(mid).id;
            if (at < id) {
                lo = mid + 1;
            } else if (at > id) {
                hi = mid - 1;
            } else {
                return inIdOrder.get(mid);
            }
        }
        return null;
    }

    /** Takes a host new to the writer (created here or by another instance) and publishes it with no VMs. */
    void addNew(String hostIp, Host h) {
        live.hostsLastSeen.set(h.id, h.lastSeen);
        live.hostsVmCount.set(h.id, 0);
        // an interval another instance learned is learned again here (and written when it moved)
        live.hostsPollingInterval.set(h.id, 0);
        put(hostIp, h);
    }

    /** Takes a VM new to the writer and publishes it, counted on the host it names. */
    void addNew(UUID uuid, Vm v) {
        live.vmsLastSeen.set(v.id, v.lastSeen);
        live.vmsHost.set(v.id, v.hostId);
        Host h = hostsById.get(v.hostId);
        if (h != null) {
            countVms(h, 1);
        }
        keep(uuid, v);
    }

    /** Moves a VM to the host it runs on now, counts and all. */
    void move(Vm v, Host to) {
        Host from = hostsById.get(v.hostId);
        if (from != null) {
            countVms(from, -1);
        }
        countVms(to, 1);
        v.hostId = to.id;
        live.vmsHost.set(v.id, to.id);
    }

    private void put(String hostIp, Host h) {
        hosts.put(hostIp, h);
        hostsById.put(h.id, h);
        hostsInIdOrder.add(h);
    }

    private void put(UUID uuid, Vm v) {
        keep(uuid, v);
        Host h = hostsById.get(v.hostId);
        if (h != null) {
            h.vmCount++;
        }
    }

    private void keep(UUID uuid, Vm v) {
        vmUuids.put(uuid, v.id);
        vmsById.put(v.id, v);
        vmsInIdOrder.add(v);
    }

    private void countVms(Host h, int delta) {
        h.vmCount += delta;
        live.hostsVmCount.set(h.id, h.vmCount);
    }
}
