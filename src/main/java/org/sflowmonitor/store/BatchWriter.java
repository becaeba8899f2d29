package org.sflowmonitor.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * waited {@link #COMMIT_INTERVAL_MILLIS}, writes them with JDBC batches on statements prepared
 * once, and commits; so a batch holds at most a quarter of a second of data, and a trickle of
 * samples still costs only a few commits a second. The queue is sized (ingest.queue.capacity) to
 * bridge the seconds H2 sometimes stalls its writers while it stores pages, not to hold a backlog:
 * when it fills, the writer is slower than the input and the loss is counted.
 *
 * <p>When the database fails for a reason that may pass (unreachable, disk full, locked, slow)
 * the writer keeps the batch, shows the fault in {@link #fault()}, and retries with growing
 * pauses until it succeeds; the queue absorbs what arrives meanwhile and counts what it cannot.
 * A batch the database rejects for its data is written again one sample per transaction, so
 * only the offending samples are lost (counted as write errors).
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
    /** last_seen updates written with one batch at most (the sweep is paced, see Entities). */
    private static final int LAST_SEEN_ROWS_PER_BATCH = 5_000;
    /** How long the writer may spend on last_seen at shutdown (close() waits 30 s in all). */
    private static final long LAST_SEEN_FLUSH_MILLIS = 10_000;
    private static final long FIRST_RETRY_PAUSE_MILLIS = 100;
    private static final long MAX_RETRY_PAUSE_MILLIS = 5_000;

    private final DataSource dataSource;
    private final IngestStats stats;
    private final ArrayBlockingQueue<EntitySample> queue;
    private final int batchSize;
    private final Entities entities;
    private final Thread thread;
    private final Object pauseLock = new Object();
    private final AtomicLong lastCommitAt = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private volatile String fault;
    private volatile int inBatch;
    private volatile boolean running = true;
    private Statements statements;

    public BatchWriter(DataSource dataSource, IngestStats stats, Config config) {
        this.dataSource = dataSource;
        this.stats = stats;
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.batchSize = config.batchSize();
        this.entities = new Entities(config.maxHosts(), config.maxVmsPerAgent(), config.maxVms());
        this.thread = new Thread(this::run, "sflow-writer");
        this.thread.setDaemon(true);
    }

    /**
     * Connects and loads every known host and VM on the calling thread, so that a large fleet
     * is in memory before the UDP listener opens (loaded at the first batch, a million VMs took
     * seconds while the queue overflowed), then starts the writer thread. A database that fails
     * here is retried by the writer like any passing fault.
     */
    public BatchWriter start() {
        try {
            connection();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "the database writer could not connect at start; retrying in the background", e);
        }
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

    public int queueDepth() {
        return queue.size();
    }

    public int queueCapacity() {
        return queue.size() + queue.remainingCapacity();
    }

    /** What the writer knows of hosts and VMs now, for the API (the tables' last_seen lags, see Entities). */
    public LiveEntities live() {
        return entities.live();
    }

    /** The current database fault, or null when writing works. */
    public String fault() {
        return fault;
    }

    /** Epoch ms of the last commit; 0 before the first. */
    public long lastCommitAt() {
        return lastCommitAt.get();
    }

    public long commits() {
        return commits.get();
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
        List<EntitySample> batch = new ArrayList<>(batchSize);
        long pause = FIRST_RETRY_PAUSE_MILLIS;
        int failuresWhileStopping = 0;
        while (true) {
            if (batch.isEmpty() && !take(batch)) {
                if (!running) {
                    break;
                }
                sweepWhileIdle();
                continue;
            }
            try {
                write(batch);
                lose(batch, null);
                pause = FIRST_RETRY_PAUSE_MILLIS;
                if (fault != null) {
                    fault = null;
                    LOG.info("database writes work again");
                }
            } catch (SQLException e) {
                discardConnection();
                if (isDataError(e)) {
                    writeOneByOne(batch);
                } else if (!running && ++failuresWhileStopping >= 3) {
                    fault = describe(e);
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
                    fault = describe(e);
                    pause(pause);
                    pause = Math.min(pause * 2, MAX_RETRY_PAUSE_MILLIS);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "unexpected error in the database writer; batch dropped", e);
                discardConnection();
                lose(batch, IngestCounter.WRITE_ERRORS);
            }
        }
        flushLastSeenAndClose();
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

    /** Writes the batch in one transaction; on an exception nothing of it is committed. */
    private void write(List<EntitySample> batch) throws SQLException {
        Statements st = connection();
        PreparedStatement hostRows = st.get(SampleRows.HOST_SAMPLE.insert());
        PreparedStatement mib2Rows = st.get(SampleRows.HOST_MIB2_SAMPLE.insert());
        PreparedStatement vmRows = st.get(SampleRows.VM_SAMPLE.insert());
        PreparedStatement ifRows = st.get(SampleRows.INTERFACE_SAMPLE.insert());
        int hostCount = 0;
        int mib2Count = 0;
        int vmCount = 0;
        int ifCount = 0;
        // outcome per sample, counted only once the commit succeeded
        IngestCounter[] outcome = new IngestCounter[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            EntitySample sample = batch.get(i);
            Entities.Host host = entities.host(st, sample.agent(), sample.receivedAt());
            if (host == null) {
                outcome[i] = IngestCounter.SAMPLES_OVER_ENTITY_LIMIT;
                continue;
            }
            entities.seen(host, sample.receivedAt());
            outcome[i] = IngestCounter.SAMPLES_STORED;
            if (sample instanceof EntitySample.NodeSample node) {
                if (node.descr() != null) {
                    entities.describeHost(st, host, node.descr());
                }
                if (node.adapters() != null) {
                    entities.hostAdapters(st, host, node.adapters());
                }
                if (SampleRows.HOST_SAMPLE.hasRow(node)) {
                    SampleRows.HOST_SAMPLE.bind(hostRows, host.id, node);
                    hostRows.addBatch();
                    hostCount++;
                }
                if (SampleRows.HOST_MIB2_SAMPLE.hasRow(node)) {
                    SampleRows.HOST_MIB2_SAMPLE.bind(mib2Rows, host.id, node);
                    mib2Rows.addBatch();
                    mib2Count++;
                }
            } else if (sample instanceof EntitySample.VmSample vm) {
                Entities.Vm v = entities.vm(st, vm.uuid(), host, vm.name(), vm.dsIndex(), vm.receivedAt());
                if (v == null) {
                    outcome[i] = IngestCounter.SAMPLES_OVER_ENTITY_LIMIT;
                    continue;
                }
                entities.seen(v, vm.receivedAt());
                if (vm.adapters() != null) {
                    entities.vmAdapters(st, v, vm.adapters());
                }
                if (SampleRows.VM_SAMPLE.hasRow(vm)) {
                    SampleRows.VM_SAMPLE.bind(vmRows, v.id, host.id, vm);
                    vmRows.addBatch();
                    vmCount++;
                }
            } else if (sample instanceof EntitySample.InterfaceSample itf) {
                SampleRows.INTERFACE_SAMPLE.bind(ifRows, host.id, itf);
                ifRows.addBatch();
                ifCount++;
            }
        }
        entities.sweepLastSeen(st, System.currentTimeMillis(), LAST_SEEN_ROWS_PER_BATCH);
        entities.executePending(st);
        execute(hostRows, hostCount);
        execute(mib2Rows, mib2Count);
        execute(vmRows, vmCount);
        execute(ifRows, ifCount);
        st.commit();
        lastCommitAt.set(System.currentTimeMillis());
        commits.incrementAndGet();
        count(batch, outcome);
    }

    /**
     * Adds the outcomes to the agents' counters, a run of samples of one agent and outcome at a
     * time (a datagram's samples come together): per sample, the lookups cost a few percent of
     * the writer.
     */
    private void count(List<EntitySample> batch, IngestCounter[] outcome) {
        int i = 0;
        while (i < outcome.length) {
            String agent = batch.get(i).agent();
            IngestCounter counter = outcome[i];
            long samples = 0;
            long records = 0;
            for (; i < outcome.length && outcome[i] == counter && batch.get(i).agent().equals(agent); i++) {
                samples++;
                records += batch.get(i).records();
            }
            stats.add(agent, counter, samples);
            if (counter == IngestCounter.SAMPLES_STORED) {
                stats.add(agent, IngestCounter.RECORDS_STORED, records);
            }
        }
    }

    /** With no samples coming, writes what the last_seen sweep has due in a transaction of its own. */
    private void sweepWhileIdle() {
        if (statements == null) {
            return; // no connection (a fault): the next batch reconnects and retries
        }
        try {
            if (entities.sweepLastSeen(statements, System.currentTimeMillis(), LAST_SEEN_ROWS_PER_BATCH)) {
                entities.executePending(statements);
                statements.commit();
            }
        } catch (SQLException e) {
            LOG.log(Level.FINE, "last_seen sweep failed; the next batch retries", e);
            discardConnection();
        }
    }

    private static void execute(PreparedStatement ps, int rows) throws SQLException {
        if (rows > 0) {
            ps.executeBatch();
        }
    }

    /** After the database refused a batch for its data: each sample in its own transaction. */
    private void writeOneByOne(List<EntitySample> batch) {
        List<EntitySample> one = new ArrayList<>(1);
        while (!batch.isEmpty()) {
            one.add(batch.get(batch.size() - 1));
            try {
                write(one);
            } catch (SQLException e) {
                discardConnection();
                if (!isDataError(e)) {
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

    /** Empties the batch, counting each sample under {@code counter} unless it is null (already counted). */
    private void lose(List<EntitySample> batch, IngestCounter counter) {
        if (counter != null) {
            for (EntitySample s : batch) {
                stats.increment(s.agent(), counter);
            }
        }
        batch.clear();
        inBatch = 0;
    }

    private Statements connection() throws SQLException {
        if (statements == null) {
            Statements st = new Statements(dataSource.getConnection());
            try {
                entities.load(st);
            } catch (SQLException | RuntimeException e) {
                st.rollback();
                st.close();
                throw e;
            }
            statements = st;
        }
        return statements;
    }

    /** Forgets the connection and what the entity cache assumed of the rolled-back transaction. */
    private void discardConnection() {
        if (statements != null) {
            statements.rollback();
            statements.close();
            statements = null;
        }
    }

    private void flushLastSeenAndClose() {
        if (statements != null) {
            try {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LAST_SEEN_FLUSH_MILLIS);
                if (!entities.flushLastSeen(statements, LAST_SEEN_ROWS_PER_BATCH, deadline)) {
                    LOG.info("last_seen of some hosts and VMs was not written within " + LAST_SEEN_FLUSH_MILLIS
                            + " ms at shutdown; their stored last_seen is up to a sweep period old");
                }
                statements.commit();
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "could not write last_seen at shutdown", e);
            }
            discardConnection();
        }
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

    private static String describe(SQLException e) {
        return e.getMessage() + " (SQLState " + e.getSQLState() + ")";
    }

    /** SQLSTATE classes 22 (data exception) and 23 (constraint violation): retrying cannot help. */
    private static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }
}
