package org.sflowmonitor.ingest;

import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Logs at most one warning per key (an agent) per interval, and how many it held back; and at
 * most {@link #MAX_PER_INTERVAL} over all keys, so that datagrams each claiming another (spoofed)
 * agent cannot write a line each.
 */
public final class RateLimitedLog {

    private static final int MAX_KEYS = 10_000;
    static final int MAX_PER_INTERVAL = 100;

    private final Logger logger;
    private final long intervalMillis;
    private final ConcurrentHashMap<String, long[]> state = new ConcurrentHashMap<>();
    private long intervalStart = Long.MIN_VALUE / 2;
    private int loggedInInterval;
    private long heldBackForOthers;

    public RateLimitedLog(Logger logger, long intervalMillis) {
        this.logger = logger;
        this.intervalMillis = intervalMillis;
    }

    public void warn(String key, String message) {
        if (state.size() >= MAX_KEYS && !state.containsKey(key)) {
            state.clear();
        }
        long now = System.currentTimeMillis();
        long[] s = state.computeIfAbsent(key, k -> new long[] {Long.MIN_VALUE / 2, 0});
        long suppressed;
        synchronized (s) {
            if (now - s[0] < intervalMillis) {
                s[1]++;
                return;
            }
            suppressed = s[1];
            s[0] = now;
            s[1] = 0;
        }
        long others;
        synchronized (this) {
            if (now - intervalStart >= intervalMillis) {
                intervalStart = now;
                loggedInInterval = 0;
            }
            if (loggedInInterval >= MAX_PER_INTERVAL) {
                heldBackForOthers += 1 + suppressed;
                return;
            }
            loggedInInterval++;
            others = heldBackForOthers;
            heldBackForOthers = 0;
        }
        String text = suppressed == 0 ? message : message + " (" + suppressed + " similar messages held back)";
        logger.warning(others == 0 ? text : text + " (" + others + " messages about other agents held back)");
    }
}
