package org.sflowmonitor.metrics;

import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.store.BatchWriter;
import org.sflowmonitor.store.Database;

/** What /metrics reads: the writer (its latest values, queue and transaction times), the ingest counters, the database. */
public record MetricsSources(BatchWriter writer, IngestStats stats, Database database) {
}
