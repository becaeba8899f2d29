package org.sflowmonitor.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.sflowmonitor.ingest.EntitySample.NodeSample;
import org.sflowmonitor.ingest.EntitySample.VmSample;

/**
 * The newest sample of every node and VM and the one before it (what a rate needs), in memory,
 * so that a fleet-wide answer reads memory instead of 10,000 or 100,000 rows. It holds what the
 * {@link LatestTable}s hold: loaded from them ({@link LatestRows}) when the writer connects, kept
 * current by the writer after each commit, and brought up to date from them ({@link #refresh}) for
 * what other collectors wrote into the same database. Both paths apply the tables' rule
 * ({@link TwoSamples}). Each entity's samples are overwritten in place, so that storing a sample
 * leaves no object that lives a polling interval; readers get immutable entries, made when an
 * entity changed since the last read. {@link #generation()} changes with every change. Writes are
 * serialised by this object's monitor; each entity's slot is changed and read under its own, so
 * that readers never wait for the writer's batch or a refresh's query.
 *
 * <p>One piece although over 300 lines: the two locks (the state's for writers, a slot's for its
 * entity) and their order (state, then slot) are only checkable where every writer and reader of
 * the slots is in view; split, each part would have to trust the others to keep that order.
 */
public final class LatestState {

    /** One stored sample: its time, the node it came from, its value columns as stored ({@link StoredValue}). */
    public record Sample(long ts, long hostId, long[] values) {
    }

    /** The value columns of one sample table, read from a {@link Sample} by name as a read of the table gives them. */
    public static final class Columns {
        private final Map<String, Integer> index = new HashMap<>();
        private final Column.Kind[] kinds;
        private final List<String> names;

        private Columns(SampleLayout<?> layout) {
            List<Column<?>> columns = layout.valueColumns();
            kinds = new Column.Kind[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).kind() == Column.Kind.TEXT) {
                    throw new IllegalArgumentException(layout.table() + "." + columns.get(i).name() + " is text");
                }
                index.put(columns.get(i).name(), i);
                kinds[i] = columns.get(i).kind();
            }
            names = columns.stream().<String>map(Column::name).toList();
        }

        /** The column's value in the sample; an IllegalArgumentException for a name that is no value column. */
        public Object value(Sample sample, String column) {
            Integer i = index.get(column);
            if (i == null) {
                throw new IllegalArgumentException("no value column " + column);
            }
            return StoredValue.decode(kinds[i], sample.values()[i]);
        }

        List<String> names() {
            return names;
        }
    }

    public static final Columns HOST_COLUMNS = new Columns(SampleRows.HOST_SAMPLE);
    public static final Columns VM_COLUMNS = new Columns(SampleRows.VM_SAMPLE);

    /** A node's or a VM's entry: its newest sample and the one before it (null when it sent only one). */
    public sealed interface Entry permits Host, Vm {
        long id();

        /** The table's last_seen as last read or the newest sample's ts, whichever is later. */
        long lastSeen();

        Sample newest();

        Sample previous();

        /** A field of one of the entry's samples: the entity's (id, names) or the sample's (timestamp, columns). */
        Object field(Sample s, String field);

        /** A field of the newest sample. */
        default Object newest(String field) {
            return field(newest(), field);
        }

        /** A field of the previous sample, which must exist. */
        default Object previous(String field) {
            return field(previous(), field);
        }
    }

    /**
     * A node's newest host_sample and the one before it (null when it sent only one), with the
     * node's row as it was when the newer of them was stored ({@code lastSeen}: the table's, which
     * the writer's sight may have passed).
     */
    public record Host(long id, String hostIp, String hostname, String uuid, long lastSeen, Sample newest,
                       Sample previous) implements Entry {

        /** A field by the names of {@link LatestSamples#hosts}. */
        @Override
        public Object field(Sample s, String field) {
            return switch (field) {
                case "id" -> id;
                case "host_ip" -> hostIp;
                case "hostname" -> hostname;
                case "uuid" -> uuid;
                case "last_seen" -> lastSeen;
                case "timestamp" -> s.ts();
                default -> HOST_COLUMNS.value(s, field);
            };
        }
    }

    /**
     * A VM's newest vm_sample and the one before it (null when it sent only one). {@code nodeId}
     * and {@code nodeIp}: the node the vm row places it on; {@code hostIp}: the node the newest
     * sample came from (they differ only while a move is being written).
     */
    public record Vm(long id, String uuid, String name, long nodeId, String nodeIp, String hostIp, long lastSeen,
                     Sample newest, Sample previous) implements Entry {

        /** A field by the names of {@link LatestSamples#vms}. */
        @Override
        public Object field(Sample s, String field) {
            return switch (field) {
                case "id" -> id;
                case "host_ip" -> hostIp;
                case "hostname", "uuid" -> uuid;
                case "name" -> name;
                case "last_seen" -> lastSeen;
                case "timestamp" -> s.ts();
                case "host_id" -> s.hostId();
                default -> VM_COLUMNS.value(s, field);
            };
        }
    }

    /**
     * An entity as held: its two samples, its last_seen, and the entry last made of them for
     * readers. Every field is read and written under the slot's monitor.
     */
    abstract static class Slot<E extends Entry> {
        final long id;
        long lastSeen;
        final TwoSamples two = new TwoSamples();
        private E entry;

        Slot(long id) {
            this.id = id;
        }

        /** The entry of what is held now, made again only after a {@link #changed change}. */
        synchronized E entry() {
            if (entry == null) {
                entry = made();
            }
            return entry;
        }

        /** The entry when the slot holds a sample (a new slot is visible before its first) and matches, else null. */
        synchronized E entryIf(EntityMatcher m) {
            return !two.isEmpty() && matches(m) ? entry() : null;
        }

        /** A new entry of what is held now, not kept; null before the first sample. */
        synchronized E copy() {
            return two.isEmpty() ? null : made();
        }

        abstract boolean matches(EntityMatcher m);

        /** A new entry of what is held now. */
        abstract E made();

        void changed() {
            entry = null;
        }
    }

    /** A node as held: its row's description besides its samples. */
    static final class HostSlot extends Slot<Host> {
        String hostIp;
        String hostname;
        String uuid;

        HostSlot(long id) {
            super(id);
        }

        @Override
        boolean matches(EntityMatcher m) {
            return m.matches(hostIp, hostname, uuid);
        }

        @Override
        Host made() {
            return new Host(id, hostIp, hostname, uuid, lastSeen, two.newest(), two.previous());
        }
    }

    /** A VM as held: its row's description and the node of its newest sample besides its samples. */
    static final class VmSlot extends Slot<Vm> {
        String uuid;
        String name;
        long nodeId;
        String nodeIp;
        String hostIp;

        VmSlot(long id) {
            super(id);
        }

        @Override
        boolean matches(EntityMatcher m) {
            return m.matches(nodeIp, name, uuid);
        }

        @Override
        Vm made() {
            return new Vm(id, uuid, name, nodeId, nodeIp, hostIp, lastSeen, two.newest(), two.previous());
        }
    }

    private volatile Slots<HostSlot> hosts = new Slots<>();
    private volatile Slots<VmSlot> vms = new Slots<>();
    /** By host id: the node's agent address and learned polling interval (ms; null: none learned). */
    private final Slots<String> nodeIps = new Slots<>();
    private final Slots<Long> pollingIntervals = new Slots<>();
    private final LatestRows rows = new LatestRows(nodeIps, pollingIntervals);
    private final AtomicLong generation = new AtomicLong();
    private final OwnTransactions ownTransactions = new OwnTransactions();
    /** The writer's: a stored sample's values before they are copied into an entity's. */
    private final long[] hostScratch = new long[SampleRows.HOST_SAMPLE.valueCount()];
    private final long[] vmScratch = new long[SampleRows.VM_SAMPLE.valueCount()];
    private volatile boolean loaded;

    /** Changes with every change of what this holds; -1 while nothing is loaded (no answer may be kept on it). */
    public long generation() {
        return loaded ? generation.get() : -1;
    }

    /** Whether the tables were loaded (false while the writer cannot connect). */
    public boolean loaded() {
        return loaded;
    }

    /** The nodes with a host sample matching the filter (no MAC condition), by host id. */
    public List<Host> hosts(EntityFilter filter) {
        return matching(hosts, new EntityMatcher(filter));
    }

    /** The VMs with a sample matching the filter (no MAC condition; host_ip: the node the vm row places it on), by VM id. */
    public List<Vm> vms(EntityFilter filter) {
        return matching(vms, new EntityMatcher(filter));
    }

    private static <E extends Entry> List<E> matching(Slots<? extends Slot<E>> slots, EntityMatcher m) {
        List<E> out = new ArrayList<>();
        slots.forEach(slot -> {
            E e = slot.entryIf(m);
            if (e != null) {
                out.add(e);
            }
        });
        return out;
    }

    /** The node's entry, made for this call only (not kept); null when it has none. */
    Host host(long id) {
        HostSlot h = hosts.get(id);
        return h == null ? null : h.copy();
    }

    /** The VM's entry, made for this call only (not kept); null when it has none. */
    Vm vm(long id) {
        VmSlot v = vms.get(id);
        return v == null ? null : v.copy();
    }

    /** This instance's writer's transactions, which a refresh leaves out. */
    OwnTransactions ownTransactions() {
        return ownTransactions;
    }

    /** The node's learned polling interval in ms as its row has it; null when none is learned or unknown. */
    public Long pollingInterval(long hostId) {
        return pollingIntervals.get(hostId);
    }

    // ---- writing: the writer thread after a commit, a load or a refresh; serialised

    /** A node's description and learned interval as stored with a sample; {@code sample} null when it carried no host_sample. */
    synchronized void node(long hostId, String hostIp, String hostname, String uuid, long pollingInterval,
                           NodeSample sample) {
        node(hostId, hostIp, hostname, uuid, pollingInterval, sample == null ? null
                : new Sample(sample.receivedAt(), hostId, SampleRows.HOST_SAMPLE.storedInto(sample, hostScratch)));
    }

    /** The same with the sample's stored values. */
    synchronized void node(long hostId, String hostIp, String hostname, String uuid, long pollingInterval,
                           Sample sample) {
        Slots.setIfChanged(nodeIps, hostId, hostIp);
        Slots.setIfChanged(pollingIntervals, hostId, pollingInterval > 0 ? pollingInterval : null);
        HostSlot h = hosts.get(hostId);
        if (sample == null) {
            if (h != null) {
                synchronized (h) {
                    if (!(Objects.equals(h.hostname, hostname) && Objects.equals(h.uuid, uuid))) {
                        h.hostIp = hostIp;
                        h.hostname = hostname;
                        h.uuid = uuid;
                        h.changed();
                    }
                }
            }
            return;
        }
        h = Slots.orMade(hosts, hostId, HostSlot::new);
        synchronized (h) {
            h.two.add(sample);
            h.hostIp = kept(h.hostIp, hostIp);
            h.hostname = kept(h.hostname, hostname);
            h.uuid = kept(h.uuid, uuid);
            h.lastSeen = Math.max(h.lastSeen, sample.ts());
            h.changed();
        }
    }

    /** A VM's sample as stored, on the node {@code hostId}. */
    synchronized void vm(long vmId, String uuid, String name, long hostId, String hostIp, VmSample sample) {
        vm(vmId, uuid, name, hostId, hostIp,
                new Sample(sample.receivedAt(), hostId, SampleRows.VM_SAMPLE.storedInto(sample, vmScratch)));
    }

    /** The same with the sample's stored values (copied). */
    synchronized void vm(long vmId, String uuid, String name, long hostId, String hostIp, Sample sample) {
        boolean first = vms.get(vmId) == null;
        VmSlot v = Slots.orMade(vms, vmId, VmSlot::new);
        synchronized (v) {
            if (v.two.add(sample) == TwoSamples.Placed.NEWEST || first) {
                v.hostIp = kept(v.hostIp, hostIp);
                v.nodeId = hostId;
                v.nodeIp = kept(v.nodeIp, hostIp);
            }
            v.uuid = kept(v.uuid, uuid);
            if (name != null) {
                v.name = kept(v.name, name);
            }
            v.lastSeen = Math.max(v.lastSeen, sample.ts());
            v.changed();
        }
    }

    /**
     * {@code held} when it equals {@code next}: a string that comes anew with every sample is kept
     * only when it changed, so that it does not outlive its sample in the entity's slot.
     */
    private static String kept(String held, String next) {
        return Objects.equals(held, next) ? held : next;
    }

    /** A committed batch's samples, applied in the order they were written, as one change. */
    synchronized void committed(List<Consumer<LatestState>> samples) {
        if (samples.isEmpty()) {
            return;
        }
        samples.forEach(s -> s.accept(this));
        changed();
    }

    private void changed() {
        generation.incrementAndGet();
    }

    /** Forgets what the retention pass deleted: entities silent since before {@code cutoff}, previous samples older. */
    synchronized void forgetOlderThan(long cutoff) {
        forgetOlderThan(hosts, cutoff);
        forgetOlderThan(vms, cutoff);
        changed();
    }

    private static void forgetOlderThan(Slots<? extends Slot<?>> slots, long cutoff) {
        slots.forEach(slot -> {
            synchronized (slot) {
                if (slot.two.newestTs() < cutoff) {
                    slots.set(slot.id, null);
                } else if (slot.two.previousTs() < cutoff) {
                    slot.two.dropPrevious();
                    slot.changed();
                }
            }
        });
    }

    /** Replaces everything with what the tables hold. */
    synchronized void load(Connection c) throws SQLException {
        Slots<HostSlot> loadedHosts = new Slots<>();
        Slots<VmSlot> loadedVms = new Slots<>();
        rows.read(c, LatestRows.Changes.ALL, loadedHosts, loadedVms);
        hosts = loadedHosts;
        vms = loadedVms;
        loaded = true;
        changed();
    }

    /**
     * Brings in what the tables gained: the node rows and the latest rows {@code changes} names,
     * merged with what is held by the tables' rule, so that nothing newer is lost. The first
     * refresh of a state nobody loaded reads all rows and marks it loaded.
     */
    synchronized void refresh(Connection c, LatestRows.Changes changes) throws SQLException {
        if (rows.read(c, changes, hosts, vms) || !loaded) {
            loaded = true;
            changed();
        }
    }
}
