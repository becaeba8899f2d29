package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.sflowmonitor.ingest.EntitySample;
import org.sflowmonitor.ingest.IngestCounter;
import org.sflowmonitor.ingest.IngestStats;

class SampleOutcomesTest {

    private static EntitySample sample(String agent, int records) {
        return new EntitySample.InterfaceSample(agent, 1, records, 1, null, null, null);
    }

    @Test
    void eachSampleIsCountedUnderItsAgentAndOutcomeAndAStoredOnesRecordsAsStored() {
        List<EntitySample> batch = List.of(sample("a", 2), sample("a", 3), sample("b", 4), sample("a", 5));
        SampleOutcomes outcomes = new SampleOutcomes(batch.size());
        outcomes.set(0, IngestCounter.SAMPLES_STORED);
        outcomes.set(1, IngestCounter.SAMPLES_OVER_ENTITY_LIMIT);
        outcomes.set(2, IngestCounter.SAMPLES_STORED);
        outcomes.set(3, IngestCounter.SAMPLES_STORED);
        IngestStats stats = new IngestStats(10);

        outcomes.addTo(stats, batch);
        assertEquals(2, stats.counters("a").get(IngestCounter.SAMPLES_STORED));
        assertEquals(7, stats.counters("a").get(IngestCounter.RECORDS_STORED));
        assertEquals(1, stats.counters("a").get(IngestCounter.SAMPLES_OVER_ENTITY_LIMIT));
        assertEquals(1, stats.counters("b").get(IngestCounter.SAMPLES_STORED));
        assertEquals(4, stats.counters("b").get(IngestCounter.RECORDS_STORED));
        assertEquals(3, stats.total().get(IngestCounter.SAMPLES_STORED));
    }
}
