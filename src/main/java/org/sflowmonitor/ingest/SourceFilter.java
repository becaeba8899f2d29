package org.sflowmonitor.ingest;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

/**
 * First handler of the UDP pipeline: drops, before any decoding, the datagrams whose source
 * address is outside agents.allow (counted per source). Disallowed sources take a tenth of the
 * agents tracked at most, the rest counted under {@link IngestStats#OTHER_AGENTS}, so that
 * spoofed sources cannot crowd the allowed agents out of the counters.
 */
@ChannelHandler.Sharable
final class SourceFilter extends ChannelInboundHandlerAdapter {

    private final List<Cidr> allowed;
    private final IngestStats stats;
    private final Set<String> disallowedSources = ConcurrentHashMap.newKeySet();
    private final int maxDisallowedSources;

    SourceFilter(List<Cidr> allowed, IngestStats stats) {
        this.allowed = List.copyOf(allowed);
        this.stats = stats;
        this.maxDisallowedSources = Math.max(1, stats.maxAgents() / 10);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DatagramPacket packet) {
            InetAddress source = packet.sender().getAddress();
            if (!isAllowed(source)) {
                stats.increment(disallowedKey(source), IngestCounter.DATAGRAMS_DISALLOWED);
                ReferenceCountUtil.release(msg);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private String disallowedKey(InetAddress source) {
        String key = AgentAddress.text(source);
        if (disallowedSources.contains(key)) {
            return key;
        }
        if (disallowedSources.size() >= maxDisallowedSources) {
            return IngestStats.OTHER_AGENTS;
        }
        disallowedSources.add(key);
        return key;
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
