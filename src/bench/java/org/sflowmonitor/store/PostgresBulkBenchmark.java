package org.sflowmonitor.store;

import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import org.sflowmonitor.bench.Machine;
import org.sflowmonitor.testing.PostgresServer;
import org.sflowmonitor.testing.TestDatabase;

/**
 * The bulk path and the indexes of vm_sample on PostgreSQL, by numbers (issue 14): the same rows
 * (VMS VMs, ROUNDS polling rounds 20 s apart, 24 columns as the writer stores them, batches of
 * 5,000 rows, one commit each) written into the migrated, day-partitioned table by
 * <ul>
 * <li>{@code insert}: one prepared INSERT, executeBatch, as the writer does, with the driver's
 * {@code reWriteBatchedInserts=true} (multi-row INSERTs; store/Database sets it);</li>
 * <li>{@code insert-plain}: the same without reWriteBatchedInserts;</li>
 * <li>{@code copy}: PgJDBC's CopyManager, {@code COPY vm_sample (...) FROM STDIN}, text format;</li>
 * <li>{@code merge-latest}: the same rows as the writer's MERGE into vm_latest (the VM's newest two
 * samples, issue 20), which the writer runs beside every sample's INSERT;</li>
 * </ul>
 * each with V1's btree (vm_id, ts), and the INSERT path also with a BRIN index on ts beside it,
 * and with the BRIN index alone. Per variant: wall time, the client thread's CPU and the
 * PostgreSQL server's CPU per million rows, then the median of one VM's rows over the whole
 * range ("virt.* of one VM over 24 h" at this size).
 * <p>{@code java -cp $CP org.sflowmonitor.store.PostgresBulkBenchmark [VMS] [ROUNDS]}
 */
public final class PostgresBulkBenchmark {

    private static final int BATCH = 5_000;
    private static final long ROUND_MILLIS = 20_000;
    private static final List<String> COLUMNS = List.of("vm_id", "host_id", "ts", "vcpu_state", "vcpu_cpu_time",
            "vcpu_cpu_count", "vmem_memory", "vmem_max_memory", "vdsk_capacity", "vdsk_allocation", "vdsk_available",
            "vdsk_rd_req", "vdsk_rd_bytes", "vdsk_wr_req", "vdsk_wr_bytes", "vdsk_errs", "vnio_bytes_in",
            "vnio_packets_in", "vnio_errs_in", "vnio_drops_in", "vnio_bytes_out", "vnio_packets_out",
            "vnio_errs_out", "vnio_drops_out");

    private enum Path_ { INSERT, INSERT_PLAIN, COPY, MERGE_LATEST }

    private enum Indexes { BTREE, BTREE_AND_BRIN, BRIN_ONLY }

    private record Variant(Path_ path, Indexes indexes) {
        String name() {
            return path.name().toLowerCase(Locale.ROOT).replace('_', '-') + " / "
                    + indexes.name().toLowerCase(Locale.ROOT).replace("_and_", "+").replace('_', '-');
        }
    }

    private PostgresBulkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int vms = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        System.out.println("PostgreSQL bulk path, " + Machine.now() + ", " + Machine.describe() + ", load average "
                + Machine.loadAverage() + "; " + vms + " VMs x " + rounds + " rounds = " + (long) vms * rounds
                + " rows per variant");
        List<Variant> variants = args.length > 2 && args[2].equals("merge")
                ? List.of(new Variant(Path_.INSERT, Indexes.BTREE), new Variant(Path_.MERGE_LATEST, Indexes.BTREE))
                : List.of(new Variant(Path_.INSERT, Indexes.BTREE),
                new Variant(Path_.COPY, Indexes.BTREE), new Variant(Path_.INSERT_PLAIN, Indexes.BTREE),
                new Variant(Path_.INSERT, Indexes.BTREE_AND_BRIN), new Variant(Path_.INSERT, Indexes.BRIN_ONLY),
                new Variant(Path_.COPY, Indexes.BTREE));
        Path dir = Files.createTempDirectory("bench-pg-bulk");
        System.out.println("| variant | rows | wall s | rows/s | client CPU s per million | server CPU s per million"
                + " | one VM's rows, median ms |");
        System.out.println("|---|---|---|---|---|---|---|");
        try (PostgresServer server = PostgresServer.start(true)) {
            int n = 0;
            for (Variant v : variants) {
                TestDatabase db = server.createSchema("bulk" + n++);
                String url = v.path() == Path_.INSERT_PLAIN ? db.url() + "&reWriteBatchedInserts=false" : db.url();
                try (Database database = Database.open(url, db.user(), db.password(), dir, 2)) {
                    run(database, server, v, vms, rounds);
                }
            }
        }
        System.out.println("load average at the end: " + Machine.loadAverage());
    }

    private static void run(Database database, PostgresServer server, Variant v, int vms, int rounds)
            throws Exception {
        long base = System.currentTimeMillis() - (long) rounds * ROUND_MILLIS;
        try (Connection c = database.connection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            if (v.indexes() != Indexes.BTREE) {
                st.execute("CREATE INDEX vm_sample_ts_brin ON vm_sample USING brin (ts)");
            }
            if (v.indexes() == Indexes.BRIN_ONLY) {
                st.execute("DROP INDEX vm_sample_vm_ts_p");
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long serverCpu = server.cpuNanos();
        long clientCpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        long rows = 0;
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            // the writer's statements; their parameters are the sample table's columns in COLUMNS' order
            String insert = v.path() == Path_.MERGE_LATEST ? LatestTable.VM.merge(Dialect.POSTGRESQL) : SampleRows.VM_SAMPLE.insert();
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            String copySql = "COPY vm_sample (" + String.join(", ", COLUMNS) + ") FROM STDIN";
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                StringBuilder text = new StringBuilder(BATCH * 200);
                int inBatch = 0;
                for (int r = 0; r < rounds; r++) {
                    for (int vm = 1; vm <= vms; vm++) {
                        long[] row = row(vm, r, base);
                        if (v.path() == Path_.COPY) {
                            for (int i = 0; i < row.length; i++) {
                                text.append(i == 0 ? "" : "\t").append(row[i]);
                            }
                            text.append('\n');
                        } else {
                            for (int i = 0; i < row.length; i++) {
                                ps.setLong(i + 1, row[i]);
                            }
                            ps.addBatch();
                        }
                        rows++;
                        if (++inBatch == BATCH) {
                            flush(c, ps, copy, copySql, text, v.path());
                            inBatch = 0;
                        }
                    }
                }
                if (inBatch > 0) {
                    flush(c, ps, copy, copySql, text, v.path());
                }
            }
        }
        double wallSeconds = (System.nanoTime() - wall) / 1e9;
        double clientSeconds = (threads.getCurrentThreadCpuTime() - clientCpu) / 1e9;
        double serverSeconds = (server.cpuNanos() - serverCpu) / 1e9;
        double millions = rows / 1e6;
        System.out.printf(Locale.ROOT, "| %s | %,d | %.1f | %,.0f | %.1f | %.1f | %.2f |%n", v.name(), rows,
                wallSeconds, rows / wallSeconds, clientSeconds / millions, serverSeconds / millions,
                v.path() == Path_.MERGE_LATEST ? Double.NaN : oneVmMedianMillis(database, base, rounds));
    }

    private static long[] row(int vm, int round, long base) {
        long t = base + round * ROUND_MILLIS + vm % 1000;
        long k = round + 1L;
        return new long[] {vm, 1 + vm / 100, t, 1, 3_100_000L * k, 4, 8_589_934_592L, 8_589_934_592L,
            107_374_182_400L, 42_000_000_000L + k, 65_374_182_400L - k, 3_000L * k, 90_000_000L * k, 7_000L * k,
            310_000_000L * k, 0, 120_000_000L * k, 300_000L * k, 0, 0, 480_000_000L * k, 410_000L * k, 0, 12};
    }

    private static void flush(Connection c, PreparedStatement ps, CopyManager copy, String copySql, StringBuilder text,
                              Path_ path) throws Exception {
        if (path == Path_.COPY) {
            copy.copyIn(copySql, new StringReader(text.toString()));
            text.setLength(0);
        } else {
            ps.executeBatch();
        }
        c.commit();
    }

    private static double oneVmMedianMillis(Database database, long base, int rounds) throws Exception {
        List<Double> times = new ArrayList<>();
        try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT * FROM vm_sample WHERE vm_id = ? AND ts >= ? AND ts < ? ORDER BY ts")) {
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("ANALYZE vm_sample");
            }
            for (int i = 0; i < 21; i++) {
                ps.setLong(1, 1 + (i * 7919L) % 1000);
                ps.setLong(2, base);
                ps.setLong(3, base + (long) rounds * ROUND_MILLIS + 1000);
                long t = System.nanoTime();
                int n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        n++;
                    }
                }
                if (n != rounds) {
                    throw new IllegalStateException("expected " + rounds + " rows of one VM, got " + n);
                }
                times.add((System.nanoTime() - t) / 1e6);
            }
        }
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
