package org.sflowmonitor.app;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.util.NetUtil;
import org.sflowmonitor.capture.CaptureFormatException;
import org.sflowmonitor.capture.CaptureReader;
import org.sflowmonitor.capture.DamagedPacketException;
import org.sflowmonitor.capture.Frame;
import org.sflowmonitor.capture.UdpPayloads;
import org.sflowmonitor.sflow.SflowDatagram;
import org.sflowmonitor.sflow.SflowDecodeException;
import org.sflowmonitor.sflow.SflowDecoder;

/**
 * {@code java -jar sflow-monitor.war decode FILE...}: prints every sFlow datagram found in UDP
 * packets (any port) of pcap/pcapng captures as one JSON object per line on stdout. Problems go
 * to stderr, one line each, prefixed with the file name (and packet number): a damaged packet or
 * a payload that is not an sFlow v5 datagram is reported and skipped. Exit status 0 when every
 * file could be read to its end, 1 when a file is missing, not a capture or cut short, 2 on usage errors.
 */
public final class DecodeCommand {

    static final int OK = 0;
    static final int BAD_FILE = 1;
    static final int USAGE = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final ObjectMapper mapper = new ObjectMapper();

    DecodeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int status = new DecodeCommand(System.out, System.err).run(args);
        System.out.flush();
        if (status != OK) {
            System.exit(status);
        }
    }

    int run(String... files) {
        if (files.length == 0) {
            err.println("usage: java -jar sflow-monitor.war decode FILE...  (pcap or pcapng captures)");
            return USAGE;
        }
        int status = OK;
        for (String file : files) {
            if (!decodeFile(Path.of(file))) {
                status = BAD_FILE;
            }
        }
        out.flush();
        return status;
    }

    /** False when the file could not be read to its end. */
    private boolean decodeFile(Path file) {
        try (InputStream stream = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             CaptureReader capture = CaptureReader.open(stream)) {
            while (true) {
                try {
                    Frame frame = capture.next();
                    if (frame == null) {
                        return true;
                    }
                    decodeFrame(file, frame);
                } catch (DamagedPacketException e) {
                    err.println(file + ": " + e.getMessage());
                }
            }
        } catch (NoSuchFileException e) {
            err.println(file + ": no such file");
        } catch (CaptureFormatException e) {
            err.println(file + ": " + e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            err.println(file + ": cannot read: " + e.getMessage());
        }
        return false;
    }

    private void decodeFrame(Path file, Frame frame) {
        UdpPayloads.UdpPayload udp;
        try {
            udp = UdpPayloads.find(frame);
        } catch (DamagedPacketException e) {
            err.println(file + ": packet " + frame.number() + ": " + e.getMessage());
            return;
        }
        if (udp == null) {
            return;
        }
        try {
            SflowDatagram datagram = SflowDecoder.DEFAULT.decode(udp.payload(), udp.source(), 0);
            out.println(mapper.writeValueAsString(DatagramJson.of(datagram)));
        } catch (SflowDecodeException e) {
            err.println(file + ": packet " + frame.number() + " from " + NetUtil.toAddressString(udp.source().getAddress())
                    + ": not decoded: " + e.getMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
