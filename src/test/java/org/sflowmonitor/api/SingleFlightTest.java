package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** Identical calls at the same instant share one computation; nothing outlives it. */
class SingleFlightTest {

    private final SingleFlight<String> flights = new SingleFlight<>();
    private final AtomicInteger computed = new AtomicInteger();

    @Test
    void aCallWhileTheSameAnswerIsBeingComputedWaitsForItInsteadOfComputingItAgain() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Object answer = new Object();
        CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> flights.get("fleet", () -> {
            computed.incrementAndGet();
            await(release);
            return answer;
        }));
        awaitComputing();
        AtomicReference<Object> second = new AtomicReference<>();
        Thread waiter = new Thread(() -> second.set(flights.get("fleet", () -> {
            computed.incrementAndGet();
            return new Object();
        })));
        waiter.start();
        while (waiter.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        release.countDown();
        waiter.join();

        assertSame(answer, first.get());
        assertSame(answer, second.get());
        assertEquals(1, computed.get());
    }

    @Test
    void theComputationsExceptionReachesTheCallsThatWaitedForIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> flights.get("fleet", () -> {
            computed.incrementAndGet();
            await(release);
            throw RpcException.invalidParams("no such node");
        }));
        awaitComputing();
        AtomicReference<RuntimeException> thrown = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                flights.get("fleet", Object::new);
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        });
        waiter.start();
        while (waiter.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        release.countDown();
        waiter.join();

        assertEquals("no such node", ((RpcException) thrown.get()).data());
        assertEquals(1, computed.get());
        assertThrows(Exception.class, first::join);
    }

    @Test
    void aCallAfterTheComputationFinishedComputesAfresh() {
        assertEquals(1, (int) flights.get("fleet", computed::incrementAndGet));
        assertEquals(2, (int) flights.get("fleet", computed::incrementAndGet));
    }

    @Test
    void differentAnswersAreComputedEachForItself() {
        flights.get("hosts", computed::incrementAndGet);
        flights.get("vms", computed::incrementAndGet);
        assertEquals(2, computed.get());
    }

    private void awaitComputing() {
        while (computed.get() == 0) {
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
