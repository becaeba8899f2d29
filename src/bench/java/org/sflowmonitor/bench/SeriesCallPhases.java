package org.sflowmonitor.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;

import org.sflowmonitor.api.Api;
import org.sflowmonitor.api.ApiConfig;
import org.sflowmonitor.api.CollectorSources;
import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.store.Database;
import org.sflowmonitor.store.Queries;
import org.sflowmonitor.store.SampleTable;
import org.sflowmonitor.store.SeriesQuery;

/**
 * Where a call of {@code virt.memory} (one dense VM over the database's last 24 h, 4,320 rows)
 * spends its time inside the service, without HTTP: the SQL reading only the index's columns,
 * the SQL as the method runs it (every row's values read), and the whole call through the
 * JSON-RPC dispatcher (entity lookup, rows, JSON, envelope). Median and CPU of the calling thread
 * per call, on QueryBenchmark's database ({@code --db}, built by a QueryBenchmark run).
 *
 * <pre>
 * java -cp $CP org.sflowmonitor.bench.SeriesCallPhases --db target/bench-querydb-small --calls 200
 * </pre>
 */
public final class SeriesCallPhases {

    private static final String USAGE = """
            usage: SeriesCallPhases [--db DIR] [--calls N]
              --db     QueryBenchmark's database folder (H2)           default target/bench-querydb-small
              --calls  calls per phase, after as many to warm up        default 200
              --sparse-seconds  the database's shape (see QueryBenchmark)  default 3600
            """;

    private SeriesCallPhases() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parseOrExit(argv, java.util.Set.of("db", "calls", "sparse-seconds"), java.util.Set.of(), USAGE);
        Path dir = Path.of(args.string("db", "target/bench-querydb-small"));
        int calls = args.integer("calls", 200);
        System.out.println("series call phases, " + Machine.now() + ", " + Machine.describe() + ", load average "
                + Machine.loadAverage());
        ClusterModel model = new ClusterModel(10_000, 10, 1);
        QueryDatabase.Info info = QueryDatabase.ensure(dir, model, args.integer("sparse-seconds", 3600), System.out);
        try (Database db = Database.open(QueryDatabase.url(dir), "sa", "", dir, 4)) {
            Queries queries = new Queries(db, 30);
            long end = info.endMillis();
            long from = end - QueryDatabase.DAY_MILLIS;
            long[] vmIds = new long[QueryDatabase.DENSE];
            String[] bodies = new String[QueryDatabase.DENSE];
            for (int vm = 0; vm < QueryDatabase.DENSE; vm++) {
                String uuid = model.vmUuid(vm / model.vmsPerNode(), vm % model.vmsPerNode()).toString();
                vmIds[vm] = vmId(db, uuid);
                bodies[vm] = "{\"jsonrpc\":\"2.0\",\"method\":\"virt.memory\",\"params\":{\"uuid\":\"" + uuid
                        + "\",\"time_from\":" + from + ",\"time_till\":" + end + ",\"limit\":10000},\"id\":1}";
            }
            List<String> columns = List.of("vmem_memory", "vmem_max_memory");
            Api api = Api.create(queries, new CollectorSources(new IngestStats(10), null, db,
                    System.currentTimeMillis()), new ApiConfig(null, 1 << 20, 100, 100_000, "bench", 3));
            int[] next = new int[1];
            int[] rows = new int[1];
            phase("SQL, index columns only (vm_id, ts)", calls, () -> indexOnly(db, vmIds[next[0]++ % vmIds.length],
                    from, end));
            phase("SQL as virt.memory runs it, values read", calls, () -> {
                rows[0] = 0;
                new SeriesQuery(SampleTable.VM_SAMPLE, vmIds[next[0]++ % vmIds.length], null, columns, columns, from,
                        end, false, 10_000).forEachRow(queries, rs -> {
                            for (int i = 1; i <= 4; i++) {
                                Queries.value(rs, i);
                            }
                            rows[0]++;
                        });
                return rows[0];
            });
            phase("whole call, dispatcher (no HTTP)", calls, () -> api.handle(
                    bodies[next[0]++ % bodies.length].getBytes(StandardCharsets.UTF_8)).length);
        }
    }

    private static void phase(String name, int calls, IntSupplier call) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < calls; i++) {
            call.getAsInt();
        }
        double[] millis = new double[calls];
        long size = 0;
        long cpu = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
            long started = System.nanoTime();
            size = call.getAsInt();
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        double cpuPerCall = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / calls;
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "%-45s %d calls: median %.2f ms, p99 %.2f ms, %.2f CPU ms a call, size %,d "
                + "(load average %s)%n", name, calls, millis[calls / 2], millis[(int) (calls * 0.99)], cpuPerCall,
                size, Machine.loadAverage());
    }

    private static int indexOnly(Database db, long vmId, long from, long till) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT s.vm_id, s.ts FROM vm_sample s WHERE s.vm_id = ? AND s.ts >= ? AND s.ts <= ?"
                        + " ORDER BY s.vm_id, s.ts")) {
            ps.setLong(1, vmId);
            ps.setLong(2, from);
            ps.setLong(3, till);
            int rows = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getLong(2);
                    rows++;
                }
            }
            return rows;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long vmId(Database db, String uuid) throws Exception {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM vm WHERE uuid = ?")) {
            ps.setString(1, uuid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no VM " + uuid + " in the database");
                }
                return rs.getLong(1);
            }
        }
    }
}
