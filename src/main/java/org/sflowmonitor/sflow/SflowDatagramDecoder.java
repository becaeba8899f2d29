package org.sflowmonitor.sflow;

import java.util.List;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;

/**
 * Decodes each UDP packet into an {@link SflowDatagram}. A packet that cannot be decoded is
 * not thrown (MessageToMessageDecoder would wrap it with a costly stack trace): its
 * {@link SflowDecodeException} goes to {@code exceptionCaught} of the next handler, which counts it.
 */
@ChannelHandler.Sharable
public final class SflowDatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {

    public static final SflowDatagramDecoder DEFAULT = new SflowDatagramDecoder(SflowDecoder.DEFAULT);

    private final SflowDecoder decoder;

    public SflowDatagramDecoder(SflowDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        try {
            out.add(decoder.decode(packet.content().nioBuffer(), packet.sender(), System.currentTimeMillis()));
        } catch (SflowDecodeException e) {
            ctx.fireExceptionCaught(e);
        }
    }
}
