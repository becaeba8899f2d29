package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LiveEntitiesTest {

    @Test
    void anIdTheWriterNeverRaisedReadsZero() {
        LiveEntities seen = new LiveEntities();
        assertEquals(0, seen.hostLastSeen(1));
        assertEquals(0, seen.vmLastSeen(5_000_000));
        assertEquals(0, seen.vmLastSeen(-1));
    }

    @Test
    void aTimeOnlyEverGoesForward() {
        LiveEntities seen = new LiveEntities();
        seen.vmsLastSeen.raise(7, 2_000);
        seen.vmsLastSeen.raise(7, 1_000);
        assertEquals(2_000, seen.vmLastSeen(7));
    }

    @Test
    void hostsAndVmsWithTheSameIdAreApart() {
        LiveEntities seen = new LiveEntities();
        seen.hostsLastSeen.raise(3, 10);
        seen.vmsLastSeen.raise(3, 20);
        assertEquals(10, seen.hostLastSeen(3));
        assertEquals(20, seen.vmLastSeen(3));
    }

    @Test
    void idsFarApartEachKeepTheirTime() {
        LiveEntities seen = new LiveEntities();
        for (long id = 1; id < 1_000_000; id += 99_991) {
            seen.vmsLastSeen.raise(id, id * 2);
        }
        for (long id = 1; id < 1_000_000; id += 99_991) {
            assertEquals(id * 2, seen.vmLastSeen(id));
        }
    }

    @Test
    void aHostsVmCountIsWhatTheWriterLastSet() {
        LiveEntities live = new LiveEntities();
        live.hostsVmCount.set(4, 3);
        live.hostsVmCount.set(4, 2);
        assertEquals(2, live.hostVmCount(4));
        assertEquals(0, live.hostVmCount(5));
    }
}
