package org.sflowmonitor.ingest;

import java.util.Locale;

/**
 * The ingest counters kept per agent and in total; {@link #key()} is the name shown by the API.
 * They add up (per agent and in total, once the writer's queue is empty):
 * <pre>
 * datagrams_received = datagrams_decoded + datagrams_malformed     (disallowed ones are not received)
 * samples_received   = counter_samples + flow_samples + samples_unknown + samples_malformed + samples_conflicting
 * counter_samples    = samples_queued + queue_drops + samples_ignored + samples_without_identity
 * samples_queued     = samples_stored + samples_over_entity_limit + write_errors + samples still queued
 * </pre>
 */
public enum IngestCounter {
    DATAGRAMS_RECEIVED,
    DATAGRAMS_DECODED,
    /** Datagrams that could not be decoded at all. */
    DATAGRAMS_MALFORMED,
    /** Decoded datagrams with at least one malformed sample or record (the rest was kept). */
    DATAGRAMS_PARTLY_MALFORMED,
    /** Datagrams dropped before decoding because their source is not in agents.allow (per source address). */
    DATAGRAMS_DISALLOWED,
    /** Datagrams missing from an agent's sequence per sub-agent (lost on the wire or in the kernel). */
    DATAGRAMS_LOST,
    /** Datagrams that arrived after a later one (or twice). */
    DATAGRAMS_REORDERED,
    /** Times an agent's datagram sequence or uptime went back (agent restart): a reset, not a loss. */
    AGENT_RESETS,
    /**
     * Datagrams of a second sender claiming the agent address and sub-agent of another while it
     * sends (see {@link AgentSenders}): followed apart, their samples not stored.
     */
    DATAGRAMS_CONFLICTING,
    SAMPLES_RECEIVED,
    COUNTER_SAMPLES,
    FLOW_SAMPLES,
    /** Counter samples missing from a data source's sequence. */
    COUNTER_SAMPLES_LOST,
    SAMPLES_UNKNOWN,
    SAMPLES_MALFORMED,
    /** Samples of {@link #DATAGRAMS_CONFLICTING} datagrams, not stored. */
    SAMPLES_CONFLICTING,
    /** Counter samples with nothing we store (e.g. a switch's processor counters only). */
    SAMPLES_IGNORED,
    /** VM samples that carried no UUID and whose data source was never seen with one. */
    SAMPLES_WITHOUT_IDENTITY,
    /** Samples refused because their agent already has agent.max.vms VMs (or too many nodes exist). */
    SAMPLES_OVER_ENTITY_LIMIT,
    SAMPLES_QUEUED,
    /** Samples lost because the writer's queue was full. */
    QUEUE_DROPS,
    SAMPLES_STORED,
    /** Samples lost because the database refused them, or it was down when the service stopped. */
    WRITE_ERRORS,
    RECORDS_DECODED,
    RECORDS_UNKNOWN,
    RECORDS_MALFORMED,
    /** Decoded records of the samples stored. */
    RECORDS_STORED;

    /** The counter's name in API output, e.g. {@code datagrams_received}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
