package org.sflowmonitor.store;

/** A read query that failed; {@link #reason()} tells a timeout and an unreachable database from the rest. */
public final class QueryException extends RuntimeException {

    public enum Reason { TIMEOUT, UNAVAILABLE, FAILED }

    private final Reason reason;
    private final int timeoutSeconds;

    QueryException(Reason reason, int timeoutSeconds, Throwable cause) {
        super(reason + " after at most " + timeoutSeconds + " s", cause);
        this.reason = reason;
        this.timeoutSeconds = timeoutSeconds;
    }

    public Reason reason() {
        return reason;
    }

    /** The statement timeout in force (db.query.timeout.seconds). */
    public int timeoutSeconds() {
        return timeoutSeconds;
    }
}
