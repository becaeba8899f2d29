package org.sflowmonitor.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * On a database several collectors write into (PostgreSQL): creates the hosts and VMs that a
 * batch meets for the first time with one statement per table, whatever their number. The
 * rows go in as arrays ({@code unnest}), the database assigns the ids (identity columns), and
 * {@code ON CONFLICT} on the unique key turns the insert of a row that another instance created
 * first (a VM that migrated to a node of this collector, an agent that moved) into a no-op that
 * still returns the stored row, so the entity keeps its one id and its history. The rows are
 * sent in key order, so two instances creating the same entities lock them in the same order.
 * Part of the writer's transaction; writer thread only.
 */
final class NewEntities {

    static final String UPSERT_HOSTS = "INSERT INTO host (host_ip, hostname, uuid, machine_type, os_name, os_release, "
            + "first_seen, last_seen) SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::integer[], "
            + "?::integer[], ?::varchar[], ?::bigint[], ?::bigint[]) "
            + "ON CONFLICT (host_ip) DO UPDATE SET host_ip = EXCLUDED.host_ip "
            + "RETURNING id, host_ip, hostname, uuid, machine_type, os_name, os_release, last_seen, xmax = 0";
    static final String UPSERT_VMS = "INSERT INTO vm (uuid, hostname, host_id, ds_index, first_seen, last_seen) "
            + "SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[]) "
            + "ON CONFLICT (uuid) DO UPDATE SET uuid = EXCLUDED.uuid "
            + "RETURNING id, uuid, host_id, hostname, last_seen, xmax = 0";

    /** A host to create: its address, the description its first sample carried, when it was first seen. */
    record HostRow(String hostIp, Entities.Host described, long at) {
    }

    /** A VM to create on the host of id {@code hostId}. */
    record VmRow(String uuid, String hostname, long hostId, long dsIndex, long at) {
    }

    /** A stored host row, as created or as found; {@code created} false when another instance had made it. */
    record StoredHost(long id, String hostIp, String hostname, String uuid, Integer machineType, Integer osName,
                      String osRelease, long lastSeen, boolean created) {
    }

    /** A stored VM row, as created or as found. */
    record StoredVm(long id, String uuid, long hostId, String hostname, long lastSeen, boolean created) {
    }

    private NewEntities() {
    }

    /** Creates the hosts (or finds them); the rows in key order, one statement. */
    static List<StoredHost> hosts(Statements st, List<HostRow> rows) throws SQLException {
        List<HostRow> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> a.hostIp().compareTo(b.hostIp()));
        Connection c = st.connection();
        int n = sorted.size();
        String[] ip = new String[n];
        String[] hostname = new String[n];
        String[] uuid = new String[n];
        Integer[] machineType = new Integer[n];
        Integer[] osName = new Integer[n];
        String[] osRelease = new String[n];
        Long[] at = new Long[n];
        for (int i = 0; i < n; i++) {
            HostRow r = sorted.get(i);
            ip[i] = r.hostIp();
            hostname[i] = r.described().hostname;
            uuid[i] = r.described().uuid;
            machineType[i] = r.described().machineType;
            osName[i] = r.described().osName;
            osRelease[i] = r.described().osRelease;
            at[i] = r.at();
        }
        PreparedStatement ps = st.get(UPSERT_HOSTS);
        bind(ps, c.createArrayOf("varchar", ip), c.createArrayOf("varchar", hostname),
                c.createArrayOf("varchar", uuid), c.createArrayOf("integer", machineType),
                c.createArrayOf("integer", osName), c.createArrayOf("varchar", osRelease),
                c.createArrayOf("bigint", at), c.createArrayOf("bigint", at));
        List<StoredHost> stored = new ArrayList<>(n);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                stored.add(new StoredHost(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, Integer.class), rs.getObject(6, Integer.class), rs.getString(7),
                        rs.getLong(8), rs.getBoolean(9)));
            }
        }
        return stored;
    }

    /** Creates the VMs (or finds them); the rows in key order, one statement. */
    static List<StoredVm> vms(Statements st, List<VmRow> rows) throws SQLException {
        List<VmRow> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> a.uuid().compareTo(b.uuid()));
        Connection c = st.connection();
        int n = sorted.size();
        String[] uuid = new String[n];
        String[] hostname = new String[n];
        Long[] hostId = new Long[n];
        Long[] dsIndex = new Long[n];
        Long[] at = new Long[n];
        for (int i = 0; i < n; i++) {
            VmRow r = sorted.get(i);
            uuid[i] = r.uuid();
            hostname[i] = r.hostname();
            hostId[i] = r.hostId();
            dsIndex[i] = r.dsIndex();
            at[i] = r.at();
        }
        PreparedStatement ps = st.get(UPSERT_VMS);
        bind(ps, c.createArrayOf("varchar", uuid), c.createArrayOf("varchar", hostname),
                c.createArrayOf("bigint", hostId), c.createArrayOf("bigint", dsIndex),
                c.createArrayOf("bigint", at), c.createArrayOf("bigint", at));
        List<StoredVm> stored = new ArrayList<>(n);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                stored.add(new StoredVm(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getLong(5), rs.getBoolean(6)));
            }
        }
        return stored;
    }

    private static void bind(PreparedStatement ps, Array... arrays) throws SQLException {
        Parameters params = Parameters.of(ps);
        for (Array a : arrays) {
            params.add(a);
        }
    }
}
