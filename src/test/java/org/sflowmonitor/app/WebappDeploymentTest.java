package org.sflowmonitor.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.testing.ApiClient;
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
            udp.send(hostDescrDatagram("kvm-node-07"));
        }
        JsonNode result = new ApiClient(tomcat.port()).awaitResult("host.description", "{}",
                r -> r.size() == 1, Duration.ofSeconds(5));
        assertEquals("10.1.2.3", result.get(0).get("host_ip").asText());
        assertEquals("kvm-node-07", result.get(0).get("hostname").asText());
        assertEquals("x86_64", result.get(0).get("machine_type").asText());
        assertEquals("linux", result.get(0).get("os_name").asText());
        assertEquals("6.1.0-13-amd64", result.get(0).get("os_release").asText());
    }

    /** One datagram from agent 10.1.2.3 with one compact counter sample holding host_descr. */
    static byte[] hostDescrDatagram(String hostname) {
        byte[] name = hostname.getBytes(StandardCharsets.US_ASCII);
        byte[] release = "6.1.0-13-amd64".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer record = ByteBuffer.allocate(4 + pad(name.length) + 16 + 8 + 4 + pad(release.length));
        record.putInt(name.length).put(name).position(4 + pad(name.length));
        UUID uuid = UUID.fromString("7c6b5a49-3827-4160-9f8e-7d6c5b4a3928");
        record.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        record.putInt(3).putInt(2).putInt(release.length).put(release);
        ByteBuffer b = ByteBuffer.allocate(512);
        b.putInt(5).putInt(1).put(new byte[] {10, 1, 2, 3}).putInt(100001).putInt(1).putInt(60_000).putInt(1);
        int sampleBody = 4 + 4 + 4 + 8 + record.capacity();
        b.putInt(2).putInt(sampleBody).putInt(1).putInt((2 << 24) | 1).putInt(1);
        b.putInt(2000).putInt(record.capacity()).put(record.array());
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }
}
