package org.sflowmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The newest sample of every node and VM and the one before it (what a rate needs), in memory,
 * so that a fleet-wide answer reads memory instead of 10,000 or 100,000 rows. It holds what the
 * {@link LatestTable}s hold: loaded from them when the writer connects, kept current by the writer
 * after each commit, and brought up to date from them ({@link #refresh}) for what other collectors
 * wrote into the same database. Both paths apply the tables' rule: the two newest by ts whatever
 * order they come in, of two with the same ts the later one counts as newer, the same sample read
 * twice counts once. Entries are immutable and replaced whole; {@link #generation()} changes
 * with every change. Writes are serialised; any number of readers.
 */
public final class LatestState {

    /** One stored sample: its time, the node it came from, its value columns as stored ({@link StoredValue}). */
    public record Sample(long ts, long hostId, long[] values) {
        boolean sameAs(Sample other) {
            return other != null && ts == other.ts && hostId == other.hostId && Arrays.equals(values, other.values);
        }
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

    private volatile Slots<Host> hosts = new Slots<>();
    private volatile Slots<Vm> vms = new Slots<>();
    /** By host id: the node's agent address and learned polling interval (ms; null: none learned). */
    private final Slots<String> nodeIps = new Slots<>();
    private final Slots<Long> pollingIntervals = new Slots<>();
    private final AtomicLong generation = new AtomicLong();
    /** The 64-bit ids of this instance's writer's transactions on PostgreSQL, oldest first. */
    private final ArrayDeque<Long> own = new ArrayDeque<>();
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
        Matcher m = new Matcher(filter);
        return matching(hosts, h -> m.matches(h.hostIp(), h.hostname(), h.uuid()));
    }

    /** The VMs with a sample matching the filter (no MAC condition; host_ip: the node the vm row places it on), by VM id. */
    public List<Vm> vms(EntityFilter filter) {
        Matcher m = new Matcher(filter);
        return matching(vms, v -> m.matches(v.nodeIp(), v.name(), v.uuid()));
    }

    private static <E> List<E> matching(Slots<E> entries, Predicate<E> wanted) {
        List<E> out = new ArrayList<>();
        entries.forEach(e -> {
            if (wanted.test(e)) {
                out.add(e);
            }
        });
        return out;
    }

    /** The node's entry; null when it has none. */
    Host host(long id) {
        return hosts.get(id);
    }

    /** The VM's entry; null when it has none. */
    Vm vm(long id) {
        return vms.get(id);
    }

    /** The node's learned polling interval in ms as its row has it; null when none is learned or unknown. */
    public Long pollingInterval(long hostId) {
        return pollingIntervals.get(hostId);
    }

    // ---- writing: the writer thread after a commit, a load or a refresh; serialised

    /** A node's description and learned interval as stored with a sample; {@code sample} null when it carried no host_sample. */
    synchronized void node(long hostId, String hostIp, String hostname, String uuid, long pollingInterval,
                           Sample sample) {
        nodeIps.set(hostId, hostIp);
        pollingIntervals.set(hostId, pollingInterval > 0 ? pollingInterval : null);
        Host h = hosts.get(hostId);
        if (sample == null) {
            if (h != null && !(same(h.hostname(), hostname) && same(h.uuid(), uuid))) {
                hosts.set(hostId, new Host(hostId, hostIp, hostname, uuid, h.lastSeen(), h.newest(), h.previous()));
            }
            return;
        }
        Sample[] two = merged(h == null ? null : h.newest(), h == null ? null : h.previous(), sample);
        long lastSeen = Math.max(h == null ? 0 : h.lastSeen(), sample.ts());
        hosts.set(hostId, new Host(hostId, hostIp, hostname, uuid, lastSeen, two[0], two[1]));
    }

    /** A VM's sample as stored, on the node {@code hostId}. */
    synchronized void vm(long vmId, String uuid, String name, long hostId, String hostIp, Sample sample) {
        Vm v = vms.get(vmId);
        Sample[] two = merged(v == null ? null : v.newest(), v == null ? null : v.previous(), sample);
        long lastSeen = Math.max(v == null ? 0 : v.lastSeen(), sample.ts());
        boolean newest = two[0] == sample;
        String newestIp = newest ? hostIp : v.hostIp();
        long nodeId = newest || v == null ? hostId : v.nodeId();
        String nodeIp = newest || v == null ? hostIp : v.nodeIp();
        vms.set(vmId, new Vm(vmId, uuid, name != null ? name : v == null ? null : v.name(), nodeId, nodeIp, newestIp,
                lastSeen, two[0], two[1]));
    }

    /** Notes a transaction of this instance's writer (its 64-bit id on PostgreSQL), whose rows a refresh leaves out. */
    void ownTransaction(long xid) {
        synchronized (own) {
            own.addLast(xid);
        }
    }

    /** The 32-bit ids of this writer's transactions from {@code xmin} (a 64-bit id) on; forgets those before it. */
    long[] ownTransactionsFrom(long xmin) {
        synchronized (own) {
            while (!own.isEmpty() && own.peekFirst() < xmin) {
                own.removeFirst();
            }
            return own.stream().mapToLong(x -> x & 0xFFFF_FFFFL).toArray();
        }
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

    /** The newest two of an entity's two and one more sample, by the tables' rule. */
    private static Sample[] merged(Sample newest, Sample previous, Sample s) {
        if (s.sameAs(newest) || s.sameAs(previous)) {
            return new Sample[] {newest, previous};
        }
        if (newest == null || s.ts() >= newest.ts()) {
            return new Sample[] {s, newest};
        }
        if (previous == null || s.ts() >= previous.ts()) {
            return new Sample[] {newest, s};
        }
        return new Sample[] {newest, previous};
    }

    /** An entry's two samples (none when null) merged with a row's newest {@code n} and previous {@code p} (null: none). */
    private static Sample[] merged(Entry e, Sample n, Sample p) {
        Sample[] two = {e == null ? null : e.newest(), e == null ? null : e.previous()};
        // the previous first: of two with the same ts the one applied later counts as the newer
        if (p != null) {
            two = merged(two[0], two[1], p);
        }
        return merged(two[0], two[1], n);
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    /** Forgets what the retention pass deleted: entities silent since before {@code cutoff}, previous samples older. */
    synchronized void forgetOlderThan(long cutoff) {
        hosts.forEach(h -> {
            if (h.newest().ts() < cutoff) {
                hosts.set(h.id(), null);
            } else if (h.previous() != null && h.previous().ts() < cutoff) {
                hosts.set(h.id(), new Host(h.id(), h.hostIp(), h.hostname(), h.uuid(), h.lastSeen(), h.newest(), null));
            }
        });
        vms.forEach(v -> {
            if (v.newest().ts() < cutoff) {
                vms.set(v.id(), null);
            } else if (v.previous() != null && v.previous().ts() < cutoff) {
                vms.set(v.id(), new Vm(v.id(), v.uuid(), v.name(), v.nodeId(), v.nodeIp(), v.hostIp(), v.lastSeen(),
                        v.newest(), null));
            }
        });
        changed();
    }

    /** Replaces everything with what the tables hold. */
    synchronized void load(Connection c) throws SQLException {
        Slots<Host> loadedHosts = new Slots<>();
        Slots<Vm> loadedVms = new Slots<>();
        read(c, Changes.ALL, loadedHosts, loadedVms);
        hosts = loadedHosts;
        vms = loadedVms;
        loaded = true;
        changed();
    }

    /**
     * Which rows of the tables a {@link #refresh} reads: on PostgreSQL those written by
     * transactions from {@code xmin} on (the xmin of the previous refresh's snapshot: every
     * transaction before it had ended then), as a row version's own xmin tells, except those of
     * {@code own} (this instance's writer's, whose samples it applied itself); null xmin: all rows.
     * Transaction ids are the 32 bits a row's xmin holds.
     */
    record Changes(Long xmin, long[] own) {
        static final Changes ALL = new Changes(null, new long[0]);

        /** " WHERE ..." over the aliases of one table each, or "". */
        String where(String... aliases) {
            if (xmin == null) {
                return "";
            }
            StringBuilder out = new StringBuilder(" WHERE ");
            for (int i = 0; i < aliases.length; i++) {
                String a = aliases[i];
                out.append(i == 0 ? "" : " OR ").append("(age(").append(a).append(".xmin) <= age(CAST(CAST(? AS text) AS xid))")
                        .append(own.length == 0 ? "" : " AND NOT " + a + ".xmin::text::bigint = ANY(?)").append(')');
            }
            return out.toString();
        }

        /** Binds the parameters of {@link #where} for {@code tables} aliases from index 1. */
        void bind(PreparedStatement ps, int tables) throws SQLException {
            if (xmin == null) {
                return;
            }
            Parameters params = Parameters.of(ps);
            for (int i = 0; i < tables; i++) {
                params.add(Long.toString(xmin));
                if (own.length > 0) {
                    params.add(own);
                }
            }
        }
    }

    /**
     * Brings in what the tables gained: the node rows and the latest rows {@code changes} names,
     * merged with what is held by the tables' rule, so that nothing newer is lost. The first
     * refresh of a state nobody loaded reads all rows and marks it loaded.
     */
    synchronized void refresh(Connection c, Changes changes) throws SQLException {
        if (read(c, changes, hosts, vms) || !loaded) {
            loaded = true;
            changed();
        }
    }

    /** Reads the rows {@code changes} names into these slots; whether anything changed. */
    private boolean read(Connection c, Changes changes, Slots<Host> hosts, Slots<Vm> vms) throws SQLException {
        boolean changed = readNodes(c, changes);
        changed |= readHosts(c, changes, hosts);
        changed |= readVms(c, changes, vms);
        return changed;
    }

    private boolean readNodes(Connection c, Changes changes) throws SQLException {
        boolean changed = false;
        try (PreparedStatement ps = c.prepareStatement("SELECT n.id, n.host_ip, n.polling_interval FROM host n"
                + changes.where("n"))) {
            changes.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    long interval = rs.getLong(3);
                    Long learned = rs.wasNull() || interval <= 0 ? null : interval;
                    changed |= !same(nodeIps.get(id), rs.getString(2)) || !Objects.equals(pollingIntervals.get(id),
                            learned);
                    nodeIps.set(id, rs.getString(2));
                    pollingIntervals.set(id, learned);
                }
            }
        }
        return changed;
    }

    private boolean readHosts(Connection c, Changes changes, Slots<Host> hosts) throws SQLException {
        List<String> values = HOST_COLUMNS.names();
        String sql = "SELECT l.host_id, h.hostname, h.uuid, h.last_seen, l.ts, " + columns("l.", values)
                + ", l.prev_ts, " + columns("l.prev_", values) + " FROM host_latest l JOIN host h ON h.id = l.host_id"
                + changes.where("l", "h");
        boolean changed = false;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            changes.bind(ps, 2);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    Sample n = sample(rs, 5, id, false, values.size());
                    Sample p = sample(rs, 6 + values.size(), id, false, values.size());
                    Host h = hosts.get(id);
                    Sample[] two = merged(h, n, p);
                    Host next = new Host(id, nodeIps.get(id), rs.getString(2), rs.getString(3),
                            Math.max(rs.getLong(4), h == null ? 0 : h.lastSeen()), two[0], two[1]);
                    if (!next.equals(h)) {
                        hosts.set(id, next);
                        changed = true;
                    }
                }
            }
        }
        return changed;
    }

    private boolean readVms(Connection c, Changes changes, Slots<Vm> vms) throws SQLException {
        List<String> values = VM_COLUMNS.names();
        String sql = "SELECT l.vm_id, v.uuid, v.hostname, v.host_id, v.last_seen, l.ts, l.host_id, "
                + columns("l.", values) + ", l.prev_ts, l.prev_host_id, " + columns("l.prev_", values)
                + " FROM vm_latest l JOIN vm v ON v.id = l.vm_id" + changes.where("l", "v");
        boolean changed = false;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            changes.bind(ps, 2);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    Sample n = sample(rs, 6, -1, true, values.size());
                    Sample p = sample(rs, 8 + values.size(), -1, true, values.size());
                    Vm v = vms.get(id);
                    Sample[] two = merged(v, n, p);
                    long nodeId = rs.getLong(4);
                    Vm next = new Vm(id, rs.getString(2), rs.getString(3), nodeId, nodeIps.get(nodeId),
                            nodeIps.get(two[0].hostId()), Math.max(rs.getLong(5), v == null ? 0 : v.lastSeen()),
                            two[0], two[1]);
                    if (!next.equals(v)) {
                        vms.set(id, next);
                        changed = true;
                    }
                }
            }
        }
        return changed;
    }

    /** The sample whose ts is at column {@code at} (then host_id when {@code vm}, then the values); null when ts is NULL. */
    private static Sample sample(ResultSet rs, int at, long hostId, boolean vm, int count) throws SQLException {
        long ts = rs.getLong(at);
        if (rs.wasNull()) {
            return null;
        }
        int from = at + 1;
        long node = hostId;
        if (vm) {
            node = rs.getLong(from++);
        }
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = StoredValue.encode(Queries.value(rs, from + i));
        }
        return new Sample(ts, node, values);
    }

    private static String columns(String prefix, List<String> names) {
        StringBuilder out = new StringBuilder();
        for (String n : names) {
            out.append(out.isEmpty() ? "" : ", ").append(prefix).append(n);
        }
        return out.toString();
    }

    /** An {@link EntityFilter}'s node/name/uuid conditions applied in memory as its SQL applies them. */
    private static final class Matcher {
        private final EntityFilter filter;
        private final Pattern name;

        Matcher(EntityFilter filter) {
            if (filter.mac() != null) {
                throw new IllegalArgumentException("the latest state has no adapters; a MAC filter reads the tables");
            }
            this.filter = filter;
            this.name = filter.hostname() != null && filter.hostname().contains("*") ? glob(filter.hostname()) : null;
        }

        boolean matches(String hostIp, String hostname, String uuid) {
            if (filter.hostIp() != null && !filter.hostIp().equals(hostIp)) {
                return false;
            }
            if (filter.hostname() != null && (hostname == null
                    || (name != null ? !name.matcher(hostname).matches() : !filter.hostname().equals(hostname)))) {
                return false;
            }
            return filter.uuid() == null || filter.uuid().equals(uuid);
        }

        private static Pattern glob(String text) {
            StringBuilder regex = new StringBuilder();
            for (String part : text.split("\\*", -1)) {
                regex.append(regex.isEmpty() ? "" : ".*").append(Pattern.quote(part));
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        }
    }

    /** Values by id in chunks, so that growing never copies them; iteration in id order. */
    private static final class Slots<T> {
        private static final int CHUNK_BITS = 14;
        private static final int CHUNK_SIZE = 1 << CHUNK_BITS;
        private volatile AtomicReferenceArray<T>[] chunks = newChunks(0);

        @SuppressWarnings("unchecked")
        private static <T> AtomicReferenceArray<T>[] newChunks(int n) {
            return (AtomicReferenceArray<T>[]) new AtomicReferenceArray<?>[n];
        }

        T get(long id) {
            AtomicReferenceArray<T>[] cs = chunks;
            long chunk = id >>> CHUNK_BITS;
            return id < 0 || chunk >= cs.length ? null : cs[(int) chunk].get((int) (id & (CHUNK_SIZE - 1)));
        }

        void set(long id, T value) {
            if (id < 0) {
                return;
            }
            int chunk = Math.toIntExact(id >>> CHUNK_BITS);
            AtomicReferenceArray<T>[] cs = chunks;
            if (chunk >= cs.length) {
                if (value == null) {
                    return;
                }
                cs = Arrays.copyOf(cs, chunk + 1);
                for (int i = 0; i < cs.length; i++) {
                    if (cs[i] == null) {
                        cs[i] = new AtomicReferenceArray<>(CHUNK_SIZE);
                    }
                }
                chunks = cs;
            }
            cs[chunk].set((int) (id & (CHUNK_SIZE - 1)), value);
        }

        void forEach(Consumer<T> each) {
            AtomicReferenceArray<T>[] cs = chunks;
            for (AtomicReferenceArray<T> c : cs) {
                for (int i = 0; i < CHUNK_SIZE; i++) {
                    T value = c.get(i);
                    if (value != null) {
                        each.accept(value);
                    }
                }
            }
        }
    }
}
