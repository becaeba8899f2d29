package org.sflowmonitor.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to the migrations on the classpath with Flyway, which records them in
 * {@code flyway_schema_history}. SQL common to all databases lives in {@code db/migration/common};
 * SQL that differs by database in {@code db/migration/h2} and {@code db/migration/postgresql}
 * (the {@link Dialect}'s; core Flyway has no {@code {vendor}} placeholder, Spring Boot adds it). Not {@code db/migration} itself: Flyway scans a location with its subfolders,
 * so every vendor's folder would then run on every database. A migration that SQL cannot write is a
 * class given to Flyway here ({@link VmUuidIndexDrop}, H2's version 10; {@link RollupRowsPacked}, version 11).
 */
final class Migrations {

    private static final String COMMON = "classpath:db/migration/common";

    /** The table of the runner before Flyway: one row per applied version. */
    private static final String LEGACY_TABLE = "schema_version";

    private static final Logger LOG = Logger.getLogger(Migrations.class.getName());

    /**
     * Version 3 was one file for both databases until PostgreSQL 14, which has no MERGE, was
     * supported; PostgreSQL's is now a file of its own that makes the same schema. A PostgreSQL
     * database that applied the common file has its checksum recorded, which {@link #realignVersion3}
     * turns into the new file's, so that Flyway's validation accepts it.
     */
    static final int COMMON_V3_CHECKSUM = 711_164_948;
    static final int POSTGRESQL_V3_CHECKSUM = -614_263_571;

    /**
     * Flyway reports each step at INFO; the service logs one line of its own instead. Held here so
     * that the level outlives a garbage collection of an otherwise unreferenced logger.
     */
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    static {
        FLYWAY_LOG.setLevel(Level.WARNING);
    }

    private Migrations() {
    }

    /**
     * Applies the migrations not applied yet. A database from the runner before Flyway is taken
     * over at its version; a database newer than the migrations known here is refused unchanged.
     */
    static void migrate(String url, String user, String password) throws SQLException {
        // connections of its own: Flyway holds two at once, more than a pool of one gives
        FluentConfiguration config = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(url, user, password)
                .locations(COMMON, "classpath:db/migration/" + Dialect.of(url).migrationFolder());
        if (Dialect.of(url) == Dialect.H2) {
            config.javaMigrations(new VmUuidIndexDrop(), new RollupRowsPacked());
        } else {
            config.javaMigrations(new RollupRowsPacked());
        }
        DataSource dataSource = config.getDataSource();
        if (Dialect.of(url) == Dialect.POSTGRESQL) {
            realignVersion3(dataSource);
        }
        OptionalInt legacy = legacyVersion(dataSource);
        if (legacy.isPresent()) {
            // takes effect only while flyway_schema_history does not exist yet
            config.baselineOnMigrate(true)
                    .baselineVersion(String.valueOf(legacy.getAsInt()))
                    .baselineDescription("applied before Flyway (" + LEGACY_TABLE + ")");
        }
        Flyway flyway = config.load();
        try {
            refuseNewer(flyway.info(), legacy);
            MigrateResult result = flyway.migrate();
            if (result.migrationsExecuted > 0 || legacy.isPresent()) {
                LOG.info("database schema migrated from version " + (result.initialSchemaVersion == null ? "none"
                        : result.initialSchemaVersion) + " to " + result.targetSchemaVersion);
            }
        } catch (FlywayException e) {
            throw new SQLException(e.getMessage(), e);
        }
        if (legacy.isPresent()) {
            dropLegacyTable(dataSource);
        }
    }

    private static void refuseNewer(MigrationInfoService info, OptionalInt legacy) throws SQLException {
        int known = Arrays.stream(info.all()).filter(m -> m.getState().isResolved() && m.getVersion() != null)
                .mapToInt(m -> Integer.parseInt(m.getVersion().getVersion())).max().orElse(0);
        MigrationInfo current = info.current();
        int applied = current != null && current.getVersion() != null
                ? Integer.parseInt(current.getVersion().getVersion()) : legacy.orElse(0);
        if (applied > known) {
            throw new SQLException("database schema version " + applied + " is newer than this sflow-monitor knows ("
                    + known + "): upgrade sflow-monitor");
        }
    }

    private static void realignVersion3(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!hasTable(c, "flyway_schema_history")) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE flyway_schema_history SET checksum = ? WHERE version = '3' AND checksum = ?")) {
                Parameters.of(ps).add(POSTGRESQL_V3_CHECKSUM).add(COMMON_V3_CHECKSUM);
                if (ps.executeUpdate() > 0) {
                    LOG.info("schema version 3 as applied from the file once common to H2 and PostgreSQL is recorded "
                            + "under PostgreSQL's own file now (the same schema, written without MERGE)");
                }
            }
        }
    }

    /** MAX(version) of the runner before Flyway, when its table exists (0 when it holds no row). */
    private static OptionalInt legacyVersion(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!hasTable(c, LEGACY_TABLE)) {
                return OptionalInt.empty();
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT MAX(version) FROM " + LEGACY_TABLE)) {
                return OptionalInt.of(rs.next() ? rs.getInt(1) : 0);
            }
        }
    }

    /**
     * Dropped once Flyway's history holds its version, so that the history has one owner: a
     * sflow-monitor from before Flyway, started on this database later, then fails to re-create
     * the V1 tables and stops, instead of trusting a version that Flyway's migrations have passed.
     */
    private static void dropLegacyTable(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE " + LEGACY_TABLE);
        }
    }

    /** Whether the connection's schema has the table, in the case either database folds names to. */
    private static boolean hasTable(Connection c, String name) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        for (String folded : new String[] {name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
            try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), folded, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
