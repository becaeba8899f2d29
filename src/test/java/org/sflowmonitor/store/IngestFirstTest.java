package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class IngestFirstTest {

    private static final long LONG_WAIT_MILLIS = 60_000;

    /** Starts a thread that takes a turn, holds it until {@code release}, and counts {@code started} down once in it. */
    private static Thread taking(IngestFirst turns, CountDownLatch started, CountDownLatch release) {
        Thread t = new Thread(() -> {
            try (IngestFirst.Turn turn = turns.turn()) {
                started.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        return t;
    }

    @Test
    void aTurnDoesNotStartWhileTheWriterIsBehindAndStartsOnceItHasCaughtUp() throws Exception {
        AtomicBoolean behind = new AtomicBoolean(true);
        IngestFirst turns = new IngestFirst(2, behind::get, LONG_WAIT_MILLIS);
        CountDownLatch started = new CountDownLatch(1);
        Thread t = taking(turns, started, new CountDownLatch(0));

        assertFalse(started.await(300, TimeUnit.MILLISECONDS), "a turn started while the writer was behind");
        behind.set(false);
        turns.writerProgressed();
        assertTrue(started.await(10, TimeUnit.SECONDS), "the turn did not start once the writer had caught up");
        t.join();
        assertEquals(1, turns.counters().get("waited_for_ingest"));
    }

    @Test
    void aTurnStartsAfterTheLongestWaitWhenTheWriterStaysBehind() throws Exception {
        IngestFirst turns = new IngestFirst(2, () -> true, 50);

        try (IngestFirst.Turn turn = turns.turn()) {
            assertEquals(1, turns.counters().get("waited_for_ingest"));
            assertTrue(turns.counters().get("waited_for_ingest_ms") >= 50);
        }
    }

    @Test
    void theTurnsOfOneRequestWaitForTheWriterNoLongerInAllThanOneTurnWould() {
        IngestFirst turns = new IngestFirst(2, () -> true, 50);
        long requestCame = System.nanoTime();

        for (int i = 0; i < 3; i++) {
            try (IngestFirst.Turn turn = turns.turn(requestCame)) {
                assertEquals(i + 1, turns.counters().get("turns"));
            }
        }

        assertEquals(1, turns.counters().get("waited_for_ingest"));
    }

    @Test
    void aTurnStartsAtOnceWhenTheWriterKeepsUp() {
        IngestFirst turns = new IngestFirst(2, () -> false, LONG_WAIT_MILLIS);

        try (IngestFirst.Turn turn = turns.turn()) {
            assertEquals(1, turns.counters().get("turns"));
            assertEquals(0, turns.counters().get("waited_for_ingest"));
        }
    }

    @Test
    void noMoreTurnsRunAtOnceThanItsConcurrency() throws Exception {
        IngestFirst turns = new IngestFirst(1, () -> false, 0);
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        Thread first = taking(turns, firstStarted, releaseFirst);
        assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
        CountDownLatch secondStarted = new CountDownLatch(1);
        Thread second = taking(turns, secondStarted, new CountDownLatch(0));

        assertFalse(secondStarted.await(300, TimeUnit.MILLISECONDS), "a second turn ran beside the first");
        releaseFirst.countDown();
        assertTrue(secondStarted.await(10, TimeUnit.SECONDS), "the second turn did not start after the first ended");
        first.join();
        second.join();
    }

    @Test
    @Timeout(30) // taking the one slot would block for good instead of failing
    void waitingForIngestAloneTakesNoSlot() {
        AtomicBoolean behind = new AtomicBoolean(false);
        IngestFirst turns = new IngestFirst(1, behind::get, LONG_WAIT_MILLIS);

        try (IngestFirst.Turn turn = turns.turn()) {
            behind.set(true);
            turns.awaitIngest(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));
        }
        assertEquals(1, turns.counters().get("turns"));
        assertEquals(1, turns.counters().get("waited_for_ingest"));
    }

    @Test
    void waitingForIngestEndsAtItsDeadline() {
        IngestFirst turns = new IngestFirst(1, () -> true, LONG_WAIT_MILLIS);
        long start = System.nanoTime();

        turns.awaitIngest(start + TimeUnit.MILLISECONDS.toNanos(100));

        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(LONG_WAIT_MILLIS));
        assertEquals(1, turns.counters().get("waited_for_ingest"));
    }
}
