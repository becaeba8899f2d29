package org.sflowmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The collectors writing into this database, one row each in {@code collector_instance} with its
 * counters in {@code collector_counter}: each collector writes its own row ({@link HeartbeatWriter}),
 * collector.status reads them all, so that any instance shows every collector.
 */
public final class Heartbeats {

    /** Who a collector is: its row's key and what does not change while it runs. */
    public record Instance(String id, String hostName, int sflowPort, String version, long startedAt,
                           long intervalMillis) {
    }

    /** A collector's row as of its last heartbeat; {@code stoppedAt} null while it runs. */
    public record Row(String instanceId, String hostName, int sflowPort, String version, long startedAt,
                      long lastHeartbeat, long intervalMillis, Long stoppedAt, Map<String, Long> counters) {
    }

    private static final String UPDATE = "UPDATE collector_instance SET host_name = ?, sflow_port = ?, version = ?,"
            + " started_at = ?, last_heartbeat = ?, heartbeat_interval_ms = ?, stopped_at = ? WHERE instance_id = ?";
    private static final String INSERT = "INSERT INTO collector_instance (host_name, sflow_port, version, started_at,"
            + " last_heartbeat, heartbeat_interval_ms, stopped_at, instance_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String ROWS = "SELECT instance_id, host_name, sflow_port, version, started_at,"
            + " last_heartbeat, heartbeat_interval_ms, stopped_at FROM collector_instance ORDER BY instance_id";
    private static final String COUNTERS = "SELECT instance_id, counter_name, counter_value FROM collector_counter"
            + " ORDER BY instance_id, counter_name";

    private Heartbeats() {
    }

    /** Writes {@code me}'s row and counters in one transaction; {@code stoppedAt} non-null for the last one. */
    static void write(Connection c, Instance me, long now, Long stoppedAt, Map<String, Long> counters)
            throws SQLException {
        try {
            int updated;
            try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                bind(ps, me, now, stoppedAt);
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                    bind(ps, me, now, stoppedAt);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM collector_counter WHERE instance_id = ?")) {
                Parameters.of(ps).add(me.id());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO collector_counter (instance_id, counter_name, counter_value) VALUES (?, ?, ?)")) {
                for (Map.Entry<String, Long> e : counters.entrySet()) {
                    Parameters.of(ps).add(me.id()).add(e.getKey()).add(e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    private static void bind(PreparedStatement ps, Instance me, long now, Long stoppedAt) throws SQLException {
        Parameters.of(ps).add(me.hostName()).add(me.sflowPort()).add(me.version()).add(me.startedAt()).add(now)
                .add(me.intervalMillis()).add(stoppedAt).add(me.id());
    }

    /**
     * Whether a collector other than {@code self} (null: any) may have stored samples with times
     * in [from, till): one that started before {@code till} and beat, or stopped, no earlier than
     * three of its intervals before {@code from}.
     */
    static boolean othersMayHaveStored(Connection c, String self, long from, long till) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM collector_instance WHERE instance_id <> ?"
                + " AND started_at < ? AND last_heartbeat + 3 * heartbeat_interval_ms >= ?")) {
            Parameters.of(ps).add(self == null ? "" : self).add(till).add(from);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /** Every collector's row with its counters, by instance id. */
    public static List<Row> read(Queries queries) {
        Map<String, Map<String, Long>> counters = new LinkedHashMap<>();
        queries.rows(COUNTERS, List.of(), rs -> counters.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                .put(rs.getString(2), rs.getLong(3)));
        List<Row> rows = new ArrayList<>();
        queries.rows(ROWS, List.of(), rs -> {
            long stopped = rs.getLong(8);
            Long stoppedAt = rs.wasNull() ? null : stopped;
            String id = rs.getString(1);
            return rows.add(new Row(id, rs.getString(2), rs.getInt(3), rs.getString(4), rs.getLong(5), rs.getLong(6),
                    rs.getLong(7), stoppedAt, counters.getOrDefault(id, Map.of())));
        });
        return rows;
    }
}
