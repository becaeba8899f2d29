package org.sflowmonitor.ingest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network in CIDR notation, e.g. {@code 10.0.0.0/8} or {@code fd00::/8}.
 * A class, not a record: a record would compare its byte[] by identity.
 */
public final class Cidr {

    private final byte[] network;
    private final int prefixLength;

    public Cidr(byte[] network, int prefixLength) {
        this.network = network.clone();
        this.prefixLength = prefixLength;
    }

    public byte[] network() {
        return network.clone();
    }

    public int prefixLength() {
        return prefixLength;
    }

    /** Parses {@code address/prefix}; a bare address is a single host. Only literal addresses are accepted. */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        boolean ipv6 = address.contains(":");
        // Only full literals: InetAddress would read "10" as 0.0.0.10 and look anything else up in DNS.
        if (!(ipv6 ? address.matches("[0-9a-fA-F:.]+") : isDottedQuad(address))) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR such as 10.0.0.0/8 or fd00::/8");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR such as 10.0.0.0/8 or fd00::/8");
        }
        // Java reads an IPv4-mapped IPv6 literal (::ffff:10.0.0.0) as the IPv4 address it maps.
        int max = ipv6 ? 128 : 32;
        int prefix;
        try {
            prefix = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no valid prefix length (0 to " + max + ")");
        }
        int min = ipv6 && bytes.length == 4 ? 96 : 0;
        if (prefix < min || prefix > max) {
            throw new IllegalArgumentException("'" + text + "' has a prefix length outside " + min + " to " + max);
        }
        return new Cidr(bytes, prefix - (bytes.length == 4 ? max - 32 : 0));
    }

    private static boolean isDottedQuad(String address) {
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (!part.matches("[0-9]{1,3}") || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** True when the address lies in this network. IPv4-mapped IPv6 sources match IPv4 networks. */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length == 16 && network.length == 4 && AgentAddress.isIpv4Mapped(a)) {
            a = Arrays.copyOfRange(a, 12, 16);
        }
        if (a.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (network[full] & mask);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefixLength == prefixLength && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
