package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.sflowmonitor.store.LatestState.Sample;

/** The latest tables' rule for the two samples they keep of an entity, apart from any table. */
class NewestTwoTest {

    private static final Sample AT_10 = sample(10, 1);
    private static final Sample AT_20 = sample(20, 2);
    private static final Sample AT_30 = sample(30, 3);

    private static Sample sample(long ts, long value) {
        return new Sample(ts, 7, new long[] {value});
    }

    @Test
    void anEntitysFirstSampleIsItsNewestWithoutAPrevious() {
        assertArrayEquals(new Sample[] {AT_10, null}, NewestTwo.merged(null, AT_10));
    }

    @Test
    void aNewerSampleMovesTheNewestToPrevious() {
        assertArrayEquals(new Sample[] {AT_30, AT_20}, NewestTwo.merged(AT_20, AT_10, AT_30));
    }

    @Test
    void aSampleBetweenTheTwoReplacesThePrevious() {
        assertArrayEquals(new Sample[] {AT_30, AT_20}, NewestTwo.merged(AT_30, AT_10, AT_20));
    }

    @Test
    void aSampleOlderThanBothChangesNothing() {
        assertArrayEquals(new Sample[] {AT_30, AT_20}, NewestTwo.merged(AT_30, AT_20, AT_10));
    }

    @Test
    void ofTwoSamplesWithTheSameTsTheLaterCountsAsNewer() {
        Sample later = sample(20, 9);
        assertArrayEquals(new Sample[] {later, AT_20}, NewestTwo.merged(AT_20, AT_10, later));
    }

    @Test
    void theSameSampleReadTwiceCountsOnce() {
        Sample again = sample(20, 2);
        Sample[] two = NewestTwo.merged(AT_20, AT_10, again);
        assertSame(AT_20, two[0]);
        assertSame(AT_10, two[1]);
    }

    @Test
    void aRowsPreviousIsAppliedBeforeItsNewest() {
        Sample newest = sample(20, 5);
        Sample previous = sample(20, 4);
        assertArrayEquals(new Sample[] {newest, previous}, NewestTwo.mergedRow(null, newest, previous));
    }
}
