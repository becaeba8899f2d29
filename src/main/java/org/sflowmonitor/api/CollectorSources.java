package org.sflowmonitor.api;

import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.store.BatchWriter;
import org.sflowmonitor.store.Database;

/** What collector.status reports on: the ingest counters, the writer, the database, and when the service started. */
public record CollectorSources(IngestStats stats, BatchWriter writer, Database database, long startedAt) {
}
