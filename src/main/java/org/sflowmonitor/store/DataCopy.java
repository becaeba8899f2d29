package org.sflowmonitor.store;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Copies a whole history from one database to another (an H2 file to PostgreSQL, for an
 * operator who outgrows H2): every table of the schema, hosts and VMs first (the foreign keys),
 * row by row in batches, with progress, into a target whose tables are empty; then the day
 * partitions the samples need on PostgreSQL, the identity sequences set after the copied ids,
 * and a count check of every table. Both databases are at the same schema version (each is
 * migrated when opened).
 */
public final class DataCopy {

    /** Tables copied before all others, in this order (the foreign keys). */
    private static final List<String> FIRST = List.of("host", "host_adapter", "vm", "vm_adapter");
    private static final int BATCH = 5_000;
    private static final int PROGRESS_EVERY = 500_000;

    private DataCopy() {
    }

    /** Rows per table in the source and in the target after the copy. */
    public record Counts(Map<String, long[]> tables) {
        /** True when every table holds as many rows in the target as in the source. */
        public boolean match() {
            return tables.values().stream().allMatch(c -> c[0] == c[1]);
        }
    }

    /** Copies everything of {@code from} into {@code to}; refuses a target that holds rows already. */
    public static Counts copy(Database from, Database to, PrintStream progress) throws SQLException {
        try (Connection source = from.connection(); Connection target = to.connection()) {
            source.setReadOnly(true);
            target.setAutoCommit(false);
            List<String> tables = tables(source);
            for (String table : tables) {
                if (count(target, table) > 0) {
                    throw new SQLException("the target database already holds rows in " + table
                            + ": copy-data copies into an empty sflow-monitor database only");
                }
            }
            if (Dialect.of(target) == Dialect.POSTGRESQL) {
                createPartitionsFor(source, to);
            }
            Map<String, long[]> counts = new LinkedHashMap<>();
            for (String table : tables) {
                long copied = copyTable(source, target, table, progress);
                counts.put(table, new long[] {count(source, table), copied});
            }
            if (Dialect.of(target) == Dialect.POSTGRESQL) {
                try (Statement st = target.createStatement()) {
                    for (String table : List.of("host", "vm")) {
                        st.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), "
                                + "GREATEST((SELECT MAX(id) FROM " + table + "), 1))");
                    }
                }
                target.commit();
            }
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                e.getValue()[1] = count(target, e.getKey());
            }
            return new Counts(counts);
        }
    }

    /** The schema's tables (not Flyway's), hosts and VMs first. */
    private static List<String> tables(Connection c) throws SQLException {
        List<String> found = new ArrayList<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!name.equals("flyway_schema_history")) {
                    found.add(name);
                }
            }
        }
        List<String> ordered = new ArrayList<>(FIRST);
        found.stream().filter(t -> !FIRST.contains(t)).sorted().forEach(ordered::add);
        return ordered;
    }

    private static long copyTable(Connection source, Connection target, String table, PrintStream progress)
            throws SQLException {
        long rows = 0;
        try (Statement read = source.createStatement()) {
            read.setFetchSize(BATCH);
            try (ResultSet rs = read.executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    columns.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
                }
                String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                        + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
                try (PreparedStatement write = target.prepareStatement(insert)) {
                    while (rs.next()) {
                        Parameters row = Parameters.of(write);
                        for (int i = 1; i <= n; i++) {
                            row.addObject(rs.getObject(i));
                        }
                        write.addBatch();
                        if (++rows % BATCH == 0) {
                            write.executeBatch();
                            target.commit();
                        }
                        if (rows % PROGRESS_EVERY == 0) {
                            progress.printf(Locale.ROOT, "%s: %,d rows%n", table, rows);
                        }
                    }
                    write.executeBatch();
                    target.commit();
                }
            }
        }
        progress.printf(Locale.ROOT, "%s: %,d rows copied%n", table, rows);
        return rows;
    }

    /** The day partitions of every day the source's samples cover. */
    private static void createPartitionsFor(Connection source, Database to) throws SQLException {
        for (SampleTable table : SampleTable.values()) {
            try (Statement st = source.createStatement();
                 ResultSet rs = st.executeQuery("SELECT MIN(ts), MAX(ts) FROM " + table.table())) {
                rs.next();
                long first = rs.getLong(1);
                if (!rs.wasNull()) {
                    Partitions.createDays(to.dataSource(), table, first, rs.getLong(2));
                }
            }
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
