package org.sflowmonitor.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.sflowmonitor.app.EmbeddedTomcat;
import org.sflowmonitor.app.ServiceRuntime;
import org.sflowmonitor.ingest.AgentCounters;
import org.sflowmonitor.ingest.DatagramProcessor;
import org.sflowmonitor.ingest.IngestCounter;
import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.ingest.SflowListener;

/**
 * The measured side of a benchmark, in a JVM of its own so that its CPU time and heap are its
 * own. Modes:
 * <ul>
 * <li>{@code service DATA_DIR [name=value...]}: the webapp with its real web.xml in an embedded
 * Tomcat (as {@code java -jar} runs it), H2 file database in DATA_DIR;</li>
 * <li>{@code decode}: the service's UDP listener and decoder with storage switched off (the samples
 * are attributed, counted and discarded);</li>
 * <li>{@code bare}: ceiling (a), {@link BareReceiver};</li>
 * <li>{@code jdbc DATA_DIR VMS_PER_NODE NODES BATCH MILLIS ORDER INTERVAL [H2_URL_SETTINGS]}: ceiling (b),
 * {@link JdbcCeiling} (ORDER node or arrival; H2_URL_SETTINGS e.g. ";WRITE_DELAY=2000").</li>
 * </ul>
 * It prints {@code ready sflow=PORT http=PORT}, then answers {@code stats} on standard input with
 * one line of {@code name=value} fields, {@code reset} (peak heap and CPU mark), {@code gc} and {@code quit}.
 * It exits when its input closes (the driver died) or after an hour at most.
 */
public final class CollectorProcess {

    private static final long MAX_LIFETIME_MILLIS = 3_600_000;
    private static final int RECEIVE_BUFFER = 8 << 20;

    private CollectorProcess() {
    }

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(MAX_LIFETIME_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("collector process: lifetime over");
            Runtime.getRuntime().halt(3);
        }, "lifetime");
        watchdog.setDaemon(true);
        watchdog.start();
        switch (args[0]) {
            case "service" -> service(Path.of(args[1]), List.of(args).subList(2, args.length));
            case "decode" -> decode();
            case "bare" -> bare();
            case "jdbc" -> {
                System.out.println("ready sflow=0 http=0");
                JvmUsage.resetPeakHeap();
                String line = JdbcCeiling.run(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]), Long.parseLong(args[5]),
                        JdbcCeiling.Order.valueOf(args[6].toUpperCase(java.util.Locale.ROOT)), Integer.parseInt(args[7]),
                        args.length > 8 ? args[8] : "");
                System.out.println("result " + line + " " + JvmUsage.line());
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
        System.exit(0);
    }

    private static void service(Path dataDir, List<String> settings) throws Exception {
        Map<String, String> parameters = new java.util.HashMap<>(Map.of("sflow.port", "0", "data.dir",
                dataDir.toString()));
        for (String s : settings) {
            int eq = s.indexOf('=');
            parameters.put(s.substring(0, eq), s.substring(eq + 1));
        }
        EmbeddedTomcat tomcat = EmbeddedTomcat.start(Path.of("webapp"), dataDir.resolve("tomcat"), 0, parameters);
        try {
            ServiceRuntime runtime = (ServiceRuntime) tomcat.context().getServletContext()
                    .getAttribute(ServiceRuntime.class.getName());
            int sflowPort = runtime.settings().role().collects() ? runtime.sflowPort() : 0;
            serve("sflow=" + sflowPort + " http=" + tomcat.port(),
                    () -> "entities_loaded=" + (runtime.entitiesLoaded() ? 1 : 0));
        } finally {
            tomcat.close();
        }
    }

    private static void decode() throws Exception {
        IngestStats stats = new IngestStats(100_000);
        AtomicLong discarded = new AtomicLong();
        DatagramProcessor processor = new DatagramProcessor(stats, sample -> {
            discarded.incrementAndGet();
            return true;
        });
        try (SflowListener listener = SflowListener.start(new SflowListener.Config(null, 0, RECEIVE_BUFFER, 0,
                List.of()), processor)) {
            serve("sflow=" + listener.port() + " http=0 transport=" + listener.transport().replace(' ', '_'), () -> {
                AgentCounters t = stats.total();
                return "datagrams_received=" + t.get(IngestCounter.DATAGRAMS_RECEIVED)
                        + " datagrams_decoded=" + t.get(IngestCounter.DATAGRAMS_DECODED)
                        + " datagrams_malformed=" + t.get(IngestCounter.DATAGRAMS_MALFORMED)
                        + " datagrams_lost=" + t.get(IngestCounter.DATAGRAMS_LOST)
                        + " counter_samples=" + t.get(IngestCounter.COUNTER_SAMPLES)
                        + " samples_attributed=" + discarded.get();
            });
        }
    }

    private static void bare() throws Exception {
        try (BareReceiver receiver = new BareReceiver(RECEIVE_BUFFER)) {
            serve("sflow=" + receiver.port() + " http=0", receiver::line);
        }
    }

    /** The command loop; returns on quit or when standard input closes. */
    private static void serve(String ports, java.util.function.Supplier<String> counters) throws Exception {
        System.out.println("ready " + ports);
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        long cpuMark = JvmUsage.processCpuNanos();
        long timeMark = System.nanoTime();
        String command;
        while ((command = in.readLine()) != null) {
            switch (command.trim()) {
                case "stats" -> System.out.println("stats " + counters.get() + " " + JvmUsage.line()
                        + " cpu_since_reset_ns=" + (JvmUsage.processCpuNanos() - cpuMark)
                        + " wall_since_reset_ns=" + (System.nanoTime() - timeMark));
                case "reset" -> {
                    JvmUsage.resetPeakHeap();
                    cpuMark = JvmUsage.processCpuNanos();
                    timeMark = System.nanoTime();
                    System.out.println("ok");
                }
                case "gc" -> {
                    System.gc();
                    System.out.println("ok");
                }
                case "quit" -> {
                    System.out.println("bye");
                    return;
                }
                default -> System.out.println("error unknown command");
            }
            System.out.flush();
        }
    }
}
