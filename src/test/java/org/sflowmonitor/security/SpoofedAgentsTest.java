package org.sflowmonitor.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import org.sflowmonitor.ingest.DatagramProcessor;
import org.sflowmonitor.ingest.IngestCounter;
import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.sflow.SflowDecoder;
import org.sflowmonitor.sflow.SflowEncoder;

/**
 * A spoofer inventing agent addresses (and data sources under each) in datagram headers: what
 * the collector keeps in memory about agents and their sequence numbers stays bounded.
 */
class SpoofedAgentsTest {

    /** As in ServiceRuntime. */
    private static final int TRACKED_AGENTS = 100_000;
    private static final int SPOOFED_AGENTS = 200_000;
    /** 2,000 agents with 1,000 data sources each: two million sample streams. */
    private static final int MANY_SOURCE_AGENTS = 2_000;
    private static final int SOURCES_PER_AGENT = 1_000;
    private static final long HEAP_BOUND = 256L << 20;

    private static final InetSocketAddress SENDER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 6343);

    /** A datagram of agent 10.x.y.z (from {@code n}) with empty counter samples of {@code sources} data sources. */
    private static byte[] spoofed(int n, int sources) throws Exception {
        InetAddress agent = InetAddress.getByAddress(new byte[] {10, (byte) (n >> 16), (byte) (n >> 8), (byte) n});
        SflowEncoder.Datagram d = SflowEncoder.datagram(agent, 0, 1, 1_000);
        for (int s = 0; s < sources; s++) {
            d.counterSample(true, 1, 0, s + 1, new org.sflowmonitor.sflow.CounterRecord[0]);
        }
        return d.bytes();
    }

    private static void feed(DatagramProcessor processor, int from, int to, int sources) throws Exception {
        for (int n = from; n < to; n++) {
            processor.process(SflowDecoder.DEFAULT.decode(ByteBuffer.wrap(spoofed(n, sources)), SENDER, n));
        }
    }

    @Test
    void agentsBeyondTheTrackedNumberAreCountedUnderOther() throws Exception {
        IngestStats stats = new IngestStats(TRACKED_AGENTS);
        feed(new DatagramProcessor(stats, sample -> true), 0, SPOOFED_AGENTS, 1);

        assertEquals(TRACKED_AGENTS + 1, stats.agents().size(), "the tracked agents and 'other'");
        assertEquals(SPOOFED_AGENTS - TRACKED_AGENTS,
                stats.agents().get(IngestStats.OTHER_AGENTS).get(IngestCounter.DATAGRAMS_RECEIVED));
        assertEquals(SPOOFED_AGENTS, stats.total().get(IngestCounter.DATAGRAMS_RECEIVED));
    }

    /**
     * Bounds per agent alone are not enough: 100,000 agents times the data sources one agent may
     * have (agent.max.vms + 1,000) would be hundreds of millions of streams.
     */
    @Test
    void aSpooferWithManyAgentsAndDataSourcesCannotGrowTheHeapWithoutBound() throws Exception {
        long before = usedHeapAfterGc();
        IngestStats stats = new IngestStats(TRACKED_AGENTS);
        DatagramProcessor processor = new DatagramProcessor(stats, sample -> true);
        feed(processor, 0, MANY_SOURCE_AGENTS, SOURCES_PER_AGENT);
        long afterFirst = usedHeapAfterGc();
        feed(processor, MANY_SOURCE_AGENTS, 2 * MANY_SOURCE_AGENTS, SOURCES_PER_AGENT);
        long afterSecond = usedHeapAfterGc();
        System.out.printf("spoofed agents: heap after GC %d MiB, after %d agents x %d data sources %d MiB, after"
                        + " %d more %d MiB%n", before >> 20, MANY_SOURCE_AGENTS, SOURCES_PER_AGENT,
                afterFirst >> 20, MANY_SOURCE_AGENTS, afterSecond >> 20);

        assertEquals(2L * MANY_SOURCE_AGENTS * SOURCES_PER_AGENT, stats.total().get(IngestCounter.COUNTER_SAMPLES),
                "every sample was processed");
        assertTrue(afterFirst - before < HEAP_BOUND, "the spoofer's state took " + ((afterFirst - before) >> 20)
                + " MiB");
        assertTrue(afterSecond - afterFirst < 16L << 20, "past the bounds the heap still grew by "
                + ((afterSecond - afterFirst) >> 20) + " MiB");
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
