package org.sflowmonitor.ingest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import org.sflowmonitor.sflow.SflowDatagramDecoder;

/**
 * The UDP listener for sFlow datagrams. On Linux it uses the native epoll transport with
 * SO_REUSEPORT and one socket per event loop (the kernel spreads agents over them); elsewhere
 * one NIO socket. Receive buffers hold the largest UDP datagram, so nothing is truncated.
 */
public final class SflowListener implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SflowListener.class.getName());
    /** Largest UDP payload over IPv4/IPv6 without jumbograms. */
    private static final int MAX_DATAGRAM = 65_535;

    /** What the listener needs to know; channels 0 means one per core. */
    public record Config(InetAddress bind, int port, int receiveBufferBytes, int channels, List<Cidr> allowed) {
        public Config {
            allowed = List.copyOf(allowed);
        }
    }

    private final EventLoopGroup group;
    private final List<Channel> channels;
    private final int port;
    private final String transport;
    private final int grantedReceiveBuffer;

    private SflowListener(EventLoopGroup group, List<Channel> channels, int port, String transport, int granted) {
        this.group = group;
        this.channels = channels;
        this.port = port;
        this.transport = transport;
        this.grantedReceiveBuffer = granted;
    }

    /**
     * Binds the port and starts receiving. Fails with an IOException naming the port when it is in use.
     */
    public static SflowListener start(Config config, DatagramProcessor processor) throws IOException {
        return start(config, processor, true);
    }

    /** @param epollIfAvailable false forces the NIO transport (tests of the fallback) */
    static SflowListener start(Config config, DatagramProcessor processor, boolean epollIfAvailable)
            throws IOException {
        boolean epoll = epollIfAvailable && Epoll.isAvailable();
        int count = epoll ? (config.channels() > 0 ? config.channels() : Runtime.getRuntime().availableProcessors()) : 1;
        DefaultThreadFactory threads = new DefaultThreadFactory("sflow-udp", true);
        EventLoopGroup group = epoll ? new EpollEventLoopGroup(count, threads) : new NioEventLoopGroup(1, threads);
        RateLimitedLog warnings = new RateLimitedLog(Logger.getLogger(DatagramHandler.class.getName()), 60_000);
        SourceFilter filter = new SourceFilter(config.allowed(), processor.stats());
        DatagramHandler handler = new DatagramHandler(processor, warnings);

        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, config.receiveBufferBytes())
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast("filter", filter)
                                .addLast("decoder", SflowDatagramDecoder.DEFAULT)
                                .addLast("handler", handler);
                    }
                });
        if (epoll && count > 1) {
            bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
        }
        List<Channel> channels = new ArrayList<>();
        int port = config.port();
        InetAddress bind = config.bind() != null ? config.bind() : wildcard();
        try {
            for (int i = 0; i < count; i++) {
                Channel channel = bootstrap.bind(new InetSocketAddress(bind, port)).sync().channel();
                channels.add(channel);
                port = ((InetSocketAddress) channel.localAddress()).getPort();
            }
        } catch (Exception e) {
            channels.forEach(Channel::close);
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly();
            throw new IOException("cannot receive sFlow on UDP port " + config.port()
                    + (config.bind() == null ? "" : " of " + config.bind().getHostAddress())
                    + " (sflow.port): " + e.getMessage() + "; is another collector running on it?", e);
        }
        int granted = channels.get(0).config().getOption(ChannelOption.SO_RCVBUF);
        // Linux reports twice the size set (half of it is bookkeeping), capped at twice net.core.rmem_max
        int reserved = System.getProperty("os.name", "").startsWith("Linux") ? granted / 2 : granted;
        if (reserved < config.receiveBufferBytes()) {
            LOG.warning("the kernel reserved a UDP receive buffer of " + reserved + " bytes of the "
                    + config.receiveBufferBytes() + " asked for (sflow.rcvbuf); raise net.core.rmem_max to avoid "
                    + "drops in bursts, e.g. sysctl -w net.core.rmem_max=" + config.receiveBufferBytes());
        }
        return new SflowListener(group, channels, port, epoll ? "epoll x" + count : "nio", reserved);
    }

    /**
     * The address that receives IPv4 and IPv6 on one socket: "::" when the JVM prefers IPv6
     * sockets (a dual-stack socket bound to 0.0.0.0 would take IPv4 only), else 0.0.0.0.
     */
    static InetAddress wildcard() {
        boolean ipv4Only = Boolean.getBoolean("java.net.preferIPv4Stack");
        try {
            return ipv4Only ? InetAddress.getByName("0.0.0.0") : InetAddress.getByName("::");
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bound UDP port (useful when started on port 0). */
    public int port() {
        return port;
    }

    /** "epoll xN" or "nio". */
    public String transport() {
        return transport;
    }

    /** The receive buffer the kernel reserved for datagrams (on Linux half of what SO_RCVBUF reports). */
    public int grantedReceiveBuffer() {
        return grantedReceiveBuffer;
    }

    /** Closes the sockets and stops the event loop threads; returns once they have ended. */
    @Override
    public void close() {
        for (Channel channel : channels) {
            channel.close().awaitUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
