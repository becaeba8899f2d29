package org.sflowmonitor.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * Ingest before answers. Work that can wait (an API call, a scrape, a push round) takes a turn
 * here before it starts: at most {@code concurrency} turns run at once, and while the writer is
 * behind ({@link BatchWriter#behind()}), no turn starts until it has caught up or
 * {@code maxWaitMillis} have passed (the writer wakes the waiting after each batch). So clients
 * calling in a loop use the CPU that ingest leaves and cannot take the share the writer and the
 * UDP thread need; they wait longer instead. A writer that stays behind delays each turn by at
 * most {@code maxWaitMillis}, so answers slow down but never stop.
 */
public final class IngestFirst {

    /** One turn: closed when the work is done. */
    public interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    /** Turns at once: one per core, so that calls beyond that queue instead of sharing the cores with ingest. */
    public static final int CONCURRENCY = Math.max(2, Runtime.getRuntime().availableProcessors());

    /** The longest a turn waits for the writer: answers slow down, never stop. */
    public static final long MAX_WAIT_MILLIS = 2_000;

    private final Semaphore turns;
    private final BooleanSupplier behind;
    private final long maxWaitNanos;
    private final Object progress = new Object();
    private final AtomicInteger waiting = new AtomicInteger();
    private final LongAdder taken = new LongAdder();
    private final LongAdder delayed = new LongAdder();
    private final LongAdder delayedNanos = new LongAdder();

    /** {@code behind}: whether the writer is behind now. */
    public IngestFirst(int concurrency, BooleanSupplier behind, long maxWaitMillis) {
        this.turns = new Semaphore(concurrency, true);
        this.behind = behind;
        this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
    }

    /** Turns without a bound or a wait: for work that never gives way. */
    public static final IngestFirst NEVER_WAITS = new IngestFirst(Integer.MAX_VALUE, () -> false, 0);

    /**
     * Waits for a turn: the writer caught up (or the longest wait passed), then a free slot. In
     * that order, so that a slot is held only while working and each call waits for the writer
     * once, not behind others' waits.
     */
    public Turn turn() {
        return turn(System.nanoTime());
    }

    /**
     * As {@link #turn()} for one of several turns of a request that came at {@code requestCame}
     * ({@link System#nanoTime()}; a batch of calls, a push round): its turns wait for the writer
     * until {@code maxWaitMillis} after it came, so the request waits as long as one turn would,
     * not that long for each.
     */
    public Turn turn(long requestCame) {
        awaitIngest(requestCame + maxWaitNanos);
        turns.acquireUninterruptibly();
        taken.increment();
        return turns::release;
    }

    /**
     * Waits only for the writer to catch up, until {@code deadlineNanos} ({@link System#nanoTime()})
     * at the latest, without a slot: for work that writes to a client as it goes (a scrape), which
     * must not hold a slot while the client reads.
     */
    public void awaitIngest(long deadlineNanos) {
        long start = System.nanoTime();
        if (deadlineNanos - start <= 0 || !behind.getAsBoolean()) {
            return;
        }
        waiting.incrementAndGet();
        try {
            synchronized (progress) {
                long left;
                while (behind.getAsBoolean() && (left = deadlineNanos - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the turn goes ahead; the interrupt is the caller's
        } finally {
            waiting.decrementAndGet();
        }
        delayed.increment();
        delayedNanos.add(System.nanoTime() - start);
    }

    /** The writer has stored a batch (or met a fault): whoever waits looks again whether it is still behind. */
    public void writerProgressed() {
        if (waiting.get() > 0) {
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    /** For collector.status: turns taken, the turns and scrapes that waited for the writer, how long in all. */
    public Map<String, Long> counters() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("turns", taken.sum());
        out.put("waited_for_ingest", delayed.sum());
        out.put("waited_for_ingest_ms", TimeUnit.NANOSECONDS.toMillis(delayedNanos.sum()));
        return out;
    }
}
