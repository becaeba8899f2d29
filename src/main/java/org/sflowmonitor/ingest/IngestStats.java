package org.sflowmonitor.ingest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ingest counters per agent and in total. Agents are keyed by address text (the datagram's
 * agent address, or the UDP source when the datagram never got that far). The number of agents
 * tracked is bounded so that spoofed addresses cannot grow it without end; the rest are
 * counted under {@link #OTHER_AGENTS}.
 */
public final class IngestStats {

    public static final String OTHER_AGENTS = "other";

    private final AgentCounters total = new AgentCounters();
    private final Map<String, AgentCounters> agents = new ConcurrentHashMap<>();
    private final int maxAgents;
    private final AgentSenders senders = new AgentSenders();

    /** Who sends each agent's datagram streams, and the senders in conflict over one. */
    public AgentSenders senders() {
        return senders;
    }

    public IngestStats(int maxAgents) {
        this.maxAgents = maxAgents;
    }

    /** Agents tracked one by one, at most. */
    public int maxAgents() {
        return maxAgents;
    }

    public AgentCounters total() {
        return total;
    }

    /** Adds to the counter of the agent and to the total. */
    public void add(String agent, IngestCounter counter, long n) {
        if (n != 0) {
            add(counters(agent), counter, n);
        }
    }

    public void increment(String agent, IngestCounter counter) {
        add(agent, counter, 1);
    }

    /**
     * The counters {@code agent}'s counts go to (those of {@link #OTHER_AGENTS} past the bound),
     * for the calls below: one lookup per datagram instead of one per count.
     */
    public AgentCounters counters(String agent) {
        AgentCounters c = agents.get(agent);
        if (c != null) {
            return c;
        }
        if (agents.size() >= maxAgents) {
            return agents.computeIfAbsent(OTHER_AGENTS, k -> new AgentCounters());
        }
        return agents.computeIfAbsent(agent, k -> new AgentCounters());
    }

    /** Adds to counters found with {@link #counters} and to the total. */
    public void add(AgentCounters agent, IngestCounter counter, long n) {
        if (n != 0) {
            agent.add(counter, n);
            total.add(counter, n);
        }
    }

    public void increment(AgentCounters agent, IngestCounter counter) {
        add(agent, counter, 1);
    }

    public void seen(AgentCounters agent, long at) {
        agent.seen(at);
        total.seen(at);
    }

    /** The counters of one agent as tracked, or null when it is not (without starting to track it). */
    public AgentCounters find(String agent) {
        return agents.get(agent);
    }

    /** A sorted view of the agents' counters. */
    public Map<String, AgentCounters> agents() {
        return new TreeMap<>(agents);
    }
}
