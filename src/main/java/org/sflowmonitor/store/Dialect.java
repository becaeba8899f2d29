package org.sflowmonitor.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The databases the service runs on, told apart by the JDBC URL, and everything that differs
 * between them (the SQL does not: the migrations' common part and every query are standard SQL
 * both run; db/migration/h2 and db/migration/postgresql hold what must differ in the schema).
 *
 * <p>How new hosts and VMs get their ids differs. An H2 file database admits one process (H2
 * locks the file), so its writer is the only one inserting and hands out ids from memory
 * ({@link EntityIds}), with no round trip. Into PostgreSQL several collectors write at once, so
 * the database assigns the ids (identity columns) and an upsert on the unique key (host_ip,
 * uuid) finds a row another instance created first ({@link NewEntities}).
 */
enum Dialect {
    H2("jdbc:h2:", "org.h2.Driver", "h2"),
    POSTGRESQL("jdbc:postgresql:", "org.postgresql.Driver", "postgresql");

    private static final int STREAMED_ROWS = 10_000;

    private final String urlPrefix;
    private final String driverClass;
    private final String migrationFolder;

    Dialect(String urlPrefix, String driverClass, String migrationFolder) {
        this.urlPrefix = urlPrefix;
        this.driverClass = driverClass;
        this.migrationFolder = migrationFolder;
    }

    /** The folder under db/migration with this database's own migrations. */
    String migrationFolder() {
        return migrationFolder;
    }

    /** The dialect of a JDBC URL. */
    static Dialect of(String url) {
        for (Dialect d : values()) {
            if (url.toLowerCase(Locale.ROOT).startsWith(d.urlPrefix)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unsupported database URL " + url.replaceAll("[?;].*", "")
                + ": sflow-monitor runs on jdbc:h2:... and jdbc:postgresql:...");
    }

    /** The dialect of the database this connection is open on. */
    static Dialect of(Connection c) throws SQLException {
        return of(c.getMetaData().getURL());
    }

    /** Loaded by class, not through DriverManager: an undeploy deregisters the drivers of our class loader. */
    String driverClass() {
        return driverClass;
    }

    /**
     * Makes the queries of {@code s} hand their rows over as they are read rather than hold the
     * whole result first: the writer's load reads a million VMs, which H2 would otherwise collect
     * (and spill to a temporary file) before the first row. PostgreSQL streams with a fetch size
     * outside autocommit, H2 with lazy query execution, a setting of the session until
     * {@link #stopStreaming}.
     */
    void streamRows(Statement s) throws SQLException {
        s.setFetchSize(STREAMED_ROWS);
        if (this == H2) {
            s.execute("SET LAZY_QUERY_EXECUTION TRUE");
        }
    }

    void stopStreaming(Statement s) throws SQLException {
        if (this == H2) {
            s.execute("SET LAZY_QUERY_EXECUTION FALSE");
        }
    }

    /**
     * Whether the writer copies the sample rows (PgJDBC's COPY: on PostgreSQL about 260,000 rows/s
     * at 3.2-3.8 server CPU s per million, against 109,000 at 7.3 for multi-row INSERTs with
     * reWriteBatchedInserts; PostgresBulkBenchmark, docs/benchmarks.md) rather than insert them
     * in JDBC batches (H2).
     */
    boolean copiesSampleRows() {
        return this == POSTGRESQL;
    }

    /** Whether the database assigns entity ids (several writers) rather than the writer (one). */
    boolean assignsEntityIds() {
        return this == POSTGRESQL;
    }
}
