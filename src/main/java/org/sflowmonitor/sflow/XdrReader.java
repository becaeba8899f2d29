package org.sflowmonitor.sflow;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Reads XDR items from a buffer within a movable end mark, so that a structure can never
 * read past its own declared length. Every read checks the bytes left and throws
 * {@link Underflow} instead of touching the next structure. Not thread-safe: one per datagram.
 */
final class XdrReader {

    /** Thrown when an item does not fit before the end mark. Preallocated: thrown for hostile input. */
    static final class Underflow extends RuntimeException {
        static final Underflow INSTANCE = new Underflow();

        private Underflow() {
            super("read past the end of the structure", null, false, false);
        }
    }

    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[256]);

    private final ByteBuffer buf;
    private int pos;
    private int end;

    XdrReader(ByteBuffer buf) {
        // XDR is big-endian whatever order the caller's buffer was set to; a duplicate leaves theirs alone
        this.buf = buf.order() == ByteOrder.BIG_ENDIAN ? buf : buf.duplicate().order(ByteOrder.BIG_ENDIAN);
        this.pos = buf.position();
        this.end = buf.limit();
    }

    int position() {
        return pos;
    }

    int end() {
        return end;
    }

    int remaining() {
        return end - pos;
    }

    /** Narrows the end mark to {@code newEnd} and returns the old one, for {@link #restoreEnd}. */
    int narrowEnd(int newEnd) {
        if (newEnd > end || newEnd < pos) {
            throw Underflow.INSTANCE;
        }
        int old = end;
        end = newEnd;
        return old;
    }

    /** Restores an end mark saved by {@link #narrowEnd} and moves to {@code newPos}. */
    void restoreEnd(int oldEnd, int newPos) {
        end = oldEnd;
        pos = newPos;
    }

    /** Moves past the next {@code n} bytes, which must lie before the end mark; returns where they start. */
    private int take(int n) {
        if (n < 0 || end - pos < n) {
            throw Underflow.INSTANCE;
        }
        int at = pos;
        pos += n;
        return at;
    }

    int readInt() {
        return buf.getInt(take(4));
    }

    long readUnsignedInt() {
        return Integer.toUnsignedLong(readInt());
    }

    /** Reads a hyper; for unsigned hypers the caller keeps the raw 64 bits. */
    long readLong() {
        return buf.getLong(take(8));
    }

    float readFloat() {
        return Float.intBitsToFloat(readInt());
    }

    void skip(int n) {
        take(n);
    }

    private void skipPadding(int n) {
        take((4 - (n & 3)) & 3);
    }

    /**
     * Reads {@code string<>}: length, bytes, padding. The declared maximum of the structure is
     * not enforced (hsflowd sends longer VM names); the length must fit the bytes present.
     * Malformed UTF-8 is replaced, never an error.
     */
    String readString() {
        int len = readInt();
        String s = decodeUtf8(take(len), len);
        skipPadding(len);
        return s;
    }

    private String decodeUtf8(int at, int len) {
        if (len == 0) {
            return "";
        }
        if (buf.hasArray()) {
            return new String(buf.array(), buf.arrayOffset() + at, len, StandardCharsets.UTF_8);
        }
        byte[] scratch = SCRATCH.get();
        if (scratch.length < len) {
            scratch = new byte[len];
            if (len <= 65536) {
                SCRATCH.set(scratch);
            }
        }
        buf.get(at, scratch, 0, len);
        return new String(scratch, 0, len, StandardCharsets.UTF_8);
    }

    /** Reads 16 fixed bytes as a UUID in RFC 4122 byte order. */
    UUID readUuid() {
        long msb = readLong();
        long lsb = readLong();
        return new UUID(msb, lsb);
    }

    /** Reads a fixed {@code mac[6]}: 6 bytes and 2 bytes of padding. */
    MacAddress readMac() {
        int at = take(8);
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (buf.get(at + i) & 0xFF);
        }
        return new MacAddress(v);
    }

    /** Reads an XDR {@code address} union; type 0 (unknown) gives null. */
    InetAddress readAddress() {
        int type = readInt();
        int len = switch (type) {
            case 0 -> 0;
            case 1 -> 4;
            case 2 -> 16;
            default -> throw new IllegalAddressType(type);
        };
        if (len == 0) {
            return null;
        }
        byte[] raw = new byte[len];
        buf.get(take(len), raw);
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a " + len + "-byte address is always valid", e);
        }
    }

    /** An address union with a type other than 0, 1 or 2. */
    static final class IllegalAddressType extends RuntimeException {
        final int type;

        IllegalAddressType(int type) {
            super("address type " + Integer.toUnsignedString(type) + " is not 0, 1 or 2", null, false, false);
            this.type = type;
        }
    }
}
