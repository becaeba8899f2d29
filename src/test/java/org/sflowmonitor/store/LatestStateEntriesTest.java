package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.sflowmonitor.store.LatestState.Sample;

/** What readers get from the latest state in memory, apart from any database. */
class LatestStateEntriesTest {

    private static final EntityFilter ALL = new EntityFilter(null, null, null);
    private static final int VALUES = LatestState.VM_COLUMNS.names().size();

    private static Sample sample(long ts, long value) {
        long[] values = new long[VALUES];
        values[0] = value;
        return new Sample(ts, 7, values);
    }

    private static void store(LatestState state, Sample s) {
        state.committed(List.of(st -> st.vm(1, "0c0ffee0-0000-4000-8000-000000000042", "vm-1", 7, "10.0.0.7", s)));
    }

    @Test
    void aReaderGetsTheSameEntryUntilTheEntityChanges() {
        LatestState state = new LatestState();
        store(state, sample(1_000, 1));
        LatestState.Vm first = state.vms(ALL).get(0);
        assertSame(first, state.vms(ALL).get(0));
        store(state, sample(21_000, 2));
        LatestState.Vm second = state.vms(ALL).get(0);
        assertNotSame(first, second);
        assertEquals(21_000, second.newest().ts());
        assertEquals(1_000, second.previous().ts());
    }

    @Test
    void anEntryKeepsItsValuesWhenTheWriterOverwritesTheEntitysArrays() {
        LatestState state = new LatestState();
        store(state, sample(1_000, 1));
        store(state, sample(21_000, 2));
        LatestState.Vm held = state.vms(ALL).get(0);
        store(state, sample(41_000, 3));
        assertEquals(2, held.newest().values()[0]);
        assertEquals(1, held.previous().values()[0]);
    }

    @Test
    void aReaderDoesNotWaitForTheWritersMonitor() throws Exception {
        LatestState state = new LatestState();
        store(state, sample(1_000, 1));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            synchronized (state) { // as a refresh's query or a long batch holds it
                held.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        writer.start();
        assertTrue(held.await(10, TimeUnit.SECONDS));
        try {
            long start = System.nanoTime();
            assertEquals(1, state.vms(ALL).size());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "the reader waited for the writer");
        } finally {
            release.countDown();
            writer.join();
        }
    }
}
