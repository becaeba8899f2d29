package org.sflowmonitor.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Clients calling one method of /api in a loop beside an ingest trial, from the moment the
 * service knows the fleet until the trial's window ends; each calls again as soon as it has its
 * answer (read whole, not parsed). They run in a JVM of their own at nice 19, standing in for
 * scripts on other machines: the service's side of every call competes with ingest for the 2
 * cores, the clients' side only takes what is left (in the benchmark's own JVM they slowed the
 * simulator below its rate). Reports calls, errors, median and p99.
 */
final class ApiCallers implements IngestTrial.Companion {

    private final String method;
    private final String params;
    private final int clients;
    private Process process;
    private String line = "no calls";

    ApiCallers(String method, String params, int clients) {
        this.method = method;
        this.params = params;
        this.clients = clients;
    }

    @Override
    public void serviceUp(int httpPort) throws IOException {
        List<String> command = new ArrayList<>(List.of("nice", "-n", "19",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), ApiCallers.class.getName(), String.valueOf(httpPort), method,
                params, String.valueOf(clients)));
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
            line = last == null ? "the clients' JVM said nothing (exit " + process.waitFor() + ")" : last;
        }
        process.waitFor();
    }

    String line() {
        return line;
    }

    /** The clients' JVM: PORT METHOD PARAMS CLIENTS; calls until a line (or the end) comes on stdin, then reports. */
    public static void main(String[] args) throws Exception {
        String method = args[1];
        String params = args[2];
        int clients = Integer.parseInt(args[3]);
        StatusClient api = new StatusClient(Integer.parseInt(args[0]));
        Latencies latencies = new Latencies();
        java.util.concurrent.atomic.AtomicBoolean calling = new java.util.concurrent.atomic.AtomicBoolean(true);
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                while (calling.get()) {
                    latencies.add(api.check(method, params));
                }
            }, "api-caller-" + c);
            threads.add(t);
            t.start();
        }
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        calling.set(false);
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println(String.format(Locale.ROOT, "%d clients (nice 19) calling %s %s for %.0f s: %,d calls "
                        + "(%.1f a second), %d errors%s, median %.1f ms, p99 %.1f ms", clients, method, params, seconds,
                latencies.count(), latencies.count() / seconds, latencies.errors(),
                latencies.firstError() == null ? "" : " (first: " + latencies.firstError() + ")",
                latencies.quantileMillis(0.5), latencies.quantileMillis(0.99)));
        System.exit(0);
    }
}
