package org.sflowmonitor.api;

/**
 * A call's reporting filter over the nodes or VMs it answers with: each one's state at the call's
 * instant, whether the call wants it, and until when the states of all it was shown stay the same
 * (how long the answer may be kept, {@link Reporting.Rule#until}).
 */
final class ReportingFilter {

    private final Reporting.Rule rule;
    private final Boolean reporting;
    private long until;

    /**
     * @param reporting the call's filter: true or false keeps the entities in that state, null all
     * @param until     until when what else the answer holds stays the same ({@code Long.MAX_VALUE}: always)
     */
    ReportingFilter(Reporting.Rule rule, Boolean reporting, long until) {
        this.rule = rule;
        this.reporting = reporting;
        this.until = until;
    }

    /**
     * The state of an entity last seen at {@code lastSeen} whose node has this learned polling
     * interval (null or 0: none), or null when the call does not want the entity.
     */
    Reporting wanted(long lastSeen, Number pollingInterval) {
        Reporting state = rule.of(lastSeen, pollingInterval);
        until = Math.min(until, rule.until(lastSeen, pollingInterval));
        return Reporting.Rule.wanted(reporting, state) ? state : null;
    }

    /** Until when (epoch ms, inclusive) every state {@link #wanted} gave stays the same. */
    long until() {
        return until;
    }
}
