package org.sflowmonitor.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.sflowmonitor.store.Database;

/**
 * Ceiling (b): a bare JDBC loop inserting the collector's rows into the same H2 schema (opened
 * and migrated by the service's own {@link Database}), in batches of the writer's size with a
 * commit per batch: per node sample a host_sample and a host_mib2_sample row, per VM sample a
 * vm_sample row, every column filled. No entity lookups, no last_seen updates: only inserts.
 * The columns are read from the database, so the loop follows schema changes.
 */
final class JdbcCeiling {

    /** One table's INSERT of every column, bound by column type. */
    static final class Table {
        final PreparedStatement insert;
        final int[] types;
        final List<String> names;
        int rows;

        Table(Connection c, String table) throws SQLException {
            List<String> columns = new ArrayList<>();
            List<Integer> columnTypes = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table
                    + " WHERE 1 = 0")) {
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT));
                    columnTypes.add(meta.getColumnType(i));
                }
            }
            names = columns;
            types = columnTypes.stream().mapToInt(Integer::intValue).toArray();
            insert = c.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")");
        }

        void add(long hostId, long vmId, long ts, long k) throws SQLException {
            for (int i = 0; i < types.length; i++) {
                String name = names.get(i);
                int at = i + 1;
                if (name.equals("host_id")) {
                    insert.setLong(at, hostId);
                } else if (name.equals("vm_id")) {
                    insert.setLong(at, vmId);
                } else if (name.equals("ts")) {
                    insert.setLong(at, ts);
                } else if (types[i] == Types.REAL || types[i] == Types.FLOAT || types[i] == Types.DOUBLE) {
                    insert.setFloat(at, (k % 1000) / 100f);
                } else if (types[i] == Types.INTEGER) {
                    insert.setInt(at, (int) (k % 10_000));
                } else if (types[i] == Types.VARCHAR) {
                    insert.setString(at, "eth" + (k % 4));
                } else {
                    insert.setLong(at, k * 1_000 + i * 7_919L);
                }
            }
            insert.addBatch();
            rows++;
        }

        void flush() throws SQLException {
            if (rows > 0) {
                insert.executeBatch();
                rows = 0;
            }
        }
    }

    private JdbcCeiling() {
    }

    /** Inserts for {@code millis}; returns the stats line: samples and rows inserted and the time taken. */
    static String run(Path dataDir, int vmsPerNode, int nodes, int batchSize, long millis) throws Exception {
        String url = "jdbc:h2:file:" + dataDir.resolve("sflow-monitor").toAbsolutePath();
        try (Database db = Database.open(url, "sa", "", dataDir, 2); Connection c = db.connection()) {
            c.setAutoCommit(false);
            Table host = new Table(c, "host_sample");
            Table mib2 = new Table(c, "host_mib2_sample");
            Table vm = new Table(c, "vm_sample");
            long start = System.nanoTime();
            long deadline = start + millis * 1_000_000;
            long samples = 0;
            long rows = 0;
            long ts = System.currentTimeMillis();
            while (System.nanoTime() - deadline < 0) {
                for (int i = 0; i < batchSize; i++, samples++) {
                    long round = samples / (vmsPerNode + 1);
                    long hostId = round % nodes + 1;
                    long inNode = samples % (vmsPerNode + 1);
                    if (inNode == 0) {
                        host.add(hostId, 0, ts + samples, samples);
                        mib2.add(hostId, 0, ts + samples, samples);
                        rows += 2;
                    } else {
                        vm.add(hostId, (hostId - 1) * vmsPerNode + inNode, ts + samples, samples);
                        rows++;
                    }
                }
                host.flush();
                mib2.flush();
                vm.flush();
                c.commit();
            }
            long elapsed = System.nanoTime() - start;
            return "samples_inserted=" + samples + " rows_inserted=" + rows + " elapsed_ns=" + elapsed;
        }
    }
}
