package org.sflowmonitor.capture;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * Finds the UDP payload in a captured frame: link layer (Ethernet with 802.1Q/802.1ad tags, Linux
 * cooked SLL and SLL2, BSD loopback, raw IP), then IPv4 or IPv6 (extension headers skipped),
 * then UDP on any port. Non-first IPv4/IPv6 fragments carry no UDP header and are skipped.
 */
public final class UdpPayloads {

    /** A UDP payload and where it came from. */
    public record UdpPayload(InetSocketAddress source, ByteBuffer payload) {
    }

    static final int LINKTYPE_NULL = 0;
    static final int LINKTYPE_ETHERNET = 1;
    static final int LINKTYPE_RAW_BSD = 12;
    static final int LINKTYPE_RAW_BSD_OTHER = 14;
    static final int LINKTYPE_RAW = 101;
    static final int LINKTYPE_LOOP = 108;
    static final int LINKTYPE_LINUX_SLL = 113;
    static final int LINKTYPE_IPV4 = 228;
    static final int LINKTYPE_IPV6 = 229;
    static final int LINKTYPE_LINUX_SLL2 = 276;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int UDP = 17;

    private UdpPayloads() {
    }

    /**
     * The UDP payload of the frame, or null when the frame is not a UDP packet (another protocol,
     * a non-first fragment, an unsupported link type).
     *
     * @throws DamagedPacketException when a header is cut short or inconsistent
     */
    public static UdpPayload find(Frame frame) throws DamagedPacketException {
        ByteBuffer b = ByteBuffer.wrap(frame.data());
        return switch (frame.linkType()) {
            case LINKTYPE_ETHERNET -> ethernet(b);
            case LINKTYPE_LINUX_SLL -> byEtherType(b, 16, u16(b, 14));
            case LINKTYPE_LINUX_SLL2 -> byEtherType(b, 20, u16(b, 0));
            case LINKTYPE_NULL, LINKTYPE_LOOP -> ip(b, 4);
            case LINKTYPE_RAW, LINKTYPE_RAW_BSD, LINKTYPE_RAW_BSD_OTHER, LINKTYPE_IPV4, LINKTYPE_IPV6 -> ip(b, 0);
            default -> null;
        };
    }

    private static UdpPayload ethernet(ByteBuffer b) throws DamagedPacketException {
        int at = 12;
        int type = u16(b, at);
        // 802.1Q, 802.1ad and the old QinQ value: 4 bytes each (TPID + TCI) before the real EtherType
        while (type == 0x8100 || type == 0x88A8 || type == 0x9100) {
            at += 4;
            type = u16(b, at);
        }
        return byEtherType(b, at + 2, type);
    }

    private static UdpPayload byEtherType(ByteBuffer b, int at, int type) throws DamagedPacketException {
        return type == ETHERTYPE_IPV4 || type == ETHERTYPE_IPV6 ? ip(b, at) : null;
    }

    /** IP by the version nibble (the loopback family word and raw link types do not say reliably). */
    private static UdpPayload ip(ByteBuffer b, int at) throws DamagedPacketException {
        int version = u8(b, at) >>> 4;
        return switch (version) {
            case 4 -> ipv4(b, at);
            case 6 -> ipv6(b, at);
            default -> throw new DamagedPacketException("IP version " + version + " is neither 4 nor 6");
        };
    }

    private static UdpPayload ipv4(ByteBuffer b, int at) throws DamagedPacketException {
        int headerLength = (u8(b, at) & 0x0F) * 4;
        int totalLength = u16(b, at + 2);
        int fragment = u16(b, at + 6);
        if (headerLength < 20 || totalLength < headerLength) {
            throw new DamagedPacketException("IPv4 header length " + headerLength + ", total length " + totalLength);
        }
        if ((fragment & 0x1FFF) != 0 || u8(b, at + 9) != UDP) {
            return null;
        }
        InetAddress source = address(b, at + 12, 4);
        int end = Math.min(at + totalLength, b.limit());
        return udp(b, at + headerLength, end, source);
    }

    private static UdpPayload ipv6(ByteBuffer b, int at) throws DamagedPacketException {
        int payloadLength = u16(b, at + 4);
        int next = u8(b, at + 6);
        InetAddress source = address(b, at + 8, 16);
        int end = Math.min(at + 40 + payloadLength, b.limit());
        int header = at + 40;
        // hop-by-hop, routing, fragment and destination options headers until UDP or something else
        while (next == 0 || next == 43 || next == 44 || next == 60) {
            if (next == 44 && (u16(b, header + 2) & 0xFFF8) != 0) {
                return null;
            }
            int length = next == 44 ? 8 : (u8(b, header + 1) + 1) * 8;
            next = u8(b, header);
            header += length;
        }
        return next == UDP ? udp(b, header, end, source) : null;
    }

    private static UdpPayload udp(ByteBuffer b, int at, int ipEnd, InetAddress source) throws DamagedPacketException {
        int sourcePort = u16(b, at);
        int length = u16(b, at + 4);
        if (length < 8) {
            throw new DamagedPacketException("UDP length " + length + " is shorter than the UDP header");
        }
        // a frame cut at the snapshot length (or a first fragment) keeps what was captured
        int end = Math.min(at + length, ipEnd);
        if (end < at + 8) {
            throw new DamagedPacketException("the UDP header is cut short");
        }
        ByteBuffer payload = b.duplicate().position(at + 8).limit(end).slice();
        return new UdpPayload(new InetSocketAddress(source, sourcePort), payload);
    }

    private static InetAddress address(ByteBuffer b, int at, int length) throws DamagedPacketException {
        need(b, at, length);
        byte[] raw = new byte[length];
        b.get(at, raw);
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
        }
    }

    private static int u8(ByteBuffer b, int at) throws DamagedPacketException {
        need(b, at, 1);
        return b.get(at) & 0xFF;
    }

    private static int u16(ByteBuffer b, int at) throws DamagedPacketException {
        need(b, at, 2);
        return b.getShort(at) & 0xFFFF;
    }

    private static void need(ByteBuffer b, int at, int n) throws DamagedPacketException {
        if (at < 0 || at + n > b.limit()) {
            throw new DamagedPacketException("the frame ends at byte " + b.limit() + " inside a header");
        }
    }
}
