package org.sflowmonitor.ingest;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows sequence numbers of one kind of stream (datagrams per agent and sub-agent, or
 * counter samples per data source) and classifies each new number as next, a gap (lost),
 * late (reordered or duplicate), or a reset (the agent restarted: uptime or sequence went
 * back). The number of streams is bounded: past {@code maxStreams} new streams are not followed.
 */
final class SequenceTracker<K> {

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

    private final ConcurrentHashMap<K, Stream> streams = new ConcurrentHashMap<>();
    private final int maxStreams;

    SequenceTracker(int maxStreams) {
        this.maxStreams = maxStreams;
    }

    /**
     * @param uptime the agent's uptime in ms when known, or -1 (counter samples carry none)
     */
    Step next(K key, long sequence, long uptime) {
        Stream s = streams.get(key);
        if (s == null) {
            if (streams.size() >= maxStreams) {
                return Step.NEXT;
            }
            Stream fresh = new Stream(sequence, uptime);
            s = streams.putIfAbsent(key, fresh);
            if (s == null) {
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

    int size() {
        return streams.size();
    }
}
