package org.sflowmonitor.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Calls that want the same answer at the same instant share one computation: the first computes,
 * those that ask while it runs wait for its answer (or its exception) instead of computing it
 * again. Nothing is kept afterwards, so no answer is older than the call that asked for it.
 * Sixteen clients refreshing the fleet at once cost one read, not sixteen.
 *
 * @param <K> what identifies an answer (records: the method and its params)
 */
final class SingleFlight<K> {

    private final ConcurrentHashMap<K, CompletableFuture<Object>> running = new ConcurrentHashMap<>();

    /** The answer for {@code key}: computed by {@code compute} here, or by the call already computing it. */
    @SuppressWarnings("unchecked")
    <V> V get(K key, Supplier<V> compute) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> theirs = running.putIfAbsent(key, mine);
        if (theirs != null) {
            try {
                return (V) theirs.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            V value = compute.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(key, mine);
        }
    }
}
