package org.sflowmonitor.capture;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * pcapng: a sequence of blocks (type, total length, body, total length). Each section header
 * block sets the byte order of its section and starts a new list of interfaces.
 */
final class PcapngReader extends CaptureReader {

    static final int SECTION_HEADER = 0x0A0D0D0A;
    private static final int INTERFACE_DESCRIPTION = 1;
    private static final int OBSOLETE_PACKET = 2;
    private static final int SIMPLE_PACKET = 3;
    private static final int ENHANCED_PACKET = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;

    private ByteOrder order;
    private final List<Integer> linkTypes = new ArrayList<>();
    private boolean typeAlreadyRead = true;

    PcapngReader(DataInputStream in) {
        super(in);
    }

    @Override
    public Frame next() throws IOException {
        while (true) {
            int type;
            if (typeAlreadyRead) {
                typeAlreadyRead = false;
                type = SECTION_HEADER;
            } else {
                ByteBuffer raw = readOrEnd(4, order);
                if (raw == null) {
                    return null;
                }
                type = raw.getInt(0);
            }
            ByteBuffer body = type == SECTION_HEADER ? readSectionHeader() : readBody();
            if (body != null && body.capacity() < minimumBody(type)) {
                throw new DamagedPacketException("pcapng block of type " + type + " is too short ("
                        + body.capacity() + " bytes of content)");
            }
            Frame frame = switch (type) {
                case SECTION_HEADER -> null;
                case INTERFACE_DESCRIPTION -> {
                    linkTypes.add(body.getShort(0) & 0xFFFF);
                    yield null;
                }
                case ENHANCED_PACKET -> packet(body.getInt(0), body, 20, Integer.toUnsignedLong(body.getInt(12)));
                case OBSOLETE_PACKET -> packet(body.getShort(0) & 0xFFFF, body, 20,
                        Integer.toUnsignedLong(body.getInt(12)));
                case SIMPLE_PACKET -> packet(0, body, 4,
                        Math.min(Integer.toUnsignedLong(body.getInt(0)), body.capacity() - 4));
                default -> null;
            };
            if (frame != null) {
                return frame;
            }
        }
    }

    /** Bytes of a block's fixed fields, before its packet data or options. */
    private static int minimumBody(int type) {
        return switch (type) {
            case INTERFACE_DESCRIPTION -> 8;
            case ENHANCED_PACKET, OBSOLETE_PACKET -> 20;
            case SIMPLE_PACKET -> 4;
            default -> 0;
        };
    }

    private ByteBuffer readSectionHeader() throws IOException {
        ByteBuffer lengthAndMagic = readOrEnd(8, ByteOrder.BIG_ENDIAN);
        if (lengthAndMagic == null) {
            throw new CaptureFormatException("the pcapng section header is truncated");
        }
        int magic = lengthAndMagic.getInt(4);
        if (magic == BYTE_ORDER_MAGIC) {
            order = ByteOrder.BIG_ENDIAN;
        } else if (Integer.reverseBytes(magic) == BYTE_ORDER_MAGIC) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else {
            throw new CaptureFormatException("pcapng section header without its byte-order magic");
        }
        linkTypes.clear();
        long total = Integer.toUnsignedLong(lengthAndMagic.order(order).getInt(0));
        // type, length and magic are read; the rest up to and including the trailing length is skipped
        skipRest(total, 12);
        return null;
    }

    private ByteBuffer readBody() throws IOException {
        ByteBuffer length = readOrEnd(4, order);
        if (length == null) {
            throw new CaptureFormatException("the file ends inside a pcapng block header");
        }
        long total = Integer.toUnsignedLong(length.getInt(0));
        if (total < 12 || (total & 3) != 0) {
            throw new CaptureFormatException("pcapng block length " + total + " is not valid");
        }
        ByteBuffer body = ByteBuffer.wrap(readBytes(total - 12, "a pcapng block")).order(order);
        readBytes(4, "a pcapng block");
        return body;
    }

    private void skipRest(long total, int done) throws IOException {
        if (total < done + 4 || (total & 3) != 0) {
            throw new CaptureFormatException("pcapng block length " + total + " is not valid");
        }
        readBytes(total - done, "a pcapng section header");
    }

    private Frame packet(int interfaceId, ByteBuffer body, int dataOffset, long captured)
            throws DamagedPacketException {
        long number = nextNumber();
        if (interfaceId < 0 || interfaceId >= linkTypes.size()) {
            throw new DamagedPacketException("packet " + number + " refers to interface " + interfaceId
                    + " which is not described");
        }
        if (captured > body.capacity() - dataOffset) {
            throw new DamagedPacketException("packet " + number + " claims " + captured
                    + " bytes, more than its block holds");
        }
        byte[] data = new byte[(int) captured];
        body.get(dataOffset, data);
        return new Frame(number, linkTypes.get(interfaceId), data);
    }
}
