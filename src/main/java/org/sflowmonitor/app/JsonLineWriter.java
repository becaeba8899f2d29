package org.sflowmonitor.app;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes JSON Lines in UTF-8 straight into a byte buffer, byte for byte as Jackson's generator
 * with its default settings writes them (no spaces; control characters, quote and backslash
 * escaped, the short forms \b \t \n \f \r and otherwise backslash-u-00XX in upper-case hex; each
 * UTF-16 surrogate escaped the same way; NaN and the infinities of a float as quoted strings;
 * everything else as is, in UTF-8). The caller says
 * where fields, values and lines start and end; the writer adds the commas. Not thread-safe.
 * One piece although over 300 lines: the escapes and the number and float forms together make
 * Jackson's bytes, and are checked together against Jackson's output (JsonLineWriterTest).
 */
final class JsonLineWriter {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** For ASCII characters: 0 written as is, otherwise the letter of a short escape or 'u'. */
    private static final byte[] ESCAPES = new byte[128];
    /** 10^0 .. 10^18. */
    private static final long[] POWERS_OF_TEN = new long[19];
    /** The two digits of 0..99, for writing numbers two digits at a time. */
    private static final byte[] DIGIT_PAIRS = new byte[200];
    /** Longest number: "-9223372036854775808", 20 bytes; "18446744073709551615" is as long. */
    private static final int MAX_NUMBER = 20;
    /** Longest {@link Float#toString}: "-1.17549435E-38", 15 bytes; rounded up. */
    private static final int MAX_FLOAT = 16;

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = 'u';
        }
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\f'] = 'f';
        ESCAPES['\r'] = 'r';
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private final OutputStream out;
    private final byte[] buf;
    private int pos;
    /** A value or field was written at this level, so the next one needs a comma before it. */
    private boolean comma;

    JsonLineWriter(OutputStream out, int bufferSize) {
        this.out = out;
        this.buf = new byte[Math.max(bufferSize, 1024)];
    }

    /** A field name as written before its value: {@code "name":}. */
    static byte[] fieldName(String name) {
        JsonLineWriter w = new JsonLineWriter(OutputStream.nullOutputStream(), name.length() * 6 + 3);
        try {
            w.string(name);
        } catch (IOException e) {
            throw new IllegalStateException("the buffer holds the name", e);
        }
        w.buf[w.pos++] = ':';
        return Arrays.copyOf(w.buf, w.pos);
    }

    void startObject() throws IOException {
        open('{');
    }

    void endObject() throws IOException {
        close('}');
    }

    void startArray() throws IOException {
        open('[');
    }

    void endArray() throws IOException {
        close(']');
    }

    /** Ends a line after a top-level value. */
    void endLine() throws IOException {
        ensure(1);
        buf[pos++] = '\n';
        comma = false;
    }

    /** Starts a field with a name from {@link #fieldName}; its value follows. */
    void field(byte[] name) throws IOException {
        ensure(name.length + 1);
        if (comma) {
            buf[pos++] = ',';
        }
        System.arraycopy(name, 0, buf, pos, name.length);
        pos += name.length;
        comma = false;
    }

    void numberField(byte[] name, long value) throws IOException {
        field(name);
        number(value);
    }

    void stringField(byte[] name, String value) throws IOException {
        field(name);
        string(value);
    }

    void number(long value) throws IOException {
        ensure(MAX_NUMBER + 2);
        separate();
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                ascii("-9223372036854775808");
                return;
            }
            buf[pos++] = '-';
            value = -value;
        }
        digits(value);
    }

    /** The 64 bits of {@code value} as an unsigned number. */
    void unsigned(long value) throws IOException {
        if (value >= 0) {
            number(value);
            return;
        }
        ensure(MAX_NUMBER + 1);
        separate();
        long quotient = Long.divideUnsigned(value, 10);
        digits(quotient);
        buf[pos++] = (byte) ('0' + (value - quotient * 10));
    }

    void number(float value) throws IOException {
        if (Float.isFinite(value)) {
            ensure(MAX_FLOAT + 1);
            separate();
            ascii(Float.toString(value));
        } else {
            string(Float.toString(value));
        }
    }

    void nullValue() throws IOException {
        ensure(5);
        separate();
        ascii("null");
    }

    void string(String value) throws IOException {
        ensure(2);
        separate();
        buf[pos++] = '"';
        int length = value.length();
        int i = 0;
        if (length < buf.length - pos) {
            // the common case: printable ASCII, copied as it is
            while (i < length) {
                char c = value.charAt(i);
                if (c >= 0x80 || ESCAPES[c] != 0) {
                    break;
                }
                buf[pos++] = (byte) c;
                i++;
            }
        }
        if (i < length) {
            escapedRest(value, i);
        }
        ensure(1);
        buf[pos++] = '"';
    }

    /** Flushes the buffer into the stream, and the stream. */
    void flush() throws IOException {
        drain();
        out.flush();
    }

    private void open(char bracket) throws IOException {
        ensure(2);
        separate();
        buf[pos++] = (byte) bracket;
        comma = false;
    }

    private void close(char bracket) throws IOException {
        ensure(1);
        buf[pos++] = (byte) bracket;
        comma = true;
    }

    /** The comma before a value in an array; a field's value follows its name directly. */
    private void separate() {
        if (comma) {
            buf[pos++] = ',';
        }
        comma = true;
    }

    /** Writes a string's characters from {@code from} on, escaping and encoding where needed. */
    private void escapedRest(String value, int from) throws IOException {
        int length = value.length();
        for (int i = from; i < length; i++) {
            ensure(6); // the longest: backslash-u and four hex digits
            char c = value.charAt(i);
            if (c < 0x80) {
                byte escape = ESCAPES[c];
                if (escape == 0) {
                    buf[pos++] = (byte) c;
                } else if (escape == 'u') {
                    buf[pos++] = '\\';
                    buf[pos++] = 'u';
                    buf[pos++] = '0';
                    buf[pos++] = '0';
                    buf[pos++] = HEX[c >> 4];
                    buf[pos++] = HEX[c & 0xF];
                } else {
                    buf[pos++] = '\\';
                    buf[pos++] = escape;
                }
            } else if (c < 0x800) {
                buf[pos++] = (byte) (0xC0 | (c >> 6));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                // Jackson's default: each half of a pair (or a lone half) as an escape, never 4 UTF-8 bytes
                buf[pos++] = '\\';
                buf[pos++] = 'u';
                buf[pos++] = HEX[c >> 12];
                buf[pos++] = HEX[(c >> 8) & 0xF];
                buf[pos++] = HEX[(c >> 4) & 0xF];
                buf[pos++] = HEX[c & 0xF];
            } else {
                buf[pos++] = (byte) (0xE0 | (c >> 12));
                buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    /** The decimal digits of a non-negative value; room for them is ensured. */
    private void digits(long value) {
        int end = pos + digitCount(value);
        int at = end;
        while (value > Integer.MAX_VALUE) {
            long q = value / 100;
            int pair = (int) (value - q * 100) * 2;
            buf[--at] = DIGIT_PAIRS[pair + 1];
            buf[--at] = DIGIT_PAIRS[pair];
            value = q;
        }
        int v = (int) value; // int division is cheaper
        while (v >= 100) {
            int q = v / 100;
            int pair = (v - q * 100) * 2;
            buf[--at] = DIGIT_PAIRS[pair + 1];
            buf[--at] = DIGIT_PAIRS[pair];
            v = q;
        }
        if (v >= 10) {
            buf[--at] = DIGIT_PAIRS[v * 2 + 1];
            buf[--at] = DIGIT_PAIRS[v * 2];
        } else {
            buf[--at] = (byte) ('0' + v);
        }
        pos = end;
    }

    /** Digits of a non-negative value: estimated from its bit length, then corrected by one comparison. */
    private static int digitCount(long value) {
        int estimate = ((64 - Long.numberOfLeadingZeros(value)) * 1233) >>> 12; // 1233 / 4096 ~ log10(2)
        return estimate < POWERS_OF_TEN.length && value >= POWERS_OF_TEN[estimate] ? estimate + 1 : Math.max(estimate, 1);
    }

    /** Characters known to be ASCII; room for them is ensured. */
    private void ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            buf[pos++] = (byte) text.charAt(i);
        }
    }

    /** Makes room for {@code n} more bytes, draining the buffer when it is too full. */
    private void ensure(int n) throws IOException {
        if (pos + n > buf.length) {
            drain();
        }
    }

    private void drain() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }
}
