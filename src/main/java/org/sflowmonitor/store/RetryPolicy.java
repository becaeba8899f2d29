package org.sflowmonitor.store;

import java.sql.SQLException;

/**
 * How the writer answers a failed write: a fault that may pass (unreachable, disk full, locked,
 * slow) is retried with growing pauses; a batch the database rejects for its data is written
 * again one sample per transaction, since retrying it whole cannot help.
 */
final class RetryPolicy {

    static final long FIRST_PAUSE_MILLIS = 100;
    static final long MAX_PAUSE_MILLIS = 5_000;

    private long pause = FIRST_PAUSE_MILLIS;

    /** SQLSTATE classes 22 (data exception) and 23 (constraint violation): retrying cannot help. */
    static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /** The fault as collector.status shows it. */
    static String describe(SQLException e) {
        return e.getMessage() + " (SQLState " + e.getSQLState() + ")";
    }

    /** The pause before the next retry: the first one short, each one after twice the last, up to a bound. */
    long nextPause() {
        long now = pause;
        pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
        return now;
    }

    /** A write succeeded: the next fault starts again with a short pause. */
    void succeeded() {
        pause = FIRST_PAUSE_MILLIS;
    }
}
