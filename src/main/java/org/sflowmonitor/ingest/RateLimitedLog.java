package org.sflowmonitor.ingest;

import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/** Logs at most one warning per key (an agent) per interval, and how many it held back. */
public final class RateLimitedLog {

    private static final int MAX_KEYS = 10_000;

    private final Logger logger;
    private final long intervalMillis;
    private final ConcurrentHashMap<String, long[]> state = new ConcurrentHashMap<>();

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
        logger.warning(suppressed == 0 ? message : message + " (" + suppressed + " similar messages held back)");
    }
}
