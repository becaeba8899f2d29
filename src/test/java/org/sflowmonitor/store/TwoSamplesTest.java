package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sflowmonitor.store.LatestState.Sample;

/** The latest tables' rule for the two samples they keep of an entity, apart from any table. */
class TwoSamplesTest {

    private static final Sample AT_10 = sample(10, 1);
    private static final Sample AT_20 = sample(20, 2);
    private static final Sample AT_30 = sample(30, 3);

    private static Sample sample(long ts, long value) {
        return new Sample(ts, 7, new long[] {value});
    }

    private static TwoSamples holding(Sample... samples) {
        TwoSamples two = new TwoSamples();
        for (Sample s : samples) {
            two.add(s);
        }
        return two;
    }

    private static void assertHolds(TwoSamples two, Sample newest, Sample previous) {
        assertEquals(newest, two.newest() == null ? null : asHeld(two.newest(), newest));
        assertEquals(previous, two.previous() == null ? null : asHeld(two.previous(), previous));
    }

    /** {@code held} when it has the values of {@code expected} (records compare arrays by identity). */
    private static Sample asHeld(Sample held, Sample expected) {
        assertArrayEquals(expected.values(), held.values());
        return new Sample(held.ts(), held.hostId(), expected.values());
    }

    @Test
    void anEntitysFirstSampleIsItsNewestWithoutAPrevious() {
        assertHolds(holding(AT_10), AT_10, null);
    }

    @Test
    void aNewerSampleMovesTheNewestToPrevious() {
        assertHolds(holding(AT_10, AT_20, AT_30), AT_30, AT_20);
    }

    @Test
    void aSampleBetweenTheTwoReplacesThePrevious() {
        assertHolds(holding(AT_10, AT_30, AT_20), AT_30, AT_20);
    }

    @Test
    void aSampleOlderThanBothChangesNothing() {
        TwoSamples two = holding(AT_20, AT_30);
        assertEquals(TwoSamples.Placed.NONE, two.add(AT_10));
        assertHolds(two, AT_30, AT_20);
    }

    @Test
    void ofTwoSamplesWithTheSameTsTheLaterCountsAsNewer() {
        Sample later = sample(20, 9);
        assertHolds(holding(AT_10, AT_20, later), later, AT_20);
    }

    @Test
    void theSameSampleReadTwiceCountsOnce() {
        TwoSamples two = holding(AT_10, AT_20);
        assertEquals(TwoSamples.Placed.NONE, two.add(sample(20, 2)));
        assertHolds(two, AT_20, AT_10);
    }

    @Test
    void aRepeatOfTheNewestIsNotPlacedAsTheNewestAgain() {
        TwoSamples two = holding(AT_10, AT_20);
        assertEquals(TwoSamples.Placed.NONE, two.add(AT_20));
        assertEquals(TwoSamples.Placed.NEWEST, two.add(AT_30));
        assertEquals(TwoSamples.Placed.PREVIOUS, two.add(sample(25, 4)));
    }

    @Test
    void theSameTsAndValuesFromAnotherNodeIsANewSample() {
        TwoSamples two = holding(AT_20);
        assertEquals(TwoSamples.Placed.NEWEST, two.add(20, 8, new long[] {2}));
        assertEquals(8, two.newest().hostId());
        assertEquals(7, two.previous().hostId());
    }

    @Test
    void aRowsPreviousIsAppliedBeforeItsNewest() {
        Sample newest = sample(20, 5);
        Sample previous = sample(20, 4);
        TwoSamples two = new TwoSamples();
        assertTrue(two.addRow(newest, previous));
        assertHolds(two, newest, previous);
    }

    @Test
    void theValuesAreCopiedSoThatTheWritersArrayCanBeReused() {
        long[] scratch = {5};
        TwoSamples two = new TwoSamples();
        two.add(20, 7, scratch);
        scratch[0] = 6;
        two.add(30, 7, scratch);
        assertArrayEquals(new long[] {6}, two.newest().values());
        assertArrayEquals(new long[] {5}, two.previous().values());
        assertNotSame(two.newest().values(), two.newest().values());
    }

    @Test
    void droppingThePreviousKeepsTheNewest() {
        TwoSamples two = holding(AT_10, AT_20);
        two.dropPrevious();
        assertHolds(two, AT_20, null);
        assertNull(two.previous());
    }
}
