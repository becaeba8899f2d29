package org.sflowmonitor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.sflow.HsflowdDatagrams;
import org.sflowmonitor.sflow.SflowEncoder;
import org.sflowmonitor.testing.ApiClient;
import org.sflowmonitor.testing.UdpSender;

/**
 * {@code kill -9} of the standalone WAR while it is fed, then a restart on the same data folder:
 * the database opens cleanly and holds everything but the last commit window.
 */
class KillAndRestartIT {

    private static final String AGENT = "10.88.0.1";
    /** Samples sent at least this long before the kill must have survived it. */
    private static final long SURVIVAL_MILLIS = 2_000;
    private static final long FEED_MILLIS = 6_000;
    private static final long INTERVAL_MILLIS = 20;

    @TempDir
    Path temp;

    private Process start(int httpPort, int sflowPort, Path log) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dhttp.port=" + httpPort, "-Dsflow.port=" + sflowPort, "-jar",
                StandaloneWarIT.war().toAbsolutePath().toString());
        return new ProcessBuilder(command).directory(temp.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** A node sample whose cpu_uptime carries {@code marker}, so that each one can be found in host_sample. */
    private static byte[] marked(long marker) throws IOException {
        List<CounterRecord> records = new ArrayList<>(HsflowdDatagrams.nodeRecords());
        records.replaceAll(r -> r instanceof CounterRecord.HostCpu c ? new CounterRecord.HostCpu(c.loadOne(),
                c.loadFive(), c.loadFifteen(), c.procRun(), c.procTotal(), c.cpuNum(), c.cpuSpeed(), marker,
                c.cpuUser(), c.cpuNice(), c.cpuSystem(), c.cpuIdle(), c.cpuWio(), c.cpuIntr(), c.cpuSintr(),
                c.interrupts(), c.contexts(), c.cpuSteal(), c.cpuGuest(), c.cpuGuestNice()) : r);
        return SflowEncoder.datagram(InetAddress.getByName(AGENT), 100001, marker, marker * 1000)
                .counterSample(true, marker, 2, 1, records.toArray(CounterRecord[]::new)).bytes();
    }

    @Test
    void afterKill9TheDatabaseOpensCleanlyAndHoldsAllButTheLastCommitWindow() throws Exception {
        int httpPort = StandaloneWarIT.freeTcpPort();
        int sflowPort = StandaloneWarIT.freeUdpPort();
        Path log = temp.resolve("server.log");
        ApiClient api = new ApiClient(httpPort);

        Process first = start(httpPort, sflowPort, log);
        List<Long> sentAt = new ArrayList<>();
        long killedAt;
        try {
            api.awaitUp(first, log, Duration.ofSeconds(60));
            try (UdpSender udp = new UdpSender(sflowPort)) {
                long end = System.currentTimeMillis() + FEED_MILLIS;
                for (long marker = 1; System.currentTimeMillis() < end && marker <= 10_000; marker++) {
                    udp.send(marked(marker));
                    sentAt.add(System.currentTimeMillis());
                    Thread.sleep(INTERVAL_MILLIS);
                }
            }
            killedAt = System.currentTimeMillis();
        } finally {
            first.destroyForcibly(); // SIGKILL
        }
        assertTrue(first.waitFor(30, TimeUnit.SECONDS), "the killed server did not end");
        assertEquals(137, first.exitValue(), "ended by SIGKILL");

        Process second = start(httpPort, sflowPort, log);
        long linesBefore = Files.readAllLines(log).size();
        try {
            api.awaitUp(second, log, Duration.ofSeconds(60));
            assertEquals(AGENT, api.call("host.description", "{}").path("result").path(0).path("host_ip").asText());
        } finally {
            second.destroy(); // SIGTERM
        }
        assertTrue(second.waitFor(30, TimeUnit.SECONDS), "the restarted server did not stop within 30 s");
        List<String> restartLog = Files.readAllLines(log).stream().skip(linesBefore).toList();
        assertFalse(restartLog.stream().anyMatch(l -> l.contains("SEVERE") || l.contains("Exception")),
                String.join("\n", restartLog));

        Set<Long> stored = storedMarkers();
        Set<Long> missing = new TreeSet<>();
        int mustSurvive = 0;
        for (int i = 0; i < sentAt.size(); i++) {
            if (sentAt.get(i) < killedAt - SURVIVAL_MILLIS) {
                mustSurvive++;
                if (!stored.contains(i + 1L)) {
                    missing.add(i + 1L);
                }
            }
        }
        System.out.printf("kill -9: %d samples sent over %d ms, %d stored, %d sent more than %d ms before the"
                + " kill%n", sentAt.size(), FEED_MILLIS, stored.size(), mustSurvive, SURVIVAL_MILLIS);
        assertTrue(mustSurvive > 100, "too few samples sent to tell: " + mustSurvive);
        assertEquals(Set.of(), missing, "samples sent more than 2 s before the kill are all stored");
    }

    /** The markers in host_sample, read from the database files directly once no server has them open. */
    private Set<Long> storedMarkers() throws Exception {
        String url = "jdbc:h2:file:" + temp.resolve("data").resolve("sflow-monitor").toAbsolutePath();
        Set<Long> markers = new TreeSet<>();
        try (Connection c = DriverManager.getConnection(url + ";IFEXISTS=TRUE", "sa", "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT s.cpu_uptime FROM host_sample s JOIN host h ON h.id = s.host_id"
                     + " WHERE h.host_ip = '" + AGENT + "'")) {
            while (rs.next()) {
                markers.add(rs.getLong(1));
            }
        }
        return markers;
    }
}
