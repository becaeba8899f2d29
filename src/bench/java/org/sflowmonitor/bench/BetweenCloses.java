package org.sflowmonitor.bench;

import java.util.Locale;

/**
 * Places a warm trial between two of the rollup job's 5-minute closes (each about a million rows
 * on the ingest benchmark's fleet, starting {@link org.sflowmonitor.store.RollupJob#DEFAULT_GRACE_MILLIS}
 * after a bucket's end and taking up to {@value #CLOSE_MILLIS} ms), so that trials beside
 * different loads compare the loads, not whether a close fell in their window; what a close costs
 * ingest is RollupIngestCost's to measure. Waits, once the service is up, then lets the clients start.
 */
final class BetweenCloses implements IngestTrial.Companion {

    private static final long FIVE_MINUTES = 300_000;
    /** From a bucket's end until its close is done, as measured on that fleet (9.8 CPU s, yielding to the writer). */
    static final long CLOSE_MILLIS = 60_000;
    /** What follows the window and must not meet a close either: the drain. */
    private static final long DRAIN_MILLIS = 15_000;

    private final long trialMillis;
    private final IngestTrial.Companion clients;

    /** {@code warmup} and {@code window}: the trial's, in seconds; {@code clients}: what runs beside it. */
    BetweenCloses(double warmupSeconds, double windowSeconds, IngestTrial.Companion clients) {
        this.trialMillis = (long) ((warmupSeconds + windowSeconds) * 1000) + DRAIN_MILLIS;
        this.clients = clients;
    }

    /** From {@code now} (epoch ms) until a trial starting then ends before the next close begins. */
    static long millisToWait(long now, long trialMillis) {
        long intoBucket = Math.floorMod(now, FIVE_MINUTES);
        long latestStart = FIVE_MINUTES + org.sflowmonitor.store.RollupJob.DEFAULT_GRACE_MILLIS - trialMillis;
        if (intoBucket >= CLOSE_MILLIS && intoBucket <= latestStart) {
            return 0;
        }
        return intoBucket < CLOSE_MILLIS ? CLOSE_MILLIS - intoBucket : FIVE_MINUTES - intoBucket + CLOSE_MILLIS;
    }

    @Override
    public void serviceUp(int httpPort) throws Exception {
        long wait = millisToWait(System.currentTimeMillis(), trialMillis);
        if (wait > 0) {
            System.out.printf(Locale.ROOT, "  waiting %.0f s: the window is to fall between two 5-minute closes%n",
                    wait / 1e3);
            Thread.sleep(wait);
        }
        clients.serviceUp(httpPort);
    }

    @Override
    public void windowEnded(long startMillis, long endMillis) throws Exception {
        clients.windowEnded(startMillis, endMillis);
    }
}
