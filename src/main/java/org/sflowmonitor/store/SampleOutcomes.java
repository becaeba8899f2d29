package org.sflowmonitor.store;

import java.util.List;

import org.sflowmonitor.ingest.EntitySample;
import org.sflowmonitor.ingest.IngestCounter;
import org.sflowmonitor.ingest.IngestStats;

/**
 * What became of each sample of a batch (stored, or over an entity limit), counted only once
 * the batch's transaction committed.
 */
final class SampleOutcomes {

    private final IngestCounter[] outcome;

    SampleOutcomes(int samples) {
        this.outcome = new IngestCounter[samples];
    }

    void set(int sample, IngestCounter counter) {
        outcome[sample] = counter;
    }

    /**
     * Adds the outcomes of {@code batch}'s samples to their agents' counters, a run of samples of
     * one agent and outcome at a time (a datagram's samples come together, and a lookup per
     * sample would cost the writer more than its binding); a stored sample's records count as
     * stored too.
     */
    void addTo(IngestStats stats, List<EntitySample> batch) {
        int i = 0;
        while (i < outcome.length) {
            String agent = batch.get(i).agent();
            IngestCounter counter = outcome[i];
            long samples = 0;
            long records = 0;
            for (; i < outcome.length && outcome[i] == counter && batch.get(i).agent().equals(agent); i++) {
                samples++;
                records += batch.get(i).records();
            }
            stats.add(agent, counter, samples);
            if (counter == IngestCounter.SAMPLES_STORED) {
                stats.add(agent, IngestCounter.RECORDS_STORED, records);
            }
        }
    }
}
