package org.sflowmonitor.ingest;

import java.net.InetAddress;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

import org.sflowmonitor.sflow.SflowDatagram;
import org.sflowmonitor.sflow.SflowDecodeException;

/** Last handler of the UDP pipeline: hands decoded datagrams on and counts the ones that failed to decode. */
@ChannelHandler.Sharable
final class DatagramHandler extends SimpleChannelInboundHandler<SflowDatagram> {

    private static final Logger LOG = Logger.getLogger(DatagramHandler.class.getName());

    private final DatagramProcessor processor;
    private final RateLimitedLog warnings;

    DatagramHandler(DatagramProcessor processor, RateLimitedLog warnings) {
        this.processor = processor;
        this.warnings = warnings;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, SflowDatagram datagram) {
        if (!processor.process(datagram)) {
            String agent = datagram.agentAddress() == null ? DatagramProcessor.UNKNOWN_AGENT
                    : AgentAddress.text(datagram.agentAddress());
            warnings.warn(agent, "sFlow datagrams from " + AgentSenders.text(datagram.sender()) + " claim agent "
                    + agent + " sub-agent " + datagram.subAgentId() + ", which another source already sends:"
                    + " set apart, not stored (two hsflowd with one agent address? see collector.status conflicts)");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof SflowDecodeException e) {
            InetAddress agent = e.agentAddress() != null ? e.agentAddress()
                    : e.sender() != null ? e.sender().getAddress() : null;
            processor.malformed(agent);
            String key = agent == null ? DatagramProcessor.UNKNOWN_AGENT : AgentAddress.text(agent);
            warnings.warn(key, "malformed sFlow datagram from " + key + ": " + e.getMessage());
        } else {
            // Never close a UDP channel for one bad packet: log and go on.
            LOG.log(Level.WARNING, "unexpected error on the sFlow channel", cause);
        }
    }
}
