package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.ingest.IngestCounter;
import org.sflowmonitor.testing.PostgresServer;
import org.sflowmonitor.testing.TestDatabase;

/** copy-data: an H2 history copied into an empty PostgreSQL database, checked table by table. */
class DataCopyTest {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path dataDir;

    private void fillH2() throws Exception {
        SimulatedCluster cluster = new SimulatedCluster(5, 4);
        try (TestCollector h2 = TestCollector.start(dataDir)) {
            for (int round = 0; round < 3; round++) {
                h2.sendAndAwait(cluster.round(round));
                Thread.sleep(2);
            }
        }
    }

    @Test
    void everyTableOfAnH2HistoryArrivesInPostgresqlWithItsCount() throws Exception {
        fillH2();
        TestDatabase pg = PostgresServer.newDatabase();
        DataCopy.Counts counts;
        try (Database from = TestCollector.open(dataDir); Database to = TestCollector.open(pg, dataDir)) {
            counts = DataCopy.copy(from, to, QUIET);
        }
        assertTrue(counts.match(), counts.tables().toString());
        assertEquals(5, counts.tables().get("host")[1]);
        assertEquals(20, counts.tables().get("vm")[1]);
        assertEquals(60, counts.tables().get("vm_sample")[1]);
        assertEquals(15, counts.tables().get("host_sample")[1]);
    }

    @Test
    void aVmsUuidArrivesInPostgresqlAsTheTextItsCollectorsLookItUpBy() throws Exception {
        fillH2();
        TestDatabase pg = PostgresServer.newDatabase();
        try (Database from = TestCollector.open(dataDir); Database to = TestCollector.open(pg, dataDir)) {
            DataCopy.copy(from, to, QUIET);
            String byId = "SELECT id, uuid FROM vm ORDER BY id";
            List<Map<String, Object>> copied = new Queries(to, 10).rows(byId, List.of());
            assertEquals(new Queries(from, 10).rows(byId, List.of()), copied);
            assertTrue(copied.stream().allMatch(r -> r.get("uuid") instanceof String u
                    && u.equals(UUID.fromString(u).toString())), copied.toString());
        }
    }

    @Test
    void collectorsOnTheCopyGoOnWithNewIdsAfterTheCopiedOnes() throws Exception {
        fillH2();
        TestDatabase pg = PostgresServer.newDatabase();
        try (Database from = TestCollector.open(dataDir); Database to = TestCollector.open(pg, dataDir)) {
            DataCopy.copy(from, to, QUIET);
        }
        try (TestCollector collector = TestCollector.start(pg, dataDir.resolve("pg"))) {
            // nodes 10.0.0.1-4 known, 10.0.0.5-7 and fd00::8 new; all 32 VMs new (UUIDs drawn per cluster shape)
            collector.sendAndAwait(new SimulatedCluster(8, 4).round(3));
            assertEquals(5 + 4, collector.count("host"));
            assertEquals(20 + 32, collector.count("vm"));
            assertEquals(0, collector.total(IngestCounter.WRITE_ERRORS), "no new id collides with a copied one");
        }
    }

    @Test
    void aTargetThatHoldsRowsAlreadyIsRefused() throws Exception {
        fillH2();
        try (Database from = TestCollector.open(dataDir);
             Database to = TestCollector.open(TestDatabase.h2(dataDir.resolve("second")), dataDir.resolve("second"))) {
            DataCopy.copy(from, to, QUIET);
            java.sql.SQLException refused = assertThrows(java.sql.SQLException.class, () -> DataCopy.copy(from, to, QUIET));
            assertEquals("the target database already holds rows in host: copy-data copies into an empty "
                    + "sflow-monitor database only", refused.getMessage());
        }
    }
    @Test
    void aPackedRollupRowArrivesInPostgresqlWithEveryPartOfItsMeasures() throws Exception {
        RollupLayout<?> vm = RollupRows.VM;
        Bucket written = new Bucket(1, 0, 1_796_669_700_000L, vm.measures().size());
        written.hostId = 2;
        double[] point = new double[vm.measures().size()];
        for (int i = 0; i < point.length; i++) {
            point[i] = i % 3 == 2 ? Double.NaN : -i * 1.25e10 - 0.5;
        }
        written.add(point, 2);
        TestDatabase pg = PostgresServer.newDatabase();
        try (Database from = TestCollector.open(dataDir); Database to = TestCollector.open(pg, dataDir)) {
            try (Connection c = from.connection();
                 PreparedStatement insert = c.prepareStatement(vm.insert())) {
                vm.bind(insert, 300_000, written);
                insert.executeUpdate();
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            }
            DataCopy.copy(from, to, QUIET);
            try (Connection c = to.connection(); PreparedStatement read = c.prepareStatement(vm.finer())) {
                Parameters.of(read).add(300_000L).add(0L).add(Long.MAX_VALUE);
                try (ResultSet rs = read.executeQuery()) {
                    assertTrue(rs.next());
                    Bucket copied = vm.readBucket(rs);
                    assertArrayEquals(written.n, copied.n);
                    assertArrayEquals(written.min, copied.min);
                    assertArrayEquals(written.max, copied.max);
                    assertArrayEquals(written.sum, copied.sum);
                }
            }
        }
    }
}
