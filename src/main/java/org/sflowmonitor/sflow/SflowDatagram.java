package org.sflowmonitor.sflow;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * One decoded sFlow v5 datagram.
 *
 * @param agentAddress   the agent's configured address; null when the agent sent address type 0 (unknown)
 * @param subAgentId     distinguishes datagram streams of one agent
 * @param sequenceNumber +1 per datagram of this (agent, sub-agent)
 * @param uptimeMillis   the agent's uptime in milliseconds
 * @param sender         the UDP source of the datagram (may differ from the agent address)
 * @param receivedAtMillis the collector's receive time, epoch milliseconds
 */
public record SflowDatagram(InetAddress agentAddress, long subAgentId, long sequenceNumber, long uptimeMillis,
                            InetSocketAddress sender, long receivedAtMillis, List<Sample> samples) {

    public static final int VERSION = 5;

    public SflowDatagram {
        samples = DecodedList.immutable(samples);
    }
}
