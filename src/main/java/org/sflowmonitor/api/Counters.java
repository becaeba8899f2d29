package org.sflowmonitor.api;

import java.math.BigInteger;

/**
 * Differences of raw sFlow counters between two samples. A 32-bit counter that went backwards
 * by a small step is taken as wrapped at 2^32; any other backwards step (a reset: the agent or
 * the VM restarted) gives no figure, never a wrong one. NULL (unknown) gives no figure.
 */
final class Counters {

    private static final long U32 = 1L << 32;

    private Counters() {
    }

    /** cur - prev of an unsigned 32-bit counter, allowing one wrap; null when it cannot be told. */
    static Long delta32(Object prev, Object cur) {
        if (!(prev instanceof Number p) || !(cur instanceof Number c)) {
            return null;
        }
        long d = c.longValue() - p.longValue();
        if (d < 0) {
            d += U32;
            // a wrap moves forward by less than half the range; more is a reset
            if (d >= U32 / 2) {
                return null;
            }
        }
        return d;
    }

    /** cur - prev of a 64-bit counter; null when it went backwards or is unknown. */
    static BigInteger delta64(Object prev, Object cur) {
        if (!(prev instanceof Number p) || !(cur instanceof Number c)) {
            return null;
        }
        BigInteger d = big(c).subtract(big(p));
        return d.signum() < 0 ? null : d;
    }

    private static BigInteger big(Number n) {
        return n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
    }

    /** A change per second over {@code millis}, two decimals; null without a change or a time. */
    static Double perSecond(Number delta, long millis) {
        if (delta == null || millis <= 0) {
            return null;
        }
        return round2(delta.doubleValue() * 1000.0 / millis);
    }

    /** part / whole as a percentage with two decimals; null when either is unknown or whole is 0. */
    static Double percent(Number part, Number whole) {
        if (part == null || whole == null || whole.doubleValue() <= 0) {
            return null;
        }
        return round2(100.0 * part.doubleValue() / whole.doubleValue());
    }

    static Double round2(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
