package org.sflowmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;

import org.flywaydb.core.api.migration.Context;

/**
 * Issue 15, version 11 on H2 and PostgreSQL: each rollup table keeps its key, {@code samples},
 * the new {@code records} and one {@code measures} column of packed measures ({@link PackedMeasures})
 * instead of four columns a measure. Every row of version 4's layout is converted. A class rather
 * than SQL: H2 has no function that writes a double's bytes. It reads and writes through today's
 * {@link RollupLayout}: a later change of a rollup table's measures must give this class version
 * 11's measure list, and rewrite the packed rows in a migration of its own.
 */
final class RollupRowsPacked extends ClassMigration {

    /** A measure's columns before version 11: name + each suffix. */
    private static final List<String> PARTS_BEFORE = List.of("_min", "_max", "_sum", "_n");
    private static final int ROWS_PER_BATCH = 1_000;

    /** The tables' keys, as version 4 declared them (all BIGINT NOT NULL), and the converted tables' rest. */
    private static final String KEY = " BIGINT NOT NULL, ";
    private static final String REST = "samples INTEGER NOT NULL, records INTEGER NOT NULL, measures BYTEA NOT NULL, ";

    RollupRowsPacked() {
        super(11, "packed rollup rows");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        convert(c, RollupRows.HOST, "host_id" + KEY + "width_ms" + KEY + "bucket_start" + KEY + REST
                + "PRIMARY KEY (host_id, width_ms, bucket_start)");
        convert(c, RollupRows.HOST_MIB2, "host_id" + KEY + "width_ms" + KEY + "bucket_start" + KEY + REST
                + "PRIMARY KEY (host_id, width_ms, bucket_start)");
        convert(c, RollupRows.VM, "vm_id" + KEY + "width_ms" + KEY + "bucket_start" + KEY + "host_id" + KEY + REST
                + "PRIMARY KEY (vm_id, width_ms, bucket_start)");
        convert(c, RollupRows.INTERFACE, "host_id" + KEY + "if_index" + KEY + "width_ms" + KEY + "bucket_start" + KEY
                + REST + "PRIMARY KEY (host_id, if_index, width_ms, bucket_start)");
    }

    /** Writes the table's rows packed into a new table, which then takes the old one's place and index. */
    private static void convert(Connection c, RollupLayout<?> layout, String columns) throws SQLException {
        String table = layout.table();
        String packed = table + "_v11";
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + packed + " (" + columns + ")");
        }
        copy(c, layout, packed);
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE " + table);
            st.execute("ALTER TABLE " + packed + " RENAME TO " + table);
            st.execute("CREATE INDEX " + table + "_bucket ON " + table + " (width_ms, bucket_start)");
        }
    }

    private static void copy(Connection c, RollupLayout<?> layout, String into) throws SQLException {
        List<String> keys = layout.keys();
        boolean hostColumn = layout.columns().contains("host_id") && !keys.contains("host_id");
        StringBuilder select = new StringBuilder("SELECT ").append(String.join(", ", keys))
                .append(", width_ms, bucket_start, ").append(hostColumn ? "host_id" : "0").append(", samples");
        layout.measures().forEach(m -> PARTS_BEFORE.forEach(p -> select.append(", ").append(m).append(p)));
        select.append(" FROM ").append(layout.table());
        String insert = "INSERT INTO " + into + " (" + String.join(", ", layout.columns()) + ") VALUES ("
                + String.join(", ", Collections.nCopies(layout.columns().size(), "?")) + ")";
        Dialect dialect = Dialect.of(c);
        int measures = layout.measures().size();
        try (Statement read = c.createStatement(); PreparedStatement write = c.prepareStatement(insert)) {
            dialect.streamRows(read);
            long rows = 0;
            try (ResultSet rs = read.executeQuery(select.toString())) {
                while (rs.next()) {
                    int at = 1;
                    long id = rs.getLong(at++);
                    long sub = keys.size() > 1 ? rs.getLong(at++) : 0;
                    long width = rs.getLong(at++);
                    Bucket b = new Bucket(id, sub, rs.getLong(at++), measures);
                    long hostId = rs.getLong(at++);
                    b.hostId = hostColumn ? hostId : id;
                    b.samples = rs.getInt(at++);
                    for (int i = 0; i < measures; i++, at += PARTS_BEFORE.size()) {
                        int n = rs.getInt(at + 3);
                        if (n > 0) {
                            b.min[i] = rs.getDouble(at);
                            b.max[i] = rs.getDouble(at + 1);
                            b.sum[i] = rs.getDouble(at + 2);
                            b.n[i] = n;
                        }
                    }
                    layout.bind(write, width, b);
                    write.addBatch();
                    if (++rows % ROWS_PER_BATCH == 0) {
                        write.executeBatch();
                    }
                }
            }
            write.executeBatch();
            dialect.stopStreaming(read);
        }
    }
}
