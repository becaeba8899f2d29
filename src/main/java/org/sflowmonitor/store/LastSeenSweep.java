package org.sflowmonitor.store;

import java.sql.SQLException;
import java.util.List;

/**
 * When the tables' last_seen columns are written, and which rows: a sweep starts at most every
 * {@link #INTERVAL_MILLIS} and goes through the hosts, then the VMs, in id order, writing those
 * seen since their last write, a slice per batch, paced to {@link #ROWS_PER_SECOND}.
 *
 * <p>Paced because an UPDATE of a vm row costs H2 more than ten sample INSERTs (it rewrites the
 * row in every index of the table, two of them on strings, and reads their pages back from a
 * large file), and written as samples came, a large fleet's updates would overflow the writer's
 * queue. So the tables' last_seen lags by up to a sweep; the API reads the exact value from
 * {@link LiveEntities}, and {@link #flush} writes what it can at shutdown.
 *
 * <p>The sweep knows nothing of SQL: it hands each entity due to {@link Rows}. Writer thread only.
 */
final class LastSeenSweep {

    static final long INTERVAL_MILLIS = 60_000;
    /**
     * The sweep's write rate: a fleet of up to 15,000 entities is swept every minute, a million
     * VMs about every 67 minutes.
     */
    static final long ROWS_PER_SECOND = 250;

    /** Where the sweep writes the last_seen of an entity (a row added to a batch). */
    interface Rows {
        void write(Entities.Entity e) throws SQLException;
    }

    /** Where the slices of {@link #flush} are executed, between one slice and the next. */
    interface Execute {
        void run() throws SQLException;
    }

    /** Hosts and VMs in id order (ids only grow and rows are never deleted): the sweep's path. */
    private final List<? extends Entities.Entity> hosts;
    private final List<? extends Entities.Entity> vms;
    /** Where the sweep under way goes on, as an index into hosts then VMs; -1 when none is under way. */
    private int next = -1;
    private long nextSweepAt;
    /** The time up to which the sweep has used its rate. */
    private long lastSliceAt;

    /** A sweep over the two lists as they are at each step (the owner appends new entities). */
    LastSeenSweep(List<? extends Entities.Entity> hostsInIdOrder, List<? extends Entities.Entity> vmsInIdOrder) {
        this.hosts = hostsInIdOrder;
        this.vms = vmsInIdOrder;
    }

    /**
     * Writes the next slice of the sweep under way, starting a sweep when one is due at
     * {@code now}: as many rows as {@link #ROWS_PER_SECOND} allows for the time since the sweep
     * last wrote, at most {@code maxRows} (time beyond that is not saved up). True when a sweep
     * is under way.
     */
    boolean step(long now, int maxRows, Rows rows) throws SQLException {
        if (next < 0) {
            if (now < nextSweepAt) {
                return false;
            }
            nextSweepAt = now + INTERVAL_MILLIS;
            next = 0;
            lastSliceAt = now;
        }
        long allowed = (now - lastSliceAt) * ROWS_PER_SECOND / 1000;
        if (allowed >= maxRows) {
            allowed = maxRows;
            lastSliceAt = now;
        } else {
            lastSliceAt += allowed * 1000 / ROWS_PER_SECOND;
        }
        if (allowed > 0) {
            slice((int) allowed, rows);
        }
        return true;
    }

    /**
     * Writes every entity seen since its last write, unpaced, in slices of {@code sliceRows},
     * each followed by {@code execute}, until done or {@code deadlineNanos} (System.nanoTime)
     * passed; the next {@link #step} starts a new sweep. True when all were written.
     */
    boolean flush(int sliceRows, long deadlineNanos, Rows rows, Execute execute) throws SQLException {
        next = 0;
        while (next >= 0 && System.nanoTime() - deadlineNanos < 0) {
            slice(sliceRows, rows);
            execute.run();
        }
        boolean done = next < 0;
        next = -1;
        nextSweepAt = 0;
        return done;
    }

    /** Abandons the sweep under way (its rows were rolled back); the next one starts on schedule. */
    void abandon() {
        next = -1;
    }

    /**
     * Writes the next {@code maxRows} entities seen since their last_seen was written, going on
     * in id order from where the sweep stands; ends the sweep after the last VM.
     */
    private void slice(int maxRows, Rows rows) throws SQLException {
        int hostCount = hosts.size();
        int total = hostCount + vms.size();
        int written = 0;
        while (written < maxRows && next < total) {
            Entities.Entity e = next < hostCount ? hosts.get(next) : vms.get(next - hostCount);
            next++;
            if (e.lastSeen > e.lastSeenWritten) {
                rows.write(e);
                e.lastSeenWritten = e.lastSeen;
                written++;
            }
        }
        if (next == total) {
            next = -1;
        }
    }
}
