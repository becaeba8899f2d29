package org.sflowmonitor.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import org.sflowmonitor.store.Database;

/**
 * What one vm_sample row costs H2 as the fleet grows, and what a different shape of the table
 * would cost instead: rounds of one row per VM (every VM once, in an order unrelated to its id,
 * as samples arrive), batches of 5,000 rows with a commit each, into the migrated schema
 * ({@code schema}), the same with its NUMERIC(20) columns as BIGINT ({@code bigint}), or rows
 * keyed by one BIGINT primary key of VM id and second, without the (vm_id, ts) index
 * ({@code clustered}: H2 then keeps the rows in that key's order). Per measured round: the
 * inserting thread's CPU, the whole process's CPU (H2's serialization and GC threads included)
 * and the bytes the inserting thread allocated, each per row; the medians are printed.
 * One variant per JVM, so that one variant's garbage and JIT state do not reach the next.
 */
final class H2RowCost {

    private static final String USAGE = """
            usage: H2RowCost --variant schema|bigint|clustered [--vms N] [--rounds-before K] [--rounds R]
                             [--url-settings ";CACHE_SIZE=4096"] [--work DIR]
              --vms            rows per round (one per VM)                    default 1000000
              --rounds-before  rounds written before measuring                default 4
              --rounds         rounds measured                                default 3
              --url-settings   appended to the H2 URL                          default none
              --work           folder of the database (made anew)             default target/bench-h2rowcost
            """;
    private static final int BATCH = 5_000;
    private static final long ROUND_MILLIS = 20_000;

    private H2RowCost() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parseOrExit(argv, Set.of("variant", "vms", "rounds-before", "rounds", "url-settings", "work"),
                Set.of(), USAGE);
        String variant = args.string("variant", "");
        if (!Set.of("schema", "bigint", "clustered").contains(variant)) {
            System.err.print(USAGE);
            System.exit(2);
        }
        Result r = run(Path.of(args.string("work", "target/bench-h2rowcost")), variant, args.integer("vms", 1_000_000),
                args.integer("rounds-before", 4), args.integer("rounds", 3), args.string("url-settings", ""));
        System.out.printf(Locale.ROOT, "%s%s, %,d VMs, %d rounds before, medians of %d: inserting thread %.2f µs a row, "
                + "process %.2f µs a row, %.0f bytes allocated a row%n", variant, r.settings(), r.vms(), r.roundsBefore(),
                r.rounds(), r.threadMicros(), r.processMicros(), r.allocatedBytes());
    }

    /** The medians per row of the measured rounds, and the rows the table holds at the end. */
    record Result(String settings, int vms, int roundsBefore, int rounds, double threadMicros, double processMicros,
                  double allocatedBytes, long rowsStored) {
    }

    /** Writes {@code before + rounds} rounds of {@code vms} rows into a new database in {@code dir}. */
    static Result run(Path dir, String variant, int vms, int before, int rounds, String settings) throws Exception {
        IngestBenchmark.deleteTree(dir);
        Files.createDirectories(dir);
        String url = "jdbc:h2:file:" + dir.resolve("sflow-monitor").toAbsolutePath() + settings;
        try (Database db = Database.open(url, "sa", "", dir, 2); Connection c = db.connection()) {
            reshape(c, variant);
            c.setAutoCommit(false);
            JdbcCeiling.Table table = new JdbcCeiling.Table(c, "vm_sample");
            int[] order = shuffled(vms);
            List<double[]> measured = new ArrayList<>();
            long start = 1_800_000_000_000L;
            for (int round = 0; round < before + rounds; round++) {
                double[] cost = round(c, table, variant, order, start + round * ROUND_MILLIS);
                if (round >= before) {
                    measured.add(cost);
                }
            }
            long rows;
            try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM vm_sample")) {
                rs.next();
                rows = rs.getLong(1);
            }
            return new Result(settings, vms, before, rounds, median(measured, 0), median(measured, 1),
                    median(measured, 2), rows);
        }
    }

    /** The variant's vm_sample: as migrated, with BIGINT for NUMERIC(20), or keyed by VM id and second. */
    private static void reshape(Connection c, String variant) throws SQLException {
        try (Statement st = c.createStatement()) {
            if (variant.equals("bigint")) {
                List<String> numeric = new ArrayList<>();
                try (var rs = st.executeQuery("SELECT * FROM vm_sample WHERE 1 = 0")) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        if (rs.getMetaData().getColumnType(i) == Types.NUMERIC) {
                            numeric.add(rs.getMetaData().getColumnName(i));
                        }
                    }
                }
                for (String column : numeric) {
                    st.execute("ALTER TABLE vm_sample ALTER COLUMN " + column + " SET DATA TYPE BIGINT");
                }
            } else if (variant.equals("clustered")) {
                st.execute("DROP INDEX vm_sample_vm_ts");
                st.execute("ALTER TABLE vm_sample ADD COLUMN row_key BIGINT NOT NULL FIRST");
                st.execute("ALTER TABLE vm_sample ADD PRIMARY KEY (row_key)");
            }
        }
    }

    /** One row per VM in {@code order} at {@code ts}; returns the costs per row. */
    private static double[] round(Connection c, JdbcCeiling.Table table, String variant, int[] order, long ts)
            throws SQLException {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = threads.getCurrentThreadCpuTime();
        long process = JvmUsage.processCpuNanos();
        long allocated = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < order.length; i++) {
            long vmId = order[i] + 1L;
            long rowTs = ts + i % 1000;
            if (variant.equals("clustered")) {
                table.keyed(vmId << 32 | rowTs / 1000);
            }
            table.add(vmId / 100 + 1, vmId, rowTs, ts / ROUND_MILLIS * 1000 + vmId);
            if (i % BATCH == BATCH - 1) {
                table.flush();
                c.commit();
            }
        }
        table.flush();
        c.commit();
        return new double[] {(threads.getCurrentThreadCpuTime() - thread) / 1e3 / order.length,
                (JvmUsage.processCpuNanos() - process) / 1e3 / order.length,
                (threads.getCurrentThreadAllocatedBytes() - allocated) / (double) order.length};
    }

    private static int[] shuffled(int n) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        Random random = new Random(1);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static double median(List<double[]> rows, int column) {
        double[] values = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }
}
