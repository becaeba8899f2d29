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
    void theWriterIsBehindWithMoreThanFourBatchesWaiting() {
        BatchWriter writer = new BatchWriter(null, new IngestStats(10), new BatchWriter.Config(1_000, 10, 10, 10));
        for (int i = 0; i < BatchWriter.BEHIND_BATCHES * 10; i++) {
            writer.offer(sample());
        }
        assertFalse(writer.behind(), "four batches waiting");
        writer.offer(sample());
        assertTrue(writer.behind(), "one sample more");
    }

    @Test
    void aWriterWithASmallQueueIsBehindOnceItIsOverAQuarterFull() {
        BatchWriter writer = writerWithQueueOf(8);
        writer.offer(sample());
        writer.offer(sample());
        assertFalse(writer.behind(), "a quarter full");
        writer.offer(sample());
        assertTrue(writer.behind(), "over a quarter full");
    }
}
