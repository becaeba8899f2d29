package org.sflowmonitor.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;

import org.sflowmonitor.ingest.DatagramProcessor;
import org.sflowmonitor.ingest.IngestCounter;
import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.ingest.SflowListener;
import org.sflowmonitor.sflow.SflowEncoder;
import org.sflowmonitor.testing.LogCapture;
import org.sflowmonitor.testing.UdpSender;

/** Malformed datagrams that each claim another agent address must not write a log line each. */
class WarningFloodTest {

    private static final int SPOOFED_AGENTS = 3_000;
    /** Warnings about malformed datagrams per minute over all agents, at most (RateLimitedLog). */
    private static final int WARNINGS_PER_MINUTE = 100;

    /** A header that names agent 10.x.y.z and then stops short. */
    private static byte[] truncated(int n) throws Exception {
        InetAddress agent = InetAddress.getByAddress(new byte[] {10, 9, (byte) (n >> 8), (byte) n});
        byte[] whole = SflowEncoder.datagram(agent, 0, 1, 1_000).bytes();
        return Arrays.copyOf(whole, 20);
    }

    @Test
    void malformedDatagramsFromThousandsOfSpoofedAgentsLogAHundredWarningsAMinuteAtMost() throws Exception {
        IngestStats stats = new IngestStats(100_000);
        try (LogCapture log = new LogCapture("org.sflowmonitor.ingest");
             SflowListener listener = SflowListener.start(new SflowListener.Config(InetAddress.getLoopbackAddress(),
                     0, 1 << 20, 1, List.of()), new DatagramProcessor(stats, sample -> true));
             UdpSender udp = new UdpSender(listener.port())) {
            for (int n = 0; n < SPOOFED_AGENTS; n++) {
                udp.send(truncated(n));
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (n + 1 - stats.total().get(IngestCounter.DATAGRAMS_RECEIVED) > 100 && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (stats.total().get(IngestCounter.DATAGRAMS_MALFORMED) < SPOOFED_AGENTS && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(SPOOFED_AGENTS, stats.total().get(IngestCounter.DATAGRAMS_MALFORMED));
            List<String> warnings = log.messages(Level.WARNING).stream()
                    .filter(m -> m.startsWith("malformed sFlow datagram")).toList();
            assertTrue(warnings.size() <= WARNINGS_PER_MINUTE, warnings.size() + " warnings logged");
            assertTrue(warnings.size() >= 1, "the first ones are logged");
        }
    }
}
