package org.sflowmonitor.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.sflowmonitor.ingest.EntitySample;
import org.sflowmonitor.ingest.IngestCounter;
import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.ingest.SampleSink;

/**
 * The one thread that writes samples to the database. Samples wait in a bounded queue (a full
 * queue refuses them, and the caller counts the loss), so the heap stays bounded whatever the
 * input rate. The writer collects samples until it has a batch's worth or the first of them
 * waited {@link #COMMIT_INTERVAL_MILLIS} and has {@link WriterConnection} write them in one
 * transaction; so a batch holds at most a quarter of a second of data, and a trickle of
 * samples still costs only a few commits a second. The queue (ingest.queue.capacity) bridges the
 * seconds H2 sometimes stalls its writers while it stores pages, and the backlog of a slow round,
 * such as the first of a cluster never seen (every node and VM created), which the cheaper rounds
 * after it catch up on; when it fills, the writer is slower than the input and the loss is counted.
 *
 * <p>When the database fails for a reason that may pass (unreachable, disk full, locked, slow)
 * the writer keeps the batch, shows the fault in {@link #fault()}, and retries with growing
 * pauses until it succeeds; the queue absorbs what arrives meanwhile and counts what it cannot.
 * A batch the database rejects for its data is written again one sample per transaction, so
 * only the offending samples are lost (counted as write errors). See {@link RetryPolicy}.
 *
 * <p>The thread is never interrupted: H2 closes its database file when a thread is interrupted
 * in the middle of file I/O.
 */
public final class BatchWriter implements SampleSink, AutoCloseable {

    /** Queue and batch bounds, and how many entities samples may create. */
    public record Config(int queueCapacity, int batchSize, int maxHosts, int maxVmsPerAgent, int maxVms) {

        /** The default bound on VMs in all (setting vms.max). */
        public static final int DEFAULT_MAX_VMS = 2_000_000;

        public Config(int queueCapacity, int batchSize, int maxHosts, int maxVmsPerAgent) {
            this(queueCapacity, batchSize, maxHosts, maxVmsPerAgent, DEFAULT_MAX_VMS);
        }
    }

    private static final Logger LOG = Logger.getLogger(BatchWriter.class.getName());
    private static final long POLL_MILLIS = 100;
    static final long COMMIT_INTERVAL_MILLIS = 250;
    /**
     * Batches' worth of samples waiting beyond which the writer is behind (at most a quarter of its
     * queue): a batch or two waiting is the writer at work; more, and the rollup job and the
     * answers ({@link IngestFirst}) give way until it has caught up.
     */
    static final int BEHIND_BATCHES = 4;

    private final IngestStats stats;
    private final ArrayBlockingQueue<EntitySample> queue;
    private final int batchSize;
    private final Entities entities;
    private final WriterConnection connection;
    private final LatestValues latest = new LatestValues();
    private final LatestState latestState = new LatestState();
    private final Thread thread;
    private final int behindAt;
    private final IngestFirst ingestFirst;
    private final Object pauseLock = new Object();
    private volatile String fault;
    private volatile int inBatch;
    private volatile boolean running = true;

    public BatchWriter(DataSource dataSource, IngestStats stats, Config config) {
        this(dataSource, stats, config, RollupFeed.NONE);
    }

    /** A writer that hands each committed batch to {@code rollups}. */
    public BatchWriter(DataSource dataSource, IngestStats stats, Config config, RollupFeed rollups) {
        this.stats = stats;
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.batchSize = config.batchSize();
        this.entities = new Entities(config.maxHosts(), config.maxVmsPerAgent(), config.maxVms());
        this.connection = new WriterConnection(dataSource, entities, rollups, latest, latestState);
        this.thread = new Thread(this::run, "sflow-writer");
        this.behindAt = Math.min(BEHIND_BATCHES * batchSize, config.queueCapacity() / 4);
        this.ingestFirst = new IngestFirst(IngestFirst.CONCURRENCY, this::behind, IngestFirst.MAX_WAIT_MILLIS);
        this.thread.setDaemon(true);
    }

    /**
     * Starts the writer thread, which first connects and loads every known host and VM (a million
     * VMs take seconds), while the UDP listener already opens: what arrives meanwhile waits in the
     * queue. A database that fails here is retried by the writer like any passing fault.
     */
    public BatchWriter start() {
        thread.start();
        return this;
    }

    @Override
    public boolean offer(EntitySample sample) {
        return running && queue.offer(sample);
    }

    /** Samples taken but not yet stored or counted as lost: the queue plus the batch being written. */
    public int pending() {
        return queue.size() + inBatch;
    }

    /**
     * Whether the writer is falling behind: more than {@link #BEHIND_BATCHES} batches' worth of
     * samples wait (at most a quarter of its queue), where a batch or two wait while it keeps up.
     * Not while the database fails: then the writer waits for it, not for the CPU, and nothing
     * gains by giving way.
     */
    public boolean behind() {
        return fault == null && pending() > behindAt;
    }

    /** Where API calls, scrapes and push rounds give way to this writer. */
    public IngestFirst ingestFirst() {
        return ingestFirst;
    }

    public int queueDepth() {
        return queue.size();
    }

    public int queueCapacity() {
        return queue.size() + queue.remainingCapacity();
    }

    /** What the writer knows of hosts and VMs now, for the API (the tables' last_seen lags, see LastSeenSweep). */
    public LiveEntities live() {
        return entities.live();
    }

    /** The newest values of every node, VM and interface stored, counters widened, for /metrics. */
    public LatestValues latest() {
        return latest;
    }

    /** The newest two samples of every node and VM, for the summaries. */
    public LatestState latestState() {
        return latestState;
    }

    /** How long the writer's transactions take. */
    public CommitLatency commitLatency() {
        return connection.latency();
    }

    /** The current database fault, or null when writing works. */
    public String fault() {
        return fault;
    }

    /** Epoch ms of the last commit; 0 before the first. */
    public long lastCommitAt() {
        return connection.lastCommitAt();
    }

    public long commits() {
        return connection.commits();
    }

    /**
     * Stops taking samples and writes out what is queued, waiting at most {@code timeoutMillis}.
     * When the database is down at that moment, what is queued is counted as write errors.
     */
    public void close(long timeoutMillis) {
        running = false;
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
        try {
            thread.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warning("the database writer did not finish within " + timeoutMillis + " ms; "
                    + pending() + " queued samples are lost");
        }
    }

    @Override
    public void close() {
        close(30_000);
    }

    private void run() {
        try {
            connection.open();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "the database writer could not connect at start; retrying at the first batch", e);
        }
        List<EntitySample> batch = new ArrayList<>(batchSize);
        RetryPolicy retry = new RetryPolicy();
        int failuresWhileStopping = 0;
        while (true) {
            if (batch.isEmpty() && !take(batch)) {
                if (!running) {
                    break;
                }
                connection.sweepWhileIdle();
                continue;
            }
            try {
                connection.write(batch).addTo(stats, batch);
                ingestFirst.writerProgressed();
                forgetCounted(batch);
                retry.succeeded();
                if (fault != null) {
                    fault = null;
                    LOG.info("database writes work again");
                }
            } catch (SQLException e) {
                connection.discard();
                if (RetryPolicy.isDataError(e)) {
                    writeOneByOne(batch);
                } else if (!running && ++failuresWhileStopping >= 3) {
                    fault = RetryPolicy.describe(e);
                    LOG.log(Level.WARNING, "the database is failing while stopping; " + pending()
                            + " queued samples are lost", e);
                    lose(batch, IngestCounter.WRITE_ERRORS);
                    queue.drainTo(batch);
                    lose(batch, IngestCounter.WRITE_ERRORS);
                    break;
                } else {
                    if (fault == null) {
                        LOG.log(Level.WARNING, "database write failed; retrying, samples wait in the queue", e);
                    }
                    fault = RetryPolicy.describe(e);
                    ingestFirst.writerProgressed(); // not behind() while the database fails: no one waits for it
                    pause(retry.nextPause());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "unexpected error in the database writer; batch dropped", e);
                connection.discard();
                lose(batch, IngestCounter.WRITE_ERRORS);
            }
        }
        connection.flushAndClose();
    }

    /**
     * Takes samples until the batch is full or the commit interval since the first one passed;
     * false when nothing came within the poll time.
     */
    private boolean take(List<EntitySample> batch) {
        EntitySample first = poll(running ? POLL_MILLIS : 0);
        if (first == null) {
            return false;
        }
        long commitAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(COMMIT_INTERVAL_MILLIS);
        batch.add(first);
        while (true) {
            queue.drainTo(batch, batchSize - batch.size());
            inBatch = batch.size();
            long wait = commitAt - System.nanoTime();
            if (batch.size() >= batchSize || wait <= 0 || !running) {
                return true;
            }
            EntitySample next = poll(TimeUnit.NANOSECONDS.toMillis(wait) + 1);
            if (next != null) {
                batch.add(next);
            }
        }
    }

    private EntitySample poll(long millis) {
        try {
            return queue.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return queue.poll(); // not ours to keep; see the class comment
        }
    }

    /** After the database refused a batch for its data: each sample in its own transaction. */
    private void writeOneByOne(List<EntitySample> batch) {
        List<EntitySample> one = new ArrayList<>(1);
        while (!batch.isEmpty()) {
            one.add(batch.get(batch.size() - 1));
            try {
                connection.write(one).addTo(stats, one);
            } catch (SQLException e) {
                connection.discard();
                if (!RetryPolicy.isDataError(e)) {
                    return; // a passing fault: the rest of the batch is retried as usual
                }
                LOG.log(Level.WARNING, "the database refused a sample of " + one.get(0).agent(), e);
                stats.increment(one.get(0).agent(), IngestCounter.WRITE_ERRORS);
            }
            one.clear();
            batch.remove(batch.size() - 1);
            inBatch = batch.size();
        }
    }

    /** Empties the batch, every sample of it counted already. */
    private void forgetCounted(List<EntitySample> batch) {
        batch.clear();
        inBatch = 0;
    }

    /** Empties the batch, counting each sample under {@code counter}. */
    private void lose(List<EntitySample> batch, IngestCounter counter) {
        for (EntitySample s : batch) {
            stats.increment(s.agent(), counter);
        }
        forgetCounted(batch);
    }

    /** Sleeps between retries; close() shortens it. */
    private void pause(long millis) {
        synchronized (pauseLock) {
            try {
                pauseLock.wait(running ? millis : Math.min(millis, 200));
            } catch (InterruptedException e) {
                // not ours to keep: an interrupt flag left set would make H2 close its file
            }
        }
    }
}
