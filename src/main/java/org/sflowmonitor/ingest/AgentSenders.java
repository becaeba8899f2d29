package org.sflowmonitor.ingest;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which sender (UDP source address and port) a datagram stream of one agent address and
 * sub-agent id belongs to, and the other senders that claim it at the same time: a cloned node
 * image with hsflowd's configuration in it, or a second hsflowd started by hand, sends with the
 * same agent address and sub-agent, and the two sequence streams interleave.
 *
 * <p>The stream's <em>owner</em> is its first sender. A datagram from another sender takes the
 * stream over when it is the same agent seen from a new port (its sequence number continues
 * the owner's, its uptime did not go back) or the agent restarted (its uptime is no longer than
 * the time since the owner last sent, or its sequence started again: at most the owner's and
 * at most {@link #RESTARTED_SEQUENCE}; the sequence tracker then counts the reset). Any other
 * sender was running while the owner sent: it is <em>conflicting</em>, and its datagrams are
 * followed apart, in {@link Verdict#CONFLICTING}. A conflicting sender takes over when the
 * owner has been silent for {@link #TAKE_OVER_AFTER_MILLIS}; one silent that long is forgotten.
 * Bounded: past {@link #MAX_STREAMS} streams, new ones are not followed (every datagram is the
 * owner's). Thread-safe.
 */
public final class AgentSenders {

    /** What a datagram is to its stream. */
    enum Verdict { OWNER, CONFLICTING }

    /**
     * A conflict as collector.status shows it: the stream, the sender kept (the owner) and one
     * that claims the stream as well, when that one was first and last heard, and how many of its
     * datagrams were set apart.
     */
    public record Conflict(String agent, long subAgentId, String kept, String conflicting, long since, long lastAt,
                           long datagrams) {
    }

    static final long TAKE_OVER_AFTER_MILLIS = 120_000;
    /** Slack between the agent's uptime and the collector's clock when judging a restart. */
    static final long RESTART_SLACK_MILLIS = 2_000;
    /** A sequence number at most this far past the owner's continues its stream. */
    static final long CONTINUATION_GAP = 1_000;
    /** A sequence number this small, not past the owner's, is an agent that started again. */
    static final long RESTARTED_SEQUENCE = 1_000;
    static final int MAX_STREAMS = 100_000;
    static final int MAX_CONFLICTING_PER_STREAM = 4;

    private record Key(String agent, long subAgentId) {
    }

    private final ConcurrentHashMap<Key, Stream> streams = new ConcurrentHashMap<>();

    /**
     * Judges a datagram of {@code agent}/{@code subAgentId} from {@code sender} with its sequence
     * number and uptime, received at {@code now}.
     */
    Verdict judge(String agent, long subAgentId, InetSocketAddress sender, long sequence, long uptime, long now) {
        if (sender == null) {
            return Verdict.OWNER;
        }
        Key key = new Key(agent, subAgentId);
        Stream stream = streams.get(key);
        if (stream == null) {
            if (streams.size() >= MAX_STREAMS) {
                return Verdict.OWNER;
            }
            stream = streams.computeIfAbsent(key, k -> new Stream(sender));
        }
        return stream.judge(sender, sequence, uptime, now);
    }

    /** The conflicts whose senders were both heard within {@link #TAKE_OVER_AFTER_MILLIS} of {@code now}. */
    public List<Conflict> conflicts(long now) {
        List<Conflict> out = new ArrayList<>();
        streams.forEach((key, stream) -> stream.conflicts(key, now, out));
        out.sort((a, b) -> a.agent().equals(b.agent()) ? Long.compare(a.subAgentId(), b.subAgentId())
                : a.agent().compareTo(b.agent()));
        return out;
    }

    static String text(InetSocketAddress sender) {
        return AgentAddress.text(sender.getAddress()) + ":" + sender.getPort();
    }

    /** Another sender of a stream: since when, when last, how many datagrams. */
    private static final class Claim {
        final long since;
        long lastAt;
        long datagrams;

        Claim(long since) {
            this.since = since;
            this.lastAt = since;
        }
    }

    private static final class Stream {
        private InetSocketAddress owner;
        private long ownerLastAt;
        private long ownerSequence;
        private long ownerUptime;
        private final Map<InetSocketAddress, Claim> conflicting = new LinkedHashMap<>();

        Stream(InetSocketAddress owner) {
            this.owner = owner;
            this.ownerUptime = -1;
        }

        synchronized Verdict judge(InetSocketAddress sender, long sequence, long uptime, long now) {
            forgetSilent(now);
            Claim claim = sender.equals(owner) ? null : conflicting.get(sender);
            if (!sender.equals(owner)) {
                boolean ownerGone = now - ownerLastAt > TAKE_OVER_AFTER_MILLIS;
                if (claim == null && !ownerGone && !continues(sequence, uptime) && !restarted(sequence, uptime, now)) {
                    if (conflicting.size() >= MAX_CONFLICTING_PER_STREAM) {
                        return Verdict.CONFLICTING;
                    }
                    claim = new Claim(now);
                    conflicting.put(sender, claim);
                }
                if (claim != null && !ownerGone) {
                    claim.lastAt = now;
                    claim.datagrams++;
                    return Verdict.CONFLICTING;
                }
                conflicting.remove(sender);
                owner = sender;
            }
            ownerLastAt = now;
            ownerSequence = sequence;
            ownerUptime = uptime;
            return Verdict.OWNER;
        }

        /** The owner's process from another port: its sequence goes on, its uptime did not go back. */
        private boolean continues(long sequence, long uptime) {
            return ownerLastAt > 0 && sequence > ownerSequence && sequence - ownerSequence <= CONTINUATION_GAP
                    && uptime >= ownerUptime;
        }

        /**
         * An agent that started again: its uptime is no longer than the owner's silence, or its
         * sequence started again (at most the owner's, and small).
         */
        private boolean restarted(long sequence, long uptime, long now) {
            return uptime >= 0 && uptime <= now - ownerLastAt + RESTART_SLACK_MILLIS
                    || sequence <= ownerSequence && sequence <= RESTARTED_SEQUENCE;
        }

        private void forgetSilent(long now) {
            for (Iterator<Claim> it = conflicting.values().iterator(); it.hasNext(); ) {
                if (now - it.next().lastAt > TAKE_OVER_AFTER_MILLIS) {
                    it.remove();
                }
            }
        }

        synchronized void conflicts(Key key, long now, List<Conflict> out) {
            if (now - ownerLastAt > TAKE_OVER_AFTER_MILLIS) {
                return;
            }
            conflicting.forEach((sender, claim) -> {
                if (now - claim.lastAt <= TAKE_OVER_AFTER_MILLIS) {
                    out.add(new Conflict(key.agent(), key.subAgentId(), text(owner), text(sender), claim.since,
                            claim.lastAt, claim.datagrams));
                }
            });
        }
    }
}
