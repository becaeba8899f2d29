package org.sflowmonitor.store;

import java.math.BigInteger;

/**
 * Differences of raw sFlow counters between two samples, as the summaries and the rollups take
 * them (the primitive forms, on the raw values: {@code step32}, {@code step64}). A 32-bit counter that went backwards by a small step is taken as wrapped at 2^32; any
 * other backwards step (a reset: the agent or the VM restarted) gives no figure, never a wrong
 * one. Unknown gives no figure. The primitive forms say "no figure" with {@link #NO_DELTA}.
 */
public final class Counters {

    /** What the primitive forms return when there is no figure. */
    public static final long NO_DELTA = -1;
    /** A primitive counter value that is unknown (NULL, or sFlow's sentinel). */
    public static final long UNKNOWN = Long.MIN_VALUE;

    private static final long U32 = 1L << 32;

    private Counters() {
    }

    /** cur - prev of an unsigned 32-bit counter, allowing one wrap; {@link #NO_DELTA} when it cannot be told. */
    public static long step32(long prev, long cur) {
        if (prev == UNKNOWN || cur == UNKNOWN) {
            return NO_DELTA;
        }
        long d = cur - prev;
        if (d < 0) {
            d += U32;
            // a wrap moves forward by less than half the range; more is a reset
            if (d >= U32 / 2 || d < 0) {
                return NO_DELTA;
            }
        }
        return d;
    }

    /**
     * cur - prev of an unsigned 64-bit counter held in a long's 64 bits; {@link #NO_DELTA} when it
     * went backwards or is unknown. The difference is unsigned too.
     */
    public static long step64(long prev, long cur) {
        if (prev == UNKNOWN || cur == UNKNOWN || Long.compareUnsigned(cur, prev) < 0) {
            return NO_DELTA;
        }
        return cur - prev;
    }

    /** cur - prev of an unsigned 32-bit counter, allowing one wrap; null when it cannot be told. */
    public static Long delta32(Object prev, Object cur) {
        if (!(prev instanceof Number p) || !(cur instanceof Number c)) {
            return null;
        }
        long d = step32(p.longValue(), c.longValue());
        return d == NO_DELTA ? null : d;
    }

    /** cur - prev of a 64-bit counter; null when it went backwards or is unknown. */
    public static BigInteger delta64(Object prev, Object cur) {
        if (!(prev instanceof Number p) || !(cur instanceof Number c)) {
            return null;
        }
        BigInteger d = big(c).subtract(big(p));
        return d.signum() < 0 ? null : d;
    }

    private static BigInteger big(Number n) {
        return n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
    }

    /** An unsigned 64-bit difference as a double. */
    public static double unsigned(long delta) {
        return delta >= 0 ? delta : Math.pow(2, 64) + delta;
    }

    /** A change per second over {@code millis}, two decimals; null without a change or a time. */
    public static Double perSecond(Number delta, long millis) {
        if (delta == null || millis <= 0) {
            return null;
        }
        return round2(delta.doubleValue() * 1000.0 / millis);
    }

    /** part / whole as a percentage with two decimals; null when either is unknown or whole is 0. */
    public static Double percent(Number part, Number whole) {
        if (part == null || whole == null || whole.doubleValue() <= 0) {
            return null;
        }
        return round2(100.0 * part.doubleValue() / whole.doubleValue());
    }

    public static Double round2(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
