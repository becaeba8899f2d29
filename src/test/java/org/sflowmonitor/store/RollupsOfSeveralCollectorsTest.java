package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.ingest.EntitySample.VmSample;
import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.sflow.CounterRecord.VirtCpu;
import org.sflowmonitor.sflow.CounterRecord.VirtDiskIo;
import org.sflowmonitor.sflow.CounterRecord.VirtMemory;
import org.sflowmonitor.sflow.CounterRecord.VirtNetIo;
import org.sflowmonitor.testing.PostgresServer;
import org.sflowmonitor.testing.TestDatabase;

/**
 * Two collectors, each with its writer and rollup job, storing into one real PostgreSQL database
 * (the clock given: 10-second buckets merged into 1-minute ones, VMs sampled every 5 seconds): the
 * rollups are those a single job computes from every raw sample, whichever collector stored them.
 */
class RollupsOfSeveralCollectorsTest {

    /** Two hours ago, on a minute (PostgreSQL keeps sample partitions around today only). */
    private static final long T0 = System.currentTimeMillis() / 60_000 * 60_000 - TimeUnit.HOURS.toMillis(2);
    private static final long STEP = 5_000;
    private static final List<RollupTier> TIERS = RollupTier.parse("10s:1h,1m:1d");
    private static final UUID VM = new UUID(1, 1);
    private static final UUID OTHER_VM = new UUID(2, 2);

    @TempDir
    Path dir;

    private TestDatabase database;
    private final AtomicLong now = new AtomicLong(T0 - TimeUnit.HOURS.toMillis(1));
    private final List<Collector> collectors = new ArrayList<>();
    private final List<RollupJob> recomputations = new ArrayList<>();

    /** One collector: its pool, its writer and its rollup job, which the writer hands each committed batch. */
    private final class Collector implements AutoCloseable {
        final String id;
        final Database db;
        final BatchWriter writer;
        final AtomicReference<RollupJob> job = new AtomicReference<>();
        final AtomicLong offered = new AtomicLong();
        final AtomicLong handedOver = new AtomicLong();

        Collector(String id) throws Exception {
            this.id = id;
            db = TestCollector.open(database, dir.resolve(id));
            writer = new BatchWriter(db.dataSource(), new IngestStats(100), TestCollector.CONFIG,
                    (batch, hostIds, vmIds) -> {
                        job.get().committed(batch, hostIds, vmIds);
                        handedOver.addAndGet(batch.size());
                    }).start();
            job.set(new RollupJob(db.dataSource(), TIERS, TimeUnit.DAYS.toMillis(7), now::get, 5_000));
            job.get().runsAs(id);
            heartbeat();
        }

        /** Its row in collector_instance as its heartbeat writes it, at the test's clock. */
        void heartbeat() throws Exception {
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                Heartbeats.write(c, new Heartbeats.Instance(id, "host-" + id, 6343, "test",
                        T0 - TimeUnit.HOURS.toMillis(1), 1_000), now.get(), null, Map.of());
            }
        }

        /** Stores the samples and waits until its job was handed them. */
        void store(List<VmSample> samples) throws InterruptedException {
            for (VmSample s : samples) {
                assertTrue(writer.offer(s));
                offered.incrementAndGet();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (handedOver.get() < offered.get() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(offered.get(), handedOver.get(), "stored and handed to the job");
        }

        void runUntilIdle() throws Exception {
            job.get().runUntilIdle(now.get());
        }

        @Override
        public void close() {
            job.get().close();
            writer.close();
            db.close();
        }
    }

    @BeforeEach
    void createDatabase() {
        database = PostgresServer.newDatabase();
    }

    @AfterEach
    void close() {
        recomputations.forEach(RollupJob::close);
        collectors.forEach(Collector::close);
    }

    private Collector collector(String id) throws Exception {
        Collector c = new Collector(id);
        collectors.add(c);
        c.runUntilIdle();
        return c;
    }

    /** The VM's sample i (at T0 + i × 5 s) from node {@code agent}; its counters rise unevenly. */
    private static VmSample sample(UUID vm, String agent, int i) {
        return new VmSample(agent, T0 + i * STEP, 4, vm, "vm-" + vm.getLeastSignificantBits(), 1, null,
                new VirtCpu(1, (long) i * 700 + (i % 3) * 50, 2), new VirtMemory(1_000 + (i % 7) * 100, 4_000),
                new VirtDiskIo(100, 50, 50, i, i * 10_000L + (i % 4) * 1_000, i, 0, 0),
                new VirtNetIo(0, 0, 0, 0, 0, 0, 0, 0));
    }

    private static List<VmSample> samples(UUID vm, String agent, int from, int to) {
        List<VmSample> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(sample(vm, agent, i));
        }
        return out;
    }

    private List<Map<String, Object>> rows(long width) throws SQLException {
        return UnpackedRollupRows.of(RollupRows.VM, TestCollector.rows(collectors.get(0).db.dataSource(),
                "SELECT vm_id, bucket_start, host_id, samples, measures FROM vm_rollup WHERE width_ms = ?"
                + " ORDER BY vm_id, bucket_start", width));
    }

    /** Lets every collector's job finish, then deletes the rollups and computes them again in one job from the raw samples. */
    private void computeEverythingAgain() throws Exception {
        collectors.forEach(c -> c.job.get().close()); // gives the rollup lock back
        try (Connection c = collectors.get(0).db.connection(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM vm_rollup");
            st.executeUpdate("DELETE FROM rollup_progress");
        }
        RollupJob alone = new RollupJob(collectors.get(0).db.dataSource(), TIERS, TimeUnit.DAYS.toMillis(7),
                now::get, 5_000);
        recomputations.add(alone);
        alone.runUntilIdle(now.get());
    }

    @Test
    void aVmMigratingBetweenTheCollectorsInsideABucketHasTheBucketsOfAllItsSamples() throws Exception {
        Collector a = collector("a");
        Collector b = collector("b");
        a.store(samples(VM, "10.0.0.1", 0, 17));
        b.store(samples(VM, "10.0.0.2", 17, 36)); // sample 17 at T0 + 85 s: inside the bucket at T0 + 80 s
        now.set(T0 + 4 * 60_000);
        a.heartbeat();
        b.heartbeat();
        a.runUntilIdle();
        b.runUntilIdle();

        assertTrue(a.job.get().status().writes(), "a took the rollup lock first");
        assertFalse(b.job.get().status().writes());
        List<Map<String, Object>> fine = rows(10_000);
        List<Map<String, Object>> coarse = rows(60_000);
        assertEquals(18, fine.size(), "one VM, 36 samples, two a bucket");
        assertTrue(fine.stream().allMatch(r -> ((Number) r.get("samples")).longValue() == 2), fine.toString());
        assertEquals(3, coarse.size());
        computeEverythingAgain();
        assertEquals(fine, rows(10_000));
        assertEquals(coarse, rows(60_000));
    }

    @Test
    void aSampleTheOtherCollectorStoresAfterItsBucketWasWrittenIsFoldedInByTheCollectorThatWritesTheRollups()
            throws Exception {
        Collector a = collector("a");
        Collector b = collector("b");
        a.store(samples(VM, "10.0.0.1", 0, 36));
        b.store(samples(OTHER_VM, "10.0.0.2", 0, 8));
        b.store(samples(OTHER_VM, "10.0.0.2", 9, 36));
        now.set(T0 + 4 * 60_000);
        a.heartbeat();
        b.heartbeat();
        a.runUntilIdle();
        b.runUntilIdle();
        assertEquals(36, rows(10_000).size());

        b.store(samples(OTHER_VM, "10.0.0.2", 8, 9)); // its queue was behind: the bucket at T0 + 40 s is written
        b.runUntilIdle(); // notes it
        a.runUntilIdle(); // computes the buckets from there again
        List<Map<String, Object>> fine = rows(10_000);
        List<Map<String, Object>> coarse = rows(60_000);
        assertTrue(fine.stream().allMatch(r -> ((Number) r.get("samples")).longValue() == 2), fine.toString());
        computeEverythingAgain();
        assertEquals(fine, rows(10_000));
        assertEquals(coarse, rows(60_000));
    }

    @Test
    void whenTheCollectorWritingTheRollupsStopsTheOtherGoesOnFromItsProgress() throws Exception {
        Collector a = collector("a");
        Collector b = collector("b");
        a.store(samples(VM, "10.0.0.1", 0, 12));
        b.store(samples(OTHER_VM, "10.0.0.2", 0, 12));
        now.set(T0 + 65_000);
        a.heartbeat();
        b.heartbeat();
        a.runUntilIdle();
        b.runUntilIdle();
        assertEquals(12, rows(10_000).size(), "the first minute of both VMs");

        a.close(); // its rollup lock goes back to the database
        collectors.remove(a);
        b.store(samples(VM, "10.0.0.2", 12, 36)); // the VM moved to b's node
        b.store(samples(OTHER_VM, "10.0.0.2", 12, 36));
        now.set(T0 + 4 * 60_000);
        b.heartbeat();
        b.runUntilIdle();

        List<Map<String, Object>> fine = rows(10_000);
        List<Map<String, Object>> coarse = rows(60_000);
        assertEquals(36, fine.size());
        assertEquals(6, coarse.size());
        computeEverythingAgain();
        assertEquals(fine, rows(10_000));
        assertEquals(coarse, rows(60_000));
    }
}
