package org.sflowmonitor.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.catalina.LifecycleException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.testing.ApiClient;
import org.sflowmonitor.testing.LogCapture;
import org.sflowmonitor.testing.UdpSender;

/** Deploy, undeploy and redeploy the real webapp in embedded Tomcat. */
class LifecycleTest {

    @TempDir
    Path temp;

    private EmbeddedTomcat deploy(int sflowPort) throws Exception {
        return EmbeddedTomcat.start(Path.of("webapp"), temp.resolve("tomcat"), 0,
                Map.of("sflow.port", String.valueOf(sflowPort), "data.dir", temp.resolve("data").toString()));
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static JsonNode awaitNodes(EmbeddedTomcat tomcat, int count) throws Exception {
        return new ApiClient(tomcat.port()).awaitResult("host.description", "{}", r -> r.size() == count,
                Duration.ofSeconds(5));
    }

    @Test
    void aStopLeavesNoThreadOfOursAndFreesTheUdpPort() throws Exception {
        int port = freeUdpPort();
        EmbeddedTomcat tomcat = deploy(port);
        try (UdpSender udp = new UdpSender(port)) {
            udp.send(org.sflowmonitor.testing.TestDatagrams.nodeDescription("node-a"));
        }
        assertEquals(1, awaitNodes(tomcat, 1).size());
        tomcat.close();

        assertEquals(List.of(), ServiceThreads.alive().stream().map(Thread::getName).toList());
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(port))) {
            assertEquals(port, s.getLocalPort());
        }
    }

    @Test
    void dataWrittenBeforeAStopIsThereAfterTheNextStart() throws Exception {
        int port = freeUdpPort();
        try (EmbeddedTomcat first = deploy(port)) {
            try (UdpSender udp = new UdpSender(port)) {
                udp.send(org.sflowmonitor.testing.TestDatagrams.nodeDescription("node-b"));
            }
            assertEquals(1, awaitNodes(first, 1).size());
        }
        try (EmbeddedTomcat second = deploy(port)) {
            JsonNode nodes = new ApiClient(second.port()).call("host.description", "{}").path("result");
            assertEquals(1, nodes.size());
            assertEquals("node-b", nodes.get(0).get("hostname").asText());
        }
    }

    @Test
    void aRedeployInTheSameTomcatBindsThePortAgainWithoutLeakWarnings() throws Exception {
        int port = freeUdpPort();
        try (EmbeddedTomcat tomcat = deploy(port);
             LogCapture tomcatLog = new LogCapture("org.apache.catalina")) {
            tomcat.context().stop();
            tomcat.context().start();
            try (UdpSender udp = new UdpSender(port)) {
                udp.send(org.sflowmonitor.testing.TestDatagrams.nodeDescription("node-c"));
            }
            assertEquals(1, awaitNodes(tomcat, 1).size());
            tomcat.context().stop();
            List<String> warnings = tomcatLog.messages(Level.WARNING);
            assertTrue(warnings.isEmpty(), "Tomcat warned at undeploy: " + warnings);
        }
    }

    @Test
    void aUdpPortInUseFailsTheDeploymentNamingThePort() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(0));
             LogCapture log = new LogCapture("org.sflowmonitor")) {
            int port = taken.getLocalPort();
            assertThrows(LifecycleException.class, () -> deploy(port));
            List<String> errors = log.messages(Level.SEVERE);
            assertTrue(errors.stream().anyMatch(m -> m.contains("UDP port " + port) && m.contains("sflow.port")),
                    "errors: " + errors);
        }
        assertEquals(List.of(), ServiceThreads.alive().stream().map(Thread::getName).toList());
    }

    @Test
    void aBadSettingFailsTheDeploymentNamingTheSetting() throws Exception {
        try (LogCapture log = new LogCapture("org.sflowmonitor")) {
            assertThrows(LifecycleException.class, () -> EmbeddedTomcat.start(Path.of("webapp"),
                    temp.resolve("tomcat"), 0, Map.of("sflow.port", "abc", "data.dir", temp.toString())));
            List<String> errors = log.messages(Level.SEVERE);
            assertTrue(errors.stream().anyMatch(m -> m.contains("setting sflow.port = 'abc' is invalid")),
                    "errors: " + errors);
        }
    }
}
