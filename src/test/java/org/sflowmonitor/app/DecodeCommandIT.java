package org.sflowmonitor.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar sflow-monitor.war decode} run from the packaged WAR (system property war.file). */
class DecodeCommandIT {

    @TempDir
    Path dir;

    /** Exit status, stdout and stderr of one run. */
    record Result(int status, String out, String err) {
    }

    @Test
    void thePackagedWarDecodesACaptureToJsonLines() throws Exception {
        Path capture = dir.resolve("sflow.pcapng");
        Files.write(capture, CaptureFiles.pcapng(ByteOrder.LITTLE_ENDIAN, CaptureFiles.ETHERNET,
                DecodeCommandTest.ipv4Frame(DecodeCommandTest.datagram(41))));

        Result result = runWar("decode", capture.toString());

        assertEquals(0, result.status(), result.err());
        JsonNode line = DecodeCommandTest.JSON.readTree(result.out().strip());
        assertEquals("192.0.2.2", line.get("agent").asText());
        assertEquals(41, line.get("sequence").asInt());
        assertEquals("host_parent", line.at("/samples/0/records/0/name").asText());
    }

    @Test
    void thePackagedWarExitsNonZeroNamingAFileThatIsNotACapture() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "not a capture");

        Result result = runWar("decode", text.toString());

        assertEquals(DecodeCommand.BAD_FILE, result.status());
        assertTrue(result.err().contains(text + ": not a pcap or pcapng capture"), result.err());
    }

    private Result runWar(String... args) throws IOException, InterruptedException {
        String war = System.getProperty("war.file");
        assertTrue(war != null && Files.isRegularFile(Path.of(war)), "war.file must name the packaged WAR: " + war);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", war));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("java -jar " + war + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
