package org.sflowmonitor.api;

import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.store.BatchWriter;
import org.sflowmonitor.store.Database;
import org.sflowmonitor.store.RollupJob;

/**
 * What collector.status reports on: the ingest counters, the writer, the rollup job, the database,
 * and when the service started. The time-series methods read the rollup tiers from the job.
 */
public record CollectorSources(IngestStats stats, BatchWriter writer, RollupJob rollups, Database database,
                               long startedAt) {

    /** Without rollups. */
    public CollectorSources(IngestStats stats, BatchWriter writer, Database database, long startedAt) {
        this(stats, writer, RollupJob.disabled(), database, startedAt);
    }
}
