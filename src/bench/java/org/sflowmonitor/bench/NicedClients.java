package org.sflowmonitor.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Clients of the service beside an ingest trial, in a JVM of their own at nice 19, standing in
 * for clients on other machines: the service's side of their work competes with ingest for the
 * cores, their own side only takes what is left (in the benchmark's JVM they slowed the simulator
 * below its rate). The program ({@code main} of a class here) gets the service's HTTP port and its
 * arguments, works until a line comes on its standard input, then prints one line of results.
 */
final class NicedClients implements IngestTrial.Companion {

    private final Class<?> program;
    private final List<String> args;
    private Process process;
    private String line = "no clients ran";

    NicedClients(Class<?> program, String... args) {
        this.program = program;
        this.args = List.of(args);
    }

    @Override
    public void serviceUp(int httpPort) throws IOException {
        List<String> command = new ArrayList<>(List.of("nice", "-n", "19",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), program.getName(), String.valueOf(httpPort)));
        command.addAll(args);
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    @Override
    public void windowEnded(long startMillis, long endMillis) throws Exception {
        try (Writer stop = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            stop.write("stop\n");
        }
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String last = out.readLine();
            line = last == null ? program.getSimpleName() + " said nothing (exit " + process.waitFor() + ")" : last;
        }
        process.waitFor();
    }

    /** What the clients reported. */
    String line() {
        return line;
    }

    /** In the clients' JVM: blocks until the benchmark says stop (a line, or the end of standard input). */
    static void awaitStop() throws IOException {
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
}
