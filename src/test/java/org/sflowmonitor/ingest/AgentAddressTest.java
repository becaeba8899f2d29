package org.sflowmonitor.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet6Address;
import java.net.InetAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AgentAddressTest {

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({
            "10.0.0.1, 10.0.0.1",
            "0.0.0.0, 0.0.0.0",
            "fd00:0:0:0:0:0:0:1, fd00::1",
            "0:0:0:0:0:0:0:1, ::1",
            "FD00:0:0:0:0:0:0:ABCD, fd00::abcd",
            "1:0:0:2:0:0:0:3, 1:0:0:2::3",
            "1:0:0:2:0:0:3:4, 1::2:0:0:3:4",
            "1:0:2:3:4:5:6:7, 1:0:2:3:4:5:6:7",
            "0:0:0:0:0:0:102:304, ::102:304",
    })
    void anAddressIsWrittenInItsShortestStandardForm(String literal, String text) throws Exception {
        assertEquals(text, AgentAddress.text(InetAddress.getByName(literal)));
    }

    @ParameterizedTest(name = "::ffff:{0} is written {0}")
    @ValueSource(strings = {"10.0.0.1", "192.0.2.7"})
    void anIpv4MappedIpv6AddressIsWrittenAsItsIpv4Address(String text) throws Exception {
        byte[] mapped = new byte[16];
        byte[] ipv4 = InetAddress.getByName(text).getAddress();
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(ipv4, 0, mapped, 12, 4);
        // Inet6Address.getByAddress keeps the 16 bytes; InetAddress.getByAddress would map them to IPv4 itself
        assertEquals(text, AgentAddress.text(Inet6Address.getByAddress(null, mapped, -1)));
    }

    @ParameterizedTest(name = "scope {0} is not part of the text")
    @ValueSource(ints = {1, 7})
    void aScopeIdIsNotPartOfTheText(int scope) throws Exception {
        byte[] linkLocal = InetAddress.getByName("fe80::1").getAddress();
        assertEquals("fe80::1", AgentAddress.text(Inet6Address.getByAddress(null, linkLocal, scope)));
    }
}
