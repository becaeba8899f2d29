package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The polling interval learned from the receive times of a node's samples. */
class PollingIntervalTest {

    private static final long T0 = 1_700_000_000_000L;

    private static long learn(long... times) {
        PollingInterval p = new PollingInterval();
        long learned = 0;
        for (long t : times) {
            learned = p.sampled(T0 + t);
        }
        return learned;
    }

    @Test
    void oneSampleTeachesNoInterval() {
        assertEquals(0, learn(0));
    }

    @Test
    void twoSamplesTeachTheGapBetweenThem() {
        assertEquals(20_000, learn(0, 20_000));
    }

    @Test
    void jitterOfTheArrivalsGivesTheMedianGap() {
        assertEquals(20_010, learn(0, 19_950, 40_000, 60_010, 79_900, 100_050));
    }

    @Test
    void aMissedRoundDoesNotDoubleTheInterval() {
        assertEquals(20_000, learn(0, 20_000, 40_000, 80_000, 100_000, 120_000));
    }

    @Test
    void aGapUnderHalfASecondIsADuplicateNotAnInterval() {
        assertEquals(30_000, learn(0, 30_000, 30_005, 60_000));
    }

    @Test
    void aChangedPollingSettingTakesOverAfterThreeGaps() {
        assertEquals(10_000, learn(0, 30_000, 60_000, 70_000, 80_000, 90_000));
    }

    @Test
    void aLearnedIntervalIsWrittenWhenNewOrMovedByMoreThanATenth() {
        assertTrue(PollingInterval.worthWriting(20_000, 0));
        assertFalse(PollingInterval.worthWriting(21_000, 20_000));
        assertTrue(PollingInterval.worthWriting(23_000, 20_000));
        assertFalse(PollingInterval.worthWriting(0, 0));
    }
}
