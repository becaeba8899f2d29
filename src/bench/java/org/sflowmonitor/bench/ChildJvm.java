package org.sflowmonitor.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link CollectorProcess} started by a benchmark driver, and its command line protocol. */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final PrintStream commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path log;
    private final Map<String, String> ready;

    private ChildJvm(Process process, Path log) throws IOException {
        this.process = process;
        this.log = log;
        this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        String first = next("ready", 120);
        this.ready = first == null ? Map.of() : fields(first);
    }

    /**
     * Starts {@code CollectorProcess} with {@code args}, in the project folder (the webapp is
     * found there), with this JVM's class path; its log goes to {@code log}.
     */
    static ChildJvm start(Path log, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CollectorProcess.class.getName());
        command.addAll(List.of(args));
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        return new ChildJvm(p, log);
    }

    int sflowPort() {
        return Integer.parseInt(ready.getOrDefault("sflow", "0"));
    }

    int httpPort() {
        return Integer.parseInt(ready.getOrDefault("http", "0"));
    }

    /** A field of the child's ready line (e.g. the decoder's transport). */
    String readyField(String name) {
        return ready.getOrDefault(name, "?");
    }

    /** The current counters and JVM figures of the child. */
    synchronized Map<String, String> stats() throws IOException {
        commands.println("stats");
        return fields(next("stats", 30));
    }

    /**
     * Waits until the service's writer has loaded the hosts and VMs of its database (it opens
     * the UDP port before, see BatchWriter.start); returns the seconds waited.
     */
    double awaitEntitiesLoaded(long timeoutSeconds) throws IOException, InterruptedException {
        long start = System.nanoTime();
        while (!"1".equals(stats().get("entities_loaded"))) {
            if (System.nanoTime() - start > timeoutSeconds * 1_000_000_000L) {
                throw new IOException("the service did not load its hosts and VMs within " + timeoutSeconds + " s");
            }
            Thread.sleep(50);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Starts a new peak heap and CPU measurement. */
    synchronized void reset() throws IOException {
        commands.println("reset");
        next("ok", 30);
    }

    /** Runs a full garbage collection in the child, so that the heap used is what is held. */
    synchronized void gc() throws IOException {
        commands.println("gc");
        next("ok", 60);
    }

    /** Waits for the child's result line (jdbc mode). */
    Map<String, String> result(long timeoutSeconds) throws IOException {
        return fields(next("result", timeoutSeconds));
    }

    private String next(String prefix, long timeoutSeconds) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            String line;
            try {
                line = lines.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
            if (line == null && !process.isAlive() && lines.isEmpty()) {
                break;
            }
        }
        throw new IOException("the collector process gave no '" + prefix + "' line; its log " + log + " ends: "
                + tail());
    }

    private String tail() {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - 15), all.size()));
        } catch (IOException e) {
            return "(unreadable)";
        }
    }

    static Map<String, String> fields(String line) {
        Map<String, String> out = new HashMap<>();
        for (String part : line.trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            commands.println("quit");
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroy();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        commands.close();
    }
}
