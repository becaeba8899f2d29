package org.sflowmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.sflowmonitor.sflow.CounterRecord;

/**
 * The writer's view of the host and vm tables: ids by agent address and by UUID, and what
 * was last written of each description, so that an unchanged description (sent every polling
 * interval) costs nothing and last_seen is written at most once per flush interval.
 * Used by the writer thread only.
 */
final class Entities {

    static final class Host {
        final long id;
        String hostname;
        String uuid;
        Integer machineType;
        Integer osName;
        String osRelease;
        List<CounterRecord.HostAdapter> adapters;
        long lastSeen;
        boolean dirty;
        int vmCount;

        Host(long id) {
            this.id = id;
        }
    }

    static final class Vm {
        final long id;
        long hostId;
        String hostname;
        List<CounterRecord.HostAdapter> adapters;
        long lastSeen;
        boolean dirty;

        Vm(long id) {
            this.id = id;
        }
    }

    private final Map<String, Host> hosts = new HashMap<>();
    private final Map<Long, Host> hostsById = new HashMap<>();
    private final Map<UUID, Vm> vms = new HashMap<>();

    /** Forgets everything (after a rollback the cached ids may not exist); reloaded on demand. */
    void clear() {
        hosts.clear();
        hostsById.clear();
        vms.clear();
    }

    /** Loads all hosts and VMs. */
    void load(Connection c) throws SQLException {
        clear();
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT id, host_ip, hostname, uuid, machine_type, os_name, "
                    + "os_release, last_seen FROM host")) {
                while (rs.next()) {
                    Host h = new Host(rs.getLong(1));
                    h.hostname = rs.getString(3);
                    h.uuid = rs.getString(4);
                    h.machineType = (Integer) rs.getObject(5, Integer.class);
                    h.osName = (Integer) rs.getObject(6, Integer.class);
                    h.osRelease = rs.getString(7);
                    h.lastSeen = rs.getLong(8);
                    hosts.put(rs.getString(2), h);
                    hostsById.put(h.id, h);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT id, uuid, host_id, hostname, last_seen FROM vm")) {
                while (rs.next()) {
                    Vm v = new Vm(rs.getLong(1));
                    v.hostId = rs.getLong(3);
                    v.hostname = rs.getString(4);
                    v.lastSeen = rs.getLong(5);
                    vms.put(UUID.fromString(rs.getString(2)), v);
                    Host h = hostsById.get(v.hostId);
                    if (h != null) {
                        h.vmCount++;
                    }
                }
            }
        }
    }

    Host host(Connection c, String hostIp, long at) throws SQLException {
        Host h = hosts.get(hostIp);
        if (h == null) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO host (host_ip, first_seen, last_seen) VALUES (?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, hostIp);
                ps.setLong(2, at);
                ps.setLong(3, at);
                ps.executeUpdate();
                h = new Host(generatedId(ps));
            }
            h.lastSeen = at;
            hosts.put(hostIp, h);
            hostsById.put(h.id, h);
        }
        seen(h, at);
        return h;
    }

    private static void seen(Host h, long at) {
        if (at > h.lastSeen) {
            h.lastSeen = at;
            h.dirty = true;
        }
    }

    /** Writes a node's description when it differs from the stored one. */
    void describeHost(Connection c, Host h, CounterRecord.HostDescr d) throws SQLException {
        String hostname = SqlValues.text(d.hostname(), 255);
        String uuid = isZero(d.uuid()) ? null : d.uuid().toString();
        Integer machineType = (int) d.machineType();
        Integer osName = (int) d.osName();
        String osRelease = SqlValues.text(d.osRelease(), 255);
        if (Objects.equals(hostname, h.hostname) && Objects.equals(uuid, h.uuid)
                && Objects.equals(machineType, h.machineType) && Objects.equals(osName, h.osName)
                && Objects.equals(osRelease, h.osRelease)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE host SET hostname = ?, uuid = ?, machine_type = ?, "
                + "os_name = ?, os_release = ? WHERE id = ?")) {
            ps.setString(1, hostname);
            ps.setString(2, uuid);
            ps.setInt(3, machineType);
            ps.setInt(4, osName);
            ps.setString(5, osRelease);
            ps.setLong(6, h.id);
            ps.executeUpdate();
        }
        h.hostname = hostname;
        h.uuid = uuid;
        h.machineType = machineType;
        h.osName = osName;
        h.osRelease = osRelease;
    }

    /** The VM of this UUID, created on first sight; null when its node already has {@code maxVms} VMs. */
    Vm vm(Connection c, UUID uuid, Host host, String name, long dsIndex, long at, int maxVms) throws SQLException {
        Vm v = vms.get(uuid);
        String hostname = SqlValues.text(name, 1024);
        if (v == null) {
            if (host.vmCount >= maxVms) {
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO vm (uuid, hostname, host_id, ds_index, "
                    + "first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, uuid.toString());
                ps.setString(2, hostname);
                ps.setLong(3, host.id);
                ps.setLong(4, dsIndex);
                ps.setLong(5, at);
                ps.setLong(6, at);
                ps.executeUpdate();
                v = new Vm(generatedId(ps));
            }
            v.hostId = host.id;
            v.hostname = hostname;
            v.lastSeen = at;
            host.vmCount++;
            vms.put(uuid, v);
            return v;
        }
        boolean moved = v.hostId != host.id;
        boolean renamed = hostname != null && !hostname.equals(v.hostname);
        if (moved || renamed) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE vm SET host_id = ?, hostname = ?, ds_index = ? "
                    + "WHERE id = ?")) {
                ps.setLong(1, host.id);
                ps.setString(2, renamed ? hostname : v.hostname);
                ps.setLong(3, dsIndex);
                ps.setLong(4, v.id);
                ps.executeUpdate();
            }
            if (moved) {
                Host old = hostsById.get(v.hostId);
                if (old != null) {
                    old.vmCount--;
                }
                host.vmCount++;
                v.hostId = host.id;
            }
            if (renamed) {
                v.hostname = hostname;
            }
        }
        if (at > v.lastSeen) {
            v.lastSeen = at;
            v.dirty = true;
        }
        return v;
    }

    /** Replaces the stored adapters of a node when they changed. */
    void hostAdapters(Connection c, Host h, CounterRecord.HostAdapters adapters) throws SQLException {
        if (adapters.adapters().equals(h.adapters)) {
            return;
        }
        replaceAdapters(c, "host_adapter", "host_id", h.id, adapters.adapters());
        h.adapters = adapters.adapters();
    }

    /** Replaces the stored adapters of a VM when they changed. */
    void vmAdapters(Connection c, Vm v, CounterRecord.HostAdapters adapters) throws SQLException {
        if (adapters.adapters().equals(v.adapters)) {
            return;
        }
        replaceAdapters(c, "vm_adapter", "vm_id", v.id, adapters.adapters());
        v.adapters = adapters.adapters();
    }

    private static void replaceAdapters(Connection c, String table, String idColumn, long id,
                                        List<CounterRecord.HostAdapter> adapters) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM " + table + " WHERE " + idColumn + " = ?")) {
            del.setLong(1, id);
            del.executeUpdate();
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + table + " (" + idColumn
                + ", if_index, mac) VALUES (?, ?, ?)")) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (CounterRecord.HostAdapter a : adapters) {
                for (var mac : a.macAddresses()) {
                    if (seen.add(a.ifIndex() + "/" + mac)) {
                        ins.setLong(1, id);
                        ins.setLong(2, a.ifIndex());
                        ins.setString(3, mac.toString());
                        ins.addBatch();
                    }
                }
            }
            ins.executeBatch();
        }
    }

    /** Writes last_seen of every host and VM seen since the previous flush. */
    void flushLastSeen(Connection c) throws SQLException {
        List<Host> dirtyHosts = new ArrayList<>();
        for (Host h : hostsById.values()) {
            if (h.dirty) {
                dirtyHosts.add(h);
            }
        }
        List<Vm> dirtyVms = new ArrayList<>();
        for (Vm v : vms.values()) {
            if (v.dirty) {
                dirtyVms.add(v);
            }
        }
        if (!dirtyHosts.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE host SET last_seen = ? WHERE id = ?")) {
                for (Host h : dirtyHosts) {
                    ps.setLong(1, h.lastSeen);
                    ps.setLong(2, h.id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!dirtyVms.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE vm SET last_seen = ? WHERE id = ?")) {
                for (Vm v : dirtyVms) {
                    ps.setLong(1, v.lastSeen);
                    ps.setLong(2, v.id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        dirtyHosts.forEach(h -> h.dirty = false);
        dirtyVms.forEach(v -> v.dirty = false);
    }

    private static long generatedId(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("the database returned no generated id");
            }
            return keys.getLong(1);
        }
    }

    private static boolean isZero(UUID uuid) {
        return uuid == null || (uuid.getMostSignificantBits() == 0 && uuid.getLeastSignificantBits() == 0);
    }

    static void setNullableString(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
