package org.sflowmonitor.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WebSocket clients subscribed to the fleet summary ({@link NicedClients}' program), as the
 * dashboard subscribes: each notes, for every notification, the delay from the commit its result
 * holds ({@code stored_at}) to its arrival. Reports notifications, the delay's median and p99,
 * and the clients the service disconnected.
 */
final class PushSubscribers {

    private static final Pattern STORED_AT = Pattern.compile("\"stored_at\":(\\d+)");
    private static final String SUBSCRIBE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"push.subscribe\",\"params\":"
            + "{\"topic\":\"fleet\",\"params\":{\"output\":[\"host_ip\",\"timestamp\",\"cpu_utilisation\","
            + "\"reporting\"]}}}";

    private final long[] delays = new long[1 << 20];
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong closed = new AtomicLong();

    private PushSubscribers() {
    }

    /** Beside a trial: {@code clients} subscribed to the fleet. */
    static NicedClients beside(int clients) {
        return new NicedClients(PushSubscribers.class, String.valueOf(clients));
    }

    /** PORT CLIENTS. */
    public static void main(String[] args) throws Exception {
        int clients = Integer.parseInt(args[1]);
        PushSubscribers s = new PushSubscribers();
        HttpClient http = HttpClient.newHttpClient();
        List<WebSocket> sockets = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            WebSocket ws = http.newWebSocketBuilder().subprotocols("jsonrpc")
                    .buildAsync(URI.create("ws://127.0.0.1:" + args[0] + "/push"), s.listener())
                    .get(30, TimeUnit.SECONDS);
            ws.sendText(SUBSCRIBE, true);
            sockets.add(ws);
        }
        NicedClients.awaitStop();
        double seconds = (System.nanoTime() - start) / 1e9;
        int got = (int) Math.min(s.received.get(), s.delays.length);
        long[] d = Arrays.copyOf(s.delays, got);
        Arrays.sort(d);
        System.out.println(String.format(Locale.ROOT, "%d WebSocket clients (nice 19) on the fleet for %.0f s: %,d "
                        + "notifications; delay from the commit a result holds to the client: median %s ms, p99 %s ms; %d "
                        + "clients disconnected", clients, seconds, got, quantile(d, 0.5), quantile(d, 0.99),
                s.closed.get()));
        sockets.forEach(WebSocket::abort);
        System.exit(0);
    }

    private static String quantile(long[] sorted, double q) {
        return sorted.length == 0 ? "-" : String.valueOf(sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)]);
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    Matcher stored = STORED_AT.matcher(text.subSequence(0, Math.min(200, text.length())));
                    if (text.indexOf("push.update") >= 0 && stored.find()) {
                        long k = received.getAndIncrement();
                        if (k < delays.length) {
                            delays[(int) k] = System.currentTimeMillis() - Long.parseLong(stored.group(1));
                        }
                    }
                    text.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                closed.incrementAndGet();
                return null;
            }
        };
    }
}
