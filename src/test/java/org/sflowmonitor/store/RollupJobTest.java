package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sflowmonitor.ingest.EntitySample.InterfaceSample;
import org.sflowmonitor.ingest.EntitySample.VmSample;
import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.sflow.CounterRecord.IfCounters;
import org.sflowmonitor.sflow.CounterRecord.VirtCpu;
import org.sflowmonitor.sflow.CounterRecord.VirtDiskIo;
import org.sflowmonitor.sflow.CounterRecord.VirtMemory;
import org.sflowmonitor.sflow.CounterRecord.VirtNetIo;
import org.sflowmonitor.testing.Backend;

/**
 * The rollup job on a real H2 database behind the real writer, its clock and tiers given:
 * 10-second buckets merged into 1-minute ones, a VM sampled every 5 seconds.
 */
class RollupJobTest {

    /** Two hours ago, on a minute (PostgreSQL keeps sample partitions around today only). */
    private static final long T0 = System.currentTimeMillis() / 60_000 * 60_000 - TimeUnit.HOURS.toMillis(2);
    private static final long STEP = 5_000;
    private static final long U32 = 1L << 32;
    private static final List<RollupTier> TIERS = RollupTier.parse("10s:1h,1m:1d");

    @TempDir
    Path dir;

    private Database db;
    private BatchWriter writer;
    private final AtomicReference<RollupFeed> feed = new AtomicReference<>(RollupFeed.NONE);
    private final AtomicLong now = new AtomicLong(T0 - TimeUnit.HOURS.toMillis(1));
    private final List<RollupJob> jobs = new ArrayList<>();
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong handedOver = new AtomicLong();

    /** The database the tests run on; {@link RollupJobOnPostgresqlTest} runs them on PostgreSQL. */
    Backend backend() {
        return Backend.H2;
    }

    @BeforeEach
    void open() throws Exception {
        db = TestCollector.open(backend().create(dir), dir);
        writer = new BatchWriter(db.dataSource(), new IngestStats(100), TestCollector.CONFIG,
                (batch, hostIds, vmIds) -> {
                    feed.get().committed(batch, hostIds, vmIds);
                    handedOver.addAndGet(batch.size());
                }).start();
    }

    @AfterEach
    void close() {
        jobs.forEach(RollupJob::close);
        writer.close();
        db.close();
    }

    /** A job as the service starts it: it takes its first steps at once. */
    private RollupJob job(List<RollupTier> tiers) throws Exception {
        RollupJob job = new RollupJob(db.dataSource(), tiers, TimeUnit.DAYS.toMillis(7), now::get, 5_000);
        jobs.add(job);
        feed.set(job);
        job.runUntilIdle(now.get());
        return job;
    }

    /** The VM's sample i (at T0 + i × 5 s): its counters rise unevenly, cpu_time wraps at sample 20, disk reads reset at 30. */
    private static VmSample sample(int i) {
        long cpuTime = (U32 - 20 * 700 + (long) i * 700 + (i % 3) * 50) % U32;
        long rdBytes = i < 30 ? i * 10_000L + (i % 4) * 1_000 : (i - 30) * 500L;
        return new VmSample("10.0.0.1", T0 + i * STEP, 4, new UUID(1, 1), "vm-1", 1, null,
                new VirtCpu(1, cpuTime, 2), new VirtMemory(1_000 + (i % 7) * 100, 4_000),
                new VirtDiskIo(100, 50, 50, i, rdBytes, i, 0, 0), new VirtNetIo(0, 0, 0, 0, 0, 0, 0, 0));
    }

    private void store(int from, int to) throws InterruptedException {
        for (int i = from; i < to; i++) {
            assertTrue(writer.offer(sample(i)));
            offered.incrementAndGet();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (handedOver.get() < offered.get() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(offered.get(), handedOver.get(), "the writer stored the samples and handed them to the job");
    }

    /** 36 samples (3 minutes) stored while a job runs, closed 4 minutes after T0. */
    private RollupJob liveRun(List<RollupTier> tiers) throws Exception {
        RollupJob live = job(tiers);
        store(0, 36);
        now.set(T0 + 4 * 60_000);
        live.runUntilIdle(now.get());
        return live;
    }

    private List<Map<String, Object>> rows(long width) {
        return UnpackedRollupRows.of(RollupRows.VM, new Queries(db, 10).rows("SELECT bucket_start, samples, measures"
                + " FROM vm_rollup WHERE width_ms = ? ORDER BY bucket_start", width));
    }

    /**
     * Stops the jobs (on PostgreSQL the one running holds the rollup lock), deletes the rollups and
     * their progress and lets a new job compute them from the raw samples.
     */
    private void computeEverythingAgain() throws Exception {
        jobs.forEach(RollupJob::close);
        try (var c = db.connection(); var st = c.createStatement()) {
            st.executeUpdate("DELETE FROM vm_rollup");
            st.executeUpdate("DELETE FROM rollup_progress");
        }
        job(TIERS).runUntilIdle(now.get());
    }

    private List<Long> samplesPerBucket(long width) {
        return rows(width).stream().map(r -> ((Number) r.get("samples")).longValue()).toList();
    }

    @Test
    void theBucketsWrittenLiveEqualTheBucketsComputedAgainFromTheRawSamples() throws Exception {
        liveRun(TIERS);
        List<Map<String, Object>> fine = rows(10_000);
        List<Map<String, Object>> coarse = rows(60_000);
        assertEquals(18, fine.size());
        assertEquals(3, coarse.size());

        computeEverythingAgain();
        assertEquals(fine, rows(10_000));
        assertEquals(coarse, rows(60_000));
    }

    @Test
    void theCoarserTierIsMergedInMemoryFromTheBucketsTheJobWroteWithoutReadingThemBack() throws Exception {
        RollupJob live = job(TIERS);
        store(0, 36);
        now.set(T0 + 55_000);
        live.runUntilIdle(now.get());
        assertEquals(5, rows(10_000).size(), "the 10 s buckets of the first 50 s are written, no 1-minute one yet");
        assertEquals(0, rows(60_000).size());
        try (var c = db.connection(); var st = c.createStatement()) {
            st.executeUpdate("UPDATE vm_rollup SET samples = 100 WHERE width_ms = 10000");
        }
        now.set(T0 + 4 * 60_000);
        live.runUntilIdle(now.get());
        assertEquals(List.of(12L, 12L, 12L), samplesPerBucket(60_000), "merged from memory, not from the rows");
    }

    @Test
    void aSampleArrivingAfterItsBucketWasWrittenIsFoldedInByComputingItsBucketsAgainFromTheRawSamples()
            throws Exception {
        RollupJob live = job(TIERS);
        store(0, 5);
        store(6, 36);
        now.set(T0 + 4 * 60_000);
        live.runUntilIdle(now.get());
        assertEquals(1L, samplesPerBucket(10_000).get(2), "the bucket at T0 + 20 s was written without sample 5");
        store(5, 6);
        live.runUntilIdle(now.get());
        assertEquals(1, live.status().lateSamples());
        List<Map<String, Object>> fine = rows(10_000);
        List<Map<String, Object>> coarse = rows(60_000);
        assertTrue(samplesPerBucket(10_000).stream().allMatch(n -> n == 2));
        // the same rows as if sample 5 had come in time: all of them computed again from the raw samples
        computeEverythingAgain();
        assertEquals(fine, rows(10_000));
        assertEquals(coarse, rows(60_000));
    }

    @Test
    void aBucketHoldsTheMinAverageAndMaxOfTheRatesAndGaugesOfItsRawSamples() throws Exception {
        liveRun(TIERS);
        // the 10 s bucket at T0 + 100 s holds samples 20 and 21; the rate of 20 is taken from sample 19,
        // across cpu_time's wrap
        Map<String, Object> b = rows(10_000).get(10);
        assertEquals(T0 + 100_000, b.get("bucket_start"));
        double cpu20 = (U32 - 20 * 700 + 20 * 700 + 2 * 50 - (U32 - 20 * 700 + 19 * 700 + 50)) / 5.0;
        double cpu21 = (21 * 700.0 + 0 - (20 * 700 + 2 * 50)) / 5.0;
        assertEquals(Math.min(cpu20, cpu21), (Double) b.get("vcpu_cpu_time_min"), 1e-9);
        assertEquals(Math.max(cpu20, cpu21), (Double) b.get("vcpu_cpu_time_max"), 1e-9);
        assertEquals(cpu20 + cpu21, (Double) b.get("vcpu_cpu_time_sum"), 1e-9);
        // vCPU utilisation: ms of CPU per ms over 2 vCPUs, in percent
        assertEquals((cpu20 + cpu21) / 1000 / 2 * 100, (Double) b.get("vcpu_utilisation_sum"), 1e-9);
        assertEquals(List.of(1_000 + 6 * 100.0, 1_000.0), List.of(b.get("vmem_memory_min"), b.get("vmem_memory_max"))
                .stream().map(v -> (Double) v).sorted((x, y) -> Double.compare(y, x)).toList());
        // the bucket of sample 30, where disk reads were reset, has one rate: 31's
        Map<String, Object> reset = rows(10_000).get(15);
        assertEquals(1, reset.get("vdsk_rd_bytes_n"));
        assertEquals(500 / 5.0, (Double) reset.get("vdsk_rd_bytes_sum"), 1e-9);
        assertEquals(12L, ((Number) rows(60_000).get(0).get("samples")).longValue());
    }

    @Test
    void aJobStartedOnADatabaseWithoutSamplesWritesTheBucketsFromTheStartOnFromWhatItFolded() throws Exception {
        now.set(T0 + 3_000);
        job(TIERS);
        store(0, 4);
        try (var c = db.connection(); var st = c.createStatement()) {
            st.executeUpdate("DELETE FROM vm_sample"); // what memory folded is all the job may use
        }
        now.set(T0 + 4 * 60_000);
        jobs.get(0).runUntilIdle(now.get());
        // on PostgreSQL other collectors may have stored samples before the start: raw samples there
        assertEquals(backend() == Backend.H2 ? List.of(2L, 2L) : List.of(), samplesPerBucket(10_000));
    }

    @Test
    void theNewestSampleStoredIsReadFromTheLatestRowsWithTheirLag() throws Exception {
        assertEquals(Long.MIN_VALUE, newestStored(), "nothing stored");
        store(0, 2);
        // H2 writes the latest rows of nodes and VMs every few minutes: until then it cannot tell
        assertEquals(backend() == Backend.H2 ? Long.MAX_VALUE : T0 + STEP + 1_000, newestStored());
        writer.close(); // and when the writer stops
        assertEquals(T0 + STEP + 1_000, newestStored());
    }

    private long newestStored() throws SQLException {
        try (var c = db.connection()) {
            c.setAutoCommit(false);
            return RollupStore.newestStored(c, 1_000);
        }
    }

    @Test
    void aCatchUpOfTheBucketsBeforeTheStartReadsTheSamplesStoredInThem() throws Exception {
        store(0, 2); // at T0 and T0 + 5 s, before the job starts
        now.set(T0 + 60_000);
        job(TIERS);
        now.set(T0 + 4 * 60_000);
        jobs.get(0).runUntilIdle(now.get());
        assertEquals(List.of(2L), samplesPerBucket(10_000));
    }

    @Test
    void aJobStartedInsideABucketWithASampleStoredBeforeItComputesThatBucketFromTheRawSamples() throws Exception {
        store(0, 1); // at T0, before the job starts
        now.set(T0 + 3_000);
        job(TIERS);
        store(1, 2); // at T0 + 5 s: memory sees only this one
        now.set(T0 + 4 * 60_000);
        jobs.get(0).runUntilIdle(now.get());
        assertEquals(List.of(2L), samplesPerBucket(10_000));
    }

    @Test
    void aServiceRestartInsideABucketNeitherCountsASampleTwiceNorLeavesOneOut() throws Exception {
        RollupJob first = job(TIERS);
        store(0, 13);
        now.set(T0 + 63_000);
        first.runUntilIdle(now.get());
        first.close();
        // the new service starts in the middle of the bucket at T0 + 60 s
        RollupJob second = job(TIERS);
        store(13, 40);
        now.set(T0 + 5 * 60_000);
        second.runUntilIdle(now.get());
        assertEquals(List.of(2L, 2L, 2L, 2L, 2L, 2L, 2L, 2L, 2L, 2L, 2L, 2L, 2L, 2L, 2L, 2L, 2L, 2L, 2L, 2L),
                samplesPerBucket(10_000));
        assertEquals(List.of(12L, 12L, 12L, 4L), samplesPerBucket(60_000));
    }

    @Test
    void bucketsOfADowntimeAreCaughtUpFromTheRawSamplesThatRemain() throws Exception {
        store(0, 24);
        now.set(T0 + TimeUnit.MINUTES.toMillis(30));
        RollupJob late = job(TIERS);
        late.runUntilIdle(now.get());
        assertEquals(12, samplesPerBucket(10_000).size());
        assertTrue(samplesPerBucket(10_000).stream().allMatch(n -> n == 2));
        assertEquals(List.of(12L, 12L), samplesPerBucket(60_000));
    }

    /** 24 samples stored while no job ran, the clock 30 minutes on, and a job that has taken no step yet. */
    private RollupJob unstartedAfterADowntime() throws InterruptedException {
        store(0, 24);
        now.set(T0 + TimeUnit.MINUTES.toMillis(30));
        RollupJob job = new RollupJob(db.dataSource(), TIERS, TimeUnit.DAYS.toMillis(7), now::get, 5_000);
        jobs.add(job);
        feed.set(job);
        return job;
    }

    @Test
    void aCatchUpWaitsWhileIngestIsBehindAndIsWrittenWholeOnceIngestCaughtUp() throws Exception {
        RollupJob late = unstartedAfterADowntime();
        AtomicBoolean behind = new AtomicBoolean(true);
        AtomicInteger asked = new AtomicInteger();
        late.yieldsTo(() -> {
            asked.incrementAndGet();
            return behind.get();
        }, 60_000);
        Thread catchUp = new Thread(() -> {
            try {
                late.runUntilIdle(now.get());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        catchUp.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (asked.get() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(asked.get() >= 3, "the job asked again and again whether ingest is behind");
        assertEquals(List.of(), samplesPerBucket(10_000), "nothing written while ingest is behind");
        behind.set(false);
        catchUp.join(30_000);
        assertFalse(catchUp.isAlive());
        assertEquals(12, samplesPerBucket(10_000).size());
        assertTrue(samplesPerBucket(10_000).stream().allMatch(n -> n == 2));
        assertEquals(List.of(12L, 12L), samplesPerBucket(60_000));
    }

    @Test
    @Timeout(60) // a wait without an end would hang the suite instead of failing this
    void aCatchUpWhileIngestStaysBehindIsStillWrittenWhole() throws Exception {
        RollupJob late = unstartedAfterADowntime();
        late.yieldsTo(() -> true, 200);
        late.runUntilIdle(now.get());
        assertEquals(12, samplesPerBucket(10_000).size());
        assertTrue(samplesPerBucket(10_000).stream().allMatch(n -> n == 2));
        assertEquals(List.of(12L, 12L), samplesPerBucket(60_000));
    }

    @Test
    void aVmFirstSeenDuringADowntimeIsCaughtUpFromItsFirstBucket() throws Exception {
        store(0, 24);
        for (int i = 12; i < 24; i++) {
            VmSample s = sample(i);
            assertTrue(writer.offer(new VmSample(s.agent(), s.receivedAt(), s.records(), new UUID(1, 2), "vm-2", 2,
                    null, s.cpu(), s.memory(), s.disk(), s.net())));
            offered.incrementAndGet();
        }
        store(24, 24);
        now.set(T0 + TimeUnit.MINUTES.toMillis(30));
        job(TIERS).runUntilIdle(now.get());
        List<Object> secondVm = new Queries(db, 10).rows("SELECT r.bucket_start FROM vm_rollup r JOIN vm ON vm.id ="
                + " r.vm_id WHERE vm.uuid = ? AND r.width_ms = 10000 ORDER BY r.bucket_start",
                new UUID(1, 2).toString()).stream().map(r -> r.get("bucket_start")).toList();
        assertEquals(List.of(T0 + 60_000, T0 + 70_000, T0 + 80_000, T0 + 90_000, T0 + 100_000, T0 + 110_000),
                secondVm);
    }

    @Test
    void aCloseOfMoreEntitiesThanOneCommitHoldsWritesEveryOneOfThemInEachTier() throws Exception {
        RollupJob live = job(TIERS);
        int vms = 2_500;
        for (int i = 0; i < 2; i++) {
            VmSample s = sample(i);
            for (int v = 0; v < vms; v++) {
                assertTrue(writer.offer(new VmSample("10.0.1." + (1 + v / 250), s.receivedAt(), s.records(),
                        new UUID(2, v), "vm-" + v, v % 250, null, s.cpu(), s.memory(), s.disk(), s.net())));
                offered.incrementAndGet();
            }
        }
        store(0, 0);
        now.set(T0 + 4 * 60_000);
        live.runUntilIdle(now.get());
        Queries q = new Queries(db, 10);
        assertEquals(List.of(Map.of("rows", (long) vms, "samples", 2L * vms)), q.rows("SELECT COUNT(*) AS \"rows\","
                + " SUM(samples) AS samples FROM vm_rollup WHERE width_ms = 10000").stream().map(this::longs).toList());
        assertEquals(List.of(Map.of("rows", (long) vms, "samples", 2L * vms)), q.rows("SELECT COUNT(*) AS \"rows\","
                + " SUM(samples) AS samples FROM vm_rollup WHERE width_ms = 60000").stream().map(this::longs).toList());
    }

    @Test
    void aCatchUpOfMoreVmsThanOneQueryReadsGivesEachVmTheBucketsOfItsOwnSamples() throws Exception {
        int vms = 250;
        for (int i = 0; i < 2; i++) {
            VmSample s = sample(i);
            for (int v = 0; v < vms; v++) {
                assertTrue(writer.offer(new VmSample("10.0.1." + (1 + v / 100), s.receivedAt(), s.records(),
                        new UUID(3, v), "vm-" + v, v % 100, null, s.cpu(), new VirtMemory(1_000 + v, 4_000),
                        s.disk(), s.net())));
                offered.incrementAndGet();
            }
        }
        store(0, 0);
        now.set(T0 + TimeUnit.MINUTES.toMillis(30));
        job(TIERS).runUntilIdle(now.get());
        List<Map<String, Object>> rows = UnpackedRollupRows.of(RollupRows.VM, new Queries(db, 10).rows("SELECT"
                + " vm.uuid, r.samples, r.measures FROM vm_rollup r JOIN vm ON vm.id = r.vm_id WHERE r.width_ms = 10000"
                + " ORDER BY vm.uuid"));
        assertEquals(vms, rows.size());
        for (Map<String, Object> r : rows) {
            long v = UUID.fromString((String) r.get("uuid")).getLeastSignificantBits();
            assertEquals(List.of(2L, 1_000.0 + v, 1_000.0 + v), List.of(((Number) r.get("samples")).longValue(),
                    ((Number) r.get("vmem_memory_min")).doubleValue(), ((Number) r.get("vmem_memory_max")).doubleValue()),
                    "VM " + v);
        }
    }

    @Test
    void theInterfaceBucketsWrittenLiveEqualThoseComputedAgainFromTheRawSamplesOfSeveralInterfacesOfSeveralNodes()
            throws Exception {
        RollupJob live = job(TIERS);
        for (int i = 0; i < 36; i++) {
            for (int node = 1; node <= 3; node++) {
                for (long ifIndex = 3; ifIndex >= 1; ifIndex--) { // the interfaces of a node interleaved in time
                    long octets = (i * 1_000L * ifIndex * node + (i % 3) * 77 * ifIndex) % U32;
                    assertTrue(writer.offer(new InterfaceSample("10.0.2." + node, T0 + i * STEP + ifIndex * 300, 1,
                            ifIndex, new IfCounters(ifIndex, 6, 1_000_000_000L, 1, 3, octets, i * ifIndex, 0, 0, 0, 0,
                                    0, octets / 2, i, 0, 0, 0, 0, 0), null, "eth" + ifIndex)));
                    offered.incrementAndGet();
                }
            }
        }
        store(0, 0);
        now.set(T0 + 4 * 60_000);
        live.runUntilIdle(now.get());
        Queries q = new Queries(db, 10);
        String read = "SELECT * FROM interface_rollup ORDER BY width_ms, host_id, if_index, bucket_start";
        List<Map<String, Object>> written = UnpackedRollupRows.of(RollupRows.INTERFACE, q.rows(read, List.of()));
        assertEquals(3 * 3 * (18 + 3), written.size());

        jobs.forEach(RollupJob::close);
        try (var c = db.connection(); var st = c.createStatement()) {
            st.executeUpdate("DELETE FROM interface_rollup");
            st.executeUpdate("DELETE FROM rollup_progress");
        }
        job(TIERS).runUntilIdle(now.get());
        assertEquals(written, UnpackedRollupRows.of(RollupRows.INTERFACE, q.rows(read, List.of())));
    }

    private Map<String, Long> longs(Map<String, Object> row) {
        return Map.of("rows", ((Number) row.get("rows")).longValue(), "samples",
                ((Number) row.get("samples")).longValue());
    }

    @Test
    void aGapOfSeveralBucketsHasNoRowsAndTheSamplesAroundItKeepTheirBuckets() throws Exception {
        RollupJob live = job(TIERS);
        store(0, 4);
        store(30, 34);
        now.set(T0 + 4 * 60_000);
        live.runUntilIdle(now.get());
        assertEquals(List.of(T0, T0 + 10_000, T0 + 150_000, T0 + 160_000),
                rows(10_000).stream().map(r -> r.get("bucket_start")).toList());
    }

    @Test
    void eachTierKeepsItsOwnRetention() throws Exception {
        RollupJob live = liveRun(RollupTier.parse("10s:2m,1m:10m"));
        // 10 s buckets older than 2 minutes are gone, the 1 minute ones are kept 10 minutes
        assertEquals(List.of(T0 + 120_000, T0 + 130_000, T0 + 140_000, T0 + 150_000, T0 + 160_000, T0 + 170_000),
                rows(10_000).stream().map(r -> r.get("bucket_start")).toList());
        assertEquals(3, rows(60_000).size());
        now.set(T0 + 20 * 60_000);
        live.runUntilIdle(now.get());
        assertEquals(0, rows(60_000).size());
    }

    @Test
    void theStatusShowsPerTierTheLastBucketClosedTheLagAndTheRowsWritten() throws Exception {
        RollupJob live = liveRun(TIERS);
        RollupJob.Status status = live.status();
        RollupJob.TierStatus fine = status.tiers().get(0);
        assertEquals("10s", fine.interval());
        assertEquals(T0 + 4 * 60_000 - 20_000, fine.lastBucketClosed());
        assertEquals(10_000L, fine.lagMillis());
        assertEquals(18, fine.rowsWritten());
        assertEquals(3, status.tiers().get(1).rowsWritten());
        assertEquals(36, status.samplesFolded());
        assertFalse(status.tiers().isEmpty());
    }
}
