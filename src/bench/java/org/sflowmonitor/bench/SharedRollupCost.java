package org.sflowmonitor.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.sflowmonitor.store.Database;
import org.sflowmonitor.store.RollupJob;
import org.sflowmonitor.store.RollupTier;
import org.sflowmonitor.testing.PostgresServer;
import org.sflowmonitor.testing.TestDatabase;

/**
 * What one close of the finest rollup tier costs the collector that writes the rollups when
 * other collectors write into the same PostgreSQL: the bucket computed from every entity's raw
 * samples (one indexed query per node, VM and layout) instead of from memory. The fleet's
 * samples of the bucket (and the lookback before it) are in the database, another collector's
 * heartbeat row too; the job closes that one bucket. Prints the wall time, the rollup thread's
 * CPU and the PostgreSQL server's CPU, in all and per entity.
 * <p>{@code java -cp $CP org.sflowmonitor.bench.SharedRollupCost --nodes 1000 --vms 100}
 */
public final class SharedRollupCost {

    private static final long WIDTH = 300_000;
    private static final long GRACE = 15_000;
    private static final int EVERY_SECONDS = 20;

    private SharedRollupCost() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parseOrExit(argv, Set.of("nodes", "vms", "work"), Set.of(),
                "SharedRollupCost --nodes N --vms V [--work target/bench-sharedrollup]");
        ClusterModel model = new ClusterModel(args.integer("nodes", 1000), args.integer("vms", 100), 1);
        Path work = Path.of(args.string("work", "target/bench-sharedrollup"));
        System.out.println("shared rollup close, " + Machine.now() + ", " + Machine.describe() + ", load average "
                + Machine.loadAverage());
        long bucket = (System.currentTimeMillis() - 2 * WIDTH) / WIDTH * WIDTH;
        long end = bucket + WIDTH - EVERY_SECONDS * 1000L;
        int perEntity = (int) ((WIDTH + RollupJob.DEFAULT_GRACE_MILLIS * 8) / 1000 / EVERY_SECONDS);
        try (PostgresServer postgres = PostgresServer.start(true)) {
            TestDatabase target = postgres.createSchema("sharedrollup");
            try (Database db = Database.open(target.url(), target.user(), target.password(), work, 4)) {
                long rows;
                try (Connection c = db.connection()) {
                    c.setAutoCommit(false);
                    QueryDatabase.entities(c, model, end);
                    rows = QueryDatabase.recentSamples(c, model, EVERY_SECONDS, perEntity, end);
                    try (Statement st = c.createStatement()) {
                        st.executeUpdate("INSERT INTO rollup_progress (width_ms, closed_until) VALUES (" + WIDTH + ", "
                                + bucket + ")");
                        st.executeUpdate("INSERT INTO collector_instance (instance_id, host_name, sflow_port, version,"
                                + " started_at, last_heartbeat, heartbeat_interval_ms) VALUES ('other', 'other', 6343,"
                                + " 'bench', " + (bucket - 3_600_000) + ", " + System.currentTimeMillis() + ", 10000)");
                        c.commit();
                        c.setAutoCommit(true);
                        st.execute("VACUUM ANALYZE");
                    }
                }
                System.out.printf(Locale.ROOT, "%,d nodes, %,d VMs, %,d sample rows (%d per entity, %d s apart)%n",
                        model.nodes(), model.nodes() * model.vmsPerNode(), rows, perEntity, EVERY_SECONDS);
                AtomicLong now = new AtomicLong(bucket + WIDTH + GRACE + 1_000);
                RollupJob job = new RollupJob(db.dataSource(), List.of(new RollupTier("5m", WIDTH, 86_400_000L)),
                        7 * 86_400_000L, now::get, GRACE);
                job.runsAs("me");
                long serverBefore = postgres.cpuNanos();
                long started = System.nanoTime();
                job.start();
                Thread rollup = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().equals("sflow-rollup")).findFirst().orElseThrow();
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                while (!closed(job, bucket)) {
                    Thread.sleep(50);
                }
                double wall = (System.nanoTime() - started) / 1e9;
                double jobCpu = threads.getThreadCpuTime(rollup.getId()) / 1e9;
                double server = (postgres.cpuNanos() - serverBefore) / 1e9;
                job.close();
                long entities = model.nodes() * (model.vmsPerNode() + 3L); // a query per VM and 3 per node
                System.out.printf(Locale.ROOT, "one 5-minute close from raw samples: wall %.1f s, rollup thread %.2f CPU s,"
                                + " PostgreSQL %.2f CPU s; per query (entity and layout) %.1f + %.1f us%n", wall, jobCpu,
                        server, jobCpu * 1e6 / entities, server * 1e6 / entities);
                System.out.println("rows written: " + job.status().tiers().get(0).rowsWritten());
            }
        }
        System.out.println("load average at the end: " + Machine.loadAverage());
    }

    private static boolean closed(RollupJob job, long bucket) {
        Long last = job.status().tiers().get(0).lastBucketClosed();
        return last != null && last >= bucket;
    }
}
