package org.sflowmonitor.sflow;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;

/**
 * Turns each received UDP packet into an {@link SflowDatagram}, read in place from the packet's
 * buffer (no copy). Sender = the packet's source address, receive time = the current time.
 *
 * <p>Error contract: a packet that is not a decodable sFlow v5 datagram produces no message and
 * is not thrown. Instead the {@link SflowDecodeException} itself (no stack trace, carrying the
 * agent address when the header got that far, and the sender) is passed to
 * {@link ChannelHandlerContext#fireExceptionCaught}, so that a downstream handler's
 * {@code exceptionCaught} can count it per agent and keep the channel open. Throwing would make
 * {@link MessageToMessageDecoder} wrap it into a {@code DecoderException} with a costly stack trace.
 * Damaged records or samples inside an otherwise readable datagram are not errors: they arrive
 * as {@link CounterRecord.Malformed} or {@link Sample.Malformed} inside the datagram.
 */
@Sharable
public final class SflowDatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {

    public static final SflowDatagramDecoder DEFAULT = new SflowDatagramDecoder(SflowDecoder.DEFAULT);

    private final SflowDecoder decoder;

    public SflowDatagramDecoder(SflowDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        ByteBuf content = packet.content();
        try {
            out.add(decoder.decode(content.nioBuffer(content.readerIndex(), content.readableBytes()),
                    packet.sender(), System.currentTimeMillis()));
        } catch (SflowDecodeException e) {
            ctx.fireExceptionCaught(e);
        }
    }
}
