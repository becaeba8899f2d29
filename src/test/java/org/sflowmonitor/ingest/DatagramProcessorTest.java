package org.sflowmonitor.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sflowmonitor.sflow.HsflowdDatagrams;
import org.sflowmonitor.sflow.SflowDatagram;
import org.sflowmonitor.sflow.SflowDecoder;

/** The counters of a datagram, as whoever compares them (collector.status, the tests' waits) reads them. */
class DatagramProcessorTest {

    private final IngestStats stats = new IngestStats(100);

    @Test
    void aDatagramCountsAsReceivedOnlyOnceItsSamplesAreQueued() throws Exception {
        List<Long> receivedWhenOffered = new ArrayList<>();
        DatagramProcessor processor = new DatagramProcessor(stats, sample -> {
            receivedWhenOffered.add(stats.total().get(IngestCounter.DATAGRAMS_RECEIVED));
            return true;
        });

        processor.process(decoded(HsflowdDatagrams.node(1, 1)));

        assertEquals(List.of(0L), receivedWhenOffered);
        assertEquals(1, stats.total().get(IngestCounter.DATAGRAMS_RECEIVED));
        assertEquals(1, stats.total().get(IngestCounter.SAMPLES_QUEUED));
    }

    private static SflowDatagram decoded(byte[] datagram) throws Exception {
        return SflowDecoder.DEFAULT.decode(ByteBuffer.wrap(datagram), new InetSocketAddress("127.0.0.1", 6343),
                System.currentTimeMillis());
    }
}
