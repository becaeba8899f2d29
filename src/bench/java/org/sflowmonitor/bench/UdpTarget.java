package org.sflowmonitor.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/** Sends the simulator's datagrams to a collector on this machine (127.0.0.1 or ::1 only). */
final class UdpTarget implements ClusterSimulator.DatagramSink, AutoCloseable {

    private final DatagramChannel channel;

    UdpTarget(InetAddress loopback, int port) throws IOException {
        if (!loopback.isLoopbackAddress()) {
            throw new IllegalArgumentException("the simulator sends to loopback only (127.0.0.1 or ::1), not "
                    + loopback.getHostAddress());
        }
        InetSocketAddress target = new InetSocketAddress(loopback, port);
        channel = DatagramChannel.open(loopback.getAddress().length == 4 ? StandardProtocolFamily.INET
                : StandardProtocolFamily.INET6);
        channel.connect(target);
    }

    @Override
    public void send(ByteBuffer datagram) throws IOException {
        channel.write(datagram);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
