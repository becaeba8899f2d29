package org.sflowmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

import org.sflowmonitor.store.LatestState.HostSlot;
import org.sflowmonitor.store.LatestState.Sample;
import org.sflowmonitor.store.LatestState.VmSlot;

/**
 * Reads the node rows and the {@link LatestTable}s into a {@link LatestState}'s entries: all rows
 * when it is loaded, those {@link Changes} names when it is refreshed, each merged with what is
 * held by the tables' rule ({@link TwoSamples}) so that nothing newer is lost.
 */
final class LatestRows {

    /**
     * Which rows of the tables a refresh reads: on PostgreSQL those written by transactions from
     * {@code xmin} on (the xmin of the previous refresh's snapshot: every transaction before it
     * had ended then), as a row version's own xmin tells, except those of {@code own} (this
     * instance's writer's, whose samples it applied itself); null xmin: all rows. Transaction ids
     * are the 32 bits a row's xmin holds.
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

    /** What one row read changes; whether it changed anything. */
    private interface Row {
        boolean read(ResultSet rs) throws SQLException;
    }

    /** By host id: the node's agent address and learned polling interval, which the state shares. */
    private final Slots<String> nodeIps;
    private final Slots<Long> pollingIntervals;

    LatestRows(Slots<String> nodeIps, Slots<Long> pollingIntervals) {
        this.nodeIps = nodeIps;
        this.pollingIntervals = pollingIntervals;
    }

    /** Reads the rows {@code changes} names into the node slots and these entry slots; whether anything changed. */
    boolean read(Connection c, Changes changes, Slots<HostSlot> hosts, Slots<VmSlot> vms) throws SQLException {
        boolean changed = readNodes(c, changes);
        changed |= readHosts(c, changes, hosts);
        changed |= readVms(c, changes, vms);
        return changed;
    }

    private boolean readNodes(Connection c, Changes changes) throws SQLException {
        return eachRow(c, changes, "SELECT n.id, n.host_ip, n.polling_interval FROM host n", rs -> {
            long id = rs.getLong(1);
            String hostIp = rs.getString(2);
            long interval = rs.getLong(3);
            Long learned = rs.wasNull() || interval <= 0 ? null : interval;
            boolean changed = !Objects.equals(nodeIps.get(id), hostIp)
                    || !Objects.equals(pollingIntervals.get(id), learned);
            nodeIps.set(id, hostIp);
            pollingIntervals.set(id, learned);
            return changed;
        }, "n");
    }

    private boolean readHosts(Connection c, Changes changes, Slots<HostSlot> hosts) throws SQLException {
        List<String> values = LatestState.HOST_COLUMNS.names();
        String select = "SELECT l.host_id, h.hostname, h.uuid, h.last_seen, l.ts, " + columns("l.", values)
                + ", l.prev_ts, " + columns("l.prev_", values) + " FROM host_latest l JOIN host h ON h.id = l.host_id";
        return eachRow(c, changes, select, rs -> {
            long id = rs.getLong(1);
            Sample n = sample(rs, 5, id, false, values.size());
            Sample p = sample(rs, 6 + values.size(), id, false, values.size());
            if (n == null && hosts.get(id) == null) {
                return false;
            }
            HostSlot h = Slots.orMade(hosts, id, HostSlot::new);
            synchronized (h) {
                boolean changed = h.two.addRow(n, p);
                String hostIp = nodeIps.get(id);
                String hostname = rs.getString(2);
                String uuid = rs.getString(3);
                long lastSeen = lastSeen(rs.getLong(4), h);
                changed |= !(Objects.equals(h.hostIp, hostIp) && Objects.equals(h.hostname, hostname)
                        && Objects.equals(h.uuid, uuid) && h.lastSeen == lastSeen);
                h.hostIp = hostIp;
                h.hostname = hostname;
                h.uuid = uuid;
                h.lastSeen = lastSeen;
                if (changed) {
                    h.changed();
                }
                return changed;
            }
        }, "l", "h");
    }

    private boolean readVms(Connection c, Changes changes, Slots<VmSlot> vms) throws SQLException {
        List<String> values = LatestState.VM_COLUMNS.names();
        String select = "SELECT l.vm_id, v.uuid, v.hostname, v.host_id, v.last_seen, l.ts, l.host_id, "
                + columns("l.", values) + ", l.prev_ts, l.prev_host_id, " + columns("l.prev_", values)
                + " FROM vm_latest l JOIN vm v ON v.id = l.vm_id";
        return eachRow(c, changes, select, rs -> {
            long id = rs.getLong(1);
            Sample n = sample(rs, 6, -1, true, values.size());
            Sample p = sample(rs, 8 + values.size(), -1, true, values.size());
            if (n == null && vms.get(id) == null) {
                return false;
            }
            VmSlot v = Slots.orMade(vms, id, VmSlot::new);
            synchronized (v) {
                boolean changed = v.two.addRow(n, p);
                String uuid = rs.getString(2);
                String name = rs.getString(3);
                long nodeId = rs.getLong(4);
                String nodeIp = nodeIps.get(nodeId);
                String hostIp = nodeIps.get(v.two.newestHost());
                long lastSeen = lastSeen(rs.getLong(5), v);
                changed |= !(Objects.equals(v.uuid, uuid) && Objects.equals(v.name, name) && v.nodeId == nodeId
                        && Objects.equals(v.nodeIp, nodeIp) && Objects.equals(v.hostIp, hostIp) && v.lastSeen == lastSeen);
                v.uuid = uuid;
                v.name = name;
                v.nodeId = nodeId;
                v.nodeIp = nodeIp;
                v.hostIp = hostIp;
                v.lastSeen = lastSeen;
                if (changed) {
                    v.changed();
                }
                return changed;
            }
        }, "l", "v");
    }

    /**
     * An entry's last sight: the latest of the table's last_seen (written by a slow sweep), the
     * slot's held one and its newest sample's time (the slot holds a sample).
     */
    private static long lastSeen(long tableLastSeen, LatestState.Slot<?> held) {
        return Math.max(Math.max(tableLastSeen, held.two.newestTs()), held.lastSeen);
    }

    /**
     * Runs {@code select} limited to the changed rows of the tables its {@code aliases} name, each
     * row read by {@code row}; whether any row changed something.
     */
    private static boolean eachRow(Connection c, Changes changes, String select, Row row, String... aliases)
            throws SQLException {
        boolean changed = false;
        try (PreparedStatement ps = c.prepareStatement(select + changes.where(aliases))) {
            changes.bind(ps, aliases.length);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    changed |= row.read(rs);
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
}
