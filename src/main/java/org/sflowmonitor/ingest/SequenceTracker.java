package org.sflowmonitor.ingest;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Follows sequence numbers of one kind of stream per agent (datagrams per sub-agent, or counter
 * samples per data source) and classifies each new number as next, a gap (lost), late
 * (reordered or duplicate), or a reset (the agent restarted: uptime or sequence went back).
 * Bounded so that spoofed agents and data sources cannot exhaust the heap: past
 * {@code maxAgents} agents, {@code maxStreamsPerAgent} streams of one agent, or
 * {@link #MAX_STREAMS} streams in all, new streams are not followed.
 *
 * <p>A million VMs mean a million streams, and every counter sample looks its stream up: each
 * agent keeps its streams in primitive arrays (open addressing), one memory access per lookup
 * where a map of boxed keys to stream objects took three or four.
 */
final class SequenceTracker {

    /** What one sequence number means for its stream. */
    record Step(long lost, boolean reordered, boolean reset) {
        static final Step NEXT = new Step(0, false, false);
        static final Step LATE = new Step(0, true, false);
        static final Step RESET = new Step(0, false, true);
    }

    /** A later number within this distance is a gap; further, a reset (sequence jumped). */
    private static final long MAX_GAP = 1_000_000;
    /** An earlier number within this distance, with the uptime not gone back, is a late arrival. */
    private static final long MAX_LATE = 1_000;

    /**
     * Streams followed over all agents, at most (24 bytes each in tables kept a quarter to half
     * full: 48 to 96 bytes): the bounds per agent alone would allow maxAgents times maxStreamsPerAgent.
     */
    static final int MAX_STREAMS = 1_000_000;

    private final AtomicInteger streamCount = new AtomicInteger();
    private final ConcurrentHashMap<String, AgentStreams> agents = new ConcurrentHashMap<>();
    private final int maxAgents;
    private final int maxStreamsPerAgent;

    SequenceTracker(int maxAgents, int maxStreamsPerAgent) {
        this.maxAgents = maxAgents;
        this.maxStreamsPerAgent = maxStreamsPerAgent;
    }

    /** The streams of {@code agent}, or null when it is past the bound of agents (its numbers are not followed). */
    AgentStreams agent(String agent) {
        AgentStreams streams = agents.get(agent);
        if (streams == null) {
            if (agents.size() >= maxAgents) {
                return null;
            }
            streams = agents.computeIfAbsent(agent, k -> new AgentStreams());
        }
        return streams;
    }

    /**
     * @param stream the stream within the agent (a sub-agent id, or a data source's class and index)
     * @param uptime the agent's uptime in ms when known, or -1 (counter samples carry none)
     */
    Step next(String agent, long stream, long sequence, long uptime) {
        return next(agent(agent), stream, sequence, uptime);
    }

    /** As {@link #next(String, long, long, long)} for streams found with {@link #agent}; null streams: always NEXT. */
    static Step next(AgentStreams streams, long stream, long sequence, long uptime) {
        return streams == null ? Step.NEXT : streams.next(stream, sequence, uptime);
    }

    /** Streams followed, over all agents. */
    long size() {
        return agents.values().stream().mapToLong(AgentStreams::size).sum();
    }

    /**
     * One agent's streams: stream id → last sequence number and uptime, in arrays indexed alike.
     * The id that marks an empty slot can itself arrive (an expanded counter sample may carry any
     * 32-bit source type); its stream lives in the extra last entry of the value arrays.
     */
    final class AgentStreams {
        private static final long EMPTY = Long.MIN_VALUE;

        private long[] ids = emptyIds(8);
        private long[] sequences = new long[9];
        private long[] uptimes = new long[9];
        private boolean emptyIdFollowed;
        private int size;

        synchronized Step next(long stream, long sequence, long uptime) {
            int i = stream == EMPTY ? ids.length : slot(ids, stream);
            boolean known = stream == EMPTY ? emptyIdFollowed : ids[i] != EMPTY;
            if (!known) {
                if (size >= maxStreamsPerAgent || streamCount.get() >= MAX_STREAMS) {
                    return Step.NEXT;
                }
                streamCount.incrementAndGet();
                if (stream == EMPTY) {
                    emptyIdFollowed = true;
                } else {
                    ids[i] = stream;
                }
                sequences[i] = sequence;
                uptimes[i] = uptime;
                if (++size * 2 > ids.length) {
                    grow();
                }
                return Step.NEXT;
            }
            return step(i, sequence, uptime);
        }

        synchronized int size() {
            return size;
        }

        private Step step(int i, long sequence, long uptime) {
            long previous = sequences[i];
            boolean uptimeBack = uptime >= 0 && uptimes[i] >= 0 && uptime < uptimes[i];
            if (!uptimeBack && sequence > previous) {
                long gap = sequence - previous - 1;
                sequences[i] = sequence;
                uptimes[i] = uptime;
                if (gap > MAX_GAP) {
                    return Step.RESET;
                }
                return gap == 0 ? Step.NEXT : new Step(gap, false, false);
            }
            if (!uptimeBack && previous - sequence <= MAX_LATE && sequence > 1) {
                return Step.LATE;
            }
            sequences[i] = sequence;
            uptimes[i] = uptime;
            return Step.RESET;
        }

        private void grow() {
            long[] oldIds = ids;
            long[] oldSequences = sequences;
            long[] oldUptimes = uptimes;
            ids = emptyIds(oldIds.length * 2);
            sequences = new long[ids.length + 1];
            uptimes = new long[ids.length + 1];
            sequences[ids.length] = oldSequences[oldIds.length];
            uptimes[ids.length] = oldUptimes[oldIds.length];
            for (int j = 0; j < oldIds.length; j++) {
                if (oldIds[j] != EMPTY) {
                    int i = slot(ids, oldIds[j]);
                    ids[i] = oldIds[j];
                    sequences[i] = oldSequences[j];
                    uptimes[i] = oldUptimes[j];
                }
            }
        }

        /** Where {@code id} is, or the empty slot where it would go (linear probing; the table is at most half full). */
        private static int slot(long[] ids, long id) {
            int mask = ids.length - 1;
            int i = (int) ((id * 0x9E3779B97F4A7C15L) >>> 32) & mask;
            while (ids[i] != EMPTY && ids[i] != id) {
                i = (i + 1) & mask;
            }
            return i;
        }

        private static long[] emptyIds(int length) {
            long[] a = new long[length];
            java.util.Arrays.fill(a, EMPTY);
            return a;
        }
    }
}
