package org.sflowmonitor.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service (its real web.xml in an embedded Tomcat) in a JVM of its own, with this JVM's class
 * path, so that a test can {@code kill -9} it: {@code org.sflowmonitor.bench.CollectorProcess service}
 * with the given settings. Its log goes to {@code DIR/service.log}; it exits when this JVM does.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final PrintStream commands;
    private final Path log;
    private final int httpPort;
    private final int sflowPort;

    private ServiceProcess(Process process, Path log, String ready) {
        this.process = process;
        this.log = log;
        this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.httpPort = Integer.parseInt(field(ready, "http"));
        this.sflowPort = Integer.parseInt(field(ready, "sflow"));
    }

    /** Starts the service with its data in {@code dir} and {@code settings} (sflow.port 0 unless given). */
    public static ServiceProcess start(Path dir, Map<String, String> settings) throws IOException {
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), "org.sflowmonitor.bench.CollectorProcess", "service",
                dir.toString()));
        settings.forEach((k, v) -> command.add(k + "=" + v));
        Path log = dir.resolve("service.log");
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String ready = out.readLine();
        if (ready == null || !ready.startsWith("ready ")) {
            p.destroyForcibly();
            throw new IOException("the service did not start: " + Files.readString(log));
        }
        return new ServiceProcess(p, log, ready);
    }

    private static String field(String line, String name) {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new IllegalArgumentException("no " + name + " in '" + line + "'");
    }

    public int httpPort() {
        return httpPort;
    }

    public int sflowPort() {
        return sflowPort;
    }

    public ApiClient api() {
        return new ApiClient(httpPort);
    }

    /** {@code kill -9}: the process ends at once, nothing of it is flushed or closed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops the service cleanly (its queue written, its last heartbeat), then the JVM. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            commands.println("quit");
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("the service did not stop within 60 s: " + Files.readString(log));
            }
        }
    }
}
