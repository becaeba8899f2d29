package org.sflowmonitor.api;

/**
 * Whether a node or VM still reports, at the instant of a call: it does while its newest
 * sample is at most {@code entity.silent.intervals} polling intervals old (its node's learned
 * interval, or {@link #ASSUMED_INTERVAL_MILLIS} while none is learned). {@code silentSince} is
 * the instant it stopped counting as reporting (newest sample + that many intervals), null
 * while it reports.
 */
record Reporting(boolean reporting, Long silentSince) {

    /** hsflowd's default polling interval, assumed for a node of which only one sample came. */
    static final long ASSUMED_INTERVAL_MILLIS = 30_000;

    /** The rule of one call: the setting and the call's instant. */
    record Rule(int silentIntervals, long now) {

        /** @param pollingInterval the node's learned interval in ms; null or 0 when none is learned */
        Reporting of(long lastSeen, Number pollingInterval) {
            long window = window(pollingInterval == null ? 0 : pollingInterval.longValue());
            return lastSeen >= now - window ? new Reporting(true, null) : new Reporting(false, lastSeen + window);
        }

        /**
         * Until when (epoch ms, inclusive) the state {@link #of} gives stays the same as time
         * passes without a new sight: a reporting entity's last instant of reporting; a silent
         * one stays silent.
         */
        long until(long lastSeen, Number pollingInterval) {
            long end = lastSeen + window(pollingInterval == null ? 0 : pollingInterval.longValue());
            return end >= now ? end : Long.MAX_VALUE;
        }

        /** The oldest last sight that still counts as reporting, with this learned interval (0: none learned). */
        long oldestReporting(long pollingInterval) {
            return now - window(pollingInterval);
        }

        private long window(long pollingInterval) {
            return silentIntervals * (pollingInterval <= 0 ? ASSUMED_INTERVAL_MILLIS : pollingInterval);
        }

        /** Whether a row of this state passes the {@code reporting} filter (null: every row does). */
        static boolean wanted(Boolean filter, Reporting state) {
            return filter == null || filter == state.reporting();
        }
    }
}
