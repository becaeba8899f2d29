package org.sflowmonitor.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one {@code virt.memory} call (one dense VM over the database's last 24 h, QueryBenchmark's
 * call) costs over HTTP, and how much of QueryBenchmark's median is its own client: the same
 * calls, one at a time, through QueryBenchmark's client ({@code java.net.http}), through
 * {@link HttpURLConnection}, and through a plain socket that sends the request and reads the
 * Content-Length bytes into one reused buffer (the least a client can do). Per client: median,
 * p99, bytes of an answer, the service's CPU per call (all of it, and its HTTP threads') and the
 * clients' (this JVM's).
 *
 * <pre>
 * java -cp $CP org.sflowmonitor.bench.SeriesOverHttp --db target/bench-querydb-small --calls 200
 * </pre>
 */
public final class SeriesOverHttp {

    private static final String USAGE = """
            usage: SeriesOverHttp [--db DIR] [--calls N] [--sparse-seconds S] [--jfr FILE]
              --db              QueryBenchmark's database folder (H2)       default target/bench-querydb-small
              --calls           calls per client, after as many to warm up  default 200
              --sparse-seconds  the database's shape (see QueryBenchmark)   default 3600
              --jfr FILE        record the service with Java Flight Recorder (deep stacks) into FILE
            """;

    /** One way of making the call: returns the bytes of the answer's body. */
    private interface Client {
        int call(String body) throws IOException, InterruptedException;
    }

    private SeriesOverHttp() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parseOrExit(argv, Set.of("db", "calls", "sparse-seconds", "jfr"), Set.of(), USAGE);
        Path dir = Path.of(args.string("db", "target/bench-querydb-small"));
        int calls = args.integer("calls", 200);
        System.out.println("series over HTTP, " + Machine.now() + ", " + Machine.describe() + ", load average "
                + Machine.loadAverage());
        ClusterModel model = new ClusterModel(10_000, 10, 1);
        QueryDatabase.Info db = QueryDatabase.ensure(dir, model, args.integer("sparse-seconds", 3600), System.out);
        QueryBenchmark.Method memory = QueryBenchmark.methods(model, db.endMillis()).stream()
                .filter(m -> m.name().equals("virt.memory")).findFirst().orElseThrow();
        List<String> jvmOptions = new ArrayList<>(List.of("-Xmx2g"));
        String jfr = args.string("jfr", "");
        if (!jfr.isEmpty()) {
            jvmOptions.addAll(List.of("-XX:FlightRecorderOptions:stackdepth=256",
                    "-XX:StartFlightRecording=settings=profile,filename=" + Path.of(jfr).toAbsolutePath()));
        }
        List<String> serviceArgs = new ArrayList<>(List.of("service", db.dir().toString()));
        serviceArgs.addAll(db.settings());
        try (ChildJvm service = ChildJvm.start(db.dir().resolve("service.log"), jvmOptions,
                serviceArgs.toArray(String[]::new))) {
            System.out.printf(Locale.ROOT, "service idle after %.0f s%n", QueryBenchmark.settle(service, 240));
            int port = service.httpPort();
            StatusClient benchmarks = new StatusClient(port);
            try (PlainSocketClient plain = new PlainSocketClient(port)) {
                Map<String, Client> clients = new java.util.LinkedHashMap<>();
                clients.put("java.net.http (QueryBenchmark's client)", body -> {
                    StatusClient.Answer a = benchmarks.check("virt.memory", body);
                    if (!a.ok()) {
                        throw new IOException("virt.memory failed: " + a.error() + " (HTTP " + a.status() + ")");
                    }
                    return 0;
                });
                clients.put("HttpURLConnection", body -> urlConnection(port, body));
                clients.put("plain socket, keep-alive", plain::call);
                System.out.println("an answer: " + plain.call(memory.params().apply(0)) + " bytes, beginning "
                        + plain.beginning(300));
                for (int round = 0; round < 2; round++) {
                    for (Map.Entry<String, Client> client : clients.entrySet()) {
                        measure(service, client.getKey(), client.getValue(), memory, calls);
                    }
                }
            }
        }
    }

    private static void measure(ChildJvm service, String name, Client client, QueryBenchmark.Method method,
                                int calls) throws Exception {
        for (int i = 0; i < calls; i++) {
            client.call(method.params().apply(i));
        }
        long[] nanos = new long[calls];
        int bytes = 0;
        Map<String, String> before = service.stats();
        long clientCpu = JvmUsage.processCpuNanos();
        for (int i = 0; i < calls; i++) {
            long started = System.nanoTime();
            bytes = Math.max(bytes, client.call(method.params().apply(i)));
            nanos[i] = System.nanoTime() - started;
        }
        double clientMillis = (JvmUsage.processCpuNanos() - clientCpu) / 1e6 / calls;
        Map<String, String> after = service.stats();
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-42s %d calls: median %.2f ms, p99 %.2f ms, %s bytes; service %.2f CPU ms "
                        + "a call (HTTP threads %.2f), clients %.2f (load average %s)%n", name, calls,
                nanos[calls / 2] / 1e6, nanos[(int) Math.ceil(calls * 0.99) - 1] / 1e6,
                bytes == 0 ? "?" : String.format(Locale.ROOT, "%,d", bytes),
                QueryBenchmark.delta(before, after, "cpu_ns") / 1e6 / calls,
                QueryBenchmark.delta(before, after, "http_cpu_ns") / 1e6 / calls, clientMillis, Machine.loadAverage());
    }

    private static String request(String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"virt.memory\",\"params\":" + params + "}";
    }

    private static final byte[] SINK = new byte[1 << 16];

    private static int urlConnection(int port, String params) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/api").toURL()
                .openConnection();
        c.setDoOutput(true);
        c.setRequestMethod("POST");
        c.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = c.getOutputStream()) {
            out.write(request(params).getBytes(StandardCharsets.UTF_8));
        }
        if (c.getResponseCode() != 200) {
            throw new IOException("HTTP " + c.getResponseCode());
        }
        int total = 0;
        try (InputStream in = c.getInputStream()) {
            int n;
            while ((n = in.read(SINK)) > 0) {
                total += n;
            }
        }
        return total;
    }

    /** HTTP/1.1 over one kept-alive socket, the body read whole into a reused buffer and not looked at. */
    private static final class PlainSocketClient implements AutoCloseable {
        private final int port;
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private byte[] buffer = new byte[1 << 16];

        PlainSocketClient(int port) throws IOException {
            this.port = port;
            connect();
        }

        /** A new connection: Tomcat closes one after maxKeepAliveRequests (100) calls. */
        private void connect() throws IOException {
            if (socket != null) {
                socket.close();
            }
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        int call(String params) throws IOException {
            byte[] body = request(params).getBytes(StandardCharsets.UTF_8);
            out.write(("POST /api HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            int filled = 0;
            int headerEnd = -1;
            while (headerEnd < 0) {
                int n = in.read(buffer, filled, buffer.length - filled);
                if (n < 0) {
                    throw new IOException("connection closed in the headers");
                }
                filled += n;
                headerEnd = indexOf(buffer, filled, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            String head = new String(buffer, 0, headerEnd, StandardCharsets.US_ASCII);
            if (!head.startsWith("HTTP/1.1 200")) {
                throw new IOException(head.lines().findFirst().orElse(""));
            }
            int length = head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                    .mapToInt(l -> Integer.parseInt(l.substring(l.indexOf(':') + 1).trim())).findFirst()
                    .orElseThrow(() -> new IOException("no Content-Length"));
            int want = headerEnd + 4 + length;
            if (buffer.length < want) {
                buffer = Arrays.copyOf(buffer, want);
            }
            while (filled < want) {
                int n = in.read(buffer, filled, want - filled);
                if (n < 0) {
                    throw new IOException("connection closed in the body");
                }
                filled += n;
            }
            if (head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close")) {
                connect();
            }
            return length;
        }

        /** The first bytes of the last answer (its head and the beginning of its body). */
        String beginning(int bytes) {
            return new String(buffer, 0, Math.min(bytes, buffer.length), StandardCharsets.UTF_8);
        }

        private static int indexOf(byte[] data, int length, byte[] what) {
            for (int i = 0; i + what.length <= length; i++) {
                if (Arrays.equals(data, i, i + what.length, what, 0, what.length)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
