package org.sflowmonitor.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.sflow.SflowEncoder;

/** Small datagrams for tests of the service shell (the decoder and store tests build their own). */
public final class TestDatagrams {

    public static final String AGENT = "10.1.2.3";

    private TestDatagrams() {
    }

    /** A node's counter sample carrying only its description, from agent {@link #AGENT}. */
    public static byte[] nodeDescription(String hostname) {
        return SflowEncoder.datagram(address(AGENT), 100001, 1, 60_000)
                .counterSample(true, 1, 2, 1, new CounterRecord.HostDescr(hostname,
                        UUID.fromString("7c6b5a49-3827-4160-9f8e-7d6c5b4a3928"), 3, 2, "6.1.0-13-amd64"))
                .bytes();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
