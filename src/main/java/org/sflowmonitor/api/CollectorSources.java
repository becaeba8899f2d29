package org.sflowmonitor.api;

import java.util.Map;
import java.util.function.Supplier;

import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.store.BatchWriter;
import org.sflowmonitor.store.Database;
import org.sflowmonitor.store.RollupJob;

/**
 * What collector.status reports on: the instance's role and, when it collects, its collector id
 * (its heartbeat row), the ingest counters, the writer (null on an API-only instance), the rollup
 * job, the database, when the service started, and the counters of the WebSocket push (which sits
 * above this package). The time-series methods read the rollup tiers from the job.
 */
public record CollectorSources(String role, String instanceId, IngestStats stats, BatchWriter writer,
                               RollupJob rollups, Database database, long startedAt,
                               Supplier<Map<String, Long>> push) {

    /** An instance of role both (collector id unknown), without a push to report on. */
    public CollectorSources(IngestStats stats, BatchWriter writer, RollupJob rollups, Database database,
                            long startedAt) {
        this("both", null, stats, writer, rollups, database, startedAt, Map::of);
    }

    /** Without rollups. */
    public CollectorSources(IngestStats stats, BatchWriter writer, Database database, long startedAt) {
        this(stats, writer, RollupJob.disabled(), database, startedAt);
    }

    /** Whether this instance receives sFlow and writes it. */
    boolean collects() {
        return writer != null;
    }
}
