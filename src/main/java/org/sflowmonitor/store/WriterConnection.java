package org.sflowmonitor.store;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.sflowmonitor.ingest.EntitySample;

/**
 * The writer thread's connection and what it writes: a batch of samples in one transaction
 * (entity changes first, then the sample rows ({@link BatchRows}) and what keeps each entity's
 * newest two samples in its {@link LatestTable}: a merge per sample on PostgreSQL, a
 * {@link LatestCheckpoint} slice on H2; JDBC batches on statements prepared once),
 * the last_seen sweep's slices between batches, and the sweep's flush at shutdown. The entity
 * cache is loaded with each new connection, so a rolled-back transaction leaves no trace in it:
 * after any failure the caller {@link #discard}s the connection and the next write opens another.
 * Which failures are retried is the caller's decision. Writer thread only, except the commit
 * figures.
 */
final class WriterConnection {

    private static final Logger LOG = Logger.getLogger(WriterConnection.class.getName());
    /** last_seen updates written with one batch at most (the sweep is paced, see LastSeenSweep). */
    private static final int LAST_SEEN_ROWS_PER_BATCH = 5_000;
    /** How long the writer may spend on last_seen at shutdown (BatchWriter.close() waits 30 s in all). */
    private static final long LAST_SEEN_FLUSH_MILLIS = 8_000;
    /** How long the writer may spend on the latest state's changes at shutdown, before last_seen. */
    private static final long CHECKPOINT_FLUSH_MILLIS = 15_000;

    private final DataSource dataSource;
    private final Entities entities;
    private final RollupFeed rollups;
    private final AtomicLong lastCommitAt = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final LatestValues latest;
    private final LatestState latestState;
    private final CommitLatency latency = new CommitLatency();
    private Statements statements;
    /**
     * Whether the database is PostgreSQL, where the latest state notes the writer's transaction
     * ids and each sample is merged into the latest tables; on H2 the {@link LatestCheckpoint}
     * writes them.
     */
    private boolean postgresql;
    private Dialect dialect;
    private final LatestCheckpoint checkpoint;

    WriterConnection(DataSource dataSource, Entities entities, RollupFeed rollups, LatestValues latest,
                     LatestState latestState) {
        this.dataSource = dataSource;
        this.entities = entities;
        this.rollups = rollups;
        this.latest = latest;
        this.latestState = latestState;
        this.checkpoint = new LatestCheckpoint(latestState);
    }

    /** Any thread. */
    CommitLatency latency() {
        return latency;
    }

    /** Epoch ms of the last commit; 0 before the first. Any thread. */
    long lastCommitAt() {
        return lastCommitAt.get();
    }

    /** Any thread. */
    long commits() {
        return commits.get();
    }

    /**
     * Connects, when not connected, and loads every known host and VM, and the latest state
     * (on H2 only at the first connection: after that the state is ahead of the tables).
     */
    Statements open() throws SQLException {
        if (statements == null) {
            Statements st = new Statements(dataSource.getConnection());
            try {
                entities.load(st);
                dialect = Dialect.of(st.connection());
                postgresql = dialect == Dialect.POSTGRESQL;
                if (postgresql || !latestState.loaded()) {
                    latestState.load(st.connection());
                }
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
    void discard() {
        if (statements != null) {
            statements.rollback();
            statements.close();
            statements = null;
        }
    }

    /**
     * Writes the batch in one transaction and commits; on an exception nothing of it is committed.
     * The outcomes are for the caller to count.
     */
    SampleOutcomes write(List<EntitySample> batch) throws SQLException {
        long started = System.nanoTime();
        Statements st = open();
        entities.createUnseen(st, batch);
        BatchRows rows = new BatchRows(st, dialect, entities, latest, checkpoint, batch.size());
        for (int i = 0; i < batch.size(); i++) {
            rows.add(i, batch.get(i));
        }
        entities.sweepLastSeen(st, System.currentTimeMillis(), LAST_SEEN_ROWS_PER_BATCH);
        entities.executePending(st);
        rows.execute();
        if (!postgresql) {
            checkpoint.step(st, System.currentTimeMillis());
        }
        commit(st);
        entities.committed();
        checkpoint.committed();
        latestState.committed(rows.newest());
        latency.record(System.nanoTime() - started);
        rollups.committed(batch, rows.hostIds(), rows.vmIds());
        return rows.outcomes();
    }

    private void commit(Statements st) throws SQLException {
        commitOwn(st);
        lastCommitAt.set(System.currentTimeMillis());
        commits.incrementAndGet();
    }

    /** Commits, on PostgreSQL noting the transaction as the writer's own for the latest state's refresh. */
    private void commitOwn(Statements st) throws SQLException {
        long xid = postgresql ? transactionId(st) : 0;
        st.commit();
        if (postgresql) {
            latestState.ownTransactions().add(xid);
        }
    }

    /** The 64-bit id of the transaction in progress (PostgreSQL). */
    private static long transactionId(Statements st) throws SQLException {
        try (java.sql.ResultSet rs = st.get("SELECT pg_current_xact_id()::text::bigint").executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * With no samples coming, writes what the last_seen sweep has due in a transaction of its own.
     * Without a connection (a fault) it waits: the next batch reconnects and retries. A failure
     * discards the connection.
     */
    void sweepWhileIdle() {
        if (statements == null) {
            return;
        }
        try {
            long now = System.currentTimeMillis();
            boolean sweep = entities.sweepLastSeen(statements, now, LAST_SEEN_ROWS_PER_BATCH);
            if (sweep) {
                entities.executePending(statements);
            }
            if (sweep | (!postgresql && checkpoint.step(statements, now))) {
                commitOwn(statements);
                checkpoint.committed();
            }
        } catch (SQLException e) {
            LOG.log(Level.FINE, "last_seen sweep failed; the next batch retries", e);
            discard();
        }
    }

    /**
     * At shutdown: writes every last_seen due and, on H2, the latest state's changes, as far as
     * time allows, and closes the connection.
     */
    void flushAndClose() {
        if (statements == null) {
            return;
        }
        try {
            if (!postgresql && !checkpoint.flush(statements, System.nanoTime()
                    + TimeUnit.MILLISECONDS.toNanos(CHECKPOINT_FLUSH_MILLIS), statements::commit)) {
                LOG.warning("the newest samples of some nodes and VMs were not written within " + CHECKPOINT_FLUSH_MILLIS
                        + " ms at shutdown; after the next start they are up to a checkpoint ("
                        + LatestCheckpoint.INTERVAL_MILLIS / 1000 + " s) old until those send again");
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "could not write the newest samples at shutdown", e);
            discard();
            return;
        }
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
        discard();
    }
}
