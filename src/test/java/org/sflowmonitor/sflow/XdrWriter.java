package org.sflowmonitor.sflow;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * Writes XDR items big-endian into a growing byte array (reference section 1). Test scope:
 * the building block of {@link SflowEncoder}, also handy to write arbitrary or broken bytes.
 */
public final class XdrWriter {

    private byte[] bytes = new byte[256];
    private int size;

    public XdrWriter u32(long value) {
        return i32((int) value);
    }

    public XdrWriter i32(int value) {
        ensure(4);
        bytes[size++] = (byte) (value >>> 24);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
        return this;
    }

    /** A hyper or unsigned hyper: the raw 64 bits. */
    public XdrWriter u64(long value) {
        return i32((int) (value >>> 32)).i32((int) value);
    }

    public XdrWriter f32(float value) {
        return i32(Float.floatToRawIntBits(value));
    }

    /** {@code string<>}: length, UTF-8 bytes, zero padding to 4. */
    public XdrWriter string(String value) {
        return opaque(value.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code opaque<>}: length, bytes, zero padding to 4. */
    public XdrWriter opaque(byte[] value) {
        return u32(value.length).fixed(value);
    }

    /** {@code opaque[N]}: the bytes and zero padding to 4, no length word. */
    public XdrWriter fixed(byte[] value) {
        raw(value);
        return raw(new byte[(4 - (value.length & 3)) & 3]);
    }

    /** Bytes exactly as given, no padding: for broken datagrams. */
    public XdrWriter raw(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
        return this;
    }

    /** {@code mac[6]}: 6 bytes and 2 bytes of padding. */
    public XdrWriter mac(MacAddress mac) {
        byte[] six = new byte[6];
        for (int i = 0; i < 6; i++) {
            six[i] = (byte) (mac.value() >>> (40 - 8 * i));
        }
        return fixed(six);
    }

    /** {@code uuid[16]}: 16 bytes in RFC 4122 order, no length word (reference section 4.2, erratum). */
    public XdrWriter uuid(UUID uuid) {
        return u64(uuid.getMostSignificantBits()).u64(uuid.getLeastSignificantBits());
    }

    /** The {@code address} union: type 0 for null, 1 + 4 bytes for IPv4, 2 + 16 bytes for IPv6. */
    public XdrWriter address(InetAddress address) {
        if (address == null) {
            return u32(0);
        }
        return u32(address instanceof Inet4Address ? 1 : 2).raw(address.getAddress());
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
