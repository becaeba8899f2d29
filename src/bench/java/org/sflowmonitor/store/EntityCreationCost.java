package org.sflowmonitor.store;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.sflowmonitor.ingest.EntitySample;
import org.sflowmonitor.ingest.IngestCounter;
import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.testing.PostgresServer;
import org.sflowmonitor.testing.TestDatabase;

/**
 * What creating hosts and VMs costs the batch writer, apart from storing samples: a cluster's
 * polling rounds offered to the writer as fast as it takes them (no UDP, no rate: the queue is
 * the only limit), into an empty database (H2, or a PostgreSQL server started here), round after round: the first round meets every node
 * and VM unseen, the next ones only known ones, one round replaces a share of the VMs by new ones
 * (churn). For each round: the writer thread's CPU seconds, the whole process's (with H2's
 * background threads), the wall time, and from the difference to the warm rounds the writer CPU
 * a new entity costs. Before them the write path is compiled on a scratch database (the JIT's
 * first seconds are not an entity's cost). Not a unit test. Run with:
 * <pre>
 * mvn -q test-compile &amp;&amp; java -Xmx3g -cp $CP org.sflowmonitor.store.EntityCreationCost \
 *     [h2|postgresql] [nodes=2000] [vms/node=50] [churn %=10] [dir]
 * </pre>
 * Rounds: cold, warm, churn, warm.
 */
public final class EntityCreationCost {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** H2's page store, for its counts of saves, writes and page reads; null on PostgreSQL. */
    private static org.h2.mvstore.MVStore h2;

    public static void main(String[] args) throws Exception {
        String backend = args.length > 0 ? args[0] : "h2";
        int nodes = arg(args, 1, 2_000);
        int vmsPerNode = arg(args, 2, 50);
        int churnPercent = arg(args, 3, 10);
        Path dir = args.length > 4 ? Path.of(args[4]) : Files.createTempDirectory("sflow-entity-cost");
        List<EntitySample> cluster = WriterThroughput.cluster(nodes, vmsPerNode);
        List<EntitySample> churned = churn(cluster, churnPercent);
        int newInChurn = nodes * vmsPerNode * churnPercent / 100;
        System.out.printf("%s, %d nodes x %d VMs (%d samples a round), churn %d %% (%d new VMs), database in %s%n",
                backend, nodes, vmsPerNode, cluster.size(), churnPercent, newInChurn, dir);
        warmUp(dir.resolve("warm-up"));
        PostgresServer pg = backend.equals("postgresql") ? PostgresServer.start(true) : null;
        TestDatabase where = pg != null ? pg.createSchema("cost") : TestDatabase.h2(dir);
        // -Durl.params=&name=value...: JDBC URL parameters to try (experiments)
        where = new TestDatabase(where.url() + System.getProperty("url.params", ""), where.user(), where.password());
        IngestStats stats = new IngestStats(100_000);
        try (Database db = TestCollector.open(where, dir)) {
            experiment(db);
            h2 = pg == null ? h2Store(db) : null;
            // -Dbatch=N: samples per writer transaction at most (the service's ingest.batch.size)
            BatchWriter writer = new BatchWriter(db.dataSource(), stats,
                    new BatchWriter.Config(262_144, Integer.getInteger("batch", 2_000), 100_000, 5_000)).start();
            Round cold = round("cold", cluster, nodes + nodes * vmsPerNode, writer, stats, pg);
            Round warm = round("warm", cluster, 0, writer, stats, pg);
            Round churn = round("churn", churned, newInChurn, writer, stats, pg);
            Round warm2 = round("warm", churned, 0, writer, stats, pg);
            double warmPerSample = Math.min(warm.writerCpu, warm2.writerCpu) / cluster.size();
            System.out.printf("writer CPU per new entity beyond a known one's sample: cold %.1f us, churn %.1f us%n",
                    1e6 * (cold.writerCpu - warmPerSample * cluster.size()) / cold.newEntities,
                    1e6 * (churn.writerCpu - warmPerSample * cluster.size()) / churn.newEntities);
            writer.close();
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    /** Compiles the write path first: a small cluster of its own, cold and warm, into a scratch H2 database. */
    private static void warmUp(Path dir) throws Exception {
        List<EntitySample> cluster = WriterThroughput.cluster(200, 50);
        IngestStats stats = new IngestStats(100_000);
        try (Database db = TestCollector.open(TestDatabase.h2(dir), dir)) {
            BatchWriter writer = new BatchWriter(db.dataSource(), stats,
                    new BatchWriter.Config(262_144, 2_000, 100_000, 5_000)).start();
            for (List<EntitySample> round : List.of(cluster, churn(cluster, 50), churn(cluster, 50))) {
                round("(JIT warm-up)", round, 0, writer, stats, null);
            }
            writer.close();
        }
    }

    /** -Dddl=statements;separated;by;semicolons, run on the empty schema first (experiments). */
    private static void experiment(Database db) throws java.sql.SQLException {
        String ddl = System.getProperty("ddl", "");
        try (java.sql.Connection c = db.dataSource().getConnection(); java.sql.Statement s = c.createStatement()) {
            for (String sql : ddl.split(";")) {
                if (!sql.isBlank()) {
                    System.out.println("experiment: " + sql);
                    s.execute(sql);
                }
            }
        }
    }

    private record Round(double writerCpu, long newEntities) {
    }

    private static Round round(String name, List<EntitySample> samples, long newEntities, BatchWriter writer,
                               IngestStats stats, PostgresServer pg) throws InterruptedException {
        long target = stats.total().get(IngestCounter.SAMPLES_STORED) + samples.size();
        long writerBefore = writerCpuNanos();
        long h2Before = h2CpuNanos();
        long processBefore = processCpuNanos();
        long javaBefore = javaThreadsCpuNanos();
        long gcBefore = gcMillis();
        long serverBefore = pg == null ? 0 : pg.cpuNanos();
        long[] storeBefore = storeCounts();
        long start = System.nanoTime();
        long now = System.currentTimeMillis();
        for (EntitySample s : samples) {
            EntitySample at = WriterThroughput.at(s, now);
            while (!writer.offer(at)) {
                Thread.sleep(1);
            }
        }
        while (stats.total().get(IngestCounter.SAMPLES_STORED) < target) {
            if (stats.total().get(IngestCounter.WRITE_ERRORS) + stats.total().get(IngestCounter.SAMPLES_OVER_ENTITY_LIMIT)
                    > 0) {
                throw new IllegalStateException("not stored: " + stats.total().snapshot());
            }
            Thread.sleep(5);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s to %s: ", java.time.LocalTime.now().minusNanos((long) (wall * 1e9)).withNano(0),
                java.time.LocalTime.now().withNano(0));
        double writerCpu = (writerCpuNanos() - writerBefore) / 1e9;
        double h2Cpu = (h2CpuNanos() - h2Before) / 1e9;
        double processCpu = (processCpuNanos() - processBefore) / 1e9;
        double javaCpu = (javaThreadsCpuNanos() - javaBefore) / 1e9;
        String server = pg == null ? "" : String.format(", PostgreSQL server %.2f CPU s", (pg.cpuNanos() - serverBefore) / 1e9);
        System.out.printf("%s %,d samples, %,d new entities: wall %.2f s (%,.0f samples/s), writer %.2f CPU s "
                        + "(%.1f us a sample), H2's own threads %.2f CPU s, process %.2f CPU s%s%n", name, samples.size(),
                newEntities, wall, samples.size() / wall, writerCpu, 1e6 * writerCpu / samples.size(), h2Cpu,
                processCpu, server);
        System.out.printf("    JVM's own threads (GC, JIT) %.2f CPU s, other Java threads %.2f CPU s, GC pauses %.2f s%n",
                processCpu - javaCpu, javaCpu - writerCpu - h2Cpu, (gcMillis() - gcBefore) / 1e3);
        long[] storeAfter = storeCounts();
        if (h2 != null) {
            System.out.printf("    H2: %,d saves, %,d file writes, %,d page reads (%,.1f MB), file %,.0f MB%n",
                    storeAfter[0] - storeBefore[0], storeAfter[1] - storeBefore[1], storeAfter[2] - storeBefore[2],
                    (storeAfter[3] - storeBefore[3]) / 1e6, storeAfter[4] / 1e6);
        }
        return new Round(writerCpu, newEntities);
    }

    private static org.h2.mvstore.MVStore h2Store(Database db) throws java.sql.SQLException {
        try (java.sql.Connection c = db.dataSource().getConnection()) {
            org.h2.engine.SessionLocal session = (org.h2.engine.SessionLocal) c.unwrap(org.h2.jdbc.JdbcConnection.class)
                    .getSession();
            return session.getDatabase().getStore().getMvStore();
        }
    }

    /** H2's store version (one a save), file writes, page reads, bytes read, file size; zeros without H2. */
    private static long[] storeCounts() {
        if (h2 == null) {
            return new long[5];
        }
        org.h2.mvstore.FileStore<?> f = h2.getFileStore();
        return new long[] {h2.getCurrentVersion(), f.getWriteCount(), f.getReadCount(), f.getReadBytes(), f.size()};
    }

    /** The cluster with {@code percent} % of its VMs (spread evenly) replaced by new ones on the same nodes. */
    private static List<EntitySample> churn(List<EntitySample> cluster, int percent) {
        Random random = new Random(7);
        List<EntitySample> out = new ArrayList<>(cluster.size());
        int vm = 0;
        for (EntitySample s : cluster) {
            if (s instanceof EntitySample.VmSample v && vm++ % 100 < percent) {
                out.add(new EntitySample.VmSample(v.agent(), v.receivedAt(), v.records(),
                        new UUID(random.nextLong(), random.nextLong()), v.name() + "-new", v.dsIndex(), v.adapters(),
                        v.cpu(), v.memory(), v.disk(), v.net()));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private static long writerCpuNanos() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("sflow-writer")) {
                return THREADS.getThreadCpuTime(t.getId());
            }
        }
        throw new IllegalStateException("no writer thread");
    }

    /** H2's page serialization, saving and background writer threads. */
    private static long h2CpuNanos() {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("H2-") || t.getName().startsWith("MVStore")) {
                sum += Math.max(0, THREADS.getThreadCpuTime(t.getId()));
            }
        }
        return sum;
    }

    /** Every Java thread's CPU (the process's without the JVM's own threads: GC, JIT compilers). */
    private static long javaThreadsCpuNanos() {
        long sum = 0;
        for (long id : THREADS.getAllThreadIds()) {
            sum += Math.max(0, THREADS.getThreadCpuTime(id));
        }
        return sum;
    }

    private static long gcMillis() {
        long sum = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }

    private EntityCreationCost() {
    }
}
