package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Fleet-wide answers kept as JSON for as long as they stay true, and no longer. */
class AnswerCacheTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Object> KEY = List.of("host.summary", "{}");

    private final AtomicInteger computed = new AtomicInteger();

    private String answer(AnswerCache cache, long generation, long now, long validUntil) throws Exception {
        return JSON.writeValueAsString(cache.get(KEY, generation, now,
                () -> new AnswerCache.Computed(List.of(computed.incrementAndGet()), validUntil)));
    }

    @Test
    void anAnswerIsKeptWhileTheGenerationIsTheSame() throws Exception {
        AnswerCache cache = new AnswerCache(1 << 20);
        assertEquals("[1]", answer(cache, 7, 1_000, Long.MAX_VALUE));
        assertEquals("[1]", answer(cache, 7, 2_000, Long.MAX_VALUE));
        assertEquals(1, computed.get());
    }

    @Test
    void aNewGenerationComputesTheAnswerAgain() throws Exception {
        AnswerCache cache = new AnswerCache(1 << 20);
        answer(cache, 7, 1_000, Long.MAX_VALUE);
        assertEquals("[2]", answer(cache, 8, 1_000, Long.MAX_VALUE));
    }

    @Test
    void anAnswerEndsWhenAnEntityInItReachesItsSilenceDeadline() throws Exception {
        AnswerCache cache = new AnswerCache(1 << 20);
        answer(cache, 7, 1_000, 5_000);
        assertEquals("[1]", answer(cache, 7, 5_000, 5_000));
        assertEquals("[2]", answer(cache, 7, 5_001, 5_000));
    }

    @Test
    void aStateNotLoadedKeepsNothing() throws Exception {
        AnswerCache cache = new AnswerCache(1 << 20);
        answer(cache, -1, 1_000, Long.MAX_VALUE);
        assertEquals("[2]", answer(cache, -1, 1_000, Long.MAX_VALUE));
    }

    @Test
    void noMemoryForAnswersKeepsNone() throws Exception {
        AnswerCache cache = new AnswerCache(0);
        answer(cache, 7, 1_000, Long.MAX_VALUE);
        assertEquals("[2]", answer(cache, 7, 1_000, Long.MAX_VALUE));
    }

    @Test
    void theReportingDeadlineOfASilentEntityIsNever() {
        Reporting.Rule rule = new Reporting.Rule(3, 100_000);
        assertEquals(130_000, rule.until(70_000, 20_000)); // reporting until 3 intervals after its last sight
        assertEquals(Long.MAX_VALUE, rule.until(10_000, 20_000)); // silent since 70,000: stays so
    }
}
