package org.sflowmonitor.bench;

import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The C programs behind ceiling (a) as the issue states it: a recvmmsg loop (src/bench/c/udp_recv.c)
 * fed by a sendmmsg sender (udp_send.c) replaying the simulator's own datagrams, which outruns
 * the Java simulator by far. Compiled with the machine's C compiler into the work folder; where
 * there is none the native figures are skipped (a fresh machine with only a JDK and Maven).
 */
final class NativeReference {

    private final Path sender;
    private final Path receiver;
    private final Path datagrams;
    private final double samplesPerDatagram;

    private NativeReference(Path sender, Path receiver, Path datagrams, double samplesPerDatagram) {
        this.sender = sender;
        this.receiver = receiver;
        this.datagrams = datagrams;
        this.samplesPerDatagram = samplesPerDatagram;
    }

    /** Compiles the programs and records {@code count} datagrams of the cluster; null when there is no C compiler. */
    static NativeReference prepare(Path work, ClusterModel model, int intervalSeconds, int count, java.io.PrintStream log)
            throws IOException, InterruptedException {
        Path source = Path.of("src/bench/c");
        Path sender = work.resolve("udp_send");
        Path receiver = work.resolve("udp_recv");
        for (Path program : List.of(sender, receiver)) {
            String reason = compile(source.resolve(program.getFileName() + ".c"), program);
            if (reason != null) {
                log.println("native reference skipped: " + reason);
                return null;
            }
        }
        Path datagrams = work.resolve("datagrams.bin");
        long[] samples = {0};
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
                Files.newOutputStream(datagrams), 1 << 20))) {
            ClusterSimulator sim = new ClusterSimulator(new ClusterSimulator.Config(model, intervalSeconds, false,
                    Double.POSITIVE_INFINITY, 600_000, Long.MAX_VALUE));
            long[] written = {0};
            sim.run(b -> {
                if (written[0] == count) {
                    sim.stop();
                    return;
                }
                samples[0] += b.getInt(b.position() + SampleWriter.DATAGRAM_HEADER_BYTES - 4);
                byte[] datagram = new byte[b.remaining()];
                b.get(datagram);
                out.writeShort(datagram.length);
                out.write(datagram);
                written[0]++;
            });
        }
        return new NativeReference(sender, receiver, datagrams, (double) samples[0] / count);
    }

    private static String compile(Path source, Path program) throws IOException, InterruptedException {
        if (!Files.exists(source)) {
            return source + " not found (run from the project folder)";
        }
        Process p;
        try {
            p = new ProcessBuilder("cc", "-O2", "-o", program.toString(), source.toString()).redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            return "no C compiler (cc)";
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() == 0 ? null : "cc failed: " + output.strip();
    }

    double samplesPerDatagram() {
        return samplesPerDatagram;
    }

    /** Starts the sender towards the loopback port for {@code seconds}. */
    Process send(int port, double seconds) throws IOException {
        return new ProcessBuilder(sender.toString(), datagrams.toString(), String.valueOf(port),
                String.valueOf(seconds)).redirectErrorStream(true).start();
    }

    /**
     * Datagrams the sender reports it sent and its seconds, from its output line "sent N datagrams
     * in S s"; NaN when it printed something else (its error).
     */
    static double[] sent(Process sender) throws IOException, InterruptedException {
        String output = new String(sender.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!sender.waitFor(30, TimeUnit.SECONDS)) {
            sender.destroyForcibly();
        }
        return counted(output, "sent");
    }

    /** N and S of a line "WORD N datagrams in S s", or NaNs. */
    private static double[] counted(String line, String word) {
        String[] w = line == null ? new String[0] : line.split(" ");
        if (w.length != 6 || !w[0].equals(word)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {Double.parseDouble(w[1]), Double.parseDouble(w[4])};
    }

    /**
     * The native bare receiver's rate in datagrams/s over {@code seconds} after {@code warmup}, fed
     * by the native sender; NaN when the measurement failed (nothing or too little arrived).
     */
    double bareDatagramsPerSecond(double warmup, double seconds) throws IOException, InterruptedException {
        Process recv = new ProcessBuilder(receiver.toString(), String.valueOf(warmup), String.valueOf(seconds))
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(recv.getInputStream(),
                StandardCharsets.UTF_8))) {
            int port = Integer.parseInt(out.readLine().split(" ")[1]);
            sent(send(port, warmup + seconds + 2));
            if (!recv.waitFor(15, TimeUnit.SECONDS)) {
                return Double.NaN; // nothing arrived at all
            }
            double[] received = counted(out.readLine(), "received");
            return received[0] > 0 && received[1] > 0 ? received[0] / received[1] : Double.NaN;
        } finally {
            recv.destroyForcibly();
        }
    }
}
