package org.sflowmonitor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.security.ListeningSockets;
import org.sflowmonitor.testing.ApiClient;
import org.sflowmonitor.testing.TestDatagrams;
import org.sflowmonitor.testing.UdpSender;

/** What {@code java -jar sflow-monitor.war} exposes: one TCP port (HTTP), and a data folder for its user only. */
class StandaloneExposureIT {

    @TempDir
    Path temp;

    @Test
    void theStandaloneServerListensOnItsHttpPortOnlyAndKeepsItsDataPrivate() throws Exception {
        assumeTrue(ListeningSockets.available(), "needs Linux /proc");
        int httpPort = StandaloneWarIT.freeTcpPort();
        int sflowPort = StandaloneWarIT.freeUdpPort();
        Path log = temp.resolve("server.log");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dhttp.port=" + httpPort, "-Dsflow.port=" + sflowPort, "-jar",
                StandaloneWarIT.war().toAbsolutePath().toString())
                .directory(temp.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Set<Integer> listening;
        try {
            ApiClient api = new ApiClient(httpPort);
            api.awaitUp(server, log, Duration.ofSeconds(60));
            try (UdpSender udp = new UdpSender(sflowPort)) {
                udp.send(TestDatagrams.nodeDescription("node-exposure"));
            }
            api.awaitResult("host.description", "{}", r -> r.size() == 1, Duration.ofSeconds(5));
            listening = ListeningSockets.tcpPorts(String.valueOf(server.pid()));
        } finally {
            server.destroy();
        }
        server.waitFor(30, TimeUnit.SECONDS);
        assertEquals(Set.of(httpPort), listening);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("data"))));
    }
}
