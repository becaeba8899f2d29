package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.sflowmonitor.ingest.EntitySample.VmSample;
import org.sflowmonitor.ingest.IngestStats;

/** The writer's queue as others see it, with the writer thread not started (nothing is taken out). */
class BatchWriterQueueTest {

    private static BatchWriter writerWithQueueOf(int capacity) {
        return new BatchWriter(null, new IngestStats(10), new BatchWriter.Config(capacity, 100, 10, 10));
    }

    private static VmSample sample() {
        return new VmSample("10.0.0.1", 1_000, 1, UUID.randomUUID(), null, 1, null, null, null, null, null);
    }

    @Test
    void theWriterIsBehindOnceItsQueueIsOverAQuarterFull() {
        BatchWriter writer = writerWithQueueOf(8);
        writer.offer(sample());
        writer.offer(sample());
        assertFalse(writer.behind(), "a quarter full");
        writer.offer(sample());
        assertTrue(writer.behind(), "over a quarter full");
    }

    @Test
    void aWriterWithALargeQueueIsBehindOnceItHoldsMoreThanBehindSamples() {
        BatchWriter writer = writerWithQueueOf(1_000_000);
        for (int i = 0; i < BatchWriter.BEHIND_SAMPLES; i++) {
            writer.offer(sample());
        }
        assertFalse(writer.behind(), "holding BEHIND_SAMPLES");
        writer.offer(sample());
        assertTrue(writer.behind(), "holding one more");
    }
}
