package org.sflowmonitor.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays a {@link ClusterModel} as hsflowd would: every data source (node, VM, optionally the
 * node's two interfaces) is polled once per interval at a second of its own within it; the
 * samples a node polls in the same second are packed into datagrams of at most 1,400 bytes
 * (hsflowd's datagramBytes), under sub-agent 100001 with the node's datagram sequence.
 * Sending is paced to a rate in samples per second over simulated time, which runs faster
 * or slower than real time accordingly; it stops after the duration or the rounds given,
 * or when {@link #stop()} is called.
 */
public final class ClusterSimulator {

    public static final int DATAGRAM_BYTES = 1_400;
    private static final int NODE = PollingSchedule.NODE;
    private static final int INTERFACE_0 = PollingSchedule.INTERFACE_0;

    /**
     * What to play: {@code samplesPerSecond} paces the sending (infinite: as fast as possible),
     * {@code durationMillis} and {@code maxRounds} bound it (whichever comes first).
     */
    public record Config(ClusterModel model, int intervalSeconds, boolean interfaces, double samplesPerSecond,
                         long durationMillis, long maxRounds) {
        public Config {
            if (intervalSeconds < 1 || !(samplesPerSecond > 0) || durationMillis < 0 || maxRounds < 1) {
                throw new IllegalArgumentException("interval >= 1 s, rate > 0, duration >= 0 and rounds >= 1");
            }
        }

        /** Samples per polling round: each node, each VM, and two interfaces per node when on. */
        public long samplesPerRound() {
            return model.sources() + (interfaces ? 2L * model.nodes() : 0);
        }

        /** The rate of a real cluster polled every interval. */
        public double realTimeRate() {
            return (double) samplesPerRound() / intervalSeconds;
        }
    }

    /** Where datagrams go; the buffer holds one datagram between position and limit. */
    public interface DatagramSink extends AutoCloseable {
        void send(ByteBuffer datagram) throws IOException;

        @Override
        default void close() throws IOException {
        }
    }

    /** What was sent (handed to the kernel); datagrams whose sending failed count only as errors. */
    public record Result(long datagrams, long samples, long bytes, long sendErrors, long rounds, long elapsedNanos) {
        public double samplesPerSecond() {
            return samples * 1e9 / Math.max(1, elapsedNanos);
        }

        public double datagramsPerSecond() {
            return datagrams * 1e9 / Math.max(1, elapsedNanos);
        }
    }

    private final Config config;
    private final SampleWriter writer;
    private final PollingSchedule schedule;
    private final long[] datagramSequences;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile long datagramsSent;
    private volatile long samplesSent;

    public ClusterSimulator(Config config) {
        this.config = config;
        this.writer = new SampleWriter(config.model());
        this.schedule = new PollingSchedule(config.model(), config.intervalSeconds(), config.interfaces());
        this.datagramSequences = new long[config.model().nodes()];
    }

    /** Datagrams sent so far (readable from any thread while {@link #run} works). */
    public long datagramsSent() {
        return datagramsSent;
    }

    /** Samples sent so far (readable from any thread). */
    public long samplesSent() {
        return samplesSent;
    }

    /** Makes {@link #run} return after the datagram it is sending. */
    public void stop() {
        stopped.set(true);
    }

    /** Sends until the duration or the rounds are done, or {@link #stop()}; returns what was sent. */
    public Result run(DatagramSink sink) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(DATAGRAM_BYTES + SampleWriter.MAX_NODE_SAMPLE_BYTES);
        long start = System.nanoTime();
        long deadline = start + config.durationMillis() * 1_000_000;
        double nanosPerSample = 1e9 / config.samplesPerSecond();
        int interval = config.intervalSeconds();
        long datagrams = 0;
        long samples = 0;
        long bytes = 0;
        long errors = 0;
        long second = 0;
        long lastSecond = config.maxRounds() > Long.MAX_VALUE / interval ? Long.MAX_VALUE
                : config.maxRounds() * interval;
        outer:
        for (; second < lastSecond; second++) {
            long sequence = second / interval + 1;
            for (int n = 0; n < schedule.nodes(); n++) {
                int k = schedule.first(n, second);
                int to = schedule.end(n, second);
                while (k < to) {
                    if (stopped.get() || System.nanoTime() - deadline >= 0) {
                        break outer;
                    }
                    buffer.clear();
                    writer.startDatagram(buffer, n, ++datagramSequences[n], writer.nodeUptime(n, second));
                    int inDatagram = 0;
                    while (k < to && buffer.position() + maxBytes(schedule.source(n, k)) <= DATAGRAM_BYTES) {
                        writeSample(buffer, n, schedule.source(n, k), sequence, second);
                        inDatagram++;
                        k++;
                    }
                    writer.endDatagram(buffer, inDatagram);
                    buffer.flip();
                    pace(start + (long) (samples * nanosPerSample));
                    int size = buffer.remaining();
                    try {
                        sink.send(buffer);
                        datagrams++;
                        samples += inDatagram;
                        bytes += size;
                    } catch (IOException e) {
                        errors++; // e.g. nobody listening yet: the datagram is gone, as on a real network
                    }
                    datagramsSent = datagrams;
                    samplesSent = samples;
                }
            }
        }
        return new Result(datagrams, samples, bytes, errors, (second + interval - 1) / interval,
                System.nanoTime() - start);
    }

    private static int maxBytes(int source) {
        return source >= 0 ? SampleWriter.MAX_VM_SAMPLE_BYTES
                : source == NODE ? SampleWriter.MAX_NODE_SAMPLE_BYTES : SampleWriter.MAX_INTERFACE_SAMPLE_BYTES;
    }

    private void writeSample(ByteBuffer buffer, int node, int source, long sequence, long second) {
        if (source >= 0) {
            writer.vmSample(buffer, node, source, sequence, second);
        } else if (source == NODE) {
            writer.nodeSample(buffer, node, sequence, second);
        } else {
            writer.interfaceSample(buffer, node, source == INTERFACE_0 ? 0 : 1, sequence, second);
        }
    }

    /** Waits until {@code dueNanos}; spinning would take the CPU the collector needs. */
    private static void pace(long dueNanos) {
        long ahead;
        while ((ahead = dueNanos - System.nanoTime()) > 50_000) {
            LockSupport.parkNanos(ahead);
        }
    }
}
