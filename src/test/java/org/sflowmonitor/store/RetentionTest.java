package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.sflowmonitor.testing.Backend;

/**
 * Samples older than retention.days go: on H2 in steps of at most an hour of one entity's
 * history; on PostgreSQL these rows (of 2027, days without partitions) are in the default
 * partition, deleted row by row (whole days go: {@link PartitionsTest}).
 */
class RetentionTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final long HOUR = TimeUnit.HOURS.toMillis(1);

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void samplesOlderThanTheRetentionAreDeletedAndNewerOnesKept(Backend backend) throws Exception {
        try (Database db = TestCollector.open(backend.create(dataDir), dataDir)) {
            try (Connection c = db.connection()) {
                c.createStatement().execute("INSERT INTO host (id, host_ip, first_seen, last_seen) VALUES "
                        + "(1, '10.0.0.1', 0, 0), (2, '10.0.0.2', 0, 0)");
                c.createStatement().execute("INSERT INTO vm (id, uuid, host_id, first_seen, last_seen) VALUES "
                        + "(1, '1ff5a54e-c885-4153-9005-f42478261ada', 1, 0, 0)");
                // three days of history, one row every 10 minutes, per entity and table
                insertHistory(c, "INSERT INTO host_sample (host_id, ts) VALUES (?, ?)", 1);
                insertHistory(c, "INSERT INTO host_sample (host_id, ts) VALUES (?, ?)", 2);
                insertHistory(c, "INSERT INTO host_mib2_sample (host_id, ts) VALUES (?, ?)", 1);
                insertHistory(c, "INSERT INTO interface_sample (host_id, if_index, ts) VALUES (?, 2, ?)", 2);
                insertHistory(c, "INSERT INTO vm_sample (vm_id, host_id, ts) VALUES (?, 1, ?)", 1);
            }
            long cutoff = NOW - TimeUnit.DAYS.toMillis(1);
            try (Retention retention = new Retention(db.dataSource(), 1)) {
                long deleted = retention.deleteOlderThan(cutoff);
                assertEquals(5 * 2 * 24 * 6, deleted);
            }
            for (String table : List.of("host_sample", "host_mib2_sample", "interface_sample", "vm_sample")) {
                var row = TestCollector.rows(db.dataSource(), "SELECT COUNT(*) AS n, MIN(ts) AS oldest FROM " + table)
                        .get(0);
                assertEquals(BigInteger.valueOf(cutoff), row.get("oldest"), table);
            }
            assertEquals(BigInteger.valueOf(2 * (24 * 6 + 1)),
                    TestCollector.rows(db.dataSource(), "SELECT COUNT(*) AS n FROM host_sample").get(0).get("n"));
            assertEquals(BigInteger.valueOf(2), TestCollector.rows(db.dataSource(),
                    "SELECT COUNT(*) AS n FROM host").get(0).get("n"), "entities are kept");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aLatestSampleOlderThanTheRetentionIsForgottenWithItsRow(Backend backend) throws Exception {
        long cutoff = NOW - TimeUnit.DAYS.toMillis(1);
        try (Database db = TestCollector.open(backend.create(dataDir), dataDir)) {
            try (Connection c = db.connection()) {
                c.createStatement().execute("INSERT INTO host (id, host_ip, first_seen, last_seen) VALUES "
                        + "(1, '10.0.0.1', 0, 0), (2, '10.0.0.2', 0, 0), (3, '10.0.0.3', 0, 0)");
                c.createStatement().execute("INSERT INTO host_latest (host_id, ts, cpu_num, prev_ts, prev_cpu_num) "
                        + "VALUES (1, " + (cutoff - HOUR) + ", 4, " + (cutoff - 2 * HOUR) + ", 4), "
                        + "(2, " + (cutoff + HOUR) + ", 8, " + (cutoff - HOUR) + ", 8), "
                        + "(3, " + (cutoff + 2 * HOUR) + ", 2, " + (cutoff + HOUR) + ", 2)");
            }
            try (Retention retention = new Retention(db.dataSource(), 1)) {
                retention.deleteOlderThan(cutoff);
            }
            assertEquals(List.of(java.util.Map.of("host_id", BigInteger.TWO, "prev", "none"),
                            java.util.Map.of("host_id", BigInteger.valueOf(3), "prev", "2")),
                    TestCollector.rows(db.dataSource(), "SELECT host_id, COALESCE(CAST(prev_cpu_num AS VARCHAR), "
                            + "'none') AS prev FROM host_latest ORDER BY host_id"));
        }
    }

    private static void insertHistory(Connection c, String sql, long id) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (long ts = NOW - 3 * 24 * HOUR; ts <= NOW; ts += HOUR / 6) {
                ps.setLong(1, id);
                ps.setLong(2, ts);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
