package org.sflowmonitor.testing;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.sflowmonitor.app.EmbeddedTomcat;
import org.sflowmonitor.app.ServiceRuntime;
import org.sflowmonitor.bench.ClusterModel;
import org.sflowmonitor.bench.ClusterSimulator;

/**
 * The real webapp in an embedded Tomcat, fed over UDP on loopback by the cluster simulator
 * polling every node and VM once a second in real time, until closed.
 */
public final class LiveCluster implements AutoCloseable {

    public static final ClusterModel MODEL = new ClusterModel(6, 3, 17);

    private final EmbeddedTomcat tomcat;
    private final ClusterSimulator simulator;
    private final Thread sender;
    private final DatagramSocket socket;

    private LiveCluster(EmbeddedTomcat tomcat, ClusterSimulator simulator, Thread sender, DatagramSocket socket) {
        this.tomcat = tomcat;
        this.simulator = simulator;
        this.sender = sender;
        this.socket = socket;
    }

    public static LiveCluster start(Path temp, Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>(Map.of("sflow.port", "0", "data.dir", temp.resolve("data").toString()));
        all.putAll(settings);
        EmbeddedTomcat tomcat = EmbeddedTomcat.start(Path.of("webapp"), temp.resolve("tomcat"), 0, all);
        int port = ((ServiceRuntime) tomcat.context().getServletContext()
                .getAttribute(ServiceRuntime.class.getName())).sflowPort();
        // polled once a second, paced to real time: samples arrive as from a real cluster
        double realTime = MODEL.sources();
        ClusterSimulator simulator = new ClusterSimulator(new ClusterSimulator.Config(MODEL, 1, false,
                realTime, 600_000, 600));
        DatagramSocket socket = new DatagramSocket();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        Thread sender = new Thread(() -> simulator.run(datagram -> {
            byte[] bytes = new byte[datagram.remaining()];
            datagram.get(bytes);
            socket.send(new DatagramPacket(bytes, bytes.length, loopback, port));
        }), "test-cluster-sender");
        sender.setDaemon(true);
        sender.start();
        return new LiveCluster(tomcat, simulator, sender, socket);
    }

    public int httpPort() {
        return tomcat.port();
    }

    public String url() {
        return "http://127.0.0.1:" + tomcat.port() + "/";
    }

    public ApiClient api() {
        return new ApiClient(tomcat.port());
    }

    public ServiceRuntime runtime() {
        return (ServiceRuntime) tomcat.context().getServletContext().getAttribute(ServiceRuntime.class.getName());
    }

    /** Waits until every node has a CPU utilisation (two rounds stored). */
    public void awaitTwoRounds(String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        ApiClient api = api();
        while (System.nanoTime() < deadline) {
            JsonNode r = token == null ? api.call("host.summary", "{}")
                    : api.callWithToken("host.summary", "{}", token);
            JsonNode rows = r.path("result");
            int ready = 0;
            for (JsonNode row : rows) {
                ready += row.path("cpu_utilisation").isNumber() ? 1 : 0;
            }
            if (ready == MODEL.nodes()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the simulated cluster did not reach two stored rounds in 60 s");
    }

    @Override
    public void close() throws Exception {
        simulator.stop();
        sender.join(5000);
        socket.close();
        tomcat.close();
    }
}
