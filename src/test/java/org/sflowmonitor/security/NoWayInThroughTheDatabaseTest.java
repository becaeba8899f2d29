package org.sflowmonitor.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.testing.TestDatagrams;
import org.sflowmonitor.testing.UdpSender;

/** The database is reachable only through the service: no H2 server or console, private files, no SQL in answers. */
class NoWayInThroughTheDatabaseTest {

    /** What must never reach an API client: SQL, Java class and package names, driver and pool names. */
    private static final Pattern LEAK = Pattern.compile("(?i)select |insert |from |where |sql|jdbc|h2|hikari"
            + "|exception|java\\.|org\\.|com\\.|\\.java|\\bat [a-z]");

    @TempDir
    Path temp;

    private static void feed(Webapp webapp) throws Exception {
        try (UdpSender udp = new UdpSender(webapp.sflowPort())) {
            udp.send(TestDatagrams.nodeDescription("node-db"));
        }
        webapp.api().awaitResult("host.description", "{}", r -> r.size() == 1, Duration.ofSeconds(5));
    }

    @Test
    void theServiceListensOnNoTcpPortButItsHttpPort() throws Exception {
        assumeTrue(ListeningSockets.available(), "needs Linux /proc");
        Set<Integer> before = ListeningSockets.tcpPorts("self");
        Set<Integer> opened = new TreeSet<>();
        int httpPort;
        try (Webapp webapp = Webapp.start(temp, Map.of())) {
            httpPort = webapp.httpPort();
            feed(webapp);
            opened.addAll(ListeningSockets.tcpPorts("self"));
        }
        opened.removeAll(before);
        assertEquals(Set.of(httpPort), opened);
    }

    @Test
    void noH2ServerOrConsoleThreadRuns() throws Exception {
        try (Webapp webapp = Webapp.start(temp, Map.of())) {
            feed(webapp);
            List<String> h2Servers = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(n -> n.startsWith("H2 ") && (n.contains("Server") || n.contains("Console"))).toList();
            assertEquals(List.of(), h2Servers);
        }
    }

    @Test
    void theDataFolderIsOpenToTheServiceUserOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path data = Webapp.dataDir(temp);
        try (Webapp webapp = Webapp.start(temp, Map.of())) {
            feed(webapp);
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
    }

    @Test
    void anExistingDataFolderOpenToOthersIsClosedToThemAtStart() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path data = Files.createDirectories(Webapp.dataDir(temp));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Webapp webapp = Webapp.start(temp, Map.of())) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        }
    }

    /**
     * H2 creates its files with the process's umask (often rw-r--r--); what keeps other users out
     * is the folder: without its x bit for them no file in it can be opened by name.
     */
    @Test
    void theDatabaseFilesCannotBeOpenedByOtherUsers() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path data = Webapp.dataDir(temp);
        try (Webapp webapp = Webapp.start(temp, Map.of())) {
            feed(webapp);
            assertClosedToOthers(data);
        }
        assertClosedToOthers(data);
    }

    private static void assertClosedToOthers(Path data) throws Exception {
        try (Stream<Path> files = Files.walk(data)) {
            List<Path> all = files.toList();
            assertTrue(all.size() > 1, "no database files in " + data);
            for (Path file : all) {
                assertTrue(closedToOthers(file, data), file + " can be read by other users");
            }
        }
    }

    /** True when neither group nor others can read {@code file} or reach it through a folder up to {@code top}. */
    private static boolean closedToOthers(Path file, Path top) throws Exception {
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
        if (!p.contains(PosixFilePermission.GROUP_READ) && !p.contains(PosixFilePermission.OTHERS_READ)) {
            return true;
        }
        for (Path dir = file.equals(top) ? null : file.getParent(); dir != null && dir.startsWith(top);
             dir = dir.getParent()) {
            Set<PosixFilePermission> d = Files.getPosixFilePermissions(dir);
            if (!d.contains(PosixFilePermission.GROUP_EXECUTE) && !d.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aQueryThatFailsInTheDatabaseAnswersWithoutSqlOrClassNames() throws Exception {
        try (Webapp webapp = Webapp.start(temp, Map.of())) {
            feed(webapp);
            webapp.runtime().database().close(); // every query fails from here on
            // the descriptions and summaries answer from the in-memory latest state; the series read the tables
            for (String call : List.of("host.cpu", "host.memory", "host.interfaces")) {
                var response = webapp.api().post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + call
                        + "\",\"params\":{\"hostname\":\"node-db\"}}");
                JsonNode error = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body())
                        .path("error");
                assertTrue(error.has("code"), call + " answered " + response.body());
                assertNotEquals(-32602, error.path("code").asInt(), call + " failed before the database: " + response.body());
                assertFalse(LEAK.matcher(response.body()).find(), call + " answered " + response.body());
            }
        }
    }
}
