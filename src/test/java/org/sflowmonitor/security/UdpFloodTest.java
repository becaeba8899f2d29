package org.sflowmonitor.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.logging.Level;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.sflow.HsflowdDatagrams;
import org.sflowmonitor.sflow.SflowEncoder;
import org.sflowmonitor.store.Database;
import org.sflowmonitor.testing.LogCapture;
import org.sflowmonitor.testing.UdpSender;

/**
 * Hundreds of thousands of hostile datagrams (random bytes and mutations of hsflowd's node and
 * VM datagrams) over UDP into the running webapp, one valid datagram in ten among them, paced
 * so that the socket's receive buffer never overflows. {@code -Dflood.datagrams=2000000} runs a
 * bigger flood, {@code -Dflood.seed=n} another mix.
 */
class UdpFloodTest {

    private static final int DATAGRAMS = Integer.getInteger("flood.datagrams", 200_000);
    private static final long SEED = Long.getLong("flood.seed", 7);
    private static final int VALID_EVERY = 10;
    /** Largest UDP payload over IPv4. */
    private static final int MAX_UDP = 65_507;
    /**
     * Datagrams sent but not yet counted by the service, at most (none before a 64 KiB one): about
     * 4 KiB of receive buffer each, whatever net.core.rmem_max grants.
     */
    private static final int WINDOW = (int) Math.max(16, Math.min(1_000, KernelUdpCounters.maxReceiveBuffer() / 4096));
    private static final long HEAP_GROWTH_BOUND = 128L << 20;

    private static final InetAddress VALID_AGENT = address("10.77.0.1");
    private static final UUID VALID_VM = UUID.fromString("0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0");
    private static final byte[] NODE = HsflowdDatagrams.node(1, 1);
    private static final byte[] VM = HsflowdDatagrams.vm(1, 1);
    /** Offsets of the length and count fields of hsflowd's datagrams (IPv4 agent): num_samples, first sample's length. */
    private static final int[] LENGTH_FIELDS = {24, 32};

    @TempDir
    Path temp;

    private final Random random = new Random(SEED);

    @Test
    void aFloodOfHostileDatagramsLeavesTheServiceUpItsHeapBoundedAndEveryValidDatagramStored() throws Exception {
        Flood flood;
        long heapBefore;
        long heapAfter;
        JsonNode status;
        List<String> escaped = new ArrayList<>();
        long warnings;
        try (Webapp webapp = Webapp.start(temp, Map.of())) {
            heapBefore = usedHeapAfterGc();
            try (LogCapture ours = new LogCapture("org.sflowmonitor"); LogCapture netty = new LogCapture("io.netty")) {
                flood = send(webapp);
                status = awaitIdle(webapp, flood.sent - flood.unaccounted());
                List<String> logged = ours.messages(Level.WARNING);
                warnings = logged.size();
                logged.stream().filter(m -> !m.startsWith("malformed sFlow datagram")).forEach(escaped::add);
                escaped.addAll(netty.messages(Level.WARNING));
            }
            heapAfter = usedHeapAfterGc();
            assertEquals(1, webapp.api().call("host.description", "{\"ip\":\"10.77.0.1\"}").path("result").size(),
                    "the API answers after the flood");
        }
        JsonNode ingest = status.path("ingest");
        System.out.printf("flood: %d datagrams (%d valid, %d of 64 KiB, %d empty) in %.1f s, kernel receive-buffer"
                        + " drops %d, heap after GC %d -> %d MiB, %d warnings logged, ingest %s%n", flood.sent, flood.valid(),
                flood.large, flood.empty, flood.seconds, flood.kernelDrops, heapBefore >> 20, heapAfter >> 20,
                warnings, ingest);

        assertEquals(List.of(), escaped, "no exception escaped the UDP pipeline");
        long received = ingest.path("datagrams_received").asLong();
        assertEquals(received, ingest.path("datagrams_decoded").asLong() + ingest.path("datagrams_malformed").asLong(),
                "received = decoded + malformed");
        assertEquals(ingest.path("samples_received").asLong(), ingest.path("counter_samples").asLong()
                + ingest.path("flow_samples").asLong() + ingest.path("samples_unknown").asLong()
                + ingest.path("samples_malformed").asLong(), "samples received = counter + flow + unknown + malformed");
        assertEquals(ingest.path("counter_samples").asLong(), ingest.path("samples_queued").asLong()
                + ingest.path("queue_drops").asLong() + ingest.path("samples_ignored").asLong()
                + ingest.path("samples_without_identity").asLong(), "counter samples = queued + dropped + ignored"
                + " + without identity");
        assertEquals(ingest.path("samples_queued").asLong(), ingest.path("samples_stored").asLong()
                + ingest.path("samples_over_entity_limit").asLong() + ingest.path("write_errors").asLong(),
                "queued = stored + over entity limit + write errors");
        assertEquals(0, ingest.path("datagrams_disallowed").asLong());

        long lost = flood.sent - received;
        assertTrue(lost <= flood.kernelDrops, lost + " datagrams not received but the kernel counted only "
                + flood.kernelDrops + " receive-buffer drops");
        long validNodesStored = count(temp, "SELECT COUNT(*) FROM host_sample s JOIN host h ON h.id = s.host_id"
                + " WHERE h.host_ip = ?", VALID_AGENT.getHostAddress());
        long validVmsStored = count(temp, "SELECT COUNT(*) FROM vm_sample s JOIN vm v ON v.id = s.vm_id"
                + " WHERE v.uuid = ?", VALID_VM.toString());
        if (lost == 0) {
            assertEquals(flood.validNodes, validNodesStored, "every valid node sample is in host_sample");
            assertEquals(flood.validVms, validVmsStored, "every valid VM sample is in vm_sample");
        } else {
            // the kernel dropped datagrams (possibly of other processes): only as many valid ones may be missing
            assertTrue(flood.valid() - validNodesStored - validVmsStored <= lost, "valid samples missing beyond "
                    + lost + " kernel drops: " + validNodesStored + " + " + validVmsStored + " of " + flood.valid());
        }
        assertTrue(heapAfter - heapBefore < HEAP_GROWTH_BOUND, "heap after GC grew from " + (heapBefore >> 20)
                + " MiB to " + (heapAfter >> 20) + " MiB");
    }

    private static final class Flood {
        long sent;
        long validNodes;
        long validVms;
        long large;
        long empty;
        long kernelDrops;
        long kernelDropsUnknown;
        double seconds;

        long valid() {
            return validNodes + validVms;
        }

        long unaccounted() {
            return kernelDropsUnknown < 0 ? 0 : kernelDrops;
        }
    }

    private Flood send(Webapp webapp) throws Exception {
        Flood flood = new Flood();
        long kernelBefore = KernelUdpCounters.receiveBufferErrors();
        long start = System.nanoTime();
        long received = 0;
        try (UdpSender udp = new UdpSender(InetAddress.getByName("127.0.0.1"), webapp.sflowPort())) {
            for (int i = 1; i <= DATAGRAMS; i++) {
                byte[] datagram;
                if (i % VALID_EVERY == 0) {
                    boolean node = (i / VALID_EVERY) % 2 == 0;
                    datagram = node ? validNode(i) : validVm(i);
                    if (node) {
                        flood.validNodes++;
                    } else {
                        flood.validVms++;
                    }
                } else {
                    datagram = hostile();
                }
                boolean large = datagram.length > 16_384;
                if (large) {
                    flood.large++;
                } else if (datagram.length == 0) {
                    flood.empty++;
                }
                if (large || flood.sent - received >= WINDOW) {
                    received = awaitReceived(webapp, flood.sent - (large ? 0 : WINDOW / 2), received);
                }
                udp.send(datagram);
                flood.sent++;
            }
        }
        long kernelAfter = KernelUdpCounters.receiveBufferErrors();
        flood.seconds = (System.nanoTime() - start) / 1e9;
        flood.kernelDrops = kernelBefore < 0 ? 0 : kernelAfter - kernelBefore;
        flood.kernelDropsUnknown = kernelBefore;
        return flood;
    }

    /**
     * Waits until the service has received {@code target} datagrams, or their count stops moving
     * for 2 s (a datagram lost in the kernel never arrives); returns the count.
     */
    private static long awaitReceived(Webapp webapp, long target, long received) throws Exception {
        long lastMove = System.nanoTime();
        while (true) {
            JsonNode status = webapp.status();
            long now = status.path("ingest").path("datagrams_received").asLong();
            boolean writerBusy = status.path("writer").path("queue_depth").asLong()
                    > status.path("writer").path("queue_capacity").asLong() / 4;
            if (now >= target && !writerBusy) {
                return now;
            }
            if (now != received) {
                received = now;
                lastMove = System.nanoTime();
            } else if (System.nanoTime() - lastMove > 2_000_000_000L) {
                return now;
            }
            Thread.sleep(1);
        }
    }

    /** Waits until {@code datagrams} were received and the writer's queue is empty, as seen twice in a row. */
    private static JsonNode awaitIdle(Webapp webapp, long datagrams) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        int stable = 0;
        JsonNode status = webapp.status();
        while (stable < 2 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = webapp.status();
            JsonNode ingest = status.path("ingest");
            boolean idle = ingest.path("datagrams_received").asLong() >= datagrams
                    && status.path("writer").path("queue_depth").asLong() == 0
                    && ingest.path("samples_queued").asLong() == ingest.path("samples_stored").asLong()
                    + ingest.path("samples_over_entity_limit").asLong() + ingest.path("write_errors").asLong();
            stable = idle ? stable + 1 : 0;
        }
        assertEquals(2, stable, "the service did not settle within 60 s: " + status);
        return status;
    }

    private static byte[] validNode(long sequence) {
        return SflowEncoder.datagram(VALID_AGENT, 100001, sequence, 86_400_000L + sequence)
                .counterSample(true, sequence, 2, 1, HsflowdDatagrams.nodeRecords().toArray(CounterRecord[]::new))
                .bytes();
    }

    private static byte[] validVm(long sequence) {
        List<CounterRecord> records = new ArrayList<>(HsflowdDatagrams.vmRecords());
        records.replaceAll(r -> r instanceof CounterRecord.HostDescr
                ? new CounterRecord.HostDescr("flood-vm", VALID_VM, 0, 0, "") : r);
        return SflowEncoder.datagram(VALID_AGENT, 100001, sequence, 86_400_000L + sequence)
                .counterSample(true, sequence, 3, 4242, records.toArray(CounterRecord[]::new))
                .bytes();
    }

    /** A random or mutated datagram; about one in a thousand is as large as UDP allows, one in a hundred empty. */
    private byte[] hostile() {
        int pick = random.nextInt(1000);
        if (pick == 0) {
            return large();
        }
        if (pick < 10) {
            return new byte[0];
        }
        byte[] base = random.nextBoolean() ? NODE : VM;
        return switch (pick % 6) {
            case 0 -> Arrays.copyOf(base, random.nextInt(base.length));
            case 1 -> flipBits(base.clone(), 1 + random.nextInt(8));
            case 2 -> hugeLength(base.clone());
            case 3 -> randomBytes(random.nextInt(1500));
            case 4 -> randomAfterHeader(base);
            default -> flipBits(Arrays.copyOf(base, random.nextInt(base.length)), 1 + random.nextInt(4));
        };
    }

    private byte[] flipBits(byte[] d, int flips) {
        for (int i = 0; i < flips && d.length > 0; i++) {
            int bit = random.nextInt(d.length * 8);
            d[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return d;
    }

    /** A length or count field (or any aligned word) set to a huge value. */
    private byte[] hugeLength(byte[] d) {
        int offset = random.nextBoolean() ? LENGTH_FIELDS[random.nextInt(LENGTH_FIELDS.length)]
                : 4 * random.nextInt(d.length / 4);
        int[] huge = {0xFFFF_FFFF, 0x7FFF_FFFF, 0x8000_0000, 0x00FF_FFFF, d.length, d.length + 4, 65_536};
        ByteBuffer.wrap(d).putInt(offset, huge[random.nextInt(huge.length)]);
        return d;
    }

    private byte[] randomBytes(int length) {
        byte[] d = new byte[length];
        random.nextBytes(d);
        return d;
    }

    /** hsflowd's header (version 5, agent, sequence, uptime, sample count) followed by random bytes. */
    private byte[] randomAfterHeader(byte[] base) {
        byte[] d = randomBytes(28 + random.nextInt(1400));
        System.arraycopy(base, 0, d, 0, 28);
        return d;
    }

    /** 64 KiB: random bytes, or a valid datagram followed by zeros, or a header claiming many samples. */
    private byte[] large() {
        return switch (random.nextInt(3)) {
            case 0 -> randomBytes(MAX_UDP);
            case 1 -> Arrays.copyOf(random.nextBoolean() ? NODE : VM, MAX_UDP);
            default -> {
                byte[] d = randomAfterHeader(NODE);
                byte[] big = Arrays.copyOf(d, MAX_UDP);
                ByteBuffer.wrap(big).putInt(24, 8_000);
                yield big;
            }
        };
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long count(Path temp, String sql, String param) throws Exception {
        Path data = Webapp.dataDir(temp);
        try (Database db = Database.open("jdbc:h2:file:" + data.resolve("sflow-monitor"), "sa", "", data, 1);
             Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
