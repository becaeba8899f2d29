package org.sflowmonitor.store;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.sflowmonitor.ingest.EntitySample;

/**
 * Writes the rollup tiers. The finest tier is folded in memory from the batches the writer
 * committed ({@link #committed}, one queue offer per batch on the writer thread); a bucket is
 * written when it closed ({@code grace} after its end) by replacing that range of buckets,
 * so writing one twice gives the same rows. A bucket the job did not see from its start (the
 * first ones after a start, those of a batch the full queue refused, those of a failed write)
 * is computed from the raw samples instead, entity by entity through the (entity, ts) indexes;
 * that is also how the buckets of a downtime are caught up, as far as raw samples remain. Each
 * coarser tier is merged from the finer tier's rows once the finer tier has closed its bucket.
 * Rows go to the database in batches as they are computed, and between batches the job folds in
 * what the writer committed meanwhile: a long piece (a close of a million entities, a catch-up)
 * neither holds its rows in memory nor lets the queue overflow, which would cost the next
 * buckets a computation from raw samples, and so on.
 * Progress ({@code rollup_progress}) is written after the rows of a range, so a restart resumes
 * after the last range written whole and replaces a range it had begun. Tiers keep their own retention. Like the writer, the
 * thread is never interrupted (H2 closes its file on an interrupt during I/O): it stops within
 * a second of {@link #close()}. This class is the thread, its queue and its status; the folding
 * is {@link RollupMemory}'s, what is due when {@link RollupSchedule}'s, the buckets computed from
 * the database {@link RollupSources}' and the writes {@link RollupStore}'s. One piece although
 * over 300 lines: what is left (the writer thread's offers, the job's loop, its leading or
 * following and collector.status) shares one queue, one leadership state and one set of counters.
 * <p>Several collectors on one PostgreSQL: only the job that holds the database's rollup lock
 * ({@link RollupLeadership}) writes rollups, computing from raw samples the buckets that other
 * collectors may have stored samples in, so that each bucket is that of every sample stored
 * whichever collector stored it. The others fold nothing; they note the samples their writer
 * stored after the bucket was due ({@code rollup_late}), which the writing job computes again.
 * When the writing collector stops, another job takes the lock and goes on from the progress.
 */
public final class RollupJob implements RollupFeed, AutoCloseable {

    /** What collector.status shows of one tier; {@code cpuMillis}: the job thread's CPU writing it, since start. */
    public record TierStatus(String interval, long widthMillis, long retentionMillis, Long lastBucketClosed,
                             Long lagMillis, long rowsWritten, long cpuMillis) {
    }

    /**
     * What collector.status shows of the job; {@code writes}: false while another collector's job
     * writes the rollups; {@code samplesFolded} and {@code foldCpuMillis}: the committed samples
     * folded into the open buckets and the job thread's CPU doing it, since start.
     */
    public record Status(List<TierStatus> tiers, boolean writes, int queueDepth, long batchesDropped, long lateSamples,
                         long samplesFolded, long foldCpuMillis, String fault) {
    }

    public static final long DEFAULT_GRACE_MILLIS = 15_000;
    /** How far before a range the catch-up reads raw samples for the rates of its first samples. */
    static final long LOOKBACK_MILLIS = 120_000;
    /** Committed samples waiting to be folded at most; a batch beyond is dropped (its buckets come from raw samples). */
    private static final int QUEUE_SAMPLES = 1_280_000;
    /** The longest the job waits at a time for ingest to catch up (see {@link #yieldsTo}). */
    static final long YIELD_MILLIS = 1_000;
    /** How many times its work a step may wait for ingest in all. */
    static final int WAITS_PER_WORK = 3;
    private static final Logger LOG = Logger.getLogger(RollupJob.class.getName());

    private final DataSource dataSource;
    private final List<RollupTier> tiers;
    private final long rawRetentionMillis;
    private final LongSupplier clock;
    private final LinkedBlockingQueue<RollupMemory.Batch> queue = new LinkedBlockingQueue<>();
    /** The samples of the batches in {@link #queue}: the queue is bounded by samples, whatever the writer's batch size. */
    private final AtomicInteger queuedSamples = new AtomicInteger();
    private final long graceMillis;
    /** Replaced when this job starts writing the rollups again after another collector's job did. */
    private volatile RollupSchedule schedule;
    /** PostgreSQL only, on the job's thread: whether this job writes the rollups. */
    private RollupLeadership leadership;
    private boolean dialectKnown;
    /** Another collector's job writes the rollups: batches are only looked at for late samples. */
    private volatile boolean following;
    /** While following: the earliest late sample not yet noted; Long.MAX_VALUE: none. */
    private final AtomicLong lateToNote = new AtomicLong(Long.MAX_VALUE);
    private volatile String instanceId;
    private volatile BooleanSupplier ingestBehind = () -> false;
    private volatile long yieldNanos = TimeUnit.MILLISECONDS.toNanos(YIELD_MILLIS);
    /** The job thread's current step: when it began and how long it has waited for ingest. */
    private long stepStartedAt;
    private long stepWaited;
    private final AtomicLong droppedThrough = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong batchesDropped = new AtomicLong();
    private final AtomicLong lateSamples = new AtomicLong();
    private final Thread thread;
    private volatile long[] closedSnapshot;
    private volatile String fault;
    private final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    private final AtomicLong samplesFolded = new AtomicLong();
    private final AtomicLong foldCpuNanos = new AtomicLong();
    private final AtomicLongArray tierCpuNanos;
    private volatile boolean running = true;

    /**
     * @param tiers              finest first, as {@link RollupTier#parse} gives them
     * @param rawRetentionMillis how long raw samples are kept (retention.days): how far back a catch-up can reach
     * @param clock              epoch ms now
     * @param graceMillis        how long after its end a bucket is closed (samples wait in the writer's queue)
     */
    public RollupJob(DataSource dataSource, List<RollupTier> tiers, long rawRetentionMillis, LongSupplier clock,
                     long graceMillis) {
        this.dataSource = dataSource;
        this.tiers = List.copyOf(tiers);
        this.rawRetentionMillis = rawRetentionMillis;
        this.clock = clock;
        this.graceMillis = graceMillis;
        this.schedule = tiers.isEmpty() ? null
                : new RollupSchedule(this.tiers, rawRetentionMillis, graceMillis, clock.getAsLong(), null);
        this.tierCpuNanos = new AtomicLongArray(tiers.size());
        this.thread = new Thread(this::run, "sflow-rollup");
        this.thread.setDaemon(true);
    }

    /** How long after its end a bucket is closed: {@link #DEFAULT_GRACE_MILLIS}, or the finest width when shorter. */
    public static long graceFor(List<RollupTier> tiers) {
        return tiers.isEmpty() ? DEFAULT_GRACE_MILLIS : Math.min(DEFAULT_GRACE_MILLIS, tiers.get(0).widthMillis());
    }

    /** A job without tiers: rolls nothing up. */
    public static RollupJob disabled() {
        return new RollupJob(null, List.of(), 0, System::currentTimeMillis, DEFAULT_GRACE_MILLIS);
    }

    public List<RollupTier> tiers() {
        return tiers;
    }

    /** How long raw samples are kept. */
    public long rawRetentionMillis() {
        return rawRetentionMillis;
    }

    /** The collector's instance id (collector_instance): the other collectors are those with another one. */
    public void runsAs(String instanceId) {
        this.instanceId = instanceId;
    }

    /**
     * Makes the job give way to ingest: before each step and between the batches of one, while
     * {@code ingestBehind} says the writer is falling behind, the job waits (up to
     * {@link #YIELD_MILLIS} at a time, folding what the writer commits meanwhile), so that a
     * catch-up of a million entities or a large close does not take the CPU the writer needs
     * to keep its queue from overflowing. Rollups are written later instead; samples are not lost.
     * A step waits in all at most {@value #WAITS_PER_WORK} times as long as it worked plus one
     * wait, so that a writer that stays behind slows the rollups to a quarter of their speed at
     * worst rather than stopping them (at half speed, a close from raw samples of a million VMs
     * still took the writer's share of the second core).
     */
    public void yieldsTo(BooleanSupplier ingestBehind) {
        yieldsTo(ingestBehind, YIELD_MILLIS);
    }

    /** The same with waits of at most {@code waitMillis} (tests). */
    void yieldsTo(BooleanSupplier ingestBehind, long waitMillis) {
        this.yieldNanos = TimeUnit.MILLISECONDS.toNanos(waitMillis);
        this.ingestBehind = ingestBehind;
    }

    public RollupJob start() {
        if (!tiers.isEmpty()) {
            thread.start();
        }
        return this;
    }

    /** Writer thread: one offer; a full queue costs this batch's buckets a recomputation from raw samples. */
    @Override
    public void committed(List<EntitySample> batch, long[] hostIds, long[] vmIds) {
        if (tiers.isEmpty() || batch.isEmpty()) {
            return;
        }
        if (following) {
            noteIfLate(batch, hostIds);
            return;
        }
        RollupMemory.Batch b = new RollupMemory.Batch(List.copyOf(batch), hostIds.clone(), vmIds.clone());
        if (queuedSamples.addAndGet(batch.size()) <= QUEUE_SAMPLES) {
            queue.add(b);
        } else {
            queuedSamples.addAndGet(-batch.size());
            long newest = Long.MIN_VALUE;
            for (EntitySample s : batch) {
                newest = Math.max(newest, s.receivedAt());
            }
            long through = newest;
            droppedThrough.accumulateAndGet(through, Math::max);
            batchesDropped.incrementAndGet();
        }
    }

    /**
     * While another collector's job writes the rollups: remembers the earliest sample of the batch
     * whose bucket that job may already have computed (due {@code graceMillis} after its end, by
     * its clock; a third of the grace allowed for the clocks' difference).
     */
    private void noteIfLate(List<EntitySample> batch, long[] hostIds) {
        long due = EntityRollup.bucketStart(clock.getAsLong() - graceMillis + graceMillis / 3,
                tiers.get(0).widthMillis());
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < batch.size(); i++) {
            long ts = batch.get(i).receivedAt();
            if (hostIds[i] >= 0 && ts < due) {
                earliest = Math.min(earliest, ts);
            }
        }
        if (earliest != Long.MAX_VALUE) {
            lateToNote.accumulateAndGet(earliest, Math::min);
        }
    }

    public Status status() {
        long now = clock.getAsLong();
        long[] closed = closedSnapshot;
        List<TierStatus> out = new ArrayList<>();
        for (int i = 0; i < tiers.size(); i++) {
            RollupTier t = tiers.get(i);
            Long last = closed == null ? null : closed[i] - t.widthMillis();
            Long lag = closed == null ? null : Math.max(0, now - closed[i]);
            out.add(new TierStatus(t.name(), t.widthMillis(), t.retentionMillis(), last, lag,
                    schedule.rowsWritten(i), tierCpuNanos.get(i) / 1_000_000));
        }
        return new Status(out, !following, queue.size(), batchesDropped.get(), lateSamples.get(), samplesFolded.get(),
                foldCpuNanos.get() / 1_000_000, fault);
    }

    private void run() {
        while (running) {
            boolean busy = false;
            try {
                busy = step(clock.getAsLong());
                if (fault != null) {
                    fault = null;
                    LOG.info("rollups are written again");
                }
            } catch (SQLException | RuntimeException e) {
                if (fault == null) {
                    LOG.log(Level.WARNING, "writing rollups failed; retrying, the buckets are computed again", e);
                }
                fault = e.getMessage();
                pause(5);
            }
            if (!busy) {
                RollupMemory.Batch b = poll();
                if (b != null) {
                    feed(b);
                }
            }
        }
    }

    /** What runs between two pieces of the job's work: waiting while ingest is behind, then folding what came. */
    private void between() {
        long started = System.nanoTime();
        long worked = started - stepStartedAt - stepWaited;
        long until = started + Math.min(yieldNanos, WAITS_PER_WORK * worked + yieldNanos - stepWaited);
        while (running && System.nanoTime() < until && ingestBehind.getAsBoolean()) {
            RollupMemory.Batch b = poll(20);
            if (b != null) {
                feed(b);
            }
        }
        stepWaited += System.nanoTime() - started;
        drain();
    }

    private RollupMemory.Batch poll() {
        return poll(1_000);
    }

    private RollupMemory.Batch poll(long millis) {
        try {
            return taken(queue.poll(millis, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            return taken(queue.poll()); // not ours to keep; see the class comment
        }
    }

    private RollupMemory.Batch taken(RollupMemory.Batch b) {
        if (b != null) {
            queuedSamples.addAndGet(-b.samples().size());
        }
        return b;
    }

    /**
     * Takes what the writer committed, then does the next piece of due work: closes the finest
     * tier's due buckets (or one chunk of catch-up), merges one due bucket of a coarser tier, or
     * applies retention. Returns whether it did any, so that a caller can repeat until idle.
     */
    boolean step(long now) throws SQLException {
        if (tiers.isEmpty()) {
            return false;
        }
        if (!writesRollups(now)) {
            return false;
        }
        stepStartedAt = System.nanoTime();
        stepWaited = 0;
        between();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long foldBefore = foldCpuNanos.get();
                long cpuBefore = cpu.getCurrentThreadCpuTime();
                boolean worked = schedule.next(c, now, this::between);
                int tier = schedule.lastWritten();
                if (tier >= 0) {
                    // the folds run between its batches are the fold's
                    tierCpuNanos.addAndGet(tier, cpu.getCurrentThreadCpuTime() - cpuBefore
                            - (foldCpuNanos.get() - foldBefore));
                }
                closedSnapshot = schedule.closedUntil();
                return worked;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                schedule.failed(now);
                throw e;
            }
        }
    }

    /**
     * Whether this job writes the rollups: always on H2; on PostgreSQL while it holds the lock.
     * Notes what it must first (its late samples, or the rewind it had not written yet when it
     * lost the lock); when it takes the lock after another job wrote, it starts as after a start.
     */
    private boolean writesRollups(long now) throws SQLException {
        if (!dialectKnown) {
            try (Connection c = dataSource.getConnection()) {
                if (Dialect.of(c) == Dialect.POSTGRESQL) {
                    leadership = new RollupLeadership(dataSource);
                }
            }
            dialectKnown = true;
        }
        if (leadership == null) {
            return true;
        }
        boolean holds = leadership.holds();
        if (!holds && !following) {
            following = true;
            while (taken(queue.poll()) != null) {
                // dropped: the writing job computes what it needs from raw samples
            }
            long pending = schedule.pendingRewind();
            if (pending != Long.MAX_VALUE) {
                lateToNote.accumulateAndGet(pending, Math::min);
            }
            closedSnapshot = null;
        }
        long late = lateToNote.getAndSet(Long.MAX_VALUE);
        if (late != Long.MAX_VALUE) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                RollupStore.noteLate(c, late);
            } catch (SQLException | RuntimeException e) {
                lateToNote.accumulateAndGet(late, Math::min);
                throw e;
            }
        }
        if (holds && (following || !schedule.shared())) {
            schedule = new RollupSchedule(tiers, rawRetentionMillis, graceMillis, now,
                    new RollupSchedule.Others(() -> instanceId));
            following = false;
        }
        return holds;
    }

    /** Steps until there is nothing left to do at {@code now}. */
    void runUntilIdle(long now) throws SQLException {
        while (step(now)) {
            // next piece
        }
    }

    /** Folds in what the writer committed so far. */
    private void drain() {
        RollupMemory.Batch b;
        while ((b = taken(queue.poll())) != null) {
            feed(b);
        }
    }

    private void feed(RollupMemory.Batch batch) {
        long dropped = droppedThrough.get();
        if (dropped != Long.MIN_VALUE) {
            schedule.lost(dropped);
        }
        long cpuBefore = cpu.getCurrentThreadCpuTime();
        lateSamples.addAndGet(schedule.fold(batch));
        foldCpuNanos.addAndGet(cpu.getCurrentThreadCpuTime() - cpuBefore);
        samplesFolded.addAndGet(batch.samples().size());
    }

    /** Waits about {@code seconds} after a fault, still taking what the writer commits. */
    private void pause(int seconds) {
        for (int i = 0; i < seconds && running; i++) {
            RollupMemory.Batch b = poll();
            if (b != null) {
                feed(b);
            }
        }
    }

    /**
     * Stops after the current step and gives the rollup lock back. Open buckets are not written: a
     * restart (or the collector that takes the lock) computes them from raw samples.
     */
    @Override
    public void close() {
        running = false;
        if (thread.isAlive()) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (leadership != null) {
            leadership.close();
        }
    }
}
