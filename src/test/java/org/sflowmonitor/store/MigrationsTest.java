package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.sflowmonitor.sflow.CounterRecord.EthernetCounters;
import org.sflowmonitor.sflow.CounterRecord.HostMemory;
import org.sflowmonitor.sflow.CounterRecord.MibUdp;
import org.sflowmonitor.sflow.CounterRecord.VirtDiskIo;
import org.sflowmonitor.testing.Backend;
import org.sflowmonitor.testing.TestDatabase;

/** The schema as Flyway migrates it, from nothing, from the runner before Flyway, and past what it knows. */
class MigrationsTest {

    /**
     * Written by the runner before Flyway: schema V1 with schema_version at 1, the host 10.0.0.1
     * (node-1, first seen 1000, last seen 2000) and one host_sample (ts 2000, cpu_load_one 0.5).
     */
    private static final String V1_DATABASE = "v1-database/sflow-monitor.mv.db";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aNewDatabaseIsMigratedToTheNewestVersion(Backend backend) throws Exception {
        try (Database db = open(backend.create(dir))) {
            assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"), query(db, "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL"));
        }
    }

    @Test
    void aDatabaseWrittenBeforeFlywayKeepsItsRowsAndFlywayTakesItOverAtVersionOneAndMigratesOn() throws Exception {
        try (InputStream in = MigrationsTest.class.getResourceAsStream(V1_DATABASE)) {
            Files.copy(in, dir.resolve("sflow-monitor.mv.db"));
        }
        try (Database db = open(url())) {
            assertEquals(List.of("10.0.0.1 node-1 1000 2000"),
                    query(db, "SELECT host_ip || ' ' || hostname || ' ' || first_seen || ' ' || last_seen FROM host"));
            assertEquals(List.of("1 2000 0.5"),
                    query(db, "SELECT host_id || ' ' || ts || ' ' || cpu_load_one FROM host_sample"));
            assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"), query(db, "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL"));
            assertEquals(List.of(), query(db, "SELECT table_name FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE table_name = 'SCHEMA_VERSION'"), "the old runner's table is gone");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aDatabaseAtANewerSchemaVersionIsRefusedWithAMessageToUpgrade(Backend backend) throws Exception {
        TestDatabase database = backend.create(dir);
        try (Database db = open(database); Connection c = db.connection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\","
                    + " \"type\", \"script\", \"installed_by\", \"execution_time\", \"success\")"
                    + " VALUES (99, '99', 'from a newer sflow-monitor', 'SQL', 'V99__newer.sql', 'sa', 0, TRUE)");
        }
        SQLException refused = assertThrows(SQLException.class, () -> open(database).close());
        assertTrue(refused.getMessage().matches(
                ".*database schema version 99 is newer than this sflow-monitor knows \\([0-9.]+\\): upgrade sflow-monitor"),
                refused.getMessage());
    }

    @Test
    void aMigrationThatFailsStopsTheOpeningWithTheDatabaseUrlButNotThePassword() throws Exception {
        String url = url() + ";PASSWORD=secret-pw";
        // as the runner before Flyway leaves a V1 that failed half-way: its table empty, some V1 tables made
        try (Connection c = java.sql.DriverManager.getConnection(url, "sa", null); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL)");
            st.execute("CREATE TABLE host (id BIGINT PRIMARY KEY)");
        }
        SQLException failed = assertThrows(SQLException.class,
                () -> Database.open(url, "sa", null, dir, 1).close());
        assertTrue(failed.getMessage().startsWith("cannot open the database " + url() + ";PASSWORD=***"),
                failed.getMessage());
        assertTrue(failed.getMessage().contains(" (db.url): "), failed.getMessage());
        assertTrue(failed.getMessage().contains("HOST"), failed.getMessage());
        assertFalse(failed.getMessage().contains("secret-pw"), failed.getMessage());
    }

    @Test
    void theLatestSamplesOfADatabaseWrittenBeforeVersionThreeAreFilledFromItsStoredSamples() throws Exception {
        try (InputStream in = MigrationsTest.class.getResourceAsStream(V1_DATABASE)) {
            Files.copy(in, dir.resolve("sflow-monitor.mv.db"));
        }
        try (Database db = open(url())) {
            assertEquals(List.of("1 2000 0.5 none"), query(db, "SELECT host_id || ' ' || ts || ' ' || cpu_load_one"
                    + " || ' ' || COALESCE(CAST(prev_ts AS VARCHAR), 'none') FROM host_latest"));
        }
    }

    @Test
    void onPostgresqlVersionThreeFillsTheLatestSamplesFromTheStoredSamplesWithoutMerge() throws Exception {
        TestDatabase database = Backend.POSTGRESQL.create(dir);
        migrateTo(database, "postgresql", "2");
        execute(database, "INSERT INTO host (host_ip, hostname, first_seen, last_seen) VALUES ('10.0.0.1', 'node-1', 1000, 3000)",
                "INSERT INTO host_sample (host_id, ts, cpu_load_one) VALUES (1, 1000, 0.25)",
                "INSERT INTO host_sample (host_id, ts, cpu_load_one) VALUES (1, 2000, 0.5)",
                "INSERT INTO host_sample (host_id, ts, cpu_load_one) VALUES (1, 3000, 0.75)");
        try (Database db = open(database)) {
            assertEquals(List.of("1 3000 0.75 2000 0.5"), query(db, "SELECT host_id || ' ' || ts || ' ' || cpu_load_one"
                    + " || ' ' || prev_ts || ' ' || prev_cpu_load_one FROM host_latest"));
        }
    }

    @Test
    void aPostgresqlDatabaseThatAppliedVersionThreeWhenItWasCommonToBothDatabasesIsStillAccepted() throws Exception {
        TestDatabase database = Backend.POSTGRESQL.create(dir);
        open(database).close();
        String checksum = "SELECT checksum FROM flyway_schema_history WHERE version = '3'";
        try (Database db = open(database)) {
            assertEquals(List.of(String.valueOf(Migrations.POSTGRESQL_V3_CHECKSUM)), query(db, checksum),
                    "the constant is the checksum of PostgreSQL's version 3 file");
        }
        execute(database, "UPDATE flyway_schema_history SET checksum = " + Migrations.COMMON_V3_CHECKSUM
                + " WHERE version = '3'");
        try (Database db = open(database)) {
            assertEquals(List.of(String.valueOf(Migrations.POSTGRESQL_V3_CHECKSUM)), query(db, checksum));
        }
    }

    @Test
    void onH2EveryIndexOfTheEntityTablesHasAKeyOfItsOwnAndNoneServesALookupByVmUuidNameOrMac() throws Exception {
        try (Database db = open(url())) {
            assertEquals(List.of("HOST (HOST_IP)", "HOST (ID)", "HOST_ADAPTER (HOST_ID, IF_INDEX, MAC)",
                    "HOST_ADAPTER (MAC)", "VM (HOST_ID)", "VM (ID)",
                    "VM_ADAPTER (VM_ID, IF_INDEX, MAC)"), query(db, "SELECT table_name || ' ('"
                    + " || LISTAGG(column_name, ', ') WITHIN GROUP (ORDER BY ordinal_position) || ')' FROM"
                    + " INFORMATION_SCHEMA.INDEX_COLUMNS WHERE table_name IN ('HOST', 'HOST_ADAPTER', 'VM', 'VM_ADAPTER')"
                    + " GROUP BY table_name, index_name ORDER BY 1"));
        }
    }

    @Test
    void onH2VersionEightKeepsTheVmUuidsTheAdapterRowsAndTheirPrimaryKeys() throws Exception {
        TestDatabase database = h2WithOneVmAt("7");
        try (Database db = open(database)) {
            assertEquals(List.of("8f3a2b10-0000-4000-8000-00000000000a"),
                    query(db, "SELECT uuid FROM vm WHERE uuid = '8f3a2b10-0000-4000-8000-00000000000a'"));
            assertEquals(List.of("1 2 3c:ec:ef:00:00:01"), query(db, "SELECT host_id || ' ' || if_index || ' ' || mac"
                    + " FROM host_adapter WHERE mac = '3c:ec:ef:00:00:01'"));
            assertEquals(List.of("1 17 52:54:00:00:00:01"), query(db, "SELECT vm_id || ' ' || if_index || ' ' || mac"
                    + " FROM vm_adapter WHERE mac = '52:54:00:00:00:01'"));
        }
        assertThrows(SQLException.class, () -> execute(database,
                "INSERT INTO vm_adapter (vm_id, if_index, mac) VALUES (1, 17, '52:54:00:00:00:01')"));
        assertThrows(SQLException.class, () -> execute(database,
                "INSERT INTO host_adapter (host_id, if_index, mac) VALUES (1, 2, '3c:ec:ef:00:00:01')"));
    }

    @Test
    void onH2VersionNineKeepsTheVmsAndTheirAdaptersAndTheyAreStillFoundByNameAndMac() throws Exception {
        TestDatabase database = h2WithOneVmAt("8");
        try (Database db = open(database)) {
            assertEquals(List.of("1"), query(db, "SELECT id FROM vm WHERE hostname = 'instance-1'"));
            assertEquals(List.of("1 17"), query(db, "SELECT vm_id || ' ' || if_index FROM vm_adapter"
                    + " WHERE mac = '52:54:00:00:00:01'"));
        }
    }

    @Test
    void onH2VersionTenDropsTheUniqueConstraintOnVmUuidAndKeepsTheVms() throws Exception {
        TestDatabase database = h2WithOneVmAt("9");
        try (Database db = open(database)) {
            assertEquals(List.of("1 instance-1"), query(db, "SELECT id || ' ' || hostname FROM vm"
                    + " WHERE uuid = '8f3a2b10-0000-4000-8000-00000000000a'"));
            assertEquals(List.of("0"), query(db, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS"
                    + " WHERE table_name = 'VM' AND constraint_type = 'UNIQUE'"));
        }
        // the writer, the only creator of VMs on H2, keeps a UUID to one VM (VmsByUuidOnH2Test); H2 no longer checks it
        execute(database, "INSERT INTO vm (id, uuid, host_id, first_seen, last_seen) VALUES (2,"
                + " '8f3a2b10-0000-4000-8000-00000000000a', 1, 1000, 2000)");
    }

    @Test
    void onPostgresqlVmUuidStaysUnique() throws Exception {
        TestDatabase database = Backend.POSTGRESQL.create(dir);
        open(database).close(); // migrated to the newest version
        execute(database, "INSERT INTO host (host_ip, first_seen, last_seen) VALUES ('10.0.0.1', 1000, 2000)");
        String insert = "INSERT INTO vm (uuid, host_id, first_seen, last_seen) SELECT"
                + " '8f3a2b10-0000-4000-8000-00000000000a', id, 1000, 2000 FROM host";
        execute(database, insert);
        assertThrows(SQLException.class, () -> execute(database, insert), "uuid is unique");
    }

    @Test
    void onPostgresqlTheLookupsByVmNameAndMacKeepTheirIndexes() throws Exception {
        try (Database db = open(Backend.POSTGRESQL.create(dir))) {
            assertEquals(List.of("vm_adapter_mac", "vm_hostname"), query(db, "SELECT indexname FROM pg_indexes"
                    + " WHERE schemaname = current_schema() AND indexname IN ('vm_hostname', 'vm_adapter_mac') ORDER BY 1"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"H2", "POSTGRESQL"})
    void versionElevenPacksEveryRollupRowWithItsKeysItsSampleCountAndEachPartOfEachMeasure(Backend backend)
            throws Exception {
        TestDatabase database = withARollupRowOfEachTableAtVersionNine(backend, MigrationsTest::rowBeforeVersionEleven);
        try (Database db = open(database); Connection c = db.connection()) {
            for (RollupLayout<?> layout : RollupRows.ALL) {
                Bucket expected = rowBeforeVersionEleven(layout);
                Bucket read = readBucket(c, layout);
                assertEquals(List.of(expected.id, expected.sub, expected.start, expected.hostId, (long) expected.samples),
                        List.of(read.id, read.sub, read.start, read.hostId, (long) read.samples), layout.table());
                assertArrayEquals(expected.n, read.n, layout.table());
                assertArrayEquals(expected.min, read.min, layout.table());
                assertArrayEquals(expected.max, read.max, layout.table());
                assertArrayEquals(expected.sum, read.sum, layout.table());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"H2", "POSTGRESQL"})
    void versionElevenGivesEachRollupRowTheRecordBitOfTheRecordTypeWhoseMeasuresHaveValues(Backend backend)
            throws Exception {
        Map<RollupLayout<?>, Class<?>> withValues = Map.of(RollupRows.HOST, HostMemory.class, RollupRows.HOST_MIB2,
                MibUdp.class, RollupRows.VM, VirtDiskIo.class, RollupRows.INTERFACE, EthernetCounters.class);
        TestDatabase database = withARollupRowOfEachTableAtVersionNine(backend, layout -> {
            Bucket b = new Bucket(5, 3, 1_796_669_700_000L, layout.measures().size());
            layout.measuresOf(withValues.get(layout)).forEach(m -> b.add(oneValueOf(layout, m), 9));
            return b;
        });
        try (Database db = open(database)) {
            for (RollupLayout<?> layout : RollupRows.ALL) {
                assertEquals(List.of(String.valueOf(layout.recordBits(layout.measuresOf(withValues.get(layout))))),
                        query(db, "SELECT records FROM " + layout.table()), layout.table());
            }
        }
    }

    /** A point with a value of measure {@code m} alone. */
    private static double[] oneValueOf(RollupLayout<?> layout, String m) {
        double[] point = new double[layout.measures().size()];
        java.util.Arrays.fill(point, Double.NaN);
        point[layout.measureIndex(m)] = 2.5;
        return point;
    }

    /**
     * A row of each part of a measure: every third measure without values, the others with
     * negative sums and fractions.
     */
    private static Bucket rowBeforeVersionEleven(RollupLayout<?> layout) {
        int m = layout.measures().size();
        Bucket b = new Bucket(5, layout.keys().size() > 1 ? 3 : 0, 1_796_669_700_000L, m);
        b.hostId = layout == RollupRows.VM ? 9 : 5;
        b.samples = 15;
        for (int i = 0; i < m; i++) {
            b.sum[i] = 0;
            if (i % 3 != 2) {
                b.min[i] = i + 0.25;
                b.max[i] = i * 10.5;
                b.sum[i] = -i * 3.75;
                b.n[i] = i + 1;
            }
        }
        return b;
    }

    /**
     * A database at version 9 (H2's version 10 is a class) with the row {@code row} makes in each
     * rollup table, in version 4's columns.
     */
    private TestDatabase withARollupRowOfEachTableAtVersionNine(Backend backend,
                                                                Function<RollupLayout<?>, Bucket> row) throws SQLException {
        TestDatabase database = backend.create(dir);
        migrateTo(database, backend == Backend.H2 ? "h2" : "postgresql", "9");
        for (RollupLayout<?> layout : RollupRows.ALL) {
            Bucket b = row.apply(layout);
            StringBuilder columns = new StringBuilder(String.join(", ", layout.keys())).append(", width_ms, bucket_start");
            StringBuilder values = new StringBuilder(layout.keys().size() > 1 ? b.id + ", " + b.sub : "" + b.id)
                    .append(", 300000, ").append(b.start);
            if (layout == RollupRows.VM) {
                columns.append(", host_id");
                values.append(", ").append(b.hostId);
            }
            columns.append(", samples");
            values.append(", ").append(b.samples);
            for (int i = 0; i < b.n.length; i++) {
                String m = layout.measures().get(i);
                columns.append(", ").append(m).append("_min, ").append(m).append("_max, ").append(m).append("_sum, ")
                        .append(m).append("_n");
                values.append(b.n[i] == 0 ? ", NULL, NULL, NULL, 0" : ", " + b.min[i] + ", " + b.max[i] + ", "
                        + b.sum[i] + ", " + b.n[i]);
            }
            execute(database, "INSERT INTO " + layout.table() + " (" + columns + ") VALUES (" + values + ")");
        }
        return database;
    }

    private static Bucket readBucket(Connection c, RollupLayout<?> layout) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(layout.finer())) {
            Parameters.of(ps).add(300_000L).add(0L).add(Long.MAX_VALUE);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), layout.table());
                Bucket b = layout.readBucket(rs);
                assertFalse(rs.next(), layout.table());
                return b;
            }
        }
    }

    /** An H2 database at {@code version} with host 1 (10.0.0.1, adapter 3c:ec:ef:00:00:01) and its VM 1 (instance-1, 52:54:00:00:00:01). */
    private TestDatabase h2WithOneVmAt(String version) throws SQLException {
        TestDatabase database = TestDatabase.h2(dir);
        migrateTo(database, "h2", version);
        execute(database, "INSERT INTO host (id, host_ip, first_seen, last_seen) VALUES (1, '10.0.0.1', 1000, 2000)",
                "INSERT INTO vm (id, uuid, hostname, host_id, first_seen, last_seen) VALUES (1,"
                        + " '8f3a2b10-0000-4000-8000-00000000000a', 'instance-1', 1, 1000, 2000)",
                "INSERT INTO host_adapter (host_id, if_index, mac) VALUES (1, 2, '3c:ec:ef:00:00:01')",
                "INSERT INTO vm_adapter (vm_id, if_index, mac) VALUES (1, 17, '52:54:00:00:00:01')");
        return database;
    }

    /** Applies the migrations up to {@code version} only, as an older sflow-monitor did. */
    private static void migrateTo(TestDatabase database, String dialectFolder, String version) {
        org.flywaydb.core.Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/migration/common", "classpath:db/migration/" + dialectFolder).target(version)
                .load().migrate();
    }

    private static void execute(TestDatabase database, String... statements) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    @Test
    void aPostgresqlThatIsDownAtStartStopsTheOpeningWithTheUrlButNotThePassword() throws Exception {
        String url;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            url = "jdbc:postgresql://127.0.0.1:" + free.getLocalPort() + "/sflow";
        } // nothing listens there now
        SQLException failed = assertThrows(SQLException.class,
                () -> Database.open(url + "?password=secret-pw", "sflow", "other-secret", dir, 1).close());
        assertTrue(failed.getMessage().startsWith("cannot open the database " + url + "?password=***"),
                failed.getMessage());
        assertTrue(failed.getMessage().contains("(db.url): Connection refused"), failed.getMessage());
        assertFalse(failed.getMessage().contains("secret"), failed.getMessage());
    }

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("sflow-monitor");
    }

    private Database open(TestDatabase database) throws Exception {
        return Database.open(database.url(), database.user(), database.password(), dir, 1);
    }

    private Database open(String url) throws Exception {
        return Database.open(url, "sa", "", dir, 1);
    }

    private static List<String> query(Database db, String sql) throws SQLException {
        try (Connection c = db.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
