package org.sflowmonitor.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The connection pool and the schema. Opening creates the data folder (readable by the
 * service's user only), connects, and applies the schema migrations not applied yet
 * ({@link Migrations}).
 */
public final class Database implements AutoCloseable {

    /** Cancels a statement at its deadline unless closed first. */
    public interface Deadline extends AutoCloseable {
        @Override
        void close();
    }

    private final HikariDataSource pool;
    private final Path dataDir;
    private final String url;
    private final ScheduledThreadPoolExecutor canceller;

    private Database(HikariDataSource pool, Path dataDir, String url) {
        this.pool = pool;
        this.dataDir = dataDir;
        this.url = url;
        this.canceller = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sflow-query-deadline");
            t.setDaemon(true);
            return t;
        });
        canceller.setRemoveOnCancelPolicy(true);
    }

    /**
     * Cancels {@code statement} after {@code seconds}, unless the deadline is closed first (the
     * statement and its rows are done). H2's own query timeout (setQueryTimeout) checks the clock
     * for every row it reads, which made a read of 24,000 rollup rows 4 to 5 times slower
     * (16 ms → 72 ms, benchmarks.md "Rollup tiers"); a cancel from this thread costs a read
     * nothing, and H2 answers it with the same SQLSTATE 57014. PostgreSQL's driver cancels by a
     * timer of its own, so it keeps setQueryTimeout.
     */
    public Deadline deadline(Statement statement, int seconds) throws SQLException {
        if (Dialect.of(url) == Dialect.POSTGRESQL) {
            statement.setQueryTimeout(seconds);
            return () -> { };
        }
        ScheduledFuture<?> cancel = canceller.schedule(() -> {
            try {
                statement.cancel();
            } catch (SQLException e) {
                // already closed: nothing left to cancel
            }
        }, seconds, TimeUnit.SECONDS);
        return () -> cancel.cancel(false);
    }

    /**
     * Opens the database at {@code url}. An H2 URL gets DB_CLOSE_ON_EXIT=FALSE so that the
     * service, not H2's shutdown hook, decides when the last batch is written, and
     * AUTO_COMPACT_FILL_RATE=50 unless it sets its own: H2's background compaction (at its default
     * of 90) rewrites old chunks' live pages while samples pour in, and on a busy machine that
     * work slowed the writer into backlogs of 5-7 s and lost samples (docs/benchmarks.md); the
     * price is a file that grows about twice as fast under such a load.
     */
    public static Database open(String url, String user, String password, Path dataDir, int poolSize)
            throws SQLException, IOException {
        if (url.startsWith("jdbc:h2:file:")) {
            createPrivateFolder(dataDir);
            url = withDefault(url, "DB_CLOSE_ON_EXIT", "FALSE");
            url = withDefault(url, "AUTO_COMPACT_FILL_RATE", "50");
        }
        Dialect dialect = Dialect.of(url);
        if (dialect == Dialect.POSTGRESQL) {
            // batches of sample rows as multi-row INSERTs (docs/benchmarks.md, "PostgreSQL")
            url = withParameter(url, "reWriteBatchedInserts", "true");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setDriverClassName(dialect.driverClass());
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setPoolName("sflow-db");
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(10_000);
        config.setRegisterMbeans(false);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw cannotOpen(url, rootMessage(e), e);
        }
        try {
            Migrations.migrate(url, user, password);
            if (dialect == Dialect.POSTGRESQL) {
                Partitions.createAhead(pool, System.currentTimeMillis()); // before the first sample is written
            }
        } catch (SQLException e) {
            pool.close();
            throw cannotOpen(url, e.getMessage(), e);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool, dataDir, url);
    }

    private static SQLException cannotOpen(String url, String reason, Exception cause) {
        return new SQLException("cannot open the database " + redact(url) + " (db.url): " + reason, cause);
    }

    /** Adds {@code ;name=value} to an H2 URL that does not set {@code name} itself. */
    private static String withDefault(String url, String name, String value) {
        return url.toUpperCase(java.util.Locale.ROOT).contains(";" + name + "=") ? url : url + ";" + name + "=" + value;
    }

    /** Adds {@code name=value} to the query of a PostgreSQL URL that does not set {@code name} itself. */
    private static String withParameter(String url, String name, String value) {
        if (url.toLowerCase(java.util.Locale.ROOT).matches(".*[?&]" + name.toLowerCase(java.util.Locale.ROOT) + "=.*")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + name + "=" + value;
    }

    private static void createPrivateFolder(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    Dialect dialect() {
        return Dialect.of(url);
    }

    /** The JDBC URL without credentials, for logs and status. */
    public String describe() {
        return redact(url);
    }

    /**
     * Bytes of the database: of its files for an H2 file database, as PostgreSQL counts them
     * (pg_database_size) for PostgreSQL; -1 when unknown.
     */
    public long sizeBytes() {
        if (Dialect.of(url) == Dialect.POSTGRESQL) {
            try (Connection c = pool.getConnection(); java.sql.Statement st = c.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT pg_database_size(current_database())")) {
                return rs.next() ? rs.getLong(1) : -1;
            } catch (SQLException e) {
                return -1;
            }
        }
        if (!url.startsWith("jdbc:h2:file:") || !Files.isDirectory(dataDir)) {
            return -1;
        }
        try (Stream<Path> files = Files.list(dataDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".db")).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password|user)=[^;&]*", "$1=***");
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e.getMessage();
    }

    @Override
    public void close() {
        canceller.shutdownNow();
        pool.close();
    }
}
