package org.sflowmonitor.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.sflowmonitor.ingest.EntitySample;
import org.sflowmonitor.sflow.CounterRecord;

/**
 * The writer's view of the host and vm tables: ids by agent address and by UUID (held by
 * {@link EntityCache}, with each host's VM count), with what was last written of each entity, so
 * that a sample costs a write only where it changed something. New hosts and VMs are created
 * within the configured limits: on H2 here with ids from {@link EntityIds}, as rows of JDBC
 * batches, on PostgreSQL before the batch's samples by {@link UnseenEntities}
 * ({@link Dialect} says why they differ); either way a batch that meets thousands of unseen
 * entities writes them with a few statement executions.
 *
 * <p>The writes are delegated: {@link Descriptions} (changed descriptions and moves),
 * {@link AdapterRows} (changed adapter lists) and {@link LastSeenSweep} (last_seen, kept in memory
 * and published through {@link LiveEntities} with every sample, written to the tables later). All
 * of them add rows to {@link EntityBatches}, which {@link #executePending} runs in an order that
 * respects the foreign keys: new hosts, new VMs, descriptions, moves, adapters, last_seen.
 * Everything here is lost on a rollback: the writer then calls {@link #load} again. Used by the
 * writer thread only.
 */
final class Entities {

    private static final String INSERT_HOST = "INSERT INTO host (id, host_ip, hostname, uuid, machine_type, "
            + "os_name, os_release, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_VM = "INSERT INTO vm (id, uuid, hostname, host_id, ds_index, first_seen, "
            + "last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String HOST_LAST_SEEN = "UPDATE host SET last_seen = GREATEST(last_seen, ?) WHERE id = ?";
    /**
     * The node a VM runs on follows the newest sight: a collector whose cache still places a VM
     * that went to another collector's node and came back corrects the row here (several
     * collectors on one database).
     */
    private static final String VM_LAST_SEEN = "UPDATE vm SET host_id = CASE WHEN ? > last_seen THEN ? ELSE host_id END, "
            + "last_seen = GREATEST(last_seen, ?) WHERE id = ?";
    private static final String HOST_POLLING_INTERVAL = "UPDATE host SET polling_interval = ? WHERE id = ?";

    /** What hosts and VMs share: the row id, last_seen, and the fingerprint of the stored adapters. */
    abstract static class Entity {
        final long id;
        long lastSeen;
        long lastSeenWritten;
        long adapterFingerprint = AdapterFingerprint.NONE;
        /** Whether adapter rows of the entity are stored or pending (a new entity has none to delete). */
        boolean hasAdapterRows;

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
        final PollingInterval polling = new PollingInterval();
        /** The polling_interval column: 0 while none is written. */
        long pollingIntervalWritten;

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

    /** entity.max.hosts, agent.max.vms and vms.max: how many hosts and VMs may be created. */
    record Limits(int hosts, int vmsPerHost, int vms) {
        boolean roomForHost(int known) {
            return known < hosts;
        }

        boolean roomForVm(int onHost, int known) {
            return onHost < vmsPerHost && known < vms;
        }
    }

    private final Limits limits;
    private final EntityCache cache = new EntityCache();
    private final LiveEntities live = cache.live();
    private final UnseenEntities unseen;
    private final EntityBatches batches = new EntityBatches(List.of(INSERT_HOST, INSERT_VM,
            Descriptions.DESCRIBE_HOST, Descriptions.UPDATE_VM, AdapterRows.DELETE_HOST_ADAPTERS,
            AdapterRows.INSERT_HOST_ADAPTER, AdapterRows.DELETE_VM_ADAPTERS, AdapterRows.INSERT_VM_ADAPTER,
            HOST_LAST_SEEN, VM_LAST_SEEN, HOST_POLLING_INTERVAL));
    private final Descriptions descriptions = new Descriptions(batches);
    private final AdapterRows adapters = new AdapterRows(batches);
    private final LastSeenSweep sweep = new LastSeenSweep(cache.hostsInIdOrder(), cache.vmsInIdOrder());
    private final EntityIds ids = new EntityIds();
    private Dialect dialect = Dialect.H2;
    /** The VMs' name and MAC keys for the API's lookups: kept on H2 only (see {@link VmKeys}), else null. */
    private VmKeys vmKeys;

    Entities(int maxHosts, int maxVmsPerHost, int maxVms) {
        this.limits = new Limits(maxHosts, maxVmsPerHost, maxVms);
        this.unseen = new UnseenEntities(cache, limits);
    }

    /** Loads all hosts, VMs and the fingerprints of their adapters. */
    void load(Statements st) throws SQLException {
        live.vmKeys().loading(); // before the UUID index is cleared: the API's lookups read the tables meanwhile
        cache.clear();
        batches.clear();
        adapters.batchesDone();
        sweep.abandon();
        dialect = Dialect.of(st.connection());
        vmKeys = dialect.assignsEntityIds() ? null : live.vmKeys();
        try (Statement s = st.connection().createStatement()) {
            dialect.streamRows(s);
            try {
                ids.load(s);
                cache.load(s, vmKeys);
            } finally {
                dialect.stopStreaming(s); // the connection goes back to the pool with its session
            }
        }
        live.markLoaded();
        if (vmKeys != null) {
            vmKeys.markLoaded();
        }
    }

    /** The host of this agent address, created on first sight; null when {@code maxHosts} exist already. */
    Host host(Statements st, String hostIp, long at) throws SQLException {
        return host(st, hostIp, at, null);
    }

    /**
     * The host of this agent address, created on first sight with the description {@code descr}
     * (null when the sample carried none), which a known host's is replaced with when it changed
     * ({@link #describeHost}); null when {@code maxHosts} exist already.
     */
    Host host(Statements st, String hostIp, long at, CounterRecord.HostDescr descr) throws SQLException {
        Host h = cache.host(hostIp);
        if (h == null) {
            if (!limits.roomForHost(cache.hostCount()) || dialect.assignsEntityIds()) {
                return null; // on PostgreSQL createUnseen created every host within the limit
            }
            h = new Host(ids.nextHost(), at);
            if (descr != null) {
                Descriptions.takeDescription(h, descr);
            }
            PreparedStatement ps = batches.add(st, INSERT_HOST);
            Parameters.of(ps).add(h.id).add(hostIp).add(h.hostname).add(h.uuid).add(h.machineType).add(h.osName)
                    .add(h.osRelease).add(at).add(at);
            ps.addBatch();
            cache.addNew(hostIp, h);
        }
        return h;
    }

    /**
     * On a database that assigns the ids (PostgreSQL): creates the hosts and VMs the batch
     * meets for the first time, within the limits, before its samples are bound, or finds the
     * rows another instance created (see {@link NewEntities}). Elsewhere nothing: {@link #host}
     * and {@link #vm} create them as they come.
     */
    void createUnseen(Statements st, List<EntitySample> batch) throws SQLException {
        if (dialect.assignsEntityIds()) {
            unseen.create(st, batch);
        }
    }

    /** Writes a node's description when it differs from the stored one. */
    void describeHost(Statements st, Host h, CounterRecord.HostDescr d) throws SQLException {
        descriptions.describeHost(st, h, d);
    }

    /**
     * The VM of this UUID, created on first sight, moved to {@code host} when it runs there now;
     * null when it is new and {@code host} already has agent.max.vms VMs, or vms.max VMs exist in all.
     */
    Vm vm(Statements st, UUID uuid, Host host, String name, long dsIndex, long at) throws SQLException {
        Vm v = cache.vm(uuid);
        String hostname = SqlValues.text(name, 1024);
        if (v == null) {
            if (!limits.roomForVm(host.vmCount, cache.vmCount()) || dialect.assignsEntityIds()) {
                return null; // on PostgreSQL createUnseen created every VM within the limits
            }
            v = new Vm(ids.nextVm(), at);
            PreparedStatement ps = batches.add(st, INSERT_VM);
            Parameters.of(ps).add(v.id).addObject(uuid).add(hostname).add(host.id).add(dsIndex)
                    .add(at).add(at);
            ps.addBatch();
            v.hostId = host.id;
            v.hostname = hostname;
            cache.addNew(uuid, v);
            if (vmKeys != null) {
                vmKeys.put(v.id, hostname);
            }
            return v;
        }
        String stored = v.hostname;
        descriptions.placeVm(st, v, host, hostname, dsIndex);
        if (vmKeys != null && !Objects.equals(stored, v.hostname)) {
            vmKeys.renamed(v.id, v.hostname);
        }
        if (v.hostId != host.id) {
            cache.move(v, host);
        }
        return v;
    }

    /**
     * Learns the node's polling interval from the receive time of its own sample ({@link PollingInterval})
     * and writes it to the host row when it was first learned or moved by more than a tenth.
     */
    void nodeSampled(Statements st, Host h, long at) throws SQLException {
        long learned = h.polling.sampled(at);
        if (PollingInterval.worthWriting(learned, h.pollingIntervalWritten)) {
            PreparedStatement ps = batches.add(st, HOST_POLLING_INTERVAL);
            Parameters.of(ps).add(learned).add(h.id);
            ps.addBatch();
            h.pollingIntervalWritten = learned;
            live.hostsPollingInterval.set(h.id, learned);
        }
    }

    /** Notes that a sample of the entity arrived at {@code at}; the API sees it now, the sweep writes it later. */
    void seen(Entity e, long at) {
        if (at > e.lastSeen) {
            e.lastSeen = at;
            if (e instanceof Host) {
                live.hostsLastSeen.raise(e.id, at);
            } else {
                live.vmsLastSeen.raise(e.id, at);
            }
        }
    }

    /** What the API reads: every entity's exact last sight, every host's VM count. */
    LiveEntities live() {
        return live;
    }

    /** Replaces the stored adapters of the host when they changed; true when they did. */
    boolean hostAdapters(Statements st, Host h, CounterRecord.HostAdapters list) throws SQLException {
        return adapters.replaceHost(st, h, list);
    }

    /** Replaces the stored adapters of the VM when they changed; true when they did. */
    boolean vmAdapters(Statements st, Vm v, CounterRecord.HostAdapters list) throws SQLException {
        boolean changed = adapters.replaceVm(st, v, list);
        if (changed && vmKeys != null) {
            vmKeys.macsReplaced(v.id, AdapterRows.macs(list));
        }
        return changed;
    }

    /** The writer's transaction committed: the keys it replaced match nothing any more. */
    void committed() {
        if (vmKeys != null) {
            vmKeys.committed();
        }
    }

    /**
     * Adds the next slice of the last_seen sweep to the pending batches, starting a sweep when
     * one is due at {@code now}, at most {@code maxRows} rows ({@link LastSeenSweep#step}). True
     * when a sweep is under way.
     */
    boolean sweepLastSeen(Statements st, long now, int maxRows) throws SQLException {
        return sweep.step(now, maxRows, e -> addLastSeen(st, e));
    }

    /**
     * Writes the exact last_seen of every host and VM seen since its last write, unpaced, in
     * slices of {@code sliceRows} until done or {@code deadlineNanos} (System.nanoTime) passed
     * (at shutdown, a large fleet may take longer than the writer may wait). True when all were
     * written.
     */
    boolean flushLastSeen(Statements st, int sliceRows, long deadlineNanos) throws SQLException {
        return sweep.flush(sliceRows, deadlineNanos, e -> addLastSeen(st, e), () -> executePending(st));
    }

    private void addLastSeen(Statements st, Entity e) throws SQLException {
        if (e instanceof Vm v) {
            PreparedStatement ps = batches.add(st, VM_LAST_SEEN);
            Parameters.of(ps).add(v.lastSeen).add(v.hostId).add(v.lastSeen).add(v.id);
            ps.addBatch();
        } else {
            PreparedStatement ps = batches.add(st, HOST_LAST_SEEN);
            Parameters.of(ps).add(e.lastSeen).add(e.id);
            ps.addBatch();
        }
    }

    /** Runs the batched entity changes in foreign-key order; part of the caller's transaction. */
    void executePending(Statements st) throws SQLException {
        if (batches.isEmpty()) {
            return;
        }
        batches.execute(st);
        adapters.batchesDone();
    }
}
