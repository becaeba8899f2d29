package org.sflowmonitor.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the simulator's datagrams into a classic pcap capture (little-endian, microseconds,
 * Ethernet) as IPv4/UDP packets from the datagram's agent address to 127.0.0.1:6343, one
 * microsecond apart: a capture like one taken with tcpdump on a collector, for the decode command.
 */
public final class PcapFile implements ClusterSimulator.DatagramSink {

    private static final int ETHERNET = 1;
    private static final int HEADERS = 14 + 20 + 8;
    private static final long START_MICROS = 1_700_000_000_000_000L;

    private final OutputStream out;
    private final ByteBuffer header = ByteBuffer.allocate(16 + HEADERS).order(ByteOrder.LITTLE_ENDIAN);
    private final byte[] payload = new byte[65_536];
    private long packets;

    public PcapFile(Path file) throws IOException {
        out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        out.write(ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putInt(0xA1B2C3D4).putShort((short) 2)
                .putShort((short) 4).putInt(0).putInt(0).putInt(262_144).putInt(ETHERNET).array());
    }

    @Override
    public void send(ByteBuffer datagram) throws IOException {
        int length = datagram.remaining();
        int start = datagram.position();
        long micros = START_MICROS + packets++;
        header.clear();
        header.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000))
                .putInt(HEADERS + length).putInt(HEADERS + length);
        header.order(ByteOrder.BIG_ENDIAN);
        header.put(new byte[] {0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
        header.put((byte) 0x45).put((byte) 0).putShort((short) (28 + length)).putShort((short) packets)
                .putShort((short) 0).put((byte) 64).put((byte) 17).putShort((short) 0);
        for (int i = 8; i < 12; i++) { // the agent address of an IPv4 agent, as hsflowd sends from it
            header.put(datagram.get(start + i));
        }
        header.put(new byte[] {127, 0, 0, 1}).putShort((short) 40_000).putShort((short) 6343)
                .putShort((short) (8 + length)).putShort((short) 0);
        header.order(ByteOrder.LITTLE_ENDIAN);
        out.write(header.array(), 0, header.position());
        datagram.get(payload, 0, length);
        out.write(payload, 0, length);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
