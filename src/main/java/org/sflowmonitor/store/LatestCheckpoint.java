package org.sflowmonitor.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.BitSet;

/**
 * On H2 the writer owns the database (H2 locks the file to one process), so its
 * {@link LatestState} is the authority on every node's and VM's newest two samples, and the
 * latest tables are a copy of it for the next start: written here, one whole row per entity that
 * changed, instead of a MERGE per stored sample, which cost the writer twice the sample's INSERT
 * (docs/benchmarks.md, issue 20). A checkpoint starts at most every {@link #INTERVAL_MILLIS} and
 * writes the entities changed since the last one, a slice in each batch's transaction, paced to
 * end within half the interval; {@link #flush} writes the rest at shutdown. After a crash the
 * tables are up to a checkpoint behind; the next samples bring each entity up to date.
 *
 * <p>Ids are marked after the commit that stored their samples, and a slice's ids are cleared
 * only after the commit that wrote it ({@link #committed}), so a rolled-back slice is written
 * again. Writer thread only.
 */
final class LatestCheckpoint {

    static final long INTERVAL_MILLIS = 300_000;
    /** Rows written with one batch at most, and the least pace, in rows a second. */
    static final int MAX_SLICE_ROWS = 10_000;
    private static final int MIN_ROWS_PER_SECOND = 1_000;

    private final LatestState state;
    private BitSet changedHosts = new BitSet();
    private BitSet changedVms = new BitSet();
    /** The checkpoint under way: what is left to write. */
    private BitSet hosts = new BitSet();
    private BitSet vms = new BitSet();
    private long rowsPerSecond;
    private long nextCheckpointAt;
    private long lastSliceAt;
    /** The ids below which the last slice wrote everything, cleared once its transaction commits. */
    private int hostsWrittenBelow;
    private int vmsWrittenBelow;

    LatestCheckpoint(LatestState state) {
        this.state = state;
    }

    /** Notes a node whose entry a committed batch changed. */
    void hostChanged(long id) {
        changedHosts.set(Math.toIntExact(id));
    }

    /** Notes a VM whose entry a committed batch changed. */
    void vmChanged(long id) {
        changedVms.set(Math.toIntExact(id));
    }

    /**
     * Writes the next slice of the checkpoint under way into the transaction of {@code st},
     * starting one when due at {@code now}; true when the slice took entities (call
     * {@link #committed} after the commit).
     */
    boolean step(Statements st, long now) throws SQLException {
        hostsWrittenBelow = 0; // a slice not followed by committed() was rolled back
        vmsWrittenBelow = 0;
        if (hosts.isEmpty() && vms.isEmpty()) {
            if (now < nextCheckpointAt || (changedHosts.isEmpty() && changedVms.isEmpty())) {
                return false;
            }
            start(now);
        }
        long allowed = (now - lastSliceAt) * rowsPerSecond / 1000;
        if (allowed <= 0) {
            return false;
        }
        lastSliceAt = now;
        slice(st, (int) Math.min(allowed, MAX_SLICE_ROWS));
        return hostsWrittenBelow > 0 || vmsWrittenBelow > 0;
    }

    /** The last slice's transaction committed: its rows are written. */
    void committed() {
        hosts.clear(0, hostsWrittenBelow);
        vms.clear(0, vmsWrittenBelow);
        hostsWrittenBelow = 0;
        vmsWrittenBelow = 0;
    }

    /**
     * Writes every changed entity, unpaced, in slices of {@link #MAX_SLICE_ROWS} each followed by
     * {@code commit}, until done or {@code deadlineNanos} (System.nanoTime) passed; true when all
     * were written.
     */
    boolean flush(Statements st, long deadlineNanos, LastSeenSweep.Execute commit) throws SQLException {
        hosts.or(changedHosts);
        vms.or(changedVms);
        changedHosts = new BitSet();
        changedVms = new BitSet();
        while (!(hosts.isEmpty() && vms.isEmpty()) && System.nanoTime() - deadlineNanos < 0) {
            slice(st, MAX_SLICE_ROWS);
            commit.run();
            committed();
        }
        return hosts.isEmpty() && vms.isEmpty();
    }

    private void start(long now) {
        hosts = changedHosts;
        vms = changedVms;
        changedHosts = new BitSet();
        changedVms = new BitSet();
        long rows = (long) hosts.cardinality() + vms.cardinality();
        rowsPerSecond = Math.max(MIN_ROWS_PER_SECOND, rows * 1000 / (INTERVAL_MILLIS / 2));
        nextCheckpointAt = now + INTERVAL_MILLIS;
        lastSliceAt = now - 1000 * MAX_SLICE_ROWS / rowsPerSecond;
    }

    /** Writes up to {@code maxRows} of the checkpoint's entities in id order, hosts first. */
    private void slice(Statements st, int maxRows) throws SQLException {
        int written = 0;
        PreparedStatement hostRows = st.get(LatestTable.HOST.upsert());
        int id = hosts.nextSetBit(0);
        for (; id >= 0 && written < maxRows; id = hosts.nextSetBit(id + 1)) {
            LatestState.Host h = state.host(id);
            if (h != null) { // null: forgotten by the retention pass, which deleted its row
                LatestTable.HOST.bindUpsert(hostRows, id, h.newest(), h.previous());
                hostRows.addBatch();
                written++;
            }
        }
        hostsWrittenBelow = id < 0 ? hosts.length() : id;
        PreparedStatement vmRows = st.get(LatestTable.VM.upsert());
        int vmsBefore = written;
        id = vms.nextSetBit(0);
        for (; id >= 0 && written < maxRows; id = vms.nextSetBit(id + 1)) {
            LatestState.Vm v = state.vm(id);
            if (v != null) {
                LatestTable.VM.bindUpsert(vmRows, id, v.newest(), v.previous());
                vmRows.addBatch();
                written++;
            }
        }
        vmsWrittenBelow = id < 0 ? vms.length() : id;
        if (vmsBefore > 0) {
            hostRows.executeBatch();
        }
        if (written > vmsBefore) {
            vmRows.executeBatch();
        }
    }
}
