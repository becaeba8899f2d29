package org.sflowmonitor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.sflowmonitor.testing.ApiClient;
import org.sflowmonitor.testing.TestDatagrams;
import org.sflowmonitor.testing.UdpSender;

/**
 * The WAR deployed into real Tomcat distributions (10.1 and 11, unpacked by Maven from
 * Maven Central into target/it-tomcat), configured through a context file as an operator would.
 */
class ExternalTomcatIT {

    private static final String MANAGER_USER = "it-manager";
    private static final String MANAGER_PASSWORD = "it-manager-password";

    @TempDir
    Path base;

    static Stream<Path> tomcatHomes() throws IOException {
        try (Stream<Path> homes = Files.list(Path.of("target/it-tomcat"))) {
            return homes.filter(p -> p.getFileName().toString().startsWith("apache-tomcat-")).sorted().toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tomcatHomes")
    void theWarDeploysReloadsTwentyTimesWithoutLeaksAndUndeploysCleanly(Path home) throws Exception {
        int httpPort = StandaloneWarIT.freeTcpPort();
        int sflowPort = StandaloneWarIT.freeUdpPort();
        prepareCatalinaBase(home, httpPort, sflowPort);
        Path log = base.resolve("console.log");
        Process tomcat = startTomcat(home, log);
        try {
            ApiClient api = new ApiClient(URI.create("http://127.0.0.1:" + httpPort + "/sflow-monitor/api"));
            api.awaitUp(tomcat, log, Duration.ofSeconds(90));
            DashboardServing.assertServed("http://127.0.0.1:" + httpPort + "/sflow-monitor/");
            try (UdpSender udp = new UdpSender(sflowPort)) {
                udp.send(TestDatagrams.nodeDescription("node-in-tomcat"));
            }
            JsonNode nodes = api.awaitResult("host.description", "{}", r -> r.size() == 1, Duration.ofSeconds(5));
            assertEquals("node-in-tomcat", nodes.get(0).get("hostname").asText());

            Path dataDir = base.resolve("data/sflow-monitor");
            assertTrue(Files.isDirectory(dataDir), "data lives under catalina.base by default");
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)));

            for (int i = 0; i < 20; i++) {
                String answer = manager(httpPort, "reload?path=/sflow-monitor");
                assertTrue(answer.startsWith("OK"), "reload " + i + ": " + answer);
            }
            try (UdpSender udp = new UdpSender(sflowPort)) {
                udp.send(TestDatagrams.nodeDescription("node-after-reloads"));
            }
            nodes = api.awaitResult("host.description", "{}",
                    r -> r.size() == 1 && r.get(0).get("hostname").asText().equals("node-after-reloads"),
                    Duration.ofSeconds(5));
            assertEquals("node-after-reloads", nodes.get(0).get("hostname").asText());

            // 20 reloads must not leave 20 class loaders behind: after full GCs only the manager's, the
            // current one and at most the previous one (released lazily by the JVM) may be alive.
            int loaders = liveWebappClassLoaders(tomcat.toHandle());
            assertTrue(loaders <= 3, loaders + " webapp class loaders alive after 20 reloads");
        } finally {
            tomcat.destroy();
            assertTrue(tomcat.waitFor(60, TimeUnit.SECONDS), "Tomcat did not stop");
        }
        String output = allLogs(log);
        assertTrue(output.contains("sflow-monitor stopped"), output);
        for (String bad : List.of("failed to remove it", "SEVERE")) {
            assertTrue(!output.contains(bad), "'" + bad + "' in Tomcat's logs:\n" + output);
        }
        assertEquals(List.of(), threadLeakReports(output), "thread leak reports in Tomcat's logs:\n" + output);
    }

    /**
     * The threads Tomcat reports as started by the webapp and not stopped, except Tomcat's own
     * utility threads: Tomcat flags those when one happens to run the context's background task
     * (with the webapp's class loader) at the moment of a reload.
     */
    private static List<String> threadLeakReports(String log) {
        Matcher m = Pattern.compile("appears to have started a thread named \\[([^\\]]+)]").matcher(log);
        List<String> threads = new java.util.ArrayList<>();
        while (m.find()) {
            if (!m.group(1).startsWith("Catalina-utility-")) {
                threads.add(m.group(1));
            }
        }
        return threads;
    }

    private void prepareCatalinaBase(Path home, int httpPort, int sflowPort) throws IOException {
        for (String dir : List.of("conf/Catalina/localhost", "logs", "temp", "webapps", "work")) {
            Files.createDirectories(base.resolve(dir));
        }
        try (Stream<Path> conf = Files.list(home.resolve("conf"))) {
            for (Path file : conf.filter(Files::isRegularFile).toList()) {
                Files.copy(file, base.resolve("conf").resolve(file.getFileName()));
            }
        }
        String server = Files.readString(base.resolve("conf/server.xml"))
                .replace("port=\"8005\"", "port=\"-1\"")
                .replace("port=\"8080\"", "port=\"" + httpPort + "\" address=\"127.0.0.1\"");
        Files.writeString(base.resolve("conf/server.xml"), server);
        Files.writeString(base.resolve("conf/tomcat-users.xml"), "<tomcat-users>\n"
                + "  <role rolename=\"manager-script\"/>\n"
                + "  <user username=\"" + MANAGER_USER + "\" password=\"" + MANAGER_PASSWORD
                + "\" roles=\"manager-script\"/>\n</tomcat-users>\n");
        copyTree(home.resolve("webapps/manager"), base.resolve("webapps/manager"));
        Files.copy(StandaloneWarIT.war(), base.resolve("webapps/sflow-monitor.war"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(base.resolve("conf/Catalina/localhost/sflow-monitor.xml"), "<Context>\n"
                + "  <Parameter name=\"sflow.port\" value=\"" + sflowPort + "\" override=\"false\"/>\n"
                + "</Context>\n");
    }

    private Process startTomcat(Path home, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", home.toAbsolutePath().resolve("bin/catalina.sh").toString(), "run")
                .directory(base.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("CATALINA_HOME", home.toAbsolutePath().toString());
        pb.environment().put("CATALINA_BASE", base.toAbsolutePath().toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return pb.start();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    private static String manager(int port, String command) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/manager/text/" + command))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (MANAGER_USER + ":" + MANAGER_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(60)).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Live webapp class loaders in the Tomcat JVM (or its child java process) after full GCs, via jcmd. */
    private static int liveWebappClassLoaders(ProcessHandle catalina) throws Exception {
        long pid = catalina.descendants().filter(p -> p.info().command().orElse("").endsWith("java"))
                .map(ProcessHandle::pid).findFirst().orElse(catalina.pid());
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        for (int i = 0; i < 3; i++) {
            run(jcmd, String.valueOf(pid), "GC.run");
            Thread.sleep(500);
        }
        for (String line : run(jcmd, String.valueOf(pid), "GC.class_histogram").split("\n")) {
            if (line.endsWith("org.apache.catalina.loader.ParallelWebappClassLoader")) {
                return Integer.parseInt(line.trim().split("\\s+")[1]);
            }
        }
        throw new AssertionError("no webapp class loader in the histogram of process " + pid);
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        return out;
    }

    private String allLogs(Path console) throws IOException {
        StringBuilder all = new StringBuilder(Files.readString(console));
        try (Stream<Path> logs = Files.list(base.resolve("logs"))) {
            for (Path f : logs.sorted().toList()) {
                all.append("\n==> ").append(f.getFileName()).append('\n').append(Files.readString(f));
            }
        }
        return all.toString();
    }
}
