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

    /** A query's outcome and when the newest commit it can hold was made (epoch ms; 0: unknown). */
    record Result(Api.Outcome outcome, long storedAt) {
    }

    private record Entry(CompletableFuture<Result> outcome, long startedNanos) {
    }

    private final Api api;
    private final long maxAgeNanos;
    private final LongSupplier nanoClock;
    private final LongSupplier storedAt;
    private final LongAdder queries;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * {@code storedAt} gives the time of the writer's last commit, read before each query;
     * {@code queries} counts the queries a subscribe had to run itself (collector.status).
     */
    SharedResults(Api api, long maxAgeMillis, LongSupplier nanoClock, LongSupplier storedAt, LongAdder queries) {
        this.api = api;
        this.maxAgeNanos = maxAgeMillis * 1_000_000L;
        this.nanoClock = nanoClock;
        this.storedAt = storedAt;
        this.queries = queries;
    }

    /** The result of {@code method(params)}, known by {@code key}: shared when recent enough, else run here. */
    Result get(String key, String method, JsonNode params) {
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
                return run(key, mine, method, params, System.nanoTime());
            }
        }
    }

    /**
     * Runs the query now, one of a round of the hub that began at {@code roundBegan} ({@link
     * System#nanoTime()}: the round's queries give way to ingest as one, see {@link Api#call(String,
     * JsonNode, long)}), and keeps its result for the subscribes that follow.
     */
    Result refresh(String key, String method, JsonNode params, long roundBegan) {
        Entry mine = new Entry(new CompletableFuture<>(), nanoClock.getAsLong());
        entries.put(key, mine);
        return run(key, mine, method, params, roundBegan);
    }

    /** Forgets the finished results of queries no subscription asks any more. */
    void retainOnly(Set<String> keys) {
        entries.entrySet().removeIf(e -> !keys.contains(e.getKey()) && e.getValue().outcome().isDone());
    }

    private Result run(String key, Entry mine, String method, JsonNode params, long requestCame) {
        try {
            long stored = storedAt.getAsLong(); // before the query: its result holds at least this commit
            Result result = new Result(api.call(method, params, requestCame), stored);
            mine.outcome().complete(result);
            if (result.outcome().error() != null) {
                entries.remove(key, mine); // an error is answered to those waiting, never kept
            }
            return result;
        } catch (RuntimeException | Error e) {
            mine.outcome().completeExceptionally(e);
            entries.remove(key, mine);
            throw e;
        }
    }
}
