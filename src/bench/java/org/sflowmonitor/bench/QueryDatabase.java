package org.sflowmonitor.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import org.sflowmonitor.store.Database;
import org.sflowmonitor.testing.PostgresServer;
import org.sflowmonitor.testing.TestDatabase;

/**
 * The query benchmark's database: {@link ClusterModel}'s nodes and VMs (the simulator's names)
 * with 24 hours of samples, filled with bulk SQL: the entity rows with JDBC batches, the sample
 * rows with {@code INSERT ... SELECT} from H2's {@code SYSTEM_RANGE}, entity by entity in index
 * order, a commit per chunk. Most VMs have a sample every {@code sparseSeconds}, most nodes every
 * {@link #NODE_SPARSE_FACTOR} times that (node rows are wider and slower to write); the first
 * {@link #DENSE} nodes and VMs have one every 20 s as hsflowd sends them, so "24 hours of one VM"
 * returns what it would in production (4,320 rows). Every sample column is filled (counters
 * that grow per entity), read from the schema so that new columns are filled too. A file
 * {@code filled.properties} marks a complete database, which later runs reuse: an H2 file in the
 * folder, or a PostgreSQL cluster in its subfolder {@code postgresql}.
 */
final class QueryDatabase {

    /**
     * The service runs without rollup tiers on either database: the database has none, and a first
     * start's catch-up of 24 hours from raw samples would run during the calls (which read raw
     * samples, the default interval).
     */
    static final String NO_ROLLUPS = "rollup.tiers=";

    static final int DENSE = 16;
    static final int NODE_SPARSE_FACTOR = 3;
    static final int DENSE_SECONDS = 20;
    static final long DAY_MILLIS = 86_400_000L;
    private static final String MARKER = "filled.properties";
    private static final String H2 = "h2";
    private static final String POSTGRESQL = "postgresql";
    private static final String SCHEMA = "querydb";
    private static final int CHUNK_ROWS = 500_000;

    /**
     * A filled database: its folder, its newest sample time and its size; {@code settings} the
     * service's settings: no rollup tiers, and for a PostgreSQL one its db.* settings (H2: in the folder).
     */
    record Info(Path dir, int nodes, int vmsPerNode, long endMillis, long rows, double buildSeconds,
                List<String> settings) {
        Info(Path dir, int nodes, int vmsPerNode, long endMillis, long rows, double buildSeconds) {
            this(dir, nodes, vmsPerNode, endMillis, rows, buildSeconds, List.of(NO_ROLLUPS));
        }
    }

    /** A database on the PostgreSQL server running on the cluster kept in its folder; closing stops the server. */
    record OnPostgresql(PostgresServer server, Info info) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }

    private QueryDatabase() {
    }

    static String url(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("sflow-monitor").toAbsolutePath();
    }

    /**
     * The rows are inserted past the writer, so the latest tables (the newest two samples of each
     * entity, migration V3) are filled here as V3 fills them from stored samples: with its own
     * INSERT and MERGE statements, read from the migration. Done once: a database that has them is left alone.
     */
    static void fillLatest(Path dir, PrintStream log) throws Exception {
        try (Database db = Database.open(url(dir), "sa", "", dir, 2); Connection c = db.connection();
             java.sql.Statement st = c.createStatement()) {
            try (java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM host_latest")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return;
                }
            }
            long started = System.nanoTime();
            for (String sql : statements("/db/migration/h2/V3__latest_samples.sql")) {
                if (sql.startsWith("INSERT") || sql.startsWith("MERGE")) {
                    st.executeUpdate(sql);
                }
            }
            log.printf(Locale.ROOT, "latest tables filled from the samples in %.0f s%n",
                    (System.nanoTime() - started) / 1e9);
        }
    }

    /** The H2 database in {@code dir}, built first unless a complete one of the same shape is there. */
    static Info ensure(Path dir, ClusterModel model, int sparseSeconds, PrintStream log) throws Exception {
        Optional<Info> complete = complete(dir, model, sparseSeconds, H2, log);
        if (complete.isPresent()) {
            fillLatest(dir, log);
            return complete.get();
        }
        IngestBenchmark.deleteTree(dir);
        long start = System.nanoTime();
        long end = System.currentTimeMillis() / 60_000 * 60_000;
        long rows;
        try (Database db = Database.open(url(dir), "sa", "", dir, 2); Connection c = db.connection()) {
            c.setAutoCommit(false);
            entities(c, model, end);
            int nodeSeconds = sparseSeconds * NODE_SPARSE_FACTOR;
            rows = samples(c, "host_sample", "host_id", model.nodes(), model, nodeSeconds, end, log);
            rows += samples(c, "host_mib2_sample", "host_id", model.nodes(), model, nodeSeconds, end, log);
            rows += samples(c, "vm_sample", "vm_id", model.nodes() * model.vmsPerNode(), model, sparseSeconds, end,
                    log);
        }
        Info built = new Info(dir, model.nodes(), model.vmsPerNode(), end, rows, (System.nanoTime() - start) / 1e9);
        markComplete(built, sparseSeconds, H2);
        fillLatest(dir, log);
        return built;
    }

    /**
     * The database on a durable PostgreSQL server that runs on the cluster kept in {@code dir}'s
     * subfolder {@code postgresql}; unless the folder holds a complete database of the same shape,
     * the folder is emptied and the database built first. The caller closes what is returned.
     */
    static OnPostgresql onPostgresql(Path dir, ClusterModel model, int sparseSeconds, PrintStream log)
            throws Exception {
        Optional<Info> complete = complete(dir, model, sparseSeconds, POSTGRESQL, log);
        if (complete.isEmpty()) {
            IngestBenchmark.deleteTree(dir);
        }
        PostgresServer server = PostgresServer.startKept(dir.resolve(POSTGRESQL));
        try {
            Info info = complete.isPresent() ? complete.get()
                    : buildOnPostgresql(server.createSchema(SCHEMA), dir, model, sparseSeconds, log);
            TestDatabase target = server.schema(SCHEMA);
            List<String> settings = List.of("db.url=" + target.url(), "db.user=" + target.user(),
                    "db.password=" + target.password(), NO_ROLLUPS);
            return new OnPostgresql(server, new Info(info.dir(), info.nodes(), info.vmsPerNode(), info.endMillis(),
                    info.rows(), info.buildSeconds(), settings));
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    /** The database the marker in {@code dir} describes, if it is of this shape and on this database. */
    private static Optional<Info> complete(Path dir, ClusterModel model, int sparseSeconds, String database,
                                           PrintStream log) throws IOException {
        Path marker = dir.resolve(MARKER);
        if (!Files.exists(marker)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(marker)) {
            p.load(in);
        }
        if (Integer.parseInt(p.getProperty("nodes")) != model.nodes()
                || Integer.parseInt(p.getProperty("vms_per_node")) != model.vmsPerNode()
                || Integer.parseInt(p.getProperty("sparse_seconds")) != sparseSeconds
                || !p.getProperty("database", H2).equals(database)) {
            log.println("the database in " + dir + " holds another shape or database; building it again");
            return Optional.empty();
        }
        log.println("the database in " + dir + " is complete (built " + p.getProperty("built", "earlier")
                + "): reused");
        return Optional.of(new Info(dir, model.nodes(), model.vmsPerNode(), Long.parseLong(p.getProperty("end")),
                Long.parseLong(p.getProperty("rows")), Double.parseDouble(p.getProperty("build_seconds"))));
    }

    /** Writes the marker of a complete database, which later runs reuse. */
    private static void markComplete(Info built, int sparseSeconds, String database) throws IOException {
        Properties p = new Properties();
        p.setProperty("database", database);
        p.setProperty("nodes", String.valueOf(built.nodes()));
        p.setProperty("vms_per_node", String.valueOf(built.vmsPerNode()));
        p.setProperty("sparse_seconds", String.valueOf(sparseSeconds));
        p.setProperty("end", String.valueOf(built.endMillis()));
        p.setProperty("rows", String.valueOf(built.rows()));
        p.setProperty("build_seconds", String.format(Locale.ROOT, "%.0f", built.buildSeconds()));
        p.setProperty("built", Machine.now());
        try (Writer out = Files.newBufferedWriter(built.dir().resolve(MARKER))) {
            p.store(out, "query benchmark database, complete");
        }
    }

    /**
     * The same database built in a PostgreSQL schema, its marker written after a checkpoint. The
     * sample rows of the day before the service's partitions go to each table's default partition;
     * the latest tables are filled by PostgreSQL's V3 statements.
     */
    private static Info buildOnPostgresql(TestDatabase target, Path dir, ClusterModel model, int sparseSeconds,
                                          PrintStream log) throws Exception {
        long start = System.nanoTime();
        long end = System.currentTimeMillis() / 60_000 * 60_000;
        long rows;
        try (Database db = Database.open(target.url(), target.user(), target.password(), dir, 2);
             Connection c = db.connection()) {
            c.setAutoCommit(false);
            log.println("PostgreSQL " + c.getMetaData().getDatabaseProductVersion() + ", " + target.url());
            entities(c, model, end);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT setval(pg_get_serial_sequence('host', 'id'), (SELECT MAX(id) FROM host))");
                st.execute("SELECT setval(pg_get_serial_sequence('vm', 'id'), (SELECT MAX(id) FROM vm))");
            }
            c.commit();
            int nodeSeconds = sparseSeconds * NODE_SPARSE_FACTOR;
            rows = samples(c, "host_sample", "host_id", model.nodes(), model, nodeSeconds, end, log);
            rows += samples(c, "host_mib2_sample", "host_id", model.nodes(), model, nodeSeconds, end, log);
            rows += samples(c, "vm_sample", "vm_id", model.nodes() * model.vmsPerNode(), model, sparseSeconds, end,
                    log);
            long latest = System.nanoTime();
            try (Statement st = c.createStatement()) {
                for (String sql : statements("/db/migration/postgresql/V3__latest_samples.sql")) {
                    if (sql.startsWith("INSERT") || sql.startsWith("UPDATE")) {
                        st.executeUpdate(sql);
                    }
                }
                c.commit();
                c.setAutoCommit(true);
                st.execute("VACUUM ANALYZE");
                st.execute("CHECKPOINT");
            }
            log.printf(Locale.ROOT, "latest tables filled and the database analysed in %.0f s%n",
                    (System.nanoTime() - latest) / 1e9);
        }
        Info built = new Info(dir, model.nodes(), model.vmsPerNode(), end, rows, (System.nanoTime() - start) / 1e9);
        markComplete(built, sparseSeconds, POSTGRESQL);
        return built;
    }

    /** The statements of a migration file, its comment lines left out. */
    private static List<String> statements(String resource) throws IOException {
        String migration;
        try (var in = QueryDatabase.class.getResourceAsStream(resource)) {
            migration = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        List<String> out = new ArrayList<>();
        for (String statement : migration.split(";")) {
            out.add(statement.lines().filter(l -> !l.startsWith("--")).collect(
                    java.util.stream.Collectors.joining("\n")).trim());
        }
        return out;
    }

    /**
     * A database holding only the cluster's nodes and VMs as the service would have stored them
     * (the ingest benchmark starts from it, so it measures a running cluster, not its first sight).
     */
    static void createEntities(Path dir, ClusterModel model) throws Exception {
        IngestBenchmark.deleteTree(dir);
        try (Database db = Database.open(url(dir), "sa", "", dir, 2); Connection c = db.connection()) {
            c.setAutoCommit(false);
            entities(c, model, System.currentTimeMillis());
        }
        // the one large transaction leaves gigabytes of dead pages that H2 would otherwise
        // compact in the background of every trial: a running cluster's file holds its live data
        try (Connection c = java.sql.DriverManager.getConnection(url(dir), "sa", "");
             Statement st = c.createStatement()) {
            st.execute("SHUTDOWN COMPACT");
        }
    }

    /** Nodes with their adapters, VMs with theirs; ids are node + 1 and node * vmsPerNode + vm + 1. */
    static void entities(Connection c, ClusterModel m, long end) throws SQLException {
        long first = end - DAY_MILLIS;
        try (PreparedStatement host = c.prepareStatement("INSERT INTO host (id, host_ip, hostname, uuid, machine_type, "
                + "os_name, os_release, first_seen, last_seen) VALUES (?, ?, ?, ?, 3, 2, '6.1.0-28-amd64', ?, ?)");
             PreparedStatement adapter = c.prepareStatement("INSERT INTO host_adapter (host_id, if_index, mac) "
                     + "VALUES (?, ?, ?)")) {
            for (int n = 0; n < m.nodes(); n++) {
                host.setLong(1, n + 1);
                host.setString(2, m.agentText(n));
                host.setString(3, m.nodeName(n));
                host.setString(4, m.nodeUuid(n).toString());
                host.setLong(5, first);
                host.setLong(6, end);
                host.addBatch();
                for (int a = 0; a < 2; a++) {
                    adapter.setLong(1, n + 1);
                    adapter.setLong(2, 2 + a);
                    adapter.setString(3, mac(m.nodeMac(n, a)));
                    adapter.addBatch();
                }
            }
            host.executeBatch();
            adapter.executeBatch();
        }
        try (PreparedStatement vm = c.prepareStatement("INSERT INTO vm (id, uuid, hostname, host_id, ds_index, "
                + "first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement adapter = c.prepareStatement("INSERT INTO vm_adapter (vm_id, if_index, mac) "
                     + "VALUES (?, ?, ?)")) {
            for (int n = 0; n < m.nodes(); n++) {
                for (int v = 0; v < m.vmsPerNode(); v++) {
                    long id = (long) n * m.vmsPerNode() + v + 1;
                    vm.setLong(1, id);
                    vm.setString(2, m.vmUuid(n, v).toString());
                    vm.setString(3, m.vmName(n, v));
                    vm.setLong(4, n + 1);
                    vm.setLong(5, m.vmDsIndex(n, v));
                    vm.setLong(6, first);
                    vm.setLong(7, end);
                    vm.addBatch();
                    adapter.setLong(1, id);
                    adapter.setLong(2, 100 + v);
                    adapter.setString(3, mac(m.vmMac(n, v)));
                    adapter.addBatch();
                }
                if (n % 1000 == 999) {
                    vm.executeBatch();
                    adapter.executeBatch();
                }
            }
            vm.executeBatch();
            adapter.executeBatch();
        }
        // later inserts by the service must not collide with the ids given here
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE host ALTER COLUMN id RESTART WITH " + (m.nodes() + 1));
            st.execute("ALTER TABLE vm ALTER COLUMN id RESTART WITH " + ((long) m.nodes() * m.vmsPerNode() + 1));
        }
        c.commit();
    }

    /**
     * The newest {@code perEntity} samples, {@code everySeconds} apart and the last at {@code end},
     * of every node (host_sample, host_mib2_sample) and VM; returns the rows inserted.
     */
    static long recentSamples(Connection c, ClusterModel m, int everySeconds, int perEntity, long end)
            throws SQLException {
        long rows = range(c, "host_sample", "host_id", 1, m.nodes(), perEntity, everySeconds, m, end);
        rows += range(c, "host_mib2_sample", "host_id", 1, m.nodes(), perEntity, everySeconds, m, end);
        return rows + range(c, "vm_sample", "vm_id", 1, (long) m.nodes() * m.vmsPerNode(), perEntity, everySeconds,
                m, end);
    }

    /** 24 h of samples for entities 1..count; returns the rows inserted. */
    private static long samples(Connection c, String table, String idColumn, int count, ClusterModel m,
                                int sparseSeconds, long end, PrintStream log) throws SQLException {
        long start = System.nanoTime();
        long rows = 0;
        int dense = Math.min(DENSE, count);
        rows += range(c, table, idColumn, 1, dense, (int) (DAY_MILLIS / 1000 / DENSE_SECONDS), DENSE_SECONDS, m, end);
        int perEntity = (int) (DAY_MILLIS / 1000 / sparseSeconds);
        int entitiesPerChunk = Math.max(1, CHUNK_ROWS / perEntity);
        for (long from = dense + 1; from <= count; from += entitiesPerChunk) {
            long to = Math.min(count, from + entitiesPerChunk - 1);
            rows += range(c, table, idColumn, from, to, perEntity, sparseSeconds, m, end);
        }
        log.printf(Locale.ROOT, "  %s: %,d rows in %.0f s%n", table, rows, (System.nanoTime() - start) / 1e9);
        return rows;
    }

    /** Entities from..to, {@code perEntity} samples each, the last at {@code end}; one statement, one commit. */
    private static long range(Connection c, String table, String idColumn, long from, long to, int perEntity,
                              int everySeconds, ClusterModel m, long end) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table
                + " WHERE 1 = 0")) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String name = meta.getColumnName(i).toLowerCase(Locale.ROOT);
                columns.add(name);
                values.add(value(name, meta.getColumnType(i), idColumn, i, m, end, perEntity, everySeconds));
            }
        }
        long count = (to - from + 1) * perEntity;
        String numbers = c.getMetaData().getURL().startsWith("jdbc:postgresql:")
                ? "generate_series(1, " + count + ") AS R(X)" : "SYSTEM_RANGE(1, " + count + ")";
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + String.join(", ", values)
                + " FROM (SELECT " + from + " + (X - 1) / " + perEntity + " AS E, MOD(X - 1, " + perEntity
                + ") AS K FROM " + numbers + ") T";
        try (Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
        c.commit();
        return count;
    }

    /** The SQL value of a column for entity E and sample K (0 the oldest). */
    private static String value(String name, int type, String idColumn, int i, ClusterModel m, long end, int perEntity,
                                int everySeconds) {
        long step = everySeconds * 1000L;
        if (name.equals(idColumn)) {
            return "E";
        }
        if (name.equals("host_id")) {
            return "(E - 1) / " + m.vmsPerNode() + " + 1"; // a VM's node
        }
        if (name.equals("ts")) {
            return "(" + (end - (long) (perEntity - 1) * step) + " + K * " + step + ")";
        }
        return switch (type) {
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> "CAST(MOD(E + K, 400) AS REAL) / 100";
            case Types.INTEGER, Types.SMALLINT -> "MOD(E * 7 + K, 10000)";
            case Types.VARCHAR -> "NULL";
            // counters growing per entity at a rate of their own, within 32 bits for 24 h
            default -> "(E * " + (i * 7 + 1) + " + K * " + (i * 13 + 1) * everySeconds + ")";
        };
    }

    private static String mac(long mac) {
        StringBuilder s = new StringBuilder();
        for (int shift = 40; shift >= 0; shift -= 8) {
            if (s.length() > 0) {
                s.append(':');
            }
            s.append(String.format("%02x", (mac >>> shift) & 0xFF));
        }
        return s.toString();
    }
}
