package org.sflowmonitor.api;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import org.sflowmonitor.ingest.AgentCounters;
import org.sflowmonitor.ingest.AgentSenders;
import org.sflowmonitor.ingest.IngestCounter;
import org.sflowmonitor.store.BatchWriter;
import org.sflowmonitor.store.Heartbeats;
import org.sflowmonitor.store.Queries;
import org.sflowmonitor.store.QueryException;
import org.sflowmonitor.store.RollupJob;

record CollectorService(CollectorSources sources, Queries queries, String version) implements CollectorApi {

    private static final Logger LOG = Logger.getLogger(CollectorService.class.getName());

    @Override
    public Map<String, Object> status(String agent) {
        long now = System.currentTimeMillis();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("version", version);
        status.put("started_at", sources.startedAt());
        status.put("uptime_seconds", (now - sources.startedAt()) / 1000);
        status.put("time", now);
        status.put("role", sources.role());
        status.put("instance_id", sources.instanceId());
        if (sources.collects()) {
            status.put("ingest", counters(sources.stats().total()));
            status.put("writer", WriterRow.of(sources.writer()));
            status.put("rollups", RollupsRow.of(sources.rollups().status()));
            status.put("answers", sources.writer().ingestFirst().counters());
        } else {
            // an API-only instance receives and writes nothing: "collectors" has the counters of those that do
            status.put("ingest", null);
            status.put("writer", null);
            status.put("rollups", null);
            status.put("answers", null);
        }
        status.put("collectors", collectors(now));
        Map<String, Object> database = new LinkedHashMap<>();
        database.put("size_bytes", sources.database().sizeBytes());
        status.put("database", database);
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("heap_used_bytes", heap.getUsed());
        jvm.put("heap_committed_bytes", heap.getCommitted());
        jvm.put("heap_max_bytes", heap.getMax());
        status.put("jvm", jvm);
        status.put("push", sources.push().get());
        List<Map<String, Object>> agents = new ArrayList<>();
        if (agent == null) {
            sources.stats().agents().forEach((address, counters) -> agents.add(agentRow(address, counters)));
        } else {
            // one lookup: copying 10,000 agents' counters to pick one made this the slowest call of the load test
            AgentCounters counters = sources.stats().find(agent);
            if (counters != null) {
                agents.add(agentRow(agent, counters));
            }
        }
        status.put("agents", agents);
        status.put("conflicts", sources.stats().senders().conflicts(now).stream()
                .filter(c -> agent == null || agent.equals(c.agent())).map(ConflictRow::of).toList());
        return status;
    }

    /** Every collector's heartbeat row; null when the database cannot be read now (the writer shows why). */
    private List<CollectorRow> collectors(long now) {
        List<Heartbeats.Row> rows;
        try {
            rows = Heartbeats.read(queries);
        } catch (QueryException e) {
            LOG.log(Level.FINE, "collector.status could not read the heartbeats", e);
            return null;
        }
        List<CollectorRow> out = new ArrayList<>();
        for (Heartbeats.Row r : rows) {
            out.add(new CollectorRow(r.instanceId(), r.hostName(), r.sflowPort(), r.version(), r.startedAt(),
                    r.lastHeartbeat(), r.intervalMillis(), r.stoppedAt(), r.stoppedAt() != null ? "stopped"
                    // a missed beat may be a slow database; three say the collector is gone or cut off
                    : now - r.lastHeartbeat() > 3 * r.intervalMillis() ? "silent" : "running", r.counters()));
        }
        return out;
    }

    /** A collector's heartbeat row as collector.status shows it; state: running, silent or stopped. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CollectorRow(String instanceId, String hostName, int sflowPort, String version, long startedAt,
                        long lastHeartbeat, long heartbeatIntervalMs, Long stoppedAt, String state,
                        Map<String, Long> counters) {
    }

    /** An agent address claimed by a second sender: the sender kept, the one set apart, since when and how much. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ConflictRow(String agent, long subAgentId, List<String> sources, String kept, String setApart, long since,
                       long lastAt, long datagramsSetApart) {

        static ConflictRow of(AgentSenders.Conflict c) {
            return new ConflictRow(c.agent(), c.subAgentId(), List.of(c.kept(), c.conflicting()), c.kept(),
                    c.conflicting(), c.since(), c.lastAt(), c.datagrams());
        }
    }

    /** A rollup tier as collector.status shows it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TierRow(String interval, long widthMs, long retentionMs, Long lastBucketClosed, Long lagMs,
                   long rowsWritten, long cpuMs) {

        static TierRow of(RollupJob.TierStatus t) {
            return new TierRow(t.interval(), t.widthMillis(), t.retentionMillis(), t.lastBucketClosed(),
                    t.lagMillis(), t.rowsWritten(), t.cpuMillis());
        }
    }

    /** The writer as collector.status shows it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record WriterRow(int queueDepth, int queueCapacity, long commits, long lastCommitAt, String fault) {

        static WriterRow of(BatchWriter w) {
            // the fault text comes from the database driver and may quote SQL: only its presence is shown
            String fault = w.fault() == null ? null
                    : "the database refuses writes; samples wait in the queue (the log has the details)";
            return new WriterRow(w.queueDepth(), w.queueCapacity(), w.commits(), w.lastCommitAt(), fault);
        }
    }

    /** The rollup job as collector.status shows it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RollupsRow(List<TierRow> tiers, boolean writes, int queueDepth, long batchesDropped, long lateSamples,
                      long samplesFolded, long foldCpuMs, String fault) {

        static RollupsRow of(RollupJob.Status s) {
            // as for the writer: the driver's text may quote SQL
            String fault = s.fault() == null ? null
                    : "the database refuses rollup writes; the buckets are computed again (the log has the details)";
            return new RollupsRow(s.tiers().stream().map(TierRow::of).toList(), s.writes(), s.queueDepth(),
                    s.batchesDropped(), s.lateSamples(), s.samplesFolded(), s.foldCpuMillis(), fault);
        }
    }

    private static Map<String, Object> agentRow(String address, AgentCounters counters) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("agent", address);
        row.putAll(counters(counters));
        return row;
    }

    private static Map<String, Object> counters(AgentCounters counters) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("last_datagram_at", counters.lastDatagramAt() == 0 ? null : counters.lastDatagramAt());
        counters.snapshot().forEach((IngestCounter c, Long n) -> out.put(c.key(), n));
        return out;
    }
}
