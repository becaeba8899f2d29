package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** last_seen is kept in memory and written by a periodic sweep, a slice per batch. */
class LastSeenSweepTest extends EntitiesOnH2 {


    private List<Entities.Vm> createVms(int n) throws SQLException {
        Entities.Host host = entities.host(st, "10.0.0.1", T0);
        List<Entities.Vm> vms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            vms.add(entities.vm(st, new UUID(7, i + 1), host, "vm-" + i, 100_000 + i, T0));
        }
        entities.executePending(st);
        st.commit();
        return vms;
    }

    private long storedLastSeen(long vmId) throws SQLException {
        try (Statement s = st.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT last_seen FROM vm WHERE id = " + vmId)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void sweepStep(long now, int rows) throws SQLException {
        entities.sweepLastSeen(st, now, rows);
        entities.executePending(st);
        st.commit();
    }

    @Test
    void aSampleUpdatesLastSeenInMemoryOnlyUntilTheSweep() throws Exception {
        List<Entities.Vm> vms = createVms(1);
        sweepStep(T0, 10); // the first sweep starts (nothing seen since creation)...
        sweepStep(T0 + 1_000, 10); // ...and ends
        entities.seen(vms.get(0), T0 + 20_000);

        assertFalse(entities.sweepLastSeen(st, T0 + 30_000, 10), "no sweep before the interval");
        assertEquals(T0, storedLastSeen(vms.get(0).id));
        assertEquals(T0 + 20_000, entities.live().vmLastSeen(vms.get(0).id), "the API sees it at once");

        long due = T0 + LastSeenSweep.INTERVAL_MILLIS;
        sweepStep(due, 10);
        sweepStep(due + 1_000, 10);
        assertEquals(T0 + 20_000, storedLastSeen(vms.get(0).id));
    }

    @Test
    void aSweepWritesInIdOrderASliceAtATime() throws Exception {
        List<Entities.Vm> vms = createVms(5);
        sweepStep(T0, 10);
        sweepStep(T0 + 1_000, 10);
        for (int i = vms.size() - 1; i >= 0; i--) {
            entities.seen(vms.get(i), T0 + 1_000 + i);
        }
        long due = T0 + LastSeenSweep.INTERVAL_MILLIS;

        sweepStep(due, 2);
        sweepStep(due + 1_000, 2);
        assertEquals(T0 + 1_000, storedLastSeen(vms.get(0).id));
        assertEquals(T0 + 1_001, storedLastSeen(vms.get(1).id));
        assertEquals(T0, storedLastSeen(vms.get(2).id), "not yet: the slice was two rows");

        assertTrue(entities.sweepLastSeen(st, due + 2_000, 2), "the sweep goes on at the next batch");
        entities.executePending(st);
        st.commit();
        sweepStep(due + 3_000, 2);
        for (int i = 0; i < vms.size(); i++) {
            assertEquals(T0 + 1_000 + i, storedLastSeen(vms.get(i).id));
        }
        assertFalse(entities.sweepLastSeen(st, due + 4_000, 2), "finished until the next interval");
    }

    private long storedAt(long lastSeen) throws SQLException {
        try (Statement s = st.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM vm WHERE last_seen = " + lastSeen)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aSweepWritesNoFasterThanItsRateAllows() throws Exception {
        List<Entities.Vm> vms = createVms(300);
        sweepStep(T0, 1_000);
        sweepStep(T0 + 10_000, 1_000);
        for (Entities.Vm v : vms) {
            entities.seen(v, T0 + 1);
        }
        long due = T0 + LastSeenSweep.INTERVAL_MILLIS;
        long perSecond = LastSeenSweep.ROWS_PER_SECOND;

        sweepStep(due, 1_000);
        assertEquals(0, storedAt(T0 + 1), "a sweep starts with nothing written");
        sweepStep(due + 100, 1_000);
        assertEquals(perSecond / 10, storedAt(T0 + 1), "100 ms later, 100 ms worth of rows");
        sweepStep(due + 102, 1_000);
        sweepStep(due + 104, 1_000);
        assertEquals(perSecond / 10 + perSecond / 250, storedAt(T0 + 1), "fractions of a row add up");
        sweepStep(due + 10_000, 1_000);
        assertEquals(300, storedAt(T0 + 1), "the rest");
    }

    @Test
    void aLastSeenTheSweepHadNotWrittenIsStillWrittenAfterAReload() throws Exception {
        List<Entities.Vm> vms = createVms(1);
        sweepStep(T0, 10);
        sweepStep(T0 + 1_000, 10);
        entities.seen(vms.get(0), T0 + 20_000);

        entities.load(st); // as after a rollback: the entities are read back from the tables
        assertEquals(T0 + 20_000, entities.live().vmLastSeen(vms.get(0).id));
        assertTrue(entities.flushLastSeen(st, 10, System.nanoTime() + 10_000_000_000L));
        st.commit();
        assertEquals(T0 + 20_000, storedLastSeen(vms.get(0).id));
    }

    @Test
    void anIdReusedAfterARollbackStartsWithItsOwnLastSeenAndNoVms() throws Exception {
        Entities.Host lost = entities.host(st, "10.0.0.9", T0 + 50_000);
        entities.vm(st, new UUID(9, 9), lost, "vm-lost", 1, T0 + 50_000);
        st.rollback();
        entities.load(st);

        Entities.Host reused = entities.host(st, "10.0.0.8", T0 + 1_000);
        assertEquals(lost.id, reused.id);
        assertEquals(T0 + 1_000, entities.live().hostLastSeen(reused.id));
        assertEquals(0, entities.live().hostVmCount(reused.id));
    }

    @Test
    void flushingAtShutdownStopsAtItsDeadline() throws Exception {
        List<Entities.Vm> vms = createVms(10);
        for (Entities.Vm v : vms) {
            entities.seen(v, T0 + 5);
        }
        assertFalse(entities.flushLastSeen(st, 2, System.nanoTime() - 1));
        st.commit();
        assertEquals(0, storedAt(T0 + 5));
    }

    @Test
    void flushingAtShutdownWritesEveryExactValueAtOnce() throws Exception {
        List<Entities.Vm> vms = createVms(3);
        for (Entities.Vm v : vms) {
            entities.seen(v, T0 + 5);
        }
        assertTrue(entities.flushLastSeen(st, 2, System.nanoTime() + 10_000_000_000L));
        st.commit();
        for (Entities.Vm v : vms) {
            assertEquals(T0 + 5, storedLastSeen(v.id));
        }
    }
}
