package org.sflowmonitor.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sflowmonitor.bench.ClusterModel;
import org.sflowmonitor.bench.ClusterSimulator;
import org.sflowmonitor.bench.PcapFile;

/**
 * The decode command prints, byte for byte, what it printed before its JSON writing was made
 * faster (commit 6a0eb85, Jackson trees): the SHA-256 of stdout and of stderr for each shared
 * capture, a simulated cluster and a set of damaged captures are recorded in
 * {@code decode-output.sha256}. After a deliberate change of the output, {@link #main} prints
 * the new lines to record.
 */
class DecodeOutputGoldenTest {

    private static final String RECORDED = "decode-output.sha256";
    private static final String SIMULATED = "simulated 30 nodes x 8 VMs, interfaces, 3 rounds";
    private static final String DAMAGED = "400 damaged captures";

    @TempDir
    Path dir;

    static Stream<String> sharedCaptures() throws IOException {
        assumeTrue(Files.isDirectory(TestdataCapturesTest.TESTDATA),
                "the shared captures are absent: " + TestdataCapturesTest.TESTDATA.toAbsolutePath());
        try (Stream<Path> files = Files.list(TestdataCapturesTest.TESTDATA)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".pcap") || n.endsWith(".pcapng"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedCaptures")
    void eachSharedCapturePrintsWhatItPrintedBefore(String name) throws IOException {
        assertEquals(recorded().get(name), digests(TestdataCapturesTest.TESTDATA.resolve(name).toString()));
    }

    @Test
    void aSimulatedClusterPrintsWhatItPrintedBefore() throws IOException {
        assertEquals(recorded().get(SIMULATED), digests(simulatedCapture(dir).toString()));
    }

    @Test
    void damagedCapturesPrintTheSameLinesAndProblemsAsBefore() throws IOException {
        assertEquals(recorded().get(DAMAGED), digests(damagedCaptures(dir).toArray(String[]::new)));
    }

    /** Prints the lines of {@code decode-output.sha256} for the command as it is now. */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("decode-golden");
        Map<String, String> lines = new LinkedHashMap<>();
        for (String name : sharedCaptures().toList()) {
            lines.put(name, digests(TestdataCapturesTest.TESTDATA.resolve(name).toString()));
        }
        lines.put(SIMULATED, digests(simulatedCapture(dir).toString()));
        lines.put(DAMAGED, digests(damagedCaptures(dir).toArray(String[]::new)));
        lines.forEach((name, digest) -> System.out.println(digest + " " + name));
    }

    /** Every sample kind the simulator sends: node, VM and interface samples, several rounds. */
    private static Path simulatedCapture(Path dir) throws IOException {
        return simulatedCapture(dir.resolve("simulated.pcap"), new ClusterModel(30, 8, 1), 3);
    }

    private static Path simulatedCapture(Path file, ClusterModel model, int rounds) throws IOException {
        ClusterSimulator.Config config = new ClusterSimulator.Config(model, 20, true, Double.POSITIVE_INFINITY,
                Long.MAX_VALUE / 2_000_000, rounds);
        try (PcapFile pcap = new PcapFile(file)) {
            new ClusterSimulator(config).run(pcap);
        }
        return file;
    }

    /** Captures of datagrams with random bytes changed and cut at random places (fixed seed). */
    private static List<String> damagedCaptures(Path dir) throws IOException {
        List<byte[]> seeds = List.of(
                Files.readAllBytes(simulatedCapture(dir.resolve("small.pcap"), new ClusterModel(2, 3, 5), 1)),
                CaptureFiles.pcap(ByteOrder.BIG_ENDIAN, false, CaptureFiles.ETHERNET,
                        DecodeCommandTest.ipv4Frame(DecodeCommandTest.DATAGRAM),
                        DecodeCommandTest.ipv4Frame(DecodeCommandTest.datagram(18))));
        Random random = new Random(18);
        List<String> files = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            byte[] capture = seeds.get(i % seeds.size()).clone();
            for (int e = 1 + random.nextInt(8); e > 0; e--) {
                capture[24 + random.nextInt(capture.length - 24)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(4) == 0) {
                capture = Arrays.copyOf(capture, random.nextInt(capture.length + 1));
            }
            Path file = dir.resolve("damaged-" + i + ".pcap");
            Files.write(file, capture);
            files.add(file.toString());
        }
        return files;
    }

    /** "STDOUT-SHA256 STDERR-SHA256 STATUS", the folder of the files left out of stderr. */
    private static String digests(String... files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new DecodeCommand(new PrintStream(out, false, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(files);
        String problems = err.toString(StandardCharsets.UTF_8);
        for (String file : files) {
            Path parent = Path.of(file).getParent();
            if (parent != null) {
                problems = problems.replace(parent + "/", "");
            }
        }
        return sha256(out.toByteArray()) + " " + sha256(problems.getBytes(StandardCharsets.UTF_8)) + " " + status;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static Map<String, String> recorded() {
        Map<String, String> digests = new LinkedHashMap<>();
        try (InputStream in = DecodeOutputGoldenTest.class.getResourceAsStream(RECORDED)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] fields = line.split(" ", 4);
                digests.put(fields[3], fields[0] + " " + fields[1] + " " + fields[2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return digests;
    }
}
