package org.sflowmonitor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void aNewDatabaseIsAnEmptySchemaOfItsOwnOnPostgresql14OrNewer() throws Exception {
        TestDatabase db = PostgresServer.newDatabase();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement()) {
            assertTrue(c.getMetaData().getDatabaseMajorVersion() >= 14);
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables "
                    + "WHERE table_schema = current_schema()")) {
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
            assertTrue(c.getSchema().startsWith("t"));
        }
    }

    @Test
    void theOldestSupportedServerIsPostgresql14() throws Exception {
        TestDatabase db = Backend.POSTGRESQL_14.create(null);
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            assertEquals(14, c.getMetaData().getDatabaseMajorVersion());
        }
    }

    @Test
    void twoNewDatabasesAreSeparateSchemas() throws Exception {
        TestDatabase a = PostgresServer.newDatabase();
        TestDatabase b = PostgresServer.newDatabase();
        assertNotEquals(a.url(), b.url());
        try (Connection c = DriverManager.getConnection(a.url(), a.user(), a.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE only_in_a (x INT)");
        }
        try (Connection c = DriverManager.getConnection(b.url(), b.user(), b.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables "
                     + "WHERE table_schema = current_schema()")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }

    @Test
    void aServerOfItsOwnKeepsItsDataAcrossARestartOnTheSamePort() throws Exception {
        try (PostgresServer server = PostgresServer.start()) {
            TestDatabase db = server.createSchema("kept");
            try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept_table (x INT)");
                s.execute("INSERT INTO kept_table VALUES (42)");
            }
            server.restart();
            try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT x FROM kept_table")) {
                rs.next();
                assertEquals(42, rs.getInt(1));
            }
        }
    }

    @Test
    void aKeptClusterWhoseServerARunThatDiedLeftRunningIsStartedByTheNextRun() throws Exception {
        Path dir = Files.createTempDirectory("sflow-test-pg-kept-");
        // the server runs as an unprivileged user when the tests run as root: it must reach the folder
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        PostgresServer left = PostgresServer.startKept(dir.resolve("postgresql"));
        try {
            TestDatabase db = left.createSchema("kept");
            try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept_table (x INT)");
                s.execute("INSERT INTO kept_table VALUES (42)");
            }
            // the run that started "left" was killed: nobody closes it, and the next run starts on its folder
            try (PostgresServer next = PostgresServer.startKept(dir.resolve("postgresql"));
                 Connection c = DriverManager.getConnection(next.schema("kept").url(), PostgresServer.USER, "");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT x FROM kept_table")) {
                rs.next();
                assertEquals(42, rs.getInt(1));
            }
        } finally {
            left.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
