package org.sflowmonitor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.testing.ApiClient;
import org.sflowmonitor.testing.UdpSender;

/** {@code java -jar target/sflow-monitor.war}, as a user runs it. */
class StandaloneWarIT {

    @TempDir
    Path temp;

    static Path war() {
        return Path.of(System.getProperty("war.file", "target/sflow-monitor.war"));
    }

    static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Process start(int httpPort, int sflowPort, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dhttp.port=" + httpPort, "-Dsflow.port=" + sflowPort, "-jar",
                war().toAbsolutePath().toString()));
        return new ProcessBuilder(command).directory(temp.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    @Test
    void theWarRunsOnItsOwnAndStopsCleanlyOnSigterm() throws Exception {
        int httpPort = freeTcpPort();
        int sflowPort = freeUdpPort();
        Path log = temp.resolve("server.log");
        Process server = start(httpPort, sflowPort, log);
        ApiClient api = new ApiClient(httpPort);
        try {
            api.awaitUp(server, log, Duration.ofSeconds(60));
            try (UdpSender udp = new UdpSender(sflowPort)) {
                udp.send(org.sflowmonitor.testing.TestDatagrams.nodeDescription("node-standalone"));
            }
            JsonNode nodes = api.awaitResult("host.description", "{}", r -> r.size() == 1, Duration.ofSeconds(5));
            assertEquals("node-standalone", nodes.get(0).get("hostname").asText());
        } finally {
            server.destroy(); // SIGTERM
        }
        assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server did not stop within 30 s");
        String output = Files.readString(log);
        assertTrue(output.contains("sflow-monitor stopped"), output);
        assertTrue(!output.contains("SEVERE") && !output.contains("appears to have started a thread"), output);
        assertTrue(Files.isDirectory(temp.resolve("data")), "data lives in ./data of the working directory");
    }

    @Test
    void theWarServesTheDashboardAtTheRootAndItsErrorPagesNameNoServer() throws Exception {
        int httpPort = freeTcpPort();
        Path log = temp.resolve("server.log");
        Process server = start(httpPort, freeUdpPort(), log);
        try {
            new ApiClient(httpPort).awaitUp(server, log, Duration.ofSeconds(60));
            DashboardServing.assertServed("http://127.0.0.1:" + httpPort + "/");
            DashboardServing.assertErrorPageNamesNoServer("http://127.0.0.1:" + httpPort + "/");
        } finally {
            server.destroy();
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server did not stop within 30 s");
        }
    }

    @Test
    void theWarCarriesNoEmbeddedContainerInWebInfLib() throws Exception {
        try (var zip = new java.util.zip.ZipFile(war().toFile())) {
            List<String> lib = zip.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.startsWith("WEB-INF/lib/")).toList();
            assertTrue(lib.stream().noneMatch(n -> n.contains("tomcat") || n.contains("servlet-api")), lib.toString());
            assertTrue(zip.getEntry("WEB-INF/lib-standalone/tomcat-embed-core-10.1.34.jar") != null);
        }
    }
}
