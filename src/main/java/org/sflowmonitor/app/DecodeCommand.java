package org.sflowmonitor.app;

import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

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
 * file could be read to its end, 1 when a file is missing, not a capture or cut short (or stdout
 * cannot be written), 2 on usage errors. The JSON is written in UTF-8 through one large buffer,
 * flushed before each problem line so that both streams read in order on a terminal.
 */
public final class DecodeCommand {

    static final int OK = 0;
    static final int BAD_FILE = 1;
    static final int USAGE = 2;

    private static final int OUTPUT_BUFFER = 1 << 18;

    private final PrintStream err;
    private final JsonLineWriter json;

    DecodeCommand(OutputStream out, PrintStream err) {
        this.err = err;
        this.json = new JsonLineWriter(out, OUTPUT_BUFFER);
    }

    public static void main(String[] args) {
        int status = new DecodeCommand(new FileOutputStream(FileDescriptor.out), System.err).run(args);
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
        try {
            for (String file : files) {
                if (!decodeFile(Path.of(file))) {
                    status = BAD_FILE;
                }
            }
            json.flush();
        } catch (OutputFailed | IOException e) {
            err.println("stdout: cannot write: " + (e instanceof OutputFailed ? e.getCause() : e).getMessage());
            return BAD_FILE;
        }
        return status;
    }

    /** A failure to write stdout, kept apart from the failures to read a capture. */
    private static final class OutputFailed extends RuntimeException {
        OutputFailed(IOException cause) {
            super(cause);
        }
    }

    private void problem(String line) {
        try {
            json.flush();
        } catch (IOException e) {
            throw new OutputFailed(e);
        }
        err.println(line);
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
                    problem(file + ": " + e.getMessage());
                }
            }
        } catch (NoSuchFileException e) {
            problem(file + ": no such file");
        } catch (CaptureFormatException e) {
            problem(file + ": " + e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            problem(file + ": cannot read: " + e.getMessage());
        }
        return false;
    }

    private void decodeFrame(Path file, Frame frame) {
        UdpPayloads.UdpPayload udp;
        try {
            udp = UdpPayloads.find(frame);
        } catch (DamagedPacketException e) {
            problem(file + ": packet " + frame.number() + ": " + e.getMessage());
            return;
        }
        if (udp == null) {
            return;
        }
        SflowDatagram datagram;
        try {
            datagram = SflowDecoder.DEFAULT.decode(udp.payload(), udp.source(), 0);
        } catch (SflowDecodeException e) {
            problem(file + ": packet " + frame.number() + " from " + NetUtil.toAddressString(udp.source().getAddress())
                    + ": not decoded: " + e.getMessage());
            return;
        }
        try {
            DatagramJson.write(json, datagram);
            json.endLine();
        } catch (IOException e) {
            throw new OutputFailed(e);
        }
    }
}
