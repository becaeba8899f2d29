package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The sweep's schedule, pacing and path, without a database: rows are recorded as written. */
class LastSeenSweepPacingTest {

    private static final long T0 = 1_800_000_000_000L;

    private final List<Entities.Host> hosts = new ArrayList<>();
    private final List<Entities.Vm> vms = new ArrayList<>();
    private final LastSeenSweep sweep = new LastSeenSweep(hosts, vms);
    private final List<Long> written = new ArrayList<>();

    private boolean step(long now, int maxRows) throws Exception {
        return sweep.step(now, maxRows, e -> written.add(e.id));
    }

    private void seenAll(long at) {
        hosts.forEach(h -> h.lastSeen = at);
        vms.forEach(v -> v.lastSeen = at);
    }

    @Test
    void aSweepGoesThroughTheHostsThenTheVmsInIdOrder() throws Exception {
        hosts.add(new Entities.Host(1, T0));
        hosts.add(new Entities.Host(2, T0));
        vms.add(new Entities.Vm(10, T0));
        vms.add(new Entities.Vm(11, T0));
        seenAll(T0 + 1);

        step(T0, 100);
        step(T0 + 60_000, 100);
        assertEquals(List.of(1L, 2L, 10L, 11L), written);
    }

    @Test
    void anEntityNotSeenSinceItsLastWriteIsSkipped() throws Exception {
        vms.add(new Entities.Vm(10, T0));
        vms.add(new Entities.Vm(11, T0));
        vms.get(1).lastSeen = T0 + 1;

        step(T0, 100);
        step(T0 + 60_000, 100);
        assertEquals(List.of(11L), written);
    }

    @Test
    void aWrittenEntityIsNotWrittenAgainUntilSeenAgain() throws Exception {
        vms.add(new Entities.Vm(10, T0));
        vms.get(0).lastSeen = T0 + 1;
        step(T0, 100);
        step(T0 + 60_000, 100);

        long next = T0 + LastSeenSweep.INTERVAL_MILLIS;
        step(next, 100);
        step(next + 60_000, 100);
        assertEquals(List.of(10L), written);
    }

    @Test
    void noSweepStartsBeforeTheIntervalSinceTheLastOneStarted() throws Exception {
        vms.add(new Entities.Vm(10, T0));
        assertTrue(step(T0, 100), "the first sweep starts at once");
        step(T0 + 1_000, 100); // and ends: one VM
        assertFalse(step(T0 + LastSeenSweep.INTERVAL_MILLIS - 1, 100));
        assertTrue(step(T0 + LastSeenSweep.INTERVAL_MILLIS, 100));
    }

    @Test
    void aStepWritesAsManyRowsAsTheRateAllowsForTheTimeSinceTheLastOne() throws Exception {
        for (int i = 0; i < 1_000; i++) {
            vms.add(new Entities.Vm(i, T0));
        }
        seenAll(T0 + 1);
        step(T0, 10_000);
        assertEquals(0, written.size(), "a sweep starts with nothing written");
        step(T0 + 1_000, 10_000);
        assertEquals(LastSeenSweep.ROWS_PER_SECOND, written.size());
    }

    @Test
    void timeBeyondTheBatchBoundIsNotSavedUp() throws Exception {
        for (int i = 0; i < 1_000; i++) {
            vms.add(new Entities.Vm(i, T0));
        }
        seenAll(T0 + 1);
        step(T0, 5);
        step(T0 + 10_000, 5);
        assertEquals(5, written.size(), "ten seconds' rows, bounded to five");
        step(T0 + 10_001, 5);
        assertEquals(5, written.size(), "the bound reset the rate: one millisecond is less than a row");
    }

    @Test
    void anAbandonedSweepStartsAgainOnlyOnSchedule() throws Exception {
        vms.add(new Entities.Vm(10, T0));
        vms.add(new Entities.Vm(11, T0));
        seenAll(T0 + 1);
        step(T0, 100);
        sweep.abandon();
        assertFalse(step(T0 + 10_000, 100));
        assertEquals(List.of(), written);
    }

    @Test
    void aFlushWritesEverythingDueInSlicesAndTheNextSweepStartsAtOnce() throws Exception {
        for (int i = 0; i < 5; i++) {
            vms.add(new Entities.Vm(i, T0));
        }
        seenAll(T0 + 1);
        step(T0, 100); // a sweep under way, nothing written yet
        List<Integer> slices = new ArrayList<>();
        assertTrue(sweep.flush(2, System.nanoTime() + 10_000_000_000L, e -> written.add(e.id),
                () -> slices.add(written.size())));
        assertEquals(List.of(2, 4, 5), slices);
        assertTrue(step(T0 + 1, 100), "a new sweep is due");
    }
}
