package org.sflowmonitor.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;

import org.sflowmonitor.sflow.HsflowdDatagrams;
import org.sflowmonitor.testing.LogCapture;
import org.sflowmonitor.testing.UdpSender;

/** The UDP socket: IPv4 and IPv6 on one port, large datagrams whole, the receive buffer asked for. */
class SflowListenerTest {

    private final IngestStats stats = new IngestStats(100);
    private final List<EntitySample> taken = new CopyOnWriteArrayList<>();
    private final DatagramProcessor processor = new DatagramProcessor(stats, taken::add);

    private static SflowListener.Config config(int receiveBuffer) {
        return new SflowListener.Config(null, 0, receiveBuffer, 0, List.of());
    }

    private void sendFrom(String loopback, int port, byte[] datagram) throws Exception {
        try (UdpSender udp = new UdpSender(InetAddress.getByName(loopback), port)) {
            udp.send(datagram);
        }
    }

    private void awaitDecoded(long n) throws InterruptedException {
        await(IngestCounter.DATAGRAMS_DECODED, n);
    }

    private void await(IngestCounter counter, long n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (stats.total().get(counter) < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void oneListenerReceivesOverIpv4AndIpv6OnTheSamePortByDefault() throws Exception {
        try (SflowListener listener = SflowListener.start(config(1 << 20), processor)) {
            sendFrom("127.0.0.1", listener.port(), HsflowdDatagrams.node(1, 1));
            sendFrom("::1", listener.port(), HsflowdDatagrams.node(2, 2));
            await(IngestCounter.SAMPLES_QUEUED, 2);
            assertEquals(2, stats.total().get(IngestCounter.DATAGRAMS_DECODED));
            assertEquals(2, taken.size());
        }
    }

    @Test
    void theNioFallbackAlsoReceivesOverIpv4AndIpv6() throws Exception {
        try (SflowListener listener = SflowListener.start(config(1 << 20), processor, false)) {
            assertEquals("nio", listener.transport());
            sendFrom("127.0.0.1", listener.port(), HsflowdDatagrams.node(1, 1));
            sendFrom("::1", listener.port(), HsflowdDatagrams.node(2, 2));
            awaitDecoded(2);
            assertEquals(2, stats.total().get(IngestCounter.DATAGRAMS_DECODED));
        }
    }

    @Test
    void onLinuxEpollOpensOneSocketPerCoreSharingThePort() throws Exception {
        try (SflowListener listener = SflowListener.start(config(1 << 20), processor)) {
            if (io.netty.channel.epoll.Epoll.isAvailable()) {
                assertEquals("epoll x" + Runtime.getRuntime().availableProcessors(), listener.transport());
            }
        }
    }

    @Test
    void aDatagramLargerThanAnyMtuArrivesWhole() throws Exception {
        var big = org.sflowmonitor.sflow.SflowEncoder.datagram(InetAddress.getByName("10.0.0.11"), 100_001, 1, 1);
        for (int i = 0; i < 150; i++) {
            big.counterSample(true, 1, 3, 100_000 + i, HsflowdDatagrams.vmRecords().toArray(
                    org.sflowmonitor.sflow.CounterRecord[]::new));
        }
        byte[] bytes = big.bytes();
        assertTrue(bytes.length > 40_000, "size " + bytes.length);
        try (SflowListener listener = SflowListener.start(config(1 << 20), processor)) {
            sendFrom("127.0.0.1", listener.port(), bytes);
            await(IngestCounter.SAMPLES_QUEUED, 150);
            assertEquals(150, taken.size());
            assertEquals(0, stats.total().get(IngestCounter.SAMPLES_MALFORMED));
        }
    }

    @Test
    void aReceiveBufferTheKernelWillNotGrantIsLoggedWithTheSysctlToRaiseIt() throws Exception {
        try (LogCapture log = new LogCapture(SflowListener.class.getName());
             SflowListener listener = SflowListener.start(config(Integer.MAX_VALUE / 2), processor)) {
            assertTrue(listener.grantedReceiveBuffer() < Integer.MAX_VALUE / 2);
            assertTrue(log.messages(Level.WARNING).stream().anyMatch(m -> m.contains("net.core.rmem_max")),
                    log.messages(Level.WARNING).toString());
        }
    }
}
