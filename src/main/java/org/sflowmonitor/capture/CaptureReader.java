package org.sflowmonitor.capture;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads the packets of a classic pcap (either byte order, micro- or nanosecond timestamps) or a
 * pcapng capture (sections of any byte order; enhanced, simple and obsolete packet blocks).
 */
public abstract class CaptureReader implements Closeable {

    /** Largest packet we accept; pcap's own limit for most link types is 262144. */
    static final int MAX_PACKET = 16 * 1024 * 1024;

    final DataInputStream in;
    private long packets;

    CaptureReader(DataInputStream in) {
        this.in = in;
    }

    /** Opens a capture, deciding its format from the first four bytes. */
    public static CaptureReader open(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        byte[] magic = new byte[4];
        int n = in.readNBytes(magic, 0, 4);
        int value = ByteBuffer.wrap(magic).getInt();
        if (n == 4) {
            switch (value) {
                case 0xA1B2C3D4, 0xA1B23C4D -> {
                    return new PcapReader(in, ByteOrder.BIG_ENDIAN);
                }
                case 0xD4C3B2A1, 0x4D3CB2A1 -> {
                    return new PcapReader(in, ByteOrder.LITTLE_ENDIAN);
                }
                case PcapngReader.SECTION_HEADER -> {
                    return new PcapngReader(in);
                }
                default -> { }
            }
        }
        throw new CaptureFormatException("not a pcap or pcapng capture (starts with "
                + (n == 4 ? String.format("%08x", value) : n + " bytes") + ")");
    }

    /** The next packet, or null at the end of the file. */
    public abstract Frame next() throws IOException;

    long nextNumber() {
        return ++packets;
    }

    /** Reads {@code n} bytes in the given order, or returns null at a clean end of file. */
    ByteBuffer readOrEnd(int n, ByteOrder order) throws IOException {
        byte[] bytes = new byte[n];
        int read = in.readNBytes(bytes, 0, n);
        if (read == 0) {
            return null;
        }
        if (read < n) {
            throw new CaptureFormatException("the file ends inside a header (" + read + " of " + n + " bytes)");
        }
        return ByteBuffer.wrap(bytes).order(order);
    }

    byte[] readBytes(long n, String what) throws IOException {
        if (n < 0 || n > MAX_PACKET) {
            throw new CaptureFormatException(what + " of " + n + " bytes is not plausible");
        }
        byte[] bytes = new byte[(int) n];
        try {
            in.readFully(bytes);
        } catch (EOFException e) {
            throw new CaptureFormatException("the file ends inside " + what);
        }
        return bytes;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
