package org.sflowmonitor.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.sflowmonitor.ingest.IngestCounter;
import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.store.BatchWriter;
import org.sflowmonitor.store.Heartbeats;

/** Who a collector is in its heartbeat row, and the counters the row carries. */
final class CollectorIdentity {

    private CollectorIdentity() {
    }

    /** instance.id, or "host name:sFlow port" (stable over restarts, distinct for two collectors on one machine). */
    static Heartbeats.Instance of(Settings settings, int sflowPort, long startedAt) {
        String hostName = hostName();
        String id = settings.instanceId().isEmpty() ? hostName + ":" + sflowPort : settings.instanceId();
        return new Heartbeats.Instance(id, hostName, sflowPort, Version.get(), startedAt,
                settings.heartbeatSeconds() * 1000L);
    }

    /** The ingest totals under collector.status's names, and the writer's queue and commits. */
    static Supplier<Map<String, Long>> counters(IngestStats stats, BatchWriter writer) {
        return () -> {
            Map<String, Long> out = new LinkedHashMap<>();
            stats.total().snapshot().forEach((IngestCounter c, Long n) -> out.put(c.key(), n));
            out.put("queue_depth", (long) writer.queueDepth());
            out.put("queue_capacity", (long) writer.queueCapacity());
            out.put("commits", writer.commits());
            out.put("last_commit_at", writer.lastCommitAt());
            out.put("writer_fault", writer.fault() == null ? 0L : 1L);
            return out;
        };
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String fromEnvironment = System.getenv("HOSTNAME");
            return fromEnvironment == null || fromEnvironment.isBlank() ? "unknown-host" : fromEnvironment;
        }
    }
}
