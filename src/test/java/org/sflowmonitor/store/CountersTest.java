package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

/** Counter differences as the summaries take them: wraps forward, resets give nothing. */
class CountersTest {

    @Test
    void aRising32BitCounterGivesItsDifference() {
        assertEquals(400L, Counters.delta32(1_000L, 1_400L));
        assertEquals(0L, Counters.delta32(7L, 7L));
    }

    @Test
    void a32BitCounterThatWrappedOnceMovesForwardBySmallStep() {
        assertEquals(400L, Counters.delta32(0xFFFF_FFFFL - 299, 100L));
    }

    @Test
    void a32BitCounterThatFellFarBackWasResetAndGivesNothing() {
        assertNull(Counters.delta32(3_000_000L, 10L));
    }

    @Test
    void a64BitCounterThatWentBackwardsGivesNothing() {
        assertNull(Counters.delta64(5_000L, 4_999L));
        assertEquals(BigInteger.ONE, Counters.delta64(new BigInteger("18446744073709551614"),
                new BigInteger("18446744073709551615")));
    }

    @Test
    void anUnknownValueGivesNothing() {
        assertNull(Counters.delta32(null, 5L));
        assertNull(Counters.delta64(5L, null));
        assertNull(Counters.perSecond(null, 1000));
        assertNull(Counters.percent(5, 0));
    }

    @Test
    void ratesArePerSecondWithTwoDecimals() {
        assertEquals(333.33, Counters.perSecond(1_000L, 3_000));
        assertEquals(33.33, Counters.percent(1, 3));
    }

    @Test
    void theRawFormsFollowTheSameRulesAndSayNoFigureWithNoDelta() {
        assertEquals(400L, Counters.step32(0xFFFF_FFFFL - 299, 100L));
        assertEquals(Counters.NO_DELTA, Counters.step32(3_000_000L, 10L));
        assertEquals(Counters.NO_DELTA, Counters.step32(Counters.UNKNOWN, 10L));
        assertEquals(1L, Counters.step64(-2L, -1L), "unsigned: 2^64-2 to 2^64-1");
        assertEquals(Counters.NO_DELTA, Counters.step64(5_000L, 4_999L));
    }
}
