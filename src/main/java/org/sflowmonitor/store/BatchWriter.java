package org.sflowmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.sflowmonitor.ingest.EntitySample;
import org.sflowmonitor.ingest.IngestCounter;
import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.ingest.SampleSink;

/**
 * The one thread that writes samples to the database. Samples wait in a bounded queue (a full
 * queue refuses them, and the caller counts the loss); the writer takes whatever is queued, up
 * to the batch size, writes it with JDBC batches and commits. When the database fails for a
 * reason that may pass (unreachable, disk full, locked) the writer keeps the batch, reports the
 * fault, and retries with growing pauses until it succeeds; the queue absorbs what arrives
 * meanwhile. A batch the database rejects for its data is counted as write errors and dropped.
 */
public final class BatchWriter implements SampleSink, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BatchWriter.class.getName());
    private static final long LAST_SEEN_FLUSH_MILLIS = 5_000;
    private static final long MAX_RETRY_PAUSE_MILLIS = 10_000;

    private final Database db;
    private final IngestStats stats;
    private final ArrayBlockingQueue<EntitySample> queue;
    private final int batchSize;
    private final int maxVmsPerNode;
    private final Entities entities = new Entities();
    private final Thread thread;
    private final AtomicReference<String> fault = new AtomicReference<>();
    private final AtomicLong lastCommitAt = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private volatile boolean running = true;
    private boolean entitiesLoaded;
    private long lastSeenFlushedAt;

    public BatchWriter(Database db, IngestStats stats, int queueCapacity, int batchSize, int maxVmsPerNode) {
        this.db = db;
        this.stats = stats;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.batchSize = batchSize;
        this.maxVmsPerNode = maxVmsPerNode;
        this.thread = new Thread(this::run, "sflow-writer");
        this.thread.setDaemon(true);
    }

    public BatchWriter start() {
        thread.start();
        return this;
    }

    @Override
    public boolean offer(EntitySample sample) {
        return running && queue.offer(sample);
    }

    public int queueDepth() {
        return queue.size();
    }

    public int queueCapacity() {
        return queue.size() + queue.remainingCapacity();
    }

    /** The current database fault, or null when writing works. */
    public String fault() {
        return fault.get();
    }

    /** Epoch ms of the last commit; 0 before the first. */
    public long lastCommitAt() {
        return lastCommitAt.get();
    }

    public long commits() {
        return commits.get();
    }

    /** Stops taking samples, writes out what is queued (waiting at most {@code timeoutMillis}), stops the thread. */
    public void close(long timeoutMillis) {
        running = false;
        thread.interrupt();
        try {
            thread.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warning("the database writer did not finish within " + timeoutMillis + " ms; "
                    + queue.size() + " queued samples are lost");
            thread.interrupt();
        }
    }

    @Override
    public void close() {
        close(30_000);
    }

    private void run() {
        List<EntitySample> batch = new ArrayList<>(batchSize);
        Connection c = null;
        long pause = 100;
        while (running || !queue.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty() && !take(batch)) {
                    if (c != null && System.currentTimeMillis() - lastSeenFlushedAt >= LAST_SEEN_FLUSH_MILLIS) {
                        flushLastSeen(c);
                    }
                    continue;
                }
                if (c == null) {
                    c = db.connection();
                    c.setAutoCommit(false);
                }
                write(c, batch);
                batch.clear();
                pause = 100;
                if (fault.getAndSet(null) != null) {
                    LOG.info("database writes work again");
                }
            } catch (SQLException e) {
                rollback(c);
                entitiesLoaded = false;
                if (isDataError(e)) {
                    countWriteErrors(batch);
                    LOG.log(Level.WARNING, "the database refused a batch of " + batch.size() + " samples", e);
                    batch.clear();
                } else {
                    if (fault.getAndSet(e.getMessage()) == null) {
                        LOG.log(Level.WARNING, "database write failed; retrying, samples wait in the queue", e);
                    }
                    close(c);
                    c = null;
                    if (!running && queue.isEmpty()) {
                        // stopping and the database is gone: nothing more can be saved
                        countWriteErrors(batch);
                        batch.clear();
                        break;
                    }
                    pause = sleep(pause);
                }
            } catch (InterruptedException e) {
                // close() interrupts to wake us; the loop condition decides whether to go on
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "unexpected error in the database writer; batch dropped", e);
                countWriteErrors(batch);
                batch.clear();
                rollback(c);
                entitiesLoaded = false;
            }
        }
        if (c != null) {
            try {
                flushLastSeen(c);
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "could not write last_seen at shutdown", e);
            }
            close(c);
        }
    }

    private boolean take(List<EntitySample> batch) throws InterruptedException {
        EntitySample first = running ? queue.poll(500, TimeUnit.MILLISECONDS) : queue.poll();
        if (first == null) {
            return false;
        }
        batch.add(first);
        queue.drainTo(batch, batchSize - 1);
        return true;
    }

    private long sleep(long pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            // woken by close(): try once more right away
        }
        return Math.min(pause * 2, MAX_RETRY_PAUSE_MILLIS);
    }

    private void write(Connection c, List<EntitySample> batch) throws SQLException {
        if (!entitiesLoaded) {
            entities.load(c);
            entitiesLoaded = true;
        }
        int[] stored = new int[batch.size()];
        try (PreparedStatement hostRows = c.prepareStatement(SampleRows.insert("host_sample", SampleRows.HOST_SAMPLE));
             PreparedStatement mib2Rows = c.prepareStatement(
                     SampleRows.insert("host_mib2_sample", SampleRows.HOST_MIB2_SAMPLE));
             PreparedStatement vmRows = c.prepareStatement(SampleRows.insert("vm_sample", SampleRows.VM_SAMPLE));
             PreparedStatement ifRows = c.prepareStatement(
                     SampleRows.insert("interface_sample", SampleRows.INTERFACE_SAMPLE))) {
            int hostCount = 0;
            int mib2Count = 0;
            int vmCount = 0;
            int ifCount = 0;
            for (int i = 0; i < batch.size(); i++) {
                EntitySample sample = batch.get(i);
                Entities.Host host = entities.host(c, sample.agent().getHostAddress(), sample.receivedAt());
                if (sample instanceof EntitySample.NodeSample node) {
                    if (node.descr() != null) {
                        entities.describeHost(c, host, node.descr());
                    }
                    if (node.adapters() != null) {
                        entities.hostAdapters(c, host, node.adapters());
                    }
                    if (SampleRows.hasHostRow(node)) {
                        SampleRows.bindHost(hostRows, host.id, node);
                        hostRows.addBatch();
                        hostCount++;
                    }
                    if (SampleRows.hasMib2Row(node)) {
                        SampleRows.bindMib2(mib2Rows, host.id, node);
                        mib2Rows.addBatch();
                        mib2Count++;
                    }
                    stored[i] = 1;
                } else if (sample instanceof EntitySample.VmSample vm) {
                    Entities.Vm v = entities.vm(c, vm.uuid(), host, vm.name(), vm.dsIndex(), vm.receivedAt(),
                            maxVmsPerNode);
                    if (v == null) {
                        stats.increment(host(sample), IngestCounter.SAMPLES_OVER_ENTITY_LIMIT);
                        continue;
                    }
                    if (vm.adapters() != null) {
                        entities.vmAdapters(c, v, vm.adapters());
                    }
                    if (vm.cpu() != null || vm.memory() != null || vm.disk() != null || vm.net() != null) {
                        SampleRows.bindVm(vmRows, v.id, host.id, vm);
                        vmRows.addBatch();
                        vmCount++;
                    }
                    stored[i] = 1;
                } else if (sample instanceof EntitySample.InterfaceSample itf) {
                    SampleRows.bindInterface(ifRows, host.id, itf);
                    ifRows.addBatch();
                    ifCount++;
                    stored[i] = 1;
                }
            }
            if (hostCount > 0) {
                hostRows.executeBatch();
            }
            if (mib2Count > 0) {
                mib2Rows.executeBatch();
            }
            if (vmCount > 0) {
                vmRows.executeBatch();
            }
            if (ifCount > 0) {
                ifRows.executeBatch();
            }
        }
        long now = System.currentTimeMillis();
        if (now - lastSeenFlushedAt >= LAST_SEEN_FLUSH_MILLIS) {
            entities.flushLastSeen(c);
            lastSeenFlushedAt = now;
        }
        c.commit();
        lastCommitAt.set(now);
        commits.incrementAndGet();
        for (int i = 0; i < batch.size(); i++) {
            if (stored[i] == 1) {
                stats.increment(host(batch.get(i)), IngestCounter.SAMPLES_STORED);
            }
        }
    }

    private void flushLastSeen(Connection c) throws SQLException {
        if (!entitiesLoaded) {
            return;
        }
        try {
            entities.flushLastSeen(c);
            c.commit();
            lastSeenFlushedAt = System.currentTimeMillis();
        } catch (SQLException e) {
            rollback(c);
            entitiesLoaded = false;
            throw e;
        }
    }

    private static String host(EntitySample s) {
        return s.agent().getHostAddress();
    }

    private void countWriteErrors(List<EntitySample> batch) {
        for (EntitySample s : batch) {
            stats.increment(host(s), IngestCounter.WRITE_ERRORS);
        }
    }

    /** SQLSTATE classes 22 (data exception) and 23 (constraint violation): retrying cannot help. */
    private static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private static void rollback(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "rollback failed", e);
        }
    }

    private static void close(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "close failed", e);
        }
    }
}
