package org.sflowmonitor.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.sflow.MacAddress;

/**
 * The writer's view of the host and vm tables: ids by agent address and by UUID, and a
 * summary of what was last written of each description, so that an unchanged description
 * (sent every polling interval) costs no write.
 *
 * <p>last_seen is kept in memory, published to the API through {@link LiveEntities} with every
 * sample, and written to the tables by a slow sweep: one starts at most every
 * {@link #LAST_SEEN_SWEEP_MILLIS} and writes the entities seen since their last write, in id
 * order, a slice per batch, paced to {@link #LAST_SEEN_ROWS_PER_SECOND} ({@link #sweepLastSeen}).
 * An UPDATE of a vm row costs H2 more than ten sample INSERTs (it rewrites the row in every
 * index of the table, two of them on strings, and reads their pages back from a large file):
 * at 1,250 rows/s the sweep took 13 % of the writer thread of a 50,000 samples/s trial, and
 * written as samples came, a million VMs overflowed the queue. The tables' last_seen thus lags
 * by up to a sweep (a million VMs: about an hour); the API reads the exact value, and
 * {@link #flushLastSeen} writes what it can at shutdown.
 *
 * <p>The writer is the only one to insert hosts and VMs, so it assigns their ids itself
 * (one more than the highest) and every change goes into JDBC batches run by
 * {@link #executePending} in an order that respects the foreign keys: new hosts, new VMs,
 * descriptions, moves, adapters, last_seen. Everything here is lost on a rollback: the writer
 * then calls {@link #load} again. Used by the writer thread only.
 */
final class Entities {

    static final long LAST_SEEN_SWEEP_MILLIS = 60_000;
    /**
     * The sweep's write rate: a fleet of up to 15,000 entities is swept every minute, a million
     * VMs about every 67 minutes.
     */
    static final long LAST_SEEN_ROWS_PER_SECOND = 250;

    private static final String INSERT_HOST = "INSERT INTO host (id, host_ip, first_seen, last_seen) "
            + "VALUES (?, ?, ?, ?)";
    private static final String DESCRIBE_HOST = "UPDATE host SET hostname = ?, uuid = ?, machine_type = ?, "
            + "os_name = ?, os_release = ? WHERE id = ?";
    private static final String HOST_LAST_SEEN = "UPDATE host SET last_seen = ? WHERE id = ?";
    private static final String INSERT_VM = "INSERT INTO vm (id, uuid, hostname, host_id, ds_index, first_seen, "
            + "last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_VM = "UPDATE vm SET host_id = ?, hostname = ?, ds_index = ? WHERE id = ?";
    private static final String VM_LAST_SEEN = "UPDATE vm SET last_seen = ? WHERE id = ?";
    private static final String DELETE_HOST_ADAPTERS = "DELETE FROM host_adapter WHERE host_id = ?";
    private static final String INSERT_HOST_ADAPTER = "INSERT INTO host_adapter (host_id, if_index, mac) "
            + "VALUES (?, ?, ?)";
    private static final String DELETE_VM_ADAPTERS = "DELETE FROM vm_adapter WHERE vm_id = ?";
    private static final String INSERT_VM_ADAPTER = "INSERT INTO vm_adapter (vm_id, if_index, mac) VALUES (?, ?, ?)";

    /** What hosts and VMs share: the row id, last_seen, and a fingerprint of the stored adapters. */
    abstract static class Entity {
        final long id;
        long lastSeen;
        long lastSeenWritten;
        long adapters;

        Entity(long id, long lastSeen) {
            this.id = id;
            this.lastSeen = lastSeen;
            this.lastSeenWritten = lastSeen;
        }
    }

    static final class Host extends Entity {
        String hostname;
        String uuid;
        Integer machineType;
        Integer osName;
        String osRelease;
        int vmCount;

        Host(long id, long lastSeen) {
            super(id, lastSeen);
        }
    }

    static final class Vm extends Entity {
        long hostId;
        String hostname;

        Vm(long id, long lastSeen) {
            super(id, lastSeen);
        }
    }

    private final int maxHosts;
    private final int maxVmsPerHost;
    private final int maxVms;
    private final Map<String, Host> hosts = new HashMap<>();
    private final Map<Long, Host> hostsById = new HashMap<>();
    private final UuidMap<Vm> vms = new UuidMap<>();
    /** Statements with rows added and not yet run, in the order they must run. */
    private final List<String> order = List.of(INSERT_HOST, INSERT_VM, DESCRIBE_HOST, UPDATE_VM,
            DELETE_HOST_ADAPTERS, INSERT_HOST_ADAPTER, DELETE_VM_ADAPTERS, INSERT_VM_ADAPTER, HOST_LAST_SEEN,
            VM_LAST_SEEN);
    private final Set<String> pending = new HashSet<>();
    /** Entities whose adapters are replaced in the pending batches (a second change must run them first). */
    private final Set<Entity> adaptersPending = new HashSet<>();
    private long nextHostId;
    private long nextVmId;
    /** Hosts and VMs in id order (ids only grow and rows are never deleted): the sweep's path. */
    private final List<Host> hostsInIdOrder = new ArrayList<>();
    private final List<Vm> vmsInIdOrder = new ArrayList<>();
    /** Where the sweep under way goes on, as an index into hosts then VMs; -1 when none is under way. */
    private int sweepNext = -1;
    private long nextSweepAt;
    /** The time up to which the sweep has used its rate. */
    private long lastSliceAt;
    private final LiveEntities live = new LiveEntities();

    Entities(int maxHosts, int maxVmsPerHost, int maxVms) {
        this.maxHosts = maxHosts;
        this.maxVmsPerHost = maxVmsPerHost;
        this.maxVms = maxVms;
    }

    /** Loads all hosts, VMs and the fingerprints of their adapters. */
    void load(Statements st) throws SQLException {
        hosts.clear();
        hostsById.clear();
        vms.clear();
        pending.clear();
        adaptersPending.clear();
        hostsInIdOrder.clear();
        vmsInIdOrder.clear();
        sweepNext = -1;
        try (Statement s = st.connection().createStatement()) {
            nextHostId = maxId(s, "SELECT MAX(id) FROM host") + 1;
            nextVmId = maxId(s, "SELECT MAX(id) FROM vm") + 1;
            try (ResultSet rs = s.executeQuery("SELECT id, host_ip, hostname, uuid, machine_type, os_name, "
                    + "os_release, last_seen FROM host ORDER BY id")) {
                while (rs.next()) {
                    Host h = new Host(rs.getLong(1), rs.getLong(8));
                    // after a rollback, what the sweep had not written yet must stay due
                    seen(h, live.hostLastSeen(h.id));
                    h.hostname = rs.getString(3);
                    h.uuid = rs.getString(4);
                    h.machineType = rs.getObject(5, Integer.class);
                    h.osName = rs.getObject(6, Integer.class);
                    h.osRelease = rs.getString(7);
                    hosts.put(rs.getString(2), h);
                    hostsById.put(h.id, h);
                    hostsInIdOrder.add(h);
                }
            }
            Map<Long, Vm> vmsById = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT id, uuid, host_id, hostname, last_seen FROM vm ORDER BY id")) {
                while (rs.next()) {
                    Vm v = new Vm(rs.getLong(1), rs.getLong(5));
                    seen(v, live.vmLastSeen(v.id));
                    v.hostId = rs.getLong(3);
                    v.hostname = rs.getString(4);
                    vms.put(UUID.fromString(rs.getString(2)), v);
                    vmsInIdOrder.add(v);
                    vmsById.put(v.id, v);
                    Host h = hostsById.get(v.hostId);
                    if (h != null) {
                        h.vmCount++;
                    }
                }
            }
            for (Host h : hostsInIdOrder) {
                live.setHostVmCount(h.id, h.vmCount);
            }
            loadAdapters(s, "SELECT host_id, if_index, mac FROM host_adapter", hostsById);
            loadAdapters(s, "SELECT vm_id, if_index, mac FROM vm_adapter", vmsById);
        }
        live.markLoaded();
    }

    private static long maxId(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static void loadAdapters(Statement s, String sql, Map<Long, ? extends Entity> byId)
            throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                Entity e = byId.get(rs.getLong(1));
                if (e != null) {
                    e.adapters += adapterHash(rs.getLong(2), MacAddress.parse(rs.getString(3)).value());
                }
            }
        }
    }

    /** The host of this agent address, created on first sight; null when {@code maxHosts} exist already. */
    Host host(Statements st, String hostIp, long at) throws SQLException {
        Host h = hosts.get(hostIp);
        if (h == null) {
            if (hosts.size() >= maxHosts) {
                return null;
            }
            h = new Host(nextHostId++, at);
            live.setHostLastSeen(h.id, at);
            live.setHostVmCount(h.id, 0);
            PreparedStatement ps = add(st, INSERT_HOST);
            Parameters.of(ps).add(h.id).add(hostIp).add(at).add(at);
            ps.addBatch();
            hosts.put(hostIp, h);
            hostsById.put(h.id, h);
            hostsInIdOrder.add(h);
        }
        return h;
    }

    /** Writes a node's description when it differs from the stored one. */
    void describeHost(Statements st, Host h, CounterRecord.HostDescr d) throws SQLException {
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
        PreparedStatement ps = add(st, DESCRIBE_HOST);
        Parameters.of(ps).add(hostname).add(uuid).add(machineType).add(osName).add(osRelease).add(h.id);
        ps.addBatch();
        h.hostname = hostname;
        h.uuid = uuid;
        h.machineType = machineType;
        h.osName = osName;
        h.osRelease = osRelease;
    }

    /**
     * The VM of this UUID, created on first sight, moved to {@code host} when it runs there now;
     * null when it is new and {@code host} already has agent.max.vms VMs, or vms.max VMs exist in all.
     */
    Vm vm(Statements st, UUID uuid, Host host, String name, long dsIndex, long at) throws SQLException {
        Vm v = vms.get(uuid);
        String hostname = SqlValues.text(name, 1024);
        if (v == null) {
            if (host.vmCount >= maxVmsPerHost || vms.size() >= maxVms) {
                return null;
            }
            v = new Vm(nextVmId++, at);
            live.setVmLastSeen(v.id, at);
            PreparedStatement ps = add(st, INSERT_VM);
            Parameters.of(ps).add(v.id).add(uuid.toString()).add(hostname).add(host.id).add(dsIndex)
                    .add(at).add(at);
            ps.addBatch();
            v.hostId = host.id;
            v.hostname = hostname;
            countVms(host, 1);
            vms.put(uuid, v);
            vmsInIdOrder.add(v);
            return v;
        }
        boolean moved = v.hostId != host.id;
        boolean renamed = hostname != null && !hostname.equals(v.hostname);
        if (moved || renamed) {
            PreparedStatement ps = add(st, UPDATE_VM);
            Parameters.of(ps).add(host.id).add(renamed ? hostname : v.hostname).add(dsIndex).add(v.id);
            ps.addBatch();
            if (moved) {
                Host old = hostsById.get(v.hostId);
                if (old != null) {
                    countVms(old, -1);
                }
                countVms(host, 1);
                v.hostId = host.id;
            }
            v.hostname = renamed ? hostname : v.hostname;
        }
        return v;
    }

    /** Notes that a sample of the entity arrived at {@code at}; the API sees it now, the sweep writes it later. */
    void seen(Entity e, long at) {
        if (at > e.lastSeen) {
            e.lastSeen = at;
            if (e instanceof Host) {
                live.raiseHostLastSeen(e.id, at);
            } else {
                live.raiseVmLastSeen(e.id, at);
            }
        }
    }

    /** What the API reads: every entity's exact last sight, every host's VM count. */
    LiveEntities live() {
        return live;
    }

    private void countVms(Host h, int delta) {
        h.vmCount += delta;
        live.setHostVmCount(h.id, h.vmCount);
    }

    /**
     * Adds the next slice of the sweep under way to the pending batches, starting a sweep when
     * one is due at {@code now}: as many rows as {@link #LAST_SEEN_ROWS_PER_SECOND} allows for
     * the time since the sweep last wrote, at most {@code maxRows} (time beyond that is not
     * saved up). True when a sweep is under way.
     */
    boolean sweepLastSeen(Statements st, long now, int maxRows) throws SQLException {
        if (sweepNext < 0) {
            if (now < nextSweepAt) {
                return false;
            }
            nextSweepAt = now + LAST_SEEN_SWEEP_MILLIS;
            sweepNext = 0;
            lastSliceAt = now;
        }
        long rows = (now - lastSliceAt) * LAST_SEEN_ROWS_PER_SECOND / 1000;
        if (rows >= maxRows) {
            rows = maxRows;
            lastSliceAt = now;
        } else {
            lastSliceAt += rows * 1000 / LAST_SEEN_ROWS_PER_SECOND;
        }
        if (rows > 0) {
            slice((int) rows, st);
        }
        return true;
    }

    /**
     * Adds the updates of the next {@code rows} entities seen since their last_seen was written,
     * going on in id order (hosts, then VMs) from where the sweep stands; ends the sweep after
     * the last VM.
     */
    private void slice(int rows, Statements st) throws SQLException {
        int hostCount = hostsInIdOrder.size();
        int total = hostCount + vmsInIdOrder.size();
        int written = 0;
        while (written < rows && sweepNext < total) {
            Entity e = sweepNext < hostCount ? hostsInIdOrder.get(sweepNext) : vmsInIdOrder.get(sweepNext - hostCount);
            sweepNext++;
            if (e.lastSeen > e.lastSeenWritten) {
                addLastSeen(add(st, e instanceof Host ? HOST_LAST_SEEN : VM_LAST_SEEN), e);
                written++;
            }
        }
        if (sweepNext == total) {
            sweepNext = -1;
        }
    }

    private static void addLastSeen(PreparedStatement ps, Entity e) throws SQLException {
        Parameters.of(ps).add(e.lastSeen).add(e.id);
        ps.addBatch();
        e.lastSeenWritten = e.lastSeen;
    }

    /** The statement of {@code sql}, noted as having rows to run. */
    private PreparedStatement add(Statements st, String sql) throws SQLException {
        pending.add(sql);
        return st.get(sql);
    }

    /** Runs the batched entity changes in foreign-key order; part of the caller's transaction. */
    void executePending(Statements st) throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        for (String sql : order) {
            if (pending.contains(sql)) {
                st.get(sql).executeBatch();
            }
        }
        pending.clear();
        adaptersPending.clear();
    }

    /**
     * Writes the exact last_seen of every host and VM seen since its last write, unpaced, in
     * slices of {@code sliceRows} until done or {@code deadlineNanos} (System.nanoTime) passed
     * (at shutdown: a million VMs take H2 about 40 s). True when all were written.
     */
    boolean flushLastSeen(Statements st, int sliceRows, long deadlineNanos) throws SQLException {
        sweepNext = 0;
        while (sweepNext >= 0 && System.nanoTime() - deadlineNanos < 0) {
            slice(sliceRows, st);
            executePending(st);
        }
        boolean done = sweepNext < 0;
        sweepNext = -1;
        nextSweepAt = 0;
        return done;
    }

    void hostAdapters(Statements st, Host h, CounterRecord.HostAdapters adapters) throws SQLException {
        replaceAdapters(st, DELETE_HOST_ADAPTERS, INSERT_HOST_ADAPTER, h, adapters);
    }

    void vmAdapters(Statements st, Vm v, CounterRecord.HostAdapters adapters) throws SQLException {
        replaceAdapters(st, DELETE_VM_ADAPTERS, INSERT_VM_ADAPTER, v, adapters);
    }

    /** Replaces the stored adapters of a host or VM when they changed. */
    private void replaceAdapters(Statements st, String deleteSql, String insertSql, Entity e,
                                 CounterRecord.HostAdapters adapters) throws SQLException {
        long fingerprint = fingerprint(adapters.adapters());
        if (fingerprint == e.adapters) {
            return;
        }
        if (!adaptersPending.add(e)) {
            executePending(st); // the first replacement must be done before the second one's delete
            adaptersPending.add(e);
        }
        PreparedStatement delete = add(st, deleteSql);
        Parameters.of(delete).add(e.id);
        delete.addBatch();
        PreparedStatement insert = st.get(insertSql);
        Set<MacKey> written = new HashSet<>();
        for (CounterRecord.HostAdapter a : adapters.adapters()) {
            for (MacAddress mac : a.macAddresses()) {
                if (written.add(new MacKey(a.ifIndex(), mac.value()))) {
                    Parameters.of(insert).add(e.id).add(a.ifIndex()).add(mac.toString());
                    insert.addBatch();
                    pending.add(insertSql);
                }
            }
        }
        e.adapters = fingerprint;
    }

    private record MacKey(long ifIndex, long mac) {
    }

    /** An order-independent 64-bit summary of (ifIndex, MAC) pairs, the same from records and from rows. */
    static long fingerprint(List<CounterRecord.HostAdapter> adapters) {
        long sum = 0;
        for (CounterRecord.HostAdapter a : adapters) {
            for (MacAddress mac : a.macAddresses()) {
                sum += adapterHash(a.ifIndex(), mac.value());
            }
        }
        return sum;
    }

    private static long adapterHash(long ifIndex, long mac) {
        long h = ifIndex * 0x9E3779B97F4A7C15L ^ mac;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    int hostCount() {
        return hosts.size();
    }

    int vmCount() {
        return vms.size();
    }

    private static boolean isZero(UUID uuid) {
        return uuid == null || (uuid.getMostSignificantBits() == 0 && uuid.getLeastSignificantBits() == 0);
    }
}
