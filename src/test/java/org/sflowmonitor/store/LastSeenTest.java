package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LastSeenTest {

    @Test
    void anIdTheWriterNeverRaisedReadsZero() {
        LastSeen seen = new LastSeen();
        assertEquals(0, seen.host(1));
        assertEquals(0, seen.vm(5_000_000));
        assertEquals(0, seen.vm(-1));
    }

    @Test
    void aTimeOnlyEverGoesForward() {
        LastSeen seen = new LastSeen();
        seen.raiseVm(7, 2_000);
        seen.raiseVm(7, 1_000);
        assertEquals(2_000, seen.vm(7));
    }

    @Test
    void hostsAndVmsWithTheSameIdAreApart() {
        LastSeen seen = new LastSeen();
        seen.raiseHost(3, 10);
        seen.raiseVm(3, 20);
        assertEquals(10, seen.host(3));
        assertEquals(20, seen.vm(3));
    }

    @Test
    void idsFarApartEachKeepTheirTime() {
        LastSeen seen = new LastSeen();
        for (long id = 1; id < 1_000_000; id += 99_991) {
            seen.raiseVm(id, id * 2);
        }
        for (long id = 1; id < 1_000_000; id += 99_991) {
            assertEquals(id * 2, seen.vm(id));
        }
    }
}
