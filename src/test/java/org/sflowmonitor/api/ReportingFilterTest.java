package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** A call's reporting filter: which entities it keeps, and until when its answer holds. */
class ReportingFilterTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final Reporting.Rule RULE = new Reporting.Rule(3, NOW);
    private static final long INTERVAL = 10_000;

    @Test
    void noFilterKeepsReportingAndSilentEntitiesWithTheirStates() {
        ReportingFilter filter = new ReportingFilter(RULE, null, Long.MAX_VALUE);
        assertEquals(new Reporting(true, null), filter.wanted(NOW - 5_000, INTERVAL));
        assertEquals(new Reporting(false, NOW - 60_000 + 30_000), filter.wanted(NOW - 60_000, INTERVAL));
    }

    @Test
    void aFilterOnReportingLeavesOutTheSilentOnes() {
        ReportingFilter filter = new ReportingFilter(RULE, true, Long.MAX_VALUE);
        assertNotNull(filter.wanted(NOW - 5_000, INTERVAL));
        assertNull(filter.wanted(NOW - 60_000, INTERVAL));
    }

    @Test
    void aFilterOnSilentLeavesOutTheReportingOnes() {
        ReportingFilter filter = new ReportingFilter(RULE, false, Long.MAX_VALUE);
        assertNull(filter.wanted(NOW - 5_000, INTERVAL));
        assertNotNull(filter.wanted(NOW - 60_000, INTERVAL));
    }

    @Test
    void theAnswerHoldsUntilTheFirstEntityFallsSilentEvenOneTheFilterLeftOut() {
        ReportingFilter filter = new ReportingFilter(RULE, false, Long.MAX_VALUE);
        filter.wanted(NOW - 20_000, INTERVAL);
        filter.wanted(NOW - 5_000, INTERVAL);
        assertEquals(NOW - 20_000 + 30_000, filter.until());
    }

    @Test
    void silentEntitiesAloneLetTheAnswerHoldForever() {
        ReportingFilter filter = new ReportingFilter(RULE, null, Long.MAX_VALUE);
        filter.wanted(NOW - 60_000, INTERVAL);
        assertEquals(Long.MAX_VALUE, filter.until());
    }

    @Test
    void anEarlierBoundGivenAtTheStartIsKept() {
        ReportingFilter filter = new ReportingFilter(RULE, null, NOW + 1);
        filter.wanted(NOW - 5_000, INTERVAL);
        assertEquals(NOW + 1, filter.until());
    }
}
