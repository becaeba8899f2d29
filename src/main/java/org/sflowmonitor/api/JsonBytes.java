package org.sflowmonitor.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * JSON text written straight into a growing UTF-8 byte array: for answers of many thousand rows
 * whose field names and constant values are encoded once and whose numbers are written without
 * an object or a string each. Numbers come out exactly as Jackson writes the same long or double.
 */
final class JsonBytes {

    /** Below this many hundredths a value with two decimals is written digit by digit (plain notation). */
    private static final long PLAIN_HUNDREDTHS = 1_000_000_000L;

    /** "00" to "99", two bytes each. */
    private static final byte[] PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private byte[] bytes;
    private int length;

    JsonBytes(int capacity) {
        bytes = new byte[Math.max(capacity, 16)];
    }

    int length() {
        return length;
    }

    /** The text written, in the array written into (not copied). */
    WrittenJson written() {
        return new WrittenJson(bytes, length);
    }

    /** The text written, in an array of its length. */
    byte[] exact() {
        return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }

    JsonBytes append(byte b) {
        ensure(1);
        bytes[length++] = b;
        return this;
    }

    JsonBytes append(byte[] text) {
        ensure(text.length);
        System.arraycopy(text, 0, bytes, length, text.length);
        length += text.length;
        return this;
    }

    /** The bytes from {@code from} to {@code to} of another text. */
    JsonBytes append(JsonBytes text, int from, int to) {
        ensure(to - from);
        System.arraycopy(text.bytes, from, bytes, length, to - from);
        length += to - from;
        return this;
    }

    /** A long as Jackson writes it. */
    JsonBytes append(long v) {
        ensure(20);
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return append(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
            }
            bytes[length++] = '-';
            v = -v;
        }
        if (v <= Integer.MAX_VALUE) {
            int end = length + digits((int) v);
            digitsBefore(end, (int) v);
            length = end;
            return this;
        }
        int digits = digits(v);
        int end = length + digits;
        for (int at = end - 1; at >= length; at--) {
            bytes[at] = (byte) ('0' + v % 10);
            v /= 10;
        }
        length = end;
        return this;
    }

    /**
     * {@code v} rounded to two decimals ({@code Math.round(v * 100) / 100.0}) as Jackson writes
     * that double ({@link Double#toString}): 12.34, 12.3, 12.0, 0.05; the shortest decimal of a
     * multiple of 0.01 below 10^7 is its hundredths without trailing zeros.
     */
    JsonBytes appendHundredths(double v) {
        long k = Math.round(v * 100.0);
        if (k <= -PLAIN_HUNDREDTHS || k >= PLAIN_HUNDREDTHS) {
            return append(Double.toString(k / 100.0).getBytes(StandardCharsets.US_ASCII));
        }
        ensure(13);
        // below 10^9 the hundredths fit an int, whose digits are cheaper to take
        int h = (int) k;
        if (h < 0) {
            bytes[length++] = '-';
            h = -h;
        }
        int whole = h / 100;
        int cents = h - whole * 100;
        int point = length + digits(whole);
        digitsBefore(point, whole);
        bytes[point] = '.';
        // 12.30 is written 12.3, 12.00 12.0: one decimal when the second is 0
        if (cents % 10 == 0) {
            bytes[point + 1] = (byte) ('0' + cents / 10);
            length = point + 2;
        } else {
            bytes[point + 1] = PAIRS[2 * cents];
            bytes[point + 2] = PAIRS[2 * cents + 1];
            length = point + 3;
        }
        return this;
    }

    /** Writes the digits of {@code v} (not negative) so that the last is just before {@code end}, two at a time. */
    private void digitsBefore(int end, int v) {
        int at = end;
        while (v >= 100) {
            int q = v / 100;
            int pair = 2 * (v - q * 100);
            bytes[--at] = PAIRS[pair + 1];
            bytes[--at] = PAIRS[pair];
            v = q;
        }
        if (v >= 10) {
            bytes[--at] = PAIRS[2 * v + 1];
            bytes[--at] = PAIRS[2 * v];
        } else {
            bytes[--at] = (byte) ('0' + v);
        }
    }

    private static int digits(int v) {
        return v < 10 ? 1 : v < 100 ? 2 : v < 1_000 ? 3 : v < 10_000 ? 4 : v < 100_000 ? 5 : v < 1_000_000 ? 6
                : v < 10_000_000 ? 7 : v < 100_000_000 ? 8 : v < 1_000_000_000 ? 9 : 10;
    }

    private static int digits(long v) {
        int n = 1;
        for (long limit = 10; n < 19 && v >= limit; limit *= 10) {
            n++;
        }
        return n;
    }

    /** Makes room for {@code more} bytes to come without growing again. */
    void reserve(int more) {
        ensureExactly(more);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    private void ensureExactly(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, length + more);
        }
    }
}
