package org.sflowmonitor.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.sflowmonitor.ingest.Cidr;

/** The networks of agents.allow: what they parse to and which sources they contain. */
class CidrTest {

    private static InetAddress address(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    /** An IPv4 address as the 16-byte IPv4-mapped IPv6 address a dual-stack socket reports. */
    private static InetAddress mapped(String ipv4) throws UnknownHostException {
        byte[] v4 = address(ipv4).getAddress();
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xFF;
        v6[11] = (byte) 0xFF;
        System.arraycopy(v4, 0, v6, 12, 4);
        return java.net.Inet6Address.getByAddress(null, v6, -1);
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "10.0.0.0/8,      10.255.1.2,      true",
            "10.0.0.0/8,      11.0.0.1,        false",
            "10.0.0.0/8,      127.0.0.1,       false",
            "192.168.4.0/22,  192.168.7.255,   true",
            "192.168.4.0/22,  192.168.8.0,     false",
            "10.1.2.3/8,      10.9.9.9,        true",
            "0.0.0.0/0,       203.0.113.9,     true",
            "127.0.0.1,       127.0.0.1,       true",
            "127.0.0.1,       127.0.0.2,       false",
            "fd00::/8,        fd12:3456::1,    true",
            "fd00::/8,        ::1,             false",
            "fd00::/8,        fe80::1,         false",
            "2001:db8::/33,   2001:db8:7fff::1, true",
            "2001:db8::/33,   2001:db8:8000::1, false",
            "::1,             ::1,             true",
            "::/0,            2001:db8::1,     true",
            "fd00::/8,        10.0.0.1,        false",
            "10.0.0.0/8,      fd00::1,         false",
    })
    void aNetworkContainsExactlyTheAddressesUnderItsPrefix(String cidr, String source, boolean expected)
            throws Exception {
        assertEquals(expected, Cidr.parse(cidr).contains(address(source)));
    }

    @Test
    void anIpv4MappedIpv6SourceMatchesTheIpv4NetworkOfItsAddress() throws Exception {
        assertTrue(Cidr.parse("10.0.0.0/8").contains(mapped("10.20.30.40")));
        assertTrue(Cidr.parse("127.0.0.1").contains(mapped("127.0.0.1")));
    }

    @Test
    void anIpv4MappedIpv6SourceOutsideTheIpv4NetworkIsNotContained() throws Exception {
        assertFalse(Cidr.parse("10.0.0.0/8").contains(mapped("127.0.0.1")));
        assertFalse(Cidr.parse("10.0.0.0/8").contains(mapped("11.0.0.1")));
    }

    @Test
    void anIpv4MappedIpv6NetworkIsTheIpv4NetworkItMaps() throws Exception {
        Cidr cidr = Cidr.parse("::ffff:10.0.0.0/104");
        assertEquals("10.0.0.0/8", cidr.toString());
        assertTrue(cidr.contains(address("10.1.1.1")));
        assertTrue(cidr.contains(mapped("10.1.1.1")));
        assertFalse(cidr.contains(address("11.1.1.1")));
    }

    @Test
    void aBareAddressIsASingleHost() {
        assertEquals("10.1.2.3/32", Cidr.parse("10.1.2.3").toString());
        assertEquals(128, Cidr.parse("fd00::1").prefixLength());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/8", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/-1", "fd00::/129", "10.0.0.0/8x",
            "localhost", "example.org/24", "10/8", "10.1/16", "10.0.1/24", "1.2.3.4.5", "256.0.0.0/8",
            "10.0.0.0/8/8", "fe80::1%eth0", "::ffff:10.0.0.0/95", " 10.0.0.0/8"})
    void anythingButALiteralAddressWithAValidPrefixIsRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @Test
    void twoCidrsOfTheSameNetworkAndPrefixAreEqual() {
        assertEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse("10.0.0.0/8"));
        assertEquals(Cidr.parse("10.0.0.0/8").hashCode(), Cidr.parse("10.0.0.0/8").hashCode());
        assertNotEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse("10.0.0.0/16"));
        assertNotEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse("11.0.0.0/8"));
    }

    @Test
    void theNetworkCannotBeChangedThroughTheArrayGivenOrReturned() {
        byte[] given = {10, 0, 0, 0};
        Cidr cidr = new Cidr(given, 8);
        given[0] = 11;
        cidr.network()[0] = 12;
        assertEquals("10.0.0.0/8", cidr.toString());
    }
}
