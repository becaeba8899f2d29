package org.sflowmonitor.sflow;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A datagram that cannot be decoded at all (wrong version, truncated header, more samples
 * than bytes). It carries the agent address when the header got that far. Has no stack
 * trace: it is an expected outcome for hostile input, and cheap to raise.
 */
public final class SflowDecodeException extends Exception {

    private final transient InetAddress agentAddress;
    private final transient InetSocketAddress sender;

    public SflowDecodeException(String message, InetAddress agentAddress, InetSocketAddress sender) {
        super(message, null, false, false);
        this.agentAddress = agentAddress;
        this.sender = sender;
    }

    /** The agent address from the header, or null when it was not reached or was of type 0. */
    public InetAddress agentAddress() {
        return agentAddress;
    }

    /** The UDP source of the datagram, or null when not known (e.g. decoding a file). */
    public InetSocketAddress sender() {
        return sender;
    }
}
