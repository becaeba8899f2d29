package org.sflowmonitor.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.testing.ApiClient;
import org.sflowmonitor.testing.TestDatagrams;
import org.sflowmonitor.testing.UdpSender;

/** The webapp with its real web.xml in an embedded Tomcat, fed over UDP on loopback. */
class WebappDeploymentTest {

    @TempDir
    Path temp;

    private EmbeddedTomcat tomcat;

    @BeforeEach
    void deploy() throws Exception {
        tomcat = EmbeddedTomcat.start(Path.of("webapp"), temp.resolve("tomcat"), 0,
                Map.of("sflow.port", "0", "data.dir", temp.resolve("data").toString()));
    }

    @AfterEach
    void undeploy() {
        tomcat.close();
    }

    private int sflowPort() {
        ServiceRuntime runtime = (ServiceRuntime) tomcat.context().getServletContext()
                .getAttribute(ServiceRuntime.class.getName());
        return runtime.sflowPort();
    }

    @Test
    void aNodeDescriptionSentOverUdpIsAnsweredByHostDescription() throws Exception {
        try (UdpSender udp = new UdpSender(sflowPort())) {
            udp.send(TestDatagrams.nodeDescription("kvm-node-07"));
        }
        JsonNode result = new ApiClient(tomcat.port()).awaitResult("host.description", "{}",
                r -> r.size() == 1, Duration.ofSeconds(5));
        assertEquals("10.1.2.3", result.get(0).get("host_ip").asText());
        assertEquals("kvm-node-07", result.get(0).get("hostname").asText());
        assertEquals("x86_64", result.get(0).get("machine_type").asText());
        assertEquals("linux", result.get(0).get("os_name").asText());
        assertEquals("6.1.0-13-amd64", result.get(0).get("os_release").asText());
    }
}
