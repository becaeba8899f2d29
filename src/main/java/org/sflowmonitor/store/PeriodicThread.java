package org.sflowmonitor.store;

/**
 * A daemon thread that runs a pass, rests, and runs it again until it is stopped; a stop ends a
 * rest at once and waits for the pass in progress. It is never interrupted (H2 closes its file on
 * an interrupt during I/O); should anything interrupt it, that ends it like a stop.
 */
final class PeriodicThread {

    private final Thread thread;
    private final Object lock = new Object();
    private volatile boolean running = true;

    /** A thread named {@code name} that rests {@code firstRestMillis}, then runs {@code pass} every {@code periodMillis}. */
    PeriodicThread(String name, long firstRestMillis, long periodMillis, Runnable pass) {
        this.thread = new Thread(() -> {
            rest(firstRestMillis);
            while (running) {
                pass.run();
                rest(periodMillis);
            }
        }, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** False once stopped: a long pass checks it to end early. */
    boolean running() {
        return running;
    }

    /** Waits {@code millis}, or less when stopped. */
    void rest(long millis) {
        long until = System.currentTimeMillis() + millis;
        synchronized (lock) {
            long left = millis;
            while (running && left > 0) {
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    running = false;
                    Thread.currentThread().interrupt();
                    return;
                }
                left = until - System.currentTimeMillis();
            }
        }
    }

    /** Stops the thread and waits at most {@code joinMillis} for its pass in progress to end. */
    void stop(long joinMillis) {
        synchronized (lock) {
            running = false;
            lock.notifyAll();
        }
        try {
            thread.join(joinMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
