package org.sflowmonitor.capture;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Classic libpcap: a 24-byte file header, then 16-byte record headers each followed by the packet. */
final class PcapReader extends CaptureReader {

    private final ByteOrder order;
    private final int linkType;

    PcapReader(DataInputStream in, ByteOrder order) throws IOException {
        super(in);
        this.order = order;
        ByteBuffer header = readOrEnd(20, order);
        if (header == null) {
            throw new CaptureFormatException("the pcap file header is truncated");
        }
        // version 2.4, thiszone, sigfigs, snaplen, then the link type (upper bits: FCS flags)
        this.linkType = header.getInt(16) & 0x0FFF_FFFF;
    }

    @Override
    public Frame next() throws IOException {
        ByteBuffer record = readOrEnd(16, order);
        if (record == null) {
            return null;
        }
        long captured = Integer.toUnsignedLong(record.getInt(8));
        long number = nextNumber();
        return new Frame(number, linkType, readBytes(captured, "packet " + number));
    }
}
