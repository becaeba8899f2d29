package org.sflowmonitor.ingest;

import java.net.InetAddress;

import io.netty.util.NetUtil;

/**
 * The text form of an agent address, the identity of a node ({@code host.host_ip}): IPv4 in
 * dotted form, IPv6 in the RFC 5952 short form ({@code fd00::1}, not Java's
 * {@code fd00:0:0:0:0:0:0:1}), an IPv4-mapped IPv6 address as its IPv4 address. One address
 * always yields the same text, whichever way it arrived. Netty's {@link NetUtil} writes the
 * text, as it does for the decoder's JSON output, so the two cannot drift apart.
 */
public final class AgentAddress {

    private AgentAddress() {
    }

    public static String text(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length == 16 && isIpv4Mapped(a)) {
            return NetUtil.bytesToIpAddress(a, 12, 4);
        }
        return NetUtil.toAddressString(address);
    }

    static boolean isIpv4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
    }
}
