package org.sflowmonitor.ingest;

import java.util.Locale;

/** The ingest counters kept per agent and in total; {@link #key()} is the name shown by the API. */
public enum IngestCounter {
    DATAGRAMS_RECEIVED,
    DATAGRAMS_DECODED,
    /** Datagrams that could not be decoded at all. */
    DATAGRAMS_MALFORMED,
    /** Decoded datagrams with at least one malformed sample or record (the rest was kept). */
    DATAGRAMS_PARTLY_MALFORMED,
    /** Datagrams dropped before decoding because their source is not in agents.allow. */
    DATAGRAMS_DISALLOWED,
    /** Datagrams missing from an agent's sequence (lost on the wire or in the kernel). */
    DATAGRAMS_LOST,
    /** Datagrams that arrived after a later one (or twice). */
    DATAGRAMS_REORDERED,
    /** Times an agent's sequence or uptime went back (agent restart). */
    AGENT_RESETS,
    SAMPLES_RECEIVED,
    COUNTER_SAMPLES,
    FLOW_SAMPLES,
    /** Counter samples missing from a data source's sequence. */
    COUNTER_SAMPLES_LOST,
    SAMPLES_UNKNOWN,
    SAMPLES_MALFORMED,
    /** Counter samples with nothing we store (e.g. a switch's processor counters only). */
    SAMPLES_IGNORED,
    /** VM samples that carried no UUID and whose data source was never seen with one. */
    SAMPLES_WITHOUT_IDENTITY,
    /** Samples refused because their agent already created agent.max.vms VMs. */
    SAMPLES_OVER_ENTITY_LIMIT,
    SAMPLES_QUEUED,
    /** Samples lost because the writer's queue was full. */
    QUEUE_DROPS,
    SAMPLES_STORED,
    /** Samples lost because the database refused them (not a passing fault). */
    WRITE_ERRORS,
    RECORDS_DECODED,
    RECORDS_UNKNOWN,
    RECORDS_MALFORMED;

    /** The counter's name in API output, e.g. {@code datagrams_received}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
