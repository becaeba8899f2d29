package org.sflowmonitor.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.ingest.AgentCounters;
import org.sflowmonitor.ingest.Cidr;
import org.sflowmonitor.ingest.DatagramProcessor;
import org.sflowmonitor.ingest.EntitySample;
import org.sflowmonitor.ingest.IngestCounter;
import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.ingest.SflowListener;
import org.sflowmonitor.sflow.HsflowdDatagrams;
import org.sflowmonitor.testing.UdpSender;

/**
 * agents.allow over real UDP on loopback: the listener on all addresses (IPv4 and IPv6 on one
 * socket), datagrams sent from 127.0.0.1 and from ::1.
 */
class AgentAllowListTest {

    private static final int DATAGRAMS = 5;

    private final IngestStats stats = new IngestStats(100_000);
    private final List<EntitySample> taken = new CopyOnWriteArrayList<>();

    private SflowListener listen(String allow) throws Exception {
        List<Cidr> allowed = allow.isEmpty() ? List.of()
                : java.util.Arrays.stream(allow.split(",")).map(Cidr::parse).toList();
        return SflowListener.start(new SflowListener.Config(null, 0, 1 << 20, 1, allowed),
                new DatagramProcessor(stats, taken::add));
    }

    private static void send(String from, int port) throws Exception {
        try (UdpSender udp = new UdpSender(InetAddress.getByName(from), port)) {
            for (int i = 1; i <= DATAGRAMS; i++) {
                udp.send(HsflowdDatagrams.node(i, i));
            }
        }
    }

    private static void await(BooleanSupplier done, Object state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 5 s: " + state);
            }
            Thread.sleep(10);
        }
    }

    private long count(String agent, IngestCounter counter) {
        AgentCounters c = stats.agents().get(agent);
        return c == null ? 0 : c.get(counter);
    }

    private void awaitDisallowed(String source, long n) throws InterruptedException {
        await(() -> count(source, IngestCounter.DATAGRAMS_DISALLOWED) == n, stats.agents().keySet());
    }

    @Test
    void anIpv4SourceOutsideTheAllowedNetworksIsDroppedBeforeDecodingAndCountedBySource() throws Exception {
        try (SflowListener listener = listen("10.0.0.0/8")) {
            send("127.0.0.1", listener.port());
            awaitDisallowed("127.0.0.1", DATAGRAMS);
        }
        assertEquals(DATAGRAMS, stats.total().get(IngestCounter.DATAGRAMS_DISALLOWED));
        assertEquals(0, stats.total().get(IngestCounter.DATAGRAMS_RECEIVED));
        assertEquals(0, stats.total().get(IngestCounter.DATAGRAMS_DECODED));
        assertEquals(0, count(HsflowdDatagrams.AGENT.getHostAddress(), IngestCounter.DATAGRAMS_RECEIVED));
        assertEquals(List.of(), taken);
    }

    @Test
    void anIpv4SourceInsideAnAllowedNetworkIsDecodedAndKept() throws Exception {
        try (SflowListener listener = listen("10.0.0.0/8,127.0.0.0/8")) {
            send("127.0.0.1", listener.port());
            await(() -> taken.size() == DATAGRAMS, stats.total().snapshot());
        }
        assertEquals(DATAGRAMS, stats.total().get(IngestCounter.DATAGRAMS_DECODED));
        assertEquals(0, stats.total().get(IngestCounter.DATAGRAMS_DISALLOWED));
    }

    @Test
    void anIpv6SourceOutsideTheAllowedNetworksIsDroppedBeforeDecodingAndCountedBySource() throws Exception {
        try (SflowListener listener = listen("fd00::/8")) {
            send("::1", listener.port());
            awaitDisallowed("::1", DATAGRAMS);
        }
        assertEquals(0, stats.total().get(IngestCounter.DATAGRAMS_RECEIVED));
        assertEquals(List.of(), taken);
    }

    @Test
    void anIpv6SourceInsideAnAllowedNetworkIsDecodedAndKept() throws Exception {
        try (SflowListener listener = listen("fd00::/8,::1/128")) {
            send("::1", listener.port());
            await(() -> taken.size() == DATAGRAMS, stats.total().snapshot());
        }
        assertEquals(DATAGRAMS, stats.total().get(IngestCounter.DATAGRAMS_DECODED));
        assertEquals(0, stats.total().get(IngestCounter.DATAGRAMS_DISALLOWED));
    }

    @Test
    void anIpv4SourceOnTheDualStackSocketIsNotLetInByAnIpv6OnlyList() throws Exception {
        try (SflowListener listener = listen("::1/128,fd00::/8")) {
            send("127.0.0.1", listener.port());
            awaitDisallowed("127.0.0.1", DATAGRAMS);
        }
        assertEquals(List.of(), taken);
    }

    @Test
    void anIpv6SourceIsNotLetInByAnIpv4OnlyList() throws Exception {
        try (SflowListener listener = listen("127.0.0.0/8,10.0.0.0/8")) {
            send("::1", listener.port());
            awaitDisallowed("::1", DATAGRAMS);
        }
        assertEquals(List.of(), taken);
    }

    @Test
    void withBothListsOnlyTheMatchingFamilyOfEachSourceCounts() throws Exception {
        try (SflowListener listener = listen("127.0.0.1/32,fd00::/8")) {
            send("127.0.0.1", listener.port());
            send("::1", listener.port());
            await(() -> taken.size() == DATAGRAMS, stats.total().snapshot());
            awaitDisallowed("::1", DATAGRAMS);
        }
        assertEquals(0, count("127.0.0.1", IngestCounter.DATAGRAMS_DISALLOWED));
    }

    @Test
    void withoutAnAllowListEverySourceIsLetIn() throws Exception {
        try (SflowListener listener = listen("")) {
            send("127.0.0.1", listener.port());
            send("::1", listener.port());
            await(() -> taken.size() == 2 * DATAGRAMS, stats.total().snapshot());
        }
        assertEquals(0, stats.total().get(IngestCounter.DATAGRAMS_DISALLOWED));
    }

    @Test
    void collectorStatusShowsTheDisallowedDatagramsOfEachSource(@TempDir Path temp) throws Exception {
        try (Webapp webapp = Webapp.start(temp, Map.of("agents.allow", "10.0.0.0/8, fd00::/8"))) {
            send("127.0.0.1", webapp.sflowPort());
            JsonNode agent = webapp.api().awaitResult("collector.status", "{\"agent\":\"127.0.0.1\"}",
                    r -> r.path("agents").path(0).path("datagrams_disallowed").asLong() == DATAGRAMS,
                    Duration.ofSeconds(5)).path("agents").path(0);
            assertEquals(DATAGRAMS, agent.path("datagrams_disallowed").asLong(), agent.toString());
            assertEquals(0, agent.path("datagrams_received").asLong());
            assertEquals(0, webapp.api().call("host.description", "{}").path("result").size());
        }
    }

    @Test
    void disallowedSourcesCannotCrowdTheAllowedAgentsOutOfTheCounters() throws Exception {
        IngestStats small = new IngestStats(100);
        int spoofedSources = 200;
        try (SflowListener listener = SflowListener.start(new SflowListener.Config(null, 0, 1 << 20, 1,
                List.of(Cidr.parse("127.0.0.1"))), new DatagramProcessor(small, taken::add))) {
            for (int i = 1; i <= spoofedSources; i++) {
                try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.1." + i, 0))) {
                    byte[] d = HsflowdDatagrams.node(i, i);
                    socket.send(new DatagramPacket(d, d.length, InetAddress.getByName("127.0.0.1"), listener.port()));
                }
            }
            await(() -> small.total().get(IngestCounter.DATAGRAMS_DISALLOWED) == spoofedSources,
                    small.total().snapshot());
            send("127.0.0.1", listener.port());
            await(() -> taken.size() == DATAGRAMS, small.total().snapshot());
        }
        long tracked = small.agents().keySet().stream().filter(k -> k.startsWith("127.0.1.")).count();
        assertEquals(10, tracked, "a tenth of the agents table for disallowed sources");
        assertEquals(spoofedSources - tracked,
                small.agents().get(IngestStats.OTHER_AGENTS).get(IngestCounter.DATAGRAMS_DISALLOWED));
        assertEquals(DATAGRAMS, small.agents().get(HsflowdDatagrams.AGENT.getHostAddress())
                .get(IngestCounter.DATAGRAMS_DECODED), "the allowed agent has counters of its own");
    }
}
