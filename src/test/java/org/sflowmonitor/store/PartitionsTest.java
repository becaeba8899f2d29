package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.testing.PostgresServer;

/** The sample tables' day partitions on PostgreSQL: created ahead, dropped whole by retention. */
class PartitionsTest {

    private static final long DAY = TimeUnit.DAYS.toMillis(1);

    @TempDir
    Path dataDir;

    private static List<Object> partitionsOf(Database db, String table) throws Exception {
        return TestCollector.rows(db.dataSource(), "SELECT c.relname AS name FROM pg_inherits i "
                + "JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent "
                + "JOIN pg_namespace n ON n.oid = p.relnamespace WHERE p.relname = ? AND n.nspname = current_schema() "
                + "ORDER BY c.relname", table).stream().map(r -> r.get("name")).toList();
    }

    @Test
    void openingTheDatabaseCreatesEverySampleTablesPartitionsFromTodayToThreeDaysAhead() throws Exception {
        try (Database db = TestCollector.open(PostgresServer.newDatabase(), dataDir)) {
            long today = Math.floorDiv(System.currentTimeMillis(), DAY) * DAY;
            for (SampleTable table : SampleTable.values()) {
                List<Object> expected = new java.util.ArrayList<>();
                for (int d = 0; d <= Partitions.DAYS_AHEAD; d++) {
                    expected.add(Partitions.name(table.table(), today + d * DAY));
                }
                List<Object> actual = partitionsOf(db, table.table());
                assertTrue(actual.containsAll(expected), table + ": " + actual);
            }
        }
    }

    @Test
    void retentionDropsThePartitionsOfDaysWhollyBeforeTheCutoffAndKeepsTheRest() throws Exception {
        long now = Math.floorDiv(System.currentTimeMillis(), DAY) * DAY + DAY / 2;
        try (Database db = TestCollector.open(PostgresServer.newDatabase(), dataDir)) {
            Partitions.createAhead(db.dataSource(), now - 3 * DAY);
            try (Connection c = db.connection()) {
                c.createStatement().execute("INSERT INTO host (id, host_ip, first_seen, last_seen) VALUES "
                        + "(1, '10.0.0.1', 0, 0)");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO host_sample (host_id, ts) VALUES (1, ?)")) {
                    for (long ts = now - 3 * DAY; ts <= now; ts += DAY / 4) {
                        ps.setLong(1, ts);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            long cutoff = now - DAY - DAY / 4; // in the day before yesterday's partition... of yesterday
            long deleted;
            try (Retention retention = new Retention(db.dataSource(), 1)) {
                deleted = retention.deleteOlderThan(cutoff);
            }
            long keptFrom = Math.floorDiv(cutoff, DAY) * DAY;
            Map<String, Object> kept = TestCollector.rows(db.dataSource(),
                    "SELECT COUNT(*) AS n, MIN(ts) AS oldest FROM host_sample").get(0);
            assertEquals(BigInteger.valueOf(keptFrom), kept.get("oldest"), "whole days go, the cutoff's day stays");
            assertEquals(13, deleted + ((BigInteger) kept.get("n")).longValue(), "every row dropped or kept");
            assertEquals(((keptFrom - (now - 3 * DAY)) / (DAY / 4)), deleted);
            assertTrue(!partitionsOf(db, "host_sample").contains(Partitions.name("host_sample", keptFrom - DAY)));
        }
    }

    @Test
    void twoCollectorsCreatingAndDroppingTheSamePartitionsAtOnceBothSucceed() throws Exception {
        try (Database db = TestCollector.open(PostgresServer.newDatabase(), dataDir)) {
            long today = Math.floorDiv(System.currentTimeMillis(), DAY) * DAY;
            ExecutorService two = Executors.newFixedThreadPool(2);
            try {
                for (int day = 10; day < 40; day += Partitions.DAYS_AHEAD + 1) {
                    long future = today + day * DAY;
                    CyclicBarrier together = new CyclicBarrier(2);
                    Callable<Object> create = () -> {
                        together.await();
                        Partitions.createAhead(db.dataSource(), future);
                        return null;
                    };
                    for (Future<Object> f : two.invokeAll(List.of(create, create))) {
                        f.get();
                    }
                }
                CyclicBarrier together = new CyclicBarrier(2);
                Callable<Object> drop = () -> {
                    together.await();
                    return Partitions.dropOlderThan(db.dataSource(), today + 30 * DAY);
                };
                for (Future<Object> f : two.invokeAll(List.of(drop, drop))) {
                    f.get();
                }
            } finally {
                two.shutdown();
            }
            List<Object> left = partitionsOf(db, "vm_sample");
            assertTrue(left.contains(Partitions.name("vm_sample", today + 30 * DAY)), left.toString());
            assertTrue(!left.contains(Partitions.name("vm_sample", today + 29 * DAY)), left.toString());
        }
    }
}
