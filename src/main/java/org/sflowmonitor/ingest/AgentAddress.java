package org.sflowmonitor.ingest;

import java.net.InetAddress;

/**
 * The text form of an agent address, the identity of a node ({@code host.host_ip}): IPv4 in
 * dotted form, IPv6 in the RFC 5952 short form ({@code fd00::1}, not Java's
 * {@code fd00:0:0:0:0:0:0:1}), an IPv4-mapped IPv6 address as its IPv4 address. One address
 * always yields the same text, whichever way it arrived.
 */
public final class AgentAddress {

    private AgentAddress() {
    }

    public static String text(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length == 4) {
            return ipv4(a, 0);
        }
        if (isIpv4Mapped(a)) {
            return ipv4(a, 12);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((a[2 * i] & 0xFF) << 8) | (a[2 * i + 1] & 0xFF);
        }
        // the first longest run of two or more zero groups becomes "::"
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private static String ipv4(byte[] a, int at) {
        return (a[at] & 0xFF) + "." + (a[at + 1] & 0xFF) + "." + (a[at + 2] & 0xFF) + "." + (a[at + 3] & 0xFF);
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
