package org.sflowmonitor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BetweenClosesTest {

    private static final long BUCKET = 1_800_000_000_000L; // a 5-minute boundary
    private static final long TRIAL = 95_000;

    @Test
    void aTrialStartingWhileACloseRunsWaitsUntilItIsDone() {
        assertEquals(50_000, BetweenCloses.millisToWait(BUCKET + 10_000, TRIAL));
    }

    @Test
    void aTrialThatEndsBeforeTheNextCloseStartsAtOnce() {
        assertEquals(0, BetweenCloses.millisToWait(BUCKET + 100_000, TRIAL));
        assertEquals(0, BetweenCloses.millisToWait(BUCKET + 220_000, TRIAL));
    }

    @Test
    void aTrialThatWouldMeetTheNextCloseWaitsUntilThatCloseIsDone() {
        assertEquals(110_000, BetweenCloses.millisToWait(BUCKET + 250_000, TRIAL));
    }
}
