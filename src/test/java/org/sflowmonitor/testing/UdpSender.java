package org.sflowmonitor.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;

/** Sends datagrams to the collector on loopback. */
public final class UdpSender implements AutoCloseable {

    private final DatagramSocket socket;
    private final InetAddress target;
    private final int port;

    public UdpSender(int port) throws IOException {
        this(InetAddress.getLoopbackAddress(), port);
    }

    public UdpSender(InetAddress loopback, int port) throws IOException {
        if (!loopback.isLoopbackAddress()) {
            throw new IllegalArgumentException("tests only send to loopback, not " + loopback);
        }
        this.socket = new DatagramSocket();
        this.target = loopback;
        this.port = port;
    }

    /** The UDP source port the datagrams leave from. */
    public int localPort() {
        return socket.getLocalPort();
    }

    public void send(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, target, port));
    }

    @Override
    public void close() {
        socket.close();
    }
}
