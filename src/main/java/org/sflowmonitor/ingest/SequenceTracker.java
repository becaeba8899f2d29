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

    private static final class Stream {
        long sequence;
        long uptime;

        Stream(long sequence, long uptime) {
            this.sequence = sequence;
            this.uptime = uptime;
        }
    }

    /**
     * Streams followed over all agents, at most (about 90 bytes each): the bounds per agent alone
     * would allow maxAgents times maxStreamsPerAgent.
     */
    static final int MAX_STREAMS = 1_000_000;

    private final AtomicInteger streamCount = new AtomicInteger();
    private final ConcurrentHashMap<String, ConcurrentHashMap<Long, Stream>> agents = new ConcurrentHashMap<>();
    private final int maxAgents;
    private final int maxStreamsPerAgent;

    SequenceTracker(int maxAgents, int maxStreamsPerAgent) {
        this.maxAgents = maxAgents;
        this.maxStreamsPerAgent = maxStreamsPerAgent;
    }

    /**
     * @param stream the stream within the agent (a sub-agent id, or a data source's class and index)
     * @param uptime the agent's uptime in ms when known, or -1 (counter samples carry none)
     */
    Step next(String agent, long stream, long sequence, long uptime) {
        ConcurrentHashMap<Long, Stream> streams = agents.get(agent);
        if (streams == null) {
            if (agents.size() >= maxAgents) {
                return Step.NEXT;
            }
            streams = agents.computeIfAbsent(agent, k -> new ConcurrentHashMap<>());
        }
        Stream s = streams.get(stream);
        if (s == null) {
            if (streams.size() >= maxStreamsPerAgent || streamCount.get() >= MAX_STREAMS) {
                return Step.NEXT;
            }
            s = streams.putIfAbsent(stream, new Stream(sequence, uptime));
            if (s == null) {
                streamCount.incrementAndGet();
                return Step.NEXT;
            }
        }
        synchronized (s) {
            return step(s, sequence, uptime);
        }
    }

    private static Step step(Stream s, long sequence, long uptime) {
        long previous = s.sequence;
        boolean uptimeBack = uptime >= 0 && s.uptime >= 0 && uptime < s.uptime;
        if (!uptimeBack && sequence > previous) {
            long gap = sequence - previous - 1;
            s.sequence = sequence;
            s.uptime = uptime;
            if (gap > MAX_GAP) {
                return Step.RESET;
            }
            return gap == 0 ? Step.NEXT : new Step(gap, false, false);
        }
        if (!uptimeBack && previous - sequence <= MAX_LATE && sequence > 1) {
            return Step.LATE;
        }
        s.sequence = sequence;
        s.uptime = uptime;
        return Step.RESET;
    }

    /** Streams followed, over all agents. */
    long size() {
        return agents.values().stream().mapToLong(ConcurrentHashMap::size).sum();
    }
}
