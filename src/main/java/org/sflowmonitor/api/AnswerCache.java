package org.sflowmonitor.api;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;

/**
 * Fleet-wide answers kept as written JSON, by method and params, for as long as they stay true:
 * while the latest state's generation is the one they were made at (any stored sample, load,
 * refresh or retention pass changes it) and until the first entity in them would change its
 * reporting state by the passing of time alone. Calls that find a kept answer cost a copy of its
 * bytes; identical calls that find none at the same instant compute it once ({@link SingleFlight}).
 * Bounded in bytes, least recently used first out; an answer larger than a quarter of the bound
 * is not kept.
 */
final class AnswerCache {

    /** An answer as computed: the result, and the instant (epoch ms) until which it holds unless the state changes. */
    record Computed(Object result, long validUntil) {
    }

    private record Kept(long generation, long validUntil, RawValue json, int bytes) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final long maxBytes;
    private final Map<List<Object>, Kept> kept = new LinkedHashMap<>(16, 0.75f, true);
    private final SingleFlight<List<Object>> flights = new SingleFlight<>();
    private long bytes;

    AnswerCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * The answer for {@code key} at {@code generation} and instant {@code now}: kept, or computed
     * by {@code compute} (here or by the identical call already computing it) and kept; a negative
     * generation (a state not loaded, whose changes nobody counts) keeps nothing.
     */
    Object get(List<Object> key, long generation, long now, Supplier<Computed> compute) {
        if (generation < 0) {
            return flights.get(key, () -> compute.get().result());
        }
        Kept k = kept(key, generation, now);
        if (k != null) {
            return k.json();
        }
        return flights.get(key, () -> {
            Computed c = compute.get();
            byte[] json;
            try {
                json = JSON.writeValueAsBytes(c.result());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the answer of " + key, e);
            }
            Kept made = new Kept(generation, c.validUntil(), new RawValue(new WrittenJson(json)), json.length);
            keep(key, made);
            return made.json();
        });
    }

    private synchronized Kept kept(List<Object> key, long generation, long now) {
        Kept k = kept.get(key);
        return k != null && k.generation() == generation && now <= k.validUntil() ? k : null;
    }

    private synchronized void keep(List<Object> key, Kept answer) {
        if (answer.bytes() > maxBytes / 4) {
            return;
        }
        Kept before = kept.put(key, answer);
        bytes += answer.bytes() - (before == null ? 0 : before.bytes());
        for (Iterator<Kept> oldest = kept.values().iterator(); bytes > maxBytes && oldest.hasNext(); ) {
            bytes -= oldest.next().bytes();
            oldest.remove();
        }
    }
}
