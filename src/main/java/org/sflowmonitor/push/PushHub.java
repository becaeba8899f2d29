package org.sflowmonitor.push;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.sflowmonitor.api.Api;

/**
 * The connections to /push and the thread that feeds them: once a second, when the writer has
 * committed since the last round, each distinct subscribed query runs once through the same
 * dispatcher as /api and its result goes to every subscriber whose last result differs; a new
 * subscription's first result is shared the same way ({@link SharedResults}). The
 * writer is only asked for its commit count, so ingest never waits for a client.
 */
public final class PushHub implements AutoCloseable {

    /** Servlet context attribute under which the lifecycle listener stores the hub. */
    public static final String CONTEXT_ATTRIBUTE = PushHub.class.getName();
    private static final Logger LOG = Logger.getLogger(PushHub.class.getName());
    private static final long ROUND_MILLIS = 1000;
    /** How long closing a stalled client's connection may wait for its close frame to go out. */
    static final long CLOSE_TIMEOUT_MILLIS = 2000;

    /** push.max.connections, push.max.subscriptions (per connection), push.max.buffer.bytes (per connection). */
    public record Limits(int maxConnections, int maxSubscriptions, int maxBufferBytes, int maxMessageBytes) {
    }

    private final Api api;
    private final LongSupplier commits;
    private final PushStats stats;
    private final Limits limits;
    private final SharedResults results;
    private final Set<PushConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong subscriptionIds = new AtomicLong();
    private final Thread thread;
    private final ExecutorService closer;
    private volatile boolean running = true;
    private long lastCommits = -1;

    private PushHub(Api api, LongSupplier commits, LongSupplier storedAt, PushStats stats, Limits limits,
                    String threadPrefix) {
        this.api = api;
        this.commits = commits;
        this.stats = stats;
        this.limits = limits;
        this.results = new SharedResults(api, ROUND_MILLIS, System::nanoTime, storedAt, stats.firstQueries);
        this.thread = new Thread(this::run, threadPrefix + "push");
        this.thread.setDaemon(true);
        // closing a stalled connection can wait for its close frame: never on the hub's thread
        this.closer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadPrefix + "push-close");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the hub's thread. {@code commits} counts the writer's commits and {@code storedAt}
     * gives the time of its last one (epoch ms; 0 where there is no writer); {@code threadPrefix}
     * names the thread as the service's threads are named.
     */
    public static PushHub start(Api api, LongSupplier commits, LongSupplier storedAt, PushStats stats, Limits limits,
                                String threadPrefix) {
        PushHub hub = new PushHub(api, commits, storedAt, stats, limits, threadPrefix);
        hub.thread.start();
        return hub;
    }

    Api api() {
        return api;
    }

    PushStats stats() {
        return stats;
    }

    Limits limits() {
        return limits;
    }

    /** The current result of a query a client subscribes to: shared with the round and other subscribes. */
    SharedResults.Result firstResult(String queryKey, String method, ObjectNode params) {
        return results.get(queryKey, method, params);
    }

    String nextSubscriptionId() {
        return "s" + subscriptionIds.incrementAndGet();
    }

    /** Whether another connection would be within push.max.connections (the handshake's check). */
    boolean hasRoom() {
        return connections.size() < limits.maxConnections();
    }

    /** Takes a new connection, or refuses it (false) over push.max.connections. */
    boolean add(PushConnection connection) {
        synchronized (connections) {
            if (!running || connections.size() >= limits.maxConnections()) {
                stats.connectionsRefused.increment();
                return false;
            }
            connections.add(connection);
            stats.connections.set(connections.size());
            return true;
        }
    }

    void remove(PushConnection connection) {
        synchronized (connections) {
            if (connections.remove(connection)) {
                connection.closed();
                stats.connections.set(connections.size());
            }
        }
    }

    /** Closes a session off the caller's thread (a stalled client's close frame may wait). */
    void close(Session session, CloseReason reason) {
        try {
            closer.execute(() -> {
                try {
                    session.close(reason);
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.FINE, "push: closing a session failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the hub is stopping and closes every session itself
        }
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(ROUND_MILLIS);
                round();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "push: a round failed", e);
            }
        }
    }

    /** One round: nothing unless the writer committed; else each distinct query once. */
    void round() {
        long now = commits.getAsLong();
        if (now == lastCommits) {
            return;
        }
        lastCommits = now;
        long began = System.nanoTime();
        Map<String, List<Subscription>> byQuery = new LinkedHashMap<>();
        for (PushConnection c : connections) {
            for (Subscription s : c.subscriptions()) {
                byQuery.computeIfAbsent(s.queryKey(), k -> new ArrayList<>()).add(s);
            }
        }
        results.retainOnly(byQuery.keySet());
        for (List<Subscription> same : byQuery.values()) {
            Subscription first = same.get(0);
            SharedResults.Result result = results.refresh(first.queryKey(), first.topic().method(), first.params(),
                    began);
            Api.Outcome outcome = result.outcome();
            if (outcome.error() != null) {
                // e.g. the database is away: the next commit brings the next try
                continue;
            }
            for (Subscription s : same) {
                String notification = s.notificationFor(outcome.resultJson(), result.storedAt());
                if (notification != null) {
                    s.connection().offer(notification);
                }
            }
        }
    }

    /** Stops the rounds and closes every connection (the webapp is stopping). */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        List<PushConnection> open;
        synchronized (connections) {
            open = new ArrayList<>(connections);
        }
        for (PushConnection c : open) {
            c.closeSession(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "sflow-monitor is stopping"));
        }
        closer.shutdown();
        try {
            thread.join(5000);
            closer.awaitTermination(CLOSE_TIMEOUT_MILLIS + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
