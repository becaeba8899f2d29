package org.sflowmonitor.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.SerializableString;

/**
 * A JSON value already written as UTF-8 bytes, embedded as it is in a response (Jackson's
 * raw value): a UTF-8 generator copies the bytes instead of encoding a 1 MB string again,
 * which for a series of 4,320 rows cost as much as writing it in the first place. Only the
 * unquoted forms make sense for raw JSON; the text is decoded when a character generator asks.
 * The text may be in several pieces, each the beginning of an array (the pieces a
 * {@link JsonBytes} was written into), so that an answer of megabytes is neither copied into one
 * array nor copied once more only to drop the unused end.
 */
final class WrittenJson implements SerializableString {

    private final byte[][] pieces;
    /** Per piece how many of its first bytes belong to the text. */
    private final int[] lengths;
    private final int length;

    WrittenJson(byte[] utf8) {
        this(utf8, utf8.length);
    }

    /** The text held in the first {@code length} bytes of {@code utf8}. */
    WrittenJson(byte[] utf8, int length) {
        this(new byte[][] {utf8}, new int[] {length});
    }

    /** The text held in the pieces one after the other, of each the first {@code lengths[i]} bytes. */
    WrittenJson(byte[][] pieces, int[] lengths) {
        if (pieces.length != lengths.length) {
            throw new IllegalArgumentException(pieces.length + " pieces but " + lengths.length + " lengths");
        }
        this.pieces = pieces;
        this.lengths = lengths;
        int total = 0;
        for (int n : lengths) {
            total += n;
        }
        this.length = total;
    }

    int length() {
        return length;
    }

    /** The text in one array of its length (the array itself when it is one such). */
    byte[] bytes() {
        if (pieces.length == 1 && pieces[0].length == length) {
            return pieces[0];
        }
        byte[] all = new byte[length];
        appendUnquotedUTF8(all, 0);
        return all;
    }

    @Override
    public String getValue() {
        return new String(bytes(), StandardCharsets.UTF_8);
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
        return bytes();
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
        int at = offset;
        for (int i = 0; i < pieces.length; i++) {
            System.arraycopy(pieces[i], 0, buffer, at, lengths[i]);
            at += lengths[i];
        }
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
        for (int i = 0; i < pieces.length; i++) {
            out.write(pieces[i], 0, lengths[i]);
        }
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
        for (int i = 0; i < pieces.length; i++) {
            buffer.put(pieces[i], 0, lengths[i]);
        }
        return length;
    }
}
