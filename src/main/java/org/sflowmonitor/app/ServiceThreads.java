package org.sflowmonitor.app;

import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * Every thread the service starts is named "sflow-…" (UDP event loops, the writer, the
 * connection pool's helpers). After a stop they may still be finishing; Tomcat reports any
 * that survive an undeploy as a leak, so the stop waits for them.
 */
public final class ServiceThreads {

    public static final String PREFIX = "sflow-";
    private static final Logger LOG = Logger.getLogger(ServiceThreads.class.getName());

    private ServiceThreads() {
    }

    /** Threads of ours still alive. */
    public static List<Thread> alive() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(PREFIX) && t.isAlive() && t != Thread.currentThread())
                .toList();
    }

    /** Waits until no thread of ours is alive, at most {@code timeout}; logs the ones that remain. */
    public static void awaitEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : alive()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                t.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        List<Thread> remaining = alive();
        if (!remaining.isEmpty()) {
            LOG.warning("threads still running after stop: " + remaining.stream().map(Thread::getName).toList());
        }
    }
}
