package org.sflowmonitor.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;

/**
 * Ceiling (a): a plain loop that reads datagrams from a socket and discards them, on one
 * thread, with the same receive buffer size the collector asks for.
 */
final class BareReceiver implements AutoCloseable {

    private final DatagramChannel channel;
    private final Thread thread;
    private volatile long datagrams;
    private volatile long bytes;

    BareReceiver(int receiveBufferBytes) throws IOException {
        channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
        channel.bind(new InetSocketAddress(0));
        thread = new Thread(this::run, "bare-receiver");
        thread.setDaemon(true);
        thread.start();
    }

    int port() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(65_535);
        long n = 0;
        long b = 0;
        try {
            while (true) {
                buffer.clear();
                channel.receive(buffer);
                n++;
                b += buffer.position();
                datagrams = n;
                bytes = b;
            }
        } catch (ClosedChannelException closed) {
            // close() ends the loop
        } catch (IOException e) {
            System.err.println("bare receiver: " + e);
        }
    }

    String line() {
        return "datagrams_received=" + datagrams + " bytes_received=" + bytes;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
