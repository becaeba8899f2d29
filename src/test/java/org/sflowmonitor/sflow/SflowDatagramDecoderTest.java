package org.sflowmonitor.sflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import org.junit.jupiter.api.Test;

class SflowDatagramDecoderTest {

    static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 40000);
    static final InetSocketAddress COLLECTOR = new InetSocketAddress("127.0.0.1", 6343);

    /** Collects what reaches the end of the pipeline. */
    static final class Sink extends ChannelInboundHandlerAdapter {
        final List<Object> messages = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            messages.add(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.add(cause);
        }
    }

    @Test
    void aPacketBecomesADatagramWithItsSenderAndTheReceiveTime() {
        Sink sink = new Sink();
        EmbeddedChannel channel = new EmbeddedChannel(SflowDatagramDecoder.DEFAULT, sink);
        byte[] bytes = SflowEncoder.datagram(CounterRecordRoundTripTest.IPV4_AGENT, 100001, 3, 4)
                .counterSample(true, 1, 2, 1, SflowDecoderTest.PARENT).bytes();
        long before = System.currentTimeMillis();

        channel.writeInbound(packet(direct(bytes)));

        SflowDatagram datagram = assertInstanceOf(SflowDatagram.class, sink.messages.get(0));
        assertEquals(SENDER, datagram.sender());
        assertEquals(100001, datagram.subAgentId());
        assertTrue(datagram.receivedAtMillis() >= before);
        assertEquals(List.of(SflowDecoderTest.PARENT), ((Sample.Counters) datagram.samples().get(0)).records());
    }

    @Test
    void aPacketThatIsNotSflowReachesExceptionCaughtAsTheDecodeExceptionItselfAndIsReleased() {
        Sink sink = new Sink();
        EmbeddedChannel channel = new EmbeddedChannel(SflowDatagramDecoder.DEFAULT, sink);
        ByteBuf netflow = Unpooled.wrappedBuffer(new byte[] {0, 5, 0, 1, 0, 0, 0, 0});
        byte[] good = SflowEncoder.datagram(null, 0, 1, 1).bytes();

        channel.writeInbound(packet(netflow));
        channel.writeInbound(packet(Unpooled.wrappedBuffer(good)));

        SflowDecodeException e = assertInstanceOf(SflowDecodeException.class, sink.errors.get(0));
        assertSame(SENDER, e.sender());
        assertNull(e.agentAddress());
        assertEquals(0, netflow.refCnt());
        assertEquals(1, sink.messages.size(), "the channel goes on decoding");
        assertTrue(channel.isOpen());
    }

    @Test
    void onlyTheReadableBytesOfThePacketAreDecoded() {
        Sink sink = new Sink();
        EmbeddedChannel channel = new EmbeddedChannel(SflowDatagramDecoder.DEFAULT, sink);
        byte[] bytes = SflowEncoder.datagram(null, 7, 1, 1).bytes();
        ByteBuf buf = Unpooled.buffer();
        buf.writeBytes(new byte[] {9, 9, 9}).writeBytes(bytes).writeBytes(new byte[] {1, 2, 3, 4});
        buf.readerIndex(3).writerIndex(3 + bytes.length);

        channel.writeInbound(packet(buf));

        assertEquals(7, ((SflowDatagram) sink.messages.get(0)).subAgentId());
    }

    private static DatagramPacket packet(ByteBuf content) {
        return new DatagramPacket(content, COLLECTOR, SENDER);
    }

    private static ByteBuf direct(byte[] bytes) {
        ByteBuf buf = Unpooled.directBuffer(bytes.length);
        return buf.writeBytes(bytes);
    }
}
