package org.sflowmonitor.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.core.SerializableString;

/**
 * A JSON value already written as UTF-8 bytes, embedded as it is in a response (Jackson's
 * raw value): a UTF-8 generator copies the bytes instead of encoding a 1 MB string again,
 * which for a series of 4,320 rows cost as much as writing it in the first place. Only the
 * unquoted forms make sense for raw JSON; the text is decoded when a character generator asks.
 * The text may be the beginning of a larger array (a buffer written into), so that an answer of
 * megabytes is not copied once more only to drop the unused end.
 */
final class WrittenJson implements SerializableString {

    private final byte[] utf8;
    private final int length;

    WrittenJson(byte[] utf8) {
        this(utf8, utf8.length);
    }

    /** The text held in the first {@code length} bytes of {@code utf8}. */
    WrittenJson(byte[] utf8, int length) {
        this.utf8 = utf8;
        this.length = length;
    }

    /** The array whose first {@link #length()} bytes are the text. */
    byte[] array() {
        return utf8;
    }

    int length() {
        return length;
    }

    @Override
    public String getValue() {
        return new String(utf8, 0, length, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public char[] asQuotedChars() {
        throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return length == utf8.length ? utf8 : Arrays.copyOf(utf8, length);
    }

    @Override
    public byte[] asQuotedUTF8() {
        throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        if (offset + length > buffer.length) {
            return -1;
        }
        System.arraycopy(utf8, 0, buffer, offset, length);
        return length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        String text = getValue();
        if (offset + text.length() > buffer.length) {
            return -1;
        }
        text.getChars(0, text.length(), buffer, offset);
        return text.length();
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) {
        throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(utf8, 0, length);
        return length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
        throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (buffer.remaining() < length) {
            return -1;
        }
        buffer.put(utf8, 0, length);
        return length;
    }
}
