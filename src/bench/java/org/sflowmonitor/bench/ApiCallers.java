package org.sflowmonitor.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Clients calling one method of /api in a loop ({@link NicedClients}' program): each calls again
 * as soon as it has its answer (read whole, not parsed). Reports calls, errors, median and p99.
 */
final class ApiCallers {

    private ApiCallers() {
    }

    /** Beside a trial: {@code clients} calling {@code method} with {@code params}. */
    static NicedClients beside(String method, String params, int clients) {
        return new NicedClients(ApiCallers.class, method, params, String.valueOf(clients));
    }

    /** PORT METHOD PARAMS CLIENTS. */
    public static void main(String[] args) throws Exception {
        String method = args[1];
        String params = args[2];
        int clients = Integer.parseInt(args[3]);
        StatusClient api = new StatusClient(Integer.parseInt(args[0]));
        Latencies latencies = new Latencies();
        AtomicBoolean calling = new AtomicBoolean(true);
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
        NicedClients.awaitStop();
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
