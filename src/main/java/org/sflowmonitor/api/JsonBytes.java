package org.sflowmonitor.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * JSON text written straight into UTF-8 bytes: for answers of many thousand rows whose field
 * names and constant values are encoded once and whose numbers are written without an object or
 * a string each. Numbers come out exactly as Jackson writes the same long or double.
 * <p>
 * The text is kept in pieces of at most {@link #PIECE} bytes (a longer single append gets a piece
 * of its own), not in one array of the answer's size: a year of 1-hour rows is 13.7 MB, and an
 * array of that size is a humongous object for G1, allocated outside the young generation, and
 * such allocations start most of the collections of a process answering such calls.
 */
final class JsonBytes {

    /** The most a piece holds; far below G1's humongous size (half a region of at least 1 MB). */
    static final int PIECE = 1 << 16;

    /** Below this many hundredths a value with two decimals is written digit by digit (plain notation). */
    private static final long PLAIN_HUNDREDTHS = 1_000_000_000L;

    /** The most bytes a long takes ("-9223372036854775808"). */
    static final int LONGEST_LONG = 20;
    /** The most bytes {@link Double#toString} takes ("-2.2250738585072014E-308"). */
    static final int LONGEST_DOUBLE = 24;

    /** "00" to "99", two bytes each. */
    private static final byte[] PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    /** The pieces written before the current one, how many bytes each holds, and where each begins in the text. */
    private byte[][] done = new byte[0][];
    private int[] doneLength = new int[0];
    private int[] doneStart = new int[0];
    private int pieces;
    /** The bytes of the text before the current piece. */
    private int before;
    /** The current piece and how many of its bytes are written. */
    private byte[] bytes;
    private int length;

    JsonBytes(int capacity) {
        bytes = new byte[Math.min(Math.max(capacity, 16), PIECE)];
    }

    /** The text's length in bytes. */
    int length() {
        return before + length;
    }

    /** The text written, in an array of its length. */
    byte[] exact() {
        if (pieces == 0 && length == bytes.length) {
            return bytes;
        }
        return written().bytes();
    }

    /** The text written, in the pieces it was written into (not copied). */
    WrittenJson written() {
        byte[][] parts = Arrays.copyOf(done, pieces + 1);
        int[] lengths = Arrays.copyOf(doneLength, pieces + 1);
        parts[pieces] = bytes;
        lengths[pieces] = length;
        return new WrittenJson(parts, lengths);
    }

    JsonBytes append(byte b) {
        reserve(1);
        return put(b);
    }

    JsonBytes append(byte[] text) {
        reserve(text.length);
        return put(text);
    }

    /** {@link #append(byte)} in room made by {@link #reserve}. */
    JsonBytes put(byte b) {
        bytes[length++] = b;
        return this;
    }

    /** {@link #append(byte[])} in room made by {@link #reserve}. */
    JsonBytes put(byte[] text) {
        System.arraycopy(text, 0, bytes, length, text.length);
        length += text.length;
        return this;
    }

    /** The bytes from {@code from} to {@code to} of another text. */
    JsonBytes append(JsonBytes text, int from, int to) {
        while (from < to) {
            int piece = text.pieceAt(from);
            byte[] source = piece == text.pieces ? text.bytes : text.done[piece];
            int start = piece == text.pieces ? text.before : text.doneStart[piece];
            int end = piece == text.pieces ? text.before + text.length : start + text.doneLength[piece];
            int n = Math.min(to, end) - from;
            reserve(Math.min(n, PIECE));
            int here = Math.min(n, bytes.length - length);
            System.arraycopy(source, from - start, bytes, length, here);
            length += here;
            from += here;
        }
        return this;
    }

    /** The piece holding the text's byte {@code at} ({@link #pieces}: the current one). */
    private int pieceAt(int at) {
        if (at >= before) {
            return pieces;
        }
        int found = Arrays.binarySearch(doneStart, 0, pieces, at);
        return found >= 0 ? found : -found - 2;
    }

    /** A long as Jackson writes it. */
    JsonBytes append(long v) {
        reserve(LONGEST_LONG);
        return put(v);
    }

    /** {@link #append(long)} in room made by {@link #reserve}. */
    JsonBytes put(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return put(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
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
        reserve(LONGEST_DOUBLE);
        return putHundredths(v);
    }

    /** {@link #appendHundredths} in room made by {@link #reserve}. */
    JsonBytes putHundredths(double v) {
        long k = Math.round(v * 100.0);
        if (k <= -PLAIN_HUNDREDTHS || k >= PLAIN_HUNDREDTHS) {
            return put(Double.toString(k / 100.0).getBytes(StandardCharsets.US_ASCII));
        }
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

    /**
     * Makes room for {@code more} bytes in the current piece, for that many bytes of appends or
     * puts: a small text grows by copying until it holds a piece's worth, a larger one goes on in
     * a new piece.
     */
    void reserve(int more) {
        if (length + more <= bytes.length) {
            return;
        }
        if (length + more <= PIECE) {
            bytes = Arrays.copyOf(bytes, Math.min(PIECE, Math.max(bytes.length * 2, length + more)));
            return;
        }
        if (length == 0) {
            // no empty piece: it would begin where the next does, and a range read from there would never advance
            bytes = new byte[more];
            return;
        }
        if (pieces == done.length) {
            int grown = Math.max(8, pieces * 2);
            done = Arrays.copyOf(done, grown);
            doneLength = Arrays.copyOf(doneLength, grown);
            doneStart = Arrays.copyOf(doneStart, grown);
        }
        done[pieces] = bytes;
        doneLength[pieces] = length;
        doneStart[pieces] = before;
        pieces++;
        before += length;
        bytes = new byte[Math.max(PIECE, more)];
        length = 0;
    }
}
