package org.sflowmonitor.app;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds capture files and the frames inside them, for tests of the decode command. */
final class CaptureFiles {

    static final int ETHERNET = 1;
    static final int RAW = 101;
    static final int LINUX_SLL = 113;
    static final int IPV4 = 228;
    static final int IPV6 = 229;
    static final int LINUX_SLL2 = 276;

    private CaptureFiles() {
    }

    /** An IPv4 header (no options) and a UDP header around {@code payload}; checksums left zero. */
    static byte[] udp4(String source, String destination, int sourcePort, int destinationPort, byte[] payload) {
        return udp4(source, destination, sourcePort, destinationPort, payload, 0);
    }

    static byte[] udp4(String source, String destination, int sourcePort, int destinationPort, byte[] payload,
                       int fragmentOffsetWords) {
        ByteBuffer b = ByteBuffer.allocate(28 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (28 + payload.length)).putShort((short) 1)
                .putShort((short) fragmentOffsetWords).put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(address(source)).put(address(destination));
        udpHeader(b, sourcePort, destinationPort, payload);
        return b.array();
    }

    static byte[] udp6(String source, String destination, int sourcePort, int destinationPort, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(48 + payload.length);
        b.putInt(0x6000_0000).putShort((short) (8 + payload.length)).put((byte) 17).put((byte) 64)
                .put(address(source)).put(address(destination));
        udpHeader(b, sourcePort, destinationPort, payload);
        return b.array();
    }

    private static void udpHeader(ByteBuffer b, int sourcePort, int destinationPort, byte[] payload) {
        b.putShort((short) sourcePort).putShort((short) destinationPort).putShort((short) (8 + payload.length))
                .putShort((short) 0).put(payload);
    }

    /** An Ethernet II frame; each tag is written as an 802.1Q (0x8100) header with that VLAN id. */
    static byte[] ethernet(int etherType, byte[] packet, int... vlans) {
        ByteBuffer b = ByteBuffer.allocate(14 + 4 * vlans.length + packet.length);
        b.put(new byte[] {0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1});
        for (int vlan : vlans) {
            b.putShort((short) 0x8100).putShort((short) vlan);
        }
        return b.putShort((short) etherType).put(packet).array();
    }

    static byte[] linuxSll(int etherType, byte[] packet) {
        ByteBuffer b = ByteBuffer.allocate(16 + packet.length);
        b.putShort((short) 0).putShort((short) 772).putShort((short) 6).put(new byte[8]).putShort((short) etherType);
        return b.put(packet).array();
    }

    static byte[] linuxSll2(int etherType, byte[] packet) {
        ByteBuffer b = ByteBuffer.allocate(20 + packet.length);
        b.putShort((short) etherType).putShort((short) 0).putInt(1).putShort((short) 772).put((byte) 0)
                .put((byte) 6).put(new byte[8]);
        return b.put(packet).array();
    }

    /** A classic pcap file in the given byte order, with microsecond or nanosecond timestamps. */
    static byte[] pcap(ByteOrder order, boolean nanoseconds, int linkType, byte[]... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(24).order(order).putInt(nanoseconds ? 0xA1B23C4D : 0xA1B2C3D4)
                .putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(linkType).array());
        for (byte[] frame : frames) {
            out.writeBytes(ByteBuffer.allocate(16).order(order).putInt(1_700_000_000).putInt(0)
                    .putInt(frame.length).putInt(frame.length).array());
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    /** A pcapng file: section header, one interface, an enhanced packet block per frame. */
    static byte[] pcapng(ByteOrder order, int linkType, byte[]... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(sectionHeader(order));
        out.writeBytes(block(order, 1, ByteBuffer.allocate(8).order(order).putShort((short) linkType)
                .putShort((short) 0).putInt(0).array()));
        for (byte[] frame : frames) {
            ByteBuffer body = ByteBuffer.allocate(20 + padded(frame.length)).order(order);
            body.putInt(0).putInt(0).putInt(0).putInt(frame.length).putInt(frame.length).put(frame);
            out.writeBytes(block(order, 6, body.array()));
        }
        return out.toByteArray();
    }

    /** A pcapng file whose packets are simple packet blocks (interface 0). */
    static byte[] pcapngSimple(ByteOrder order, int linkType, byte[]... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(sectionHeader(order));
        out.writeBytes(block(order, 1, ByteBuffer.allocate(8).order(order).putShort((short) linkType)
                .putShort((short) 0).putInt(0).array()));
        for (byte[] frame : frames) {
            ByteBuffer body = ByteBuffer.allocate(4 + padded(frame.length)).order(order);
            body.putInt(frame.length).put(frame);
            out.writeBytes(block(order, 3, body.array()));
        }
        return out.toByteArray();
    }

    private static byte[] sectionHeader(ByteOrder order) {
        return block(order, 0x0A0D0D0A, ByteBuffer.allocate(16).order(order).putInt(0x1A2B3C4D)
                .putShort((short) 1).putShort((short) 0).putLong(-1).array());
    }

    private static byte[] block(ByteOrder order, int type, byte[] body) {
        int total = 12 + padded(body.length);
        return ByteBuffer.allocate(total).order(order).putInt(type).putInt(total)
                .put(body).position(total - 4).putInt(total).array();
    }

    private static int padded(int n) {
        return (n + 3) & ~3;
    }

    private static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
