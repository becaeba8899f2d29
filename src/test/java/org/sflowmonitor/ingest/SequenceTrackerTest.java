package org.sflowmonitor.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SequenceTrackerTest {

    private final SequenceTracker tracker = new SequenceTracker(10, 20_000);

    @Test
    void theFirstNumberOfAStreamIsNext() {
        assertEquals(SequenceTracker.Step.NEXT, tracker.next("10.0.0.1", 7, 500, -1));
    }

    @Test
    void theFollowingNumberIsNextAndASkippedOneCountsTheGapAsLost() {
        tracker.next("10.0.0.1", 7, 1, -1);
        assertEquals(SequenceTracker.Step.NEXT, tracker.next("10.0.0.1", 7, 2, -1));
        assertEquals(3, tracker.next("10.0.0.1", 7, 6, -1).lost());
    }

    @Test
    void anEarlierNumberIsLateAndNotALoss() {
        tracker.next("10.0.0.1", 7, 10, -1);
        assertEquals(SequenceTracker.Step.LATE, tracker.next("10.0.0.1", 7, 9, -1));
        assertEquals(SequenceTracker.Step.NEXT, tracker.next("10.0.0.1", 7, 11, -1));
    }

    @Test
    void aSequenceBackToOneOrAnUptimeGoneBackIsAReset() {
        tracker.next("10.0.0.1", 7, 5000, -1);
        assertEquals(SequenceTracker.Step.RESET, tracker.next("10.0.0.1", 7, 1, -1));
        tracker.next("10.0.0.1", 100_001, 50, 90_000);
        assertEquals(SequenceTracker.Step.RESET, tracker.next("10.0.0.1", 100_001, 51, 1_000));
    }

    @Test
    void aJumpOfMoreThanAMillionIsAResetNotALoss() {
        tracker.next("10.0.0.1", 7, 1, -1);
        assertEquals(SequenceTracker.Step.RESET, tracker.next("10.0.0.1", 7, 2_000_002, -1));
    }

    @Test
    void manyStreamsOfOneAgentStayApartAsItsTableGrows() {
        for (int round = 1; round <= 3; round++) {
            for (long stream = 0; stream < 10_000; stream++) {
                long source = (3L << 32) | (100_000 + stream);
                assertEquals(SequenceTracker.Step.NEXT, tracker.next("10.0.0.1", source, round, -1));
            }
        }
        assertEquals(10_000, tracker.size());
    }

    @Test
    void theSameStreamNumberOfTwoAgentsIsTwoStreams() {
        tracker.next("10.0.0.1", 7, 100, -1);
        assertEquals(SequenceTracker.Step.NEXT, tracker.next("10.0.0.2", 7, 1, -1));
        assertEquals(SequenceTracker.Step.NEXT, tracker.next("10.0.0.1", 7, 101, -1));
    }

    @Test
    void streamsPastTheBoundOfOneAgentAreNotFollowed() {
        SequenceTracker small = new SequenceTracker(10, 3);
        for (long stream = 0; stream < 5; stream++) {
            small.next("10.0.0.1", stream, 1, -1);
        }
        assertEquals(3, small.size());
        assertEquals(SequenceTracker.Step.NEXT, small.next("10.0.0.1", 4, 50, -1));
    }

    @Test
    void agentsPastTheBoundAreNotFollowed() {
        SequenceTracker small = new SequenceTracker(2, 10);
        small.next("10.0.0.1", 1, 1, -1);
        small.next("10.0.0.2", 1, 1, -1);
        small.next("10.0.0.3", 1, 1, -1);
        assertEquals(2, small.size());
        assertEquals(SequenceTracker.Step.NEXT, small.next("10.0.0.3", 1, 50, -1));
    }

    @Test
    void anEarlierNumberThatIsOneIsARestartNotALateArrival() {
        tracker.next("10.0.0.1", 7, 5, -1);
        assertEquals(SequenceTracker.Step.RESET, tracker.next("10.0.0.1", 7, 1, -1));
    }

    @Test
    void aStreamWhoseIdIsTheTablesEmptyMarkerIsFollowedLikeAnyOther() {
        long crafted = (long) Integer.MIN_VALUE << 32; // an expanded sample with source type 0x80000000, index 0
        tracker.next("10.0.0.1", crafted, 1, -1);
        assertEquals(3, tracker.next("10.0.0.1", crafted, 5, -1).lost());
        for (long stream = 0; stream < 100; stream++) {
            tracker.next("10.0.0.1", stream, 1, -1);
        }
        assertEquals(SequenceTracker.Step.NEXT, tracker.next("10.0.0.1", crafted, 6, -1));
        assertEquals(101, tracker.size());
    }
}
