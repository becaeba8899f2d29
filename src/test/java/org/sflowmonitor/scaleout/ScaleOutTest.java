package org.sflowmonitor.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.sflow.CounterRecord.HostDescr;
import org.sflowmonitor.sflow.CounterRecord.HostParent;
import org.sflowmonitor.sflow.CounterRecord.VirtCpu;
import org.sflowmonitor.sflow.HsflowdDatagrams;
import org.sflowmonitor.sflow.SflowEncoder;
import org.sflowmonitor.testing.ApiClient;
import org.sflowmonitor.testing.PostgresServer;
import org.sflowmonitor.testing.ServiceProcess;
import org.sflowmonitor.testing.TestDatabase;
import org.sflowmonitor.testing.UdpSender;

/**
 * Two collectors and one API-only instance, each a JVM of its own, on one PostgreSQL, fed over
 * real UDP on loopback: what one collector writes, the API instance answers; the collectors do
 * not disturb each other, not even when one is killed or the database restarts under them.
 */
class ScaleOutTest {

    private static final UUID VM = UUID.fromString("5d0c6a1e-8b7f-4f8e-9a51-2c3d4e5f6a7b");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    /** The three instances of one test. */
    private record Deployment(ServiceProcess a, ServiceProcess b, ServiceProcess api) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            api.close();
            b.close();
            a.close();
        }
    }

    private Deployment deploy(TestDatabase database) throws Exception {
        return deploy(database, Map.of());
    }

    private Deployment deploy(TestDatabase database, Map<String, String> more) throws Exception {
        ExecutorService starts = Executors.newFixedThreadPool(3);
        try {
            Future<ServiceProcess> a = starts.submit(() -> instance("a", "collector", database, more));
            Future<ServiceProcess> b = starts.submit(() -> instance("b", "collector", database, more));
            Future<ServiceProcess> api = starts.submit(() -> instance("api", "api", database, more));
            return new Deployment(a.get(), b.get(), api.get());
        } finally {
            starts.shutdown();
        }
    }

    private ServiceProcess instance(String name, String role, TestDatabase database) throws Exception {
        return instance(name, role, database, Map.of());
    }

    private ServiceProcess instance(String name, String role, TestDatabase database, Map<String, String> more)
            throws Exception {
        Map<String, String> settings = new HashMap<>(database.settings());
        settings.putAll(more);
        settings.putAll(Map.of("role", role, "instance.id", name, "heartbeat.seconds", "1",
                "ingest.queue.capacity", "100000"));
        return ServiceProcess.start(temp.resolve(name), settings);
    }

    private static InetAddress address(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    /** A node's sample as hsflowd sends it, named after its agent address. */
    private static byte[] node(String agent, long sequence) throws Exception {
        List<CounterRecord> records = new ArrayList<>(HsflowdDatagrams.nodeRecords());
        records.replaceAll(r -> r instanceof HostDescr d
                ? new HostDescr("node-" + agent, d.uuid(), d.machineType(), d.osName(), d.osRelease()) : r);
        return SflowEncoder.datagram(address(agent), 100_001, sequence, 86_400_000L + sequence * 1000)
                .counterSample(true, sequence, 2, 1, records.toArray(CounterRecord[]::new)).bytes();
    }

    /** The VM {@link #VM}'s sample from the node {@code agent}. */
    private static byte[] vm(String agent, long sequence) throws Exception {
        return vm(agent, sequence, VM);
    }

    /** The VM {@code uuid}'s sample from the node {@code agent}. */
    private static byte[] vm(String agent, long sequence, UUID uuid) throws Exception {
        return SflowEncoder.datagram(address(agent), 100_001, sequence, 86_400_000L + sequence * 1000)
                .counterSample(true, sequence, 3, 123_456, new HostParent(2, 1), new VirtCpu(1, 1000 + sequence, 2),
                        new HostDescr("web-" + uuid.toString().substring(0, 4), uuid, 0, 0, "")).bytes();
    }

    private static void send(ServiceProcess collector, List<byte[]> datagrams) throws Exception {
        try (UdpSender udp = new UdpSender(collector.sflowPort())) {
            for (byte[] d : datagrams) {
                udp.send(d);
            }
        }
    }

    private static long count(TestDatabase database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
             PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long nodeSamples(TestDatabase database, String agentPrefix) throws Exception {
        return count(database, "SELECT COUNT(*) FROM host_sample s JOIN host h ON h.id = s.host_id"
                + " WHERE h.host_ip LIKE '" + agentPrefix + "%'");
    }

    private static JsonNode awaitStatus(ServiceProcess instance, java.util.function.Predicate<JsonNode> done)
            throws Exception {
        return instance.api().awaitResult("collector.status", "{}", done, PATIENCE);
    }

    private static long stored(JsonNode status) {
        return status.path("ingest").path("samples_stored").asLong();
    }

    private static JsonNode collectorRow(JsonNode status, String id) {
        for (JsonNode row : status.path("collectors")) {
            if (row.path("instance_id").asText().equals(id)) {
                return row;
            }
        }
        return null;
    }

    @Test
    void eachCollectorsAgentsAppearInTheApiInstanceAndItListsBothCollectors() throws Exception {
        TestDatabase database = PostgresServer.newDatabase();
        try (Deployment d = deploy(database)) {
            send(d.a(), List.of(node("10.1.0.1", 1), node("10.1.0.2", 1)));
            send(d.b(), List.of(node("10.2.0.1", 1)));

            ApiClient api = d.api().api();
            JsonNode hosts = api.awaitResult("host.description", "{}", r -> r.size() == 3, PATIENCE);
            Set<String> names = new TreeSet<>();
            hosts.forEach(h -> names.add(h.path("hostname").asText()));
            assertEquals(Set.of("node-10.1.0.1", "node-10.1.0.2", "node-10.2.0.1"), names);
            assertEquals(1, api.call("host.cpu", "{\"ip\":\"10.2.0.1\",\"time_from\":0}").path("result").size());
            JsonNode status = awaitStatus(d.api(), s -> collectorRow(s, "a") != null && collectorRow(s, "b") != null
                    && collectorRow(s, "a").path("counters").path("samples_stored").asLong() == 2
                    && collectorRow(s, "b").path("counters").path("samples_stored").asLong() == 1);
            for (String id : List.of("a", "b")) {
                JsonNode row = collectorRow(status, id);
                assertEquals("running", row.path("state").asText(), row.toString());
                assertTrue(row.path("sflow_port").asInt() > 0, row.toString());
            }
            assertEquals(2, collectorRow(status, "a").path("counters").path("samples_stored").asLong());
            assertEquals(1, collectorRow(status, "b").path("counters").path("samples_stored").asLong());
        }
    }

    @Test
    void aVmMigratingFromANodeOfOneCollectorToANodeOfTheOtherIsOneVmWithItsWholeHistory() throws Exception {
        TestDatabase database = PostgresServer.newDatabase();
        try (Deployment d = deploy(database)) {
            send(d.a(), List.of(vm("10.1.0.1", 1), vm("10.1.0.1", 2)));
            ApiClient api = d.api().api();
            api.awaitResult("virt.cpu", "{\"uuid\":\"" + VM + "\",\"time_from\":0}", r -> r.size() == 2, PATIENCE);
            send(d.b(), List.of(vm("10.2.0.1", 3)));

            JsonNode history = api.awaitResult("virt.cpu", "{\"uuid\":\"" + VM + "\",\"time_from\":0}",
                    r -> r.size() == 3, PATIENCE);
            assertEquals(3, history.size(), history.toString());
            List<String> nodes = new ArrayList<>();
            history.forEach(row -> nodes.add(row.path("host_ip").asText()));
            assertEquals(List.of("10.1.0.1", "10.1.0.1", "10.2.0.1"), nodes);
            JsonNode vms = api.call("virt.description", "{}").path("result");
            assertEquals(1, vms.size(), vms.toString());
            assertEquals(1, count(database, "SELECT COUNT(*) FROM vm"));
        }
    }

    @Test
    void oneCollectorWritesTheRollupsOfAVmThatMigratesBetweenTheCollectorsWithEverySampleInItsBuckets()
            throws Exception {
        TestDatabase database = PostgresServer.newDatabase();
        try (Deployment d = deploy(database, Map.of("rollup.tiers", "10s:1h"))) {
            send(d.a(), List.of(vm("10.1.0.1", 1)));
            Thread.sleep(1_500);
            send(d.a(), List.of(vm("10.1.0.1", 2)));
            Thread.sleep(1_500);
            send(d.b(), List.of(vm("10.2.0.1", 3)));
            Thread.sleep(1_500);
            send(d.b(), List.of(vm("10.2.0.1", 4)));

            String params = "{\"uuid\":\"" + VM + "\",\"time_from\":0,\"interval\":\"10s\"}";
            JsonNode buckets = d.api().api().awaitResult("virt.cpu", params,
                    r -> r.findValues("samples").stream().mapToLong(JsonNode::asLong).sum() == 4,
                    Duration.ofSeconds(60));
            assertEquals(4, buckets.findValues("samples").stream().mapToLong(JsonNode::asLong).sum(),
                    buckets.toString());
            JsonNode raw = d.api().api().call("virt.cpu", "{\"uuid\":\"" + VM + "\",\"time_from\":0}")
                    .path("result");
            assertEquals(4, raw.size(), "every collector's samples stored");
            List<Boolean> writes = new ArrayList<>();
            for (ServiceProcess collector : List.of(d.a(), d.b())) {
                writes.add(collector.api().call("collector.status", "{}").path("result").path("rollups").path("writes")
                        .asBoolean());
            }
            assertEquals(1, writes.stream().filter(w -> w).count(), "one collector writes the rollups: " + writes);
        }
    }

    @Test
    void theApiInstanceCountsTheVmsOfANodeACollectorReceives() throws Exception {
        TestDatabase database = PostgresServer.newDatabase();
        try (Deployment d = deploy(database)) {
            send(d.a(), List.of(node("10.1.0.1", 1), vm("10.1.0.1", 2)));

            JsonNode hosts = d.api().api().awaitResult("host.description", "{\"ip\":\"10.1.0.1\"}",
                    r -> r.size() == 1 && r.get(0).path("vm_count_seen").asLong() == 1, PATIENCE);
            assertEquals(1, hosts.get(0).path("vm_count_seen").asLong(), hosts.toString());
            assertTrue(hosts.get(0).path("vm_count").isNumber(), hosts.toString());
            JsonNode vms = d.api().api().call("virt.description", "{}").path("result");
            assertTrue(vms.get(0).path("last_seen").asLong() >= hosts.get(0).path("last_seen").asLong(),
                    vms.toString());
        }
    }

    @Test
    void anInstanceOfRoleBothAnswersForTheNodesAndVmsAnotherCollectorReceives() throws Exception {
        TestDatabase database = PostgresServer.newDatabase();
        UUID otherVm = UUID.fromString("7e1d5b2f-9c80-4a9f-8b62-3d4e5f607182");
        try (ServiceProcess a = instance("a", "both", database); ServiceProcess b = instance("b", "both", database)) {
            send(a, List.of(node("10.1.0.1", 1), vm("10.1.0.1", 2)));
            send(b, List.of(node("10.2.0.1", 1), vm("10.2.0.1", 2, otherVm)));

            ApiClient api = a.api();
            JsonNode hosts = api.awaitResult("host.description", "{}", r -> r.size() == 2
                    && r.get(0).path("vm_count_seen").asLong() == 1 && r.get(1).path("vm_count_seen").asLong() == 1,
                    PATIENCE);
            for (JsonNode h : hosts) {
                assertEquals(1, h.path("vm_count").asLong(), hosts.toString());
                assertTrue(h.path("reporting").asBoolean(), hosts.toString());
            }
            assertEquals(2, api.awaitResult("host.summary", "{}", r -> r.size() == 2, PATIENCE).size());
            JsonNode vms = api.awaitResult("virt.summary", "{}", r -> r.size() == 2, PATIENCE);
            assertEquals(2, vms.size(), vms.toString());

            send(b, List.of(node("10.2.0.1", 3)));
            JsonNode cpu = api.awaitResult("host.cpu", "{\"ip\":\"10.2.0.1\",\"time_from\":0}", r -> r.size() == 2,
                    PATIENCE);
            long newest = cpu.get(1).path("timestamp").asLong();
            // the table's last_seen is swept once a minute: only the shared latest state has the newest sight this soon
            JsonNode other = api.awaitResult("host.description", "{\"ip\":\"10.2.0.1\"}",
                    r -> r.size() == 1 && r.get(0).path("last_seen").asLong() == newest, PATIENCE);
            assertEquals(newest, other.get(0).path("last_seen").asLong(), other.toString());
            JsonNode otherVms = api.call("virt.description", "{\"uuid\":\"" + otherVm + "\"}").path("result");
            assertEquals(1, otherVms.size(), otherVms.toString());
            assertTrue(otherVms.get(0).path("reporting").asBoolean(), otherVms.toString());
        }
    }

    /**
     * Sends one node sample per agent and round to its collector, rounds 20 ms apart, from one
     * socket per collector (as hsflowd sends from one port); counts what it sent per collector.
     */
    private static final class Feed implements AutoCloseable {
        private final Map<ServiceProcess, List<String>> agents;
        private final Map<ServiceProcess, UdpSender> senders = new HashMap<>();
        private final Map<ServiceProcess, Long> sent = new HashMap<>();
        private int round;

        Feed(Map<ServiceProcess, List<String>> agents) throws Exception {
            this.agents = agents;
            for (ServiceProcess collector : agents.keySet()) {
                senders.put(collector, new UdpSender(collector.sflowPort()));
            }
        }

        void rounds(int rounds, Set<ServiceProcess> to) throws Exception {
            for (int end = round + rounds; round < end; round++) {
                for (ServiceProcess collector : to) {
                    for (String agent : agents.get(collector)) {
                        senders.get(collector).send(node(agent, round + 1));
                        sent.merge(collector, 1L, Long::sum);
                    }
                }
                Thread.sleep(20);
            }
        }

        void rounds(int rounds) throws Exception {
            rounds(rounds, agents.keySet());
        }

        long sentTo(ServiceProcess collector) {
            return sent.getOrDefault(collector, 0L);
        }

        @Override
        public void close() {
            senders.values().forEach(UdpSender::close);
        }
    }

    private static final List<String> AGENTS_OF_A = List.of("10.1.0.1", "10.1.0.2", "10.1.0.3", "10.1.0.4");
    private static final List<String> AGENTS_OF_B = List.of("10.2.0.1", "10.2.0.2", "10.2.0.3", "10.2.0.4");

    @Test
    void killingOneCollectorWithSignalNineLosesNothingOfWhatTheOtherReceives() throws Exception {
        TestDatabase database = PostgresServer.newDatabase();
        try (Deployment d = deploy(database); Feed feed = new Feed(Map.of(d.a(), AGENTS_OF_A, d.b(), AGENTS_OF_B))) {
            feed.rounds(50);
            d.a().kill();
            feed.rounds(100, Set.of(d.b()));

            long sentToB = feed.sentTo(d.b());
            JsonNode status = awaitStatus(d.b(), s -> stored(s) == sentToB);
            assertEquals(sentToB, stored(status));
            assertEquals(0, status.path("ingest").path("datagrams_lost").asLong());
            assertEquals(sentToB, nodeSamples(database, "10.2."));
            JsonNode seen = awaitStatus(d.api(), s -> "silent".equals(collectorRow(s, "a").path("state").asText()));
            assertEquals("silent", collectorRow(seen, "a").path("state").asText(), "a was killed: no more beats");
            assertEquals("running", collectorRow(seen, "b").path("state").asText());
            assertTrue(nodeSamples(database, "10.1.") <= feed.sentTo(d.a()));
        }
    }

    @Test
    void bothCollectorsStoreEverythingTheyReceiveWhilePostgresqlRestarts() throws Exception {
        try (PostgresServer server = PostgresServer.start()) {
            TestDatabase database = server.createSchema("restarted");
            try (Deployment d = deploy(database);
                 Feed feed = new Feed(Map.of(d.a(), AGENTS_OF_A, d.b(), AGENTS_OF_B))) {
                feed.rounds(25);
                server.stop();
                feed.rounds(50); // about 2 s without a database
                server.restart();
                feed.rounds(25);

                for (ServiceProcess collector : List.of(d.a(), d.b())) {
                    String prefix = collector == d.a() ? "10.1." : "10.2.";
                    long sent = feed.sentTo(collector);
                    JsonNode status = awaitStatus(collector, s -> stored(s) == sent);
                    assertEquals(sent, stored(status), prefix);
                    assertEquals(0, status.path("ingest").path("write_errors").asLong());
                    assertEquals(0, status.path("ingest").path("queue_drops").asLong());
                    assertEquals(sent, nodeSamples(database, prefix));
                }
            }
        }
    }
}
