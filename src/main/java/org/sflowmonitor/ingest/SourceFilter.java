package org.sflowmonitor.ingest;

import java.net.InetAddress;
import java.util.List;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

/**
 * First handler of the UDP pipeline: drops, before any decoding, the datagrams whose source
 * address is outside agents.allow (counted per source).
 */
@ChannelHandler.Sharable
final class SourceFilter extends ChannelInboundHandlerAdapter {

    private final List<Cidr> allowed;
    private final IngestStats stats;

    SourceFilter(List<Cidr> allowed, IngestStats stats) {
        this.allowed = List.copyOf(allowed);
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DatagramPacket packet) {
            InetAddress source = packet.sender().getAddress();
            String key = AgentAddress.text(source);
            if (!isAllowed(source)) {
                stats.increment(key, IngestCounter.DATAGRAMS_DISALLOWED);
                ReferenceCountUtil.release(msg);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    boolean isAllowed(InetAddress source) {
        if (allowed.isEmpty()) {
            return true;
        }
        for (Cidr cidr : allowed) {
            if (cidr.contains(source)) {
                return true;
            }
        }
        return false;
    }
}
