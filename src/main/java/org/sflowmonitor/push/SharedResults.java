package org.sflowmonitor.push;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;

import org.sflowmonitor.api.Api;

/**
 * The newest result of each query the push runs, shared by everyone who wants it: a subscribe
 * whose query is running, or ran less than a round ago, takes that result instead of running it
 * again. So 200 clients subscribing to the fleet at once cost one query on the connection pool,
 * not 200 queued in front of /api; the first notification is never older than one round.
 */
final class SharedResults {

    private record Entry(CompletableFuture<Api.Outcome> outcome, long startedNanos) {
    }

    private final Api api;
    private final long maxAgeNanos;
    private final LongSupplier nanoClock;
    private final LongAdder queries;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /** {@code queries} counts the queries a subscribe had to run itself (collector.status). */
    SharedResults(Api api, long maxAgeMillis, LongSupplier nanoClock, LongAdder queries) {
        this.api = api;
        this.maxAgeNanos = maxAgeMillis * 1_000_000L;
        this.nanoClock = nanoClock;
        this.queries = queries;
    }

    /** The result of {@code method(params)}, known by {@code key}: shared when recent enough, else run here. */
    Api.Outcome get(String key, String method, JsonNode params) {
        while (true) {
            long now = nanoClock.getAsLong();
            Entry known = entries.get(key);
            if (known != null && (!known.outcome().isDone() || now - known.startedNanos() < maxAgeNanos)) {
                return known.outcome().join();
            }
            Entry mine = new Entry(new CompletableFuture<>(), now);
            boolean taken = known == null ? entries.putIfAbsent(key, mine) == null : entries.replace(key, known, mine);
            if (taken) {
                queries.increment();
                return run(key, mine, method, params);
            }
        }
    }

    /** Runs the query now (a round of the hub) and keeps its result for the subscribes that follow. */
    Api.Outcome refresh(String key, String method, JsonNode params) {
        Entry mine = new Entry(new CompletableFuture<>(), nanoClock.getAsLong());
        entries.put(key, mine);
        return run(key, mine, method, params);
    }

    /** Forgets the finished results of queries no subscription asks any more. */
    void retainOnly(Set<String> keys) {
        entries.entrySet().removeIf(e -> !keys.contains(e.getKey()) && e.getValue().outcome().isDone());
    }

    private Api.Outcome run(String key, Entry mine, String method, JsonNode params) {
        try {
            Api.Outcome outcome = api.call(method, params);
            mine.outcome().complete(outcome);
            if (outcome.error() != null) {
                entries.remove(key, mine); // an error is answered to those waiting, never kept
            }
            return outcome;
        } catch (RuntimeException | Error e) {
            mine.outcome().completeExceptionally(e);
            entries.remove(key, mine);
            throw e;
        }
    }
}
