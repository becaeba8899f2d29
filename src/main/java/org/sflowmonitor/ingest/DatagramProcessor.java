package org.sflowmonitor.ingest;

import java.net.InetAddress;
import java.util.UUID;

import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.sflow.Sample;
import org.sflowmonitor.sflow.SflowDatagram;

/**
 * Turns decoded datagrams into {@link EntitySample}s for the sink and keeps the counters:
 * sequence gaps per (agent, sub-agent) and per data source, unknown and malformed parts,
 * queue drops. Attribution follows what hsflowd sends (reference section 7): the node is its
 * agent address whatever the sub-agent; ds class 2 is the node itself, ds class 3 (or a sample
 * with host_parent or virt_* records) a VM known by the UUID of its host_descr, ds class 0 an
 * interface. Thread-safe; called from the UDP event loops.
 */
public final class DatagramProcessor {

    /** Bounds of the sequence bookkeeping, so that spoofed agents and data sources cannot exhaust the heap. */
    private static final int MAX_AGENTS = 100_000;
    private static final int MAX_SUB_AGENTS = 64;
    /** Data sources of one agent besides its VMs: the node itself and its interfaces. */
    private static final int MAX_OTHER_DATA_SOURCES = 1_000;
    private static final int DEFAULT_MAX_VMS_PER_AGENT = 5_000;

    private final IngestStats stats;
    private final SampleSink sink;
    private final SequenceTracker datagramSequences = new SequenceTracker(MAX_AGENTS, MAX_SUB_AGENTS);
    /** The datagram streams of senders in conflict with an agent's owner, by agent and sender. */
    private final SequenceTracker conflictingSequences = new SequenceTracker(MAX_AGENTS, MAX_SUB_AGENTS);
    private final SequenceTracker sampleSequences;

    /** With the default bound of agent.max.vms (5000). */
    public DatagramProcessor(IngestStats stats, SampleSink sink) {
        this(stats, sink, DEFAULT_MAX_VMS_PER_AGENT);
    }

    /** @param maxVmsPerAgent agent.max.vms: also bounds the data sources followed per agent */
    public DatagramProcessor(IngestStats stats, SampleSink sink, int maxVmsPerAgent) {
        this.stats = stats;
        this.sink = sink;
        this.sampleSequences = new SequenceTracker(MAX_AGENTS, maxVmsPerAgent + MAX_OTHER_DATA_SOURCES);
    }

    public IngestStats stats() {
        return stats;
    }

    /** Counts a datagram that could not be decoded; {@code agent} is its agent or source address. */
    public void malformed(InetAddress agent) {
        String key = agent == null ? UNKNOWN_AGENT : AgentAddress.text(agent);
        stats.increment(key, IngestCounter.DATAGRAMS_RECEIVED);
        stats.increment(key, IngestCounter.DATAGRAMS_MALFORMED);
    }

    /** Key of the counters of datagrams with neither an agent address nor a known sender. */
    public static final String UNKNOWN_AGENT = "unknown";

    /** Processes one decoded datagram; false when it was set apart as a second sender's (see {@link AgentSenders}). */
    public boolean process(SflowDatagram datagram) {
        InetAddress agent = datagram.agentAddress() != null ? datagram.agentAddress()
                : datagram.sender() != null ? datagram.sender().getAddress() : null;
        String key = agent == null ? UNKNOWN_AGENT : AgentAddress.text(agent);
        AgentCounters counters = stats.counters(key);
        stats.seen(counters, datagram.receivedAtMillis());
        try {
            return handOn(key, counters, datagram);
        } finally {
            // counted last: a datagram counted as received has its samples counted as queued or
            // dropped, so that whoever compares the counters never sees it received but its samples not
            stats.increment(counters, IngestCounter.DATAGRAMS_DECODED);
            stats.increment(counters, IngestCounter.DATAGRAMS_RECEIVED);
        }
    }

    /** Judges the datagram's sender, follows its sequences and hands its samples on; false when set apart. */
    private boolean handOn(String key, AgentCounters counters, SflowDatagram datagram) {
        if (stats.senders().judge(key, datagram.subAgentId(), datagram.sender(), datagram.sequenceNumber(),
                datagram.uptimeMillis(), datagram.receivedAtMillis()) == AgentSenders.Verdict.CONFLICTING) {
            setApart(key, counters, datagram);
            return false;
        }
        trackDatagramSequence(datagramSequences, key, counters, datagram);
        SequenceTracker.AgentStreams sources = null;
        boolean partlyMalformed = false;
        for (Sample sample : datagram.samples()) {
            stats.increment(counters, IngestCounter.SAMPLES_RECEIVED);
            if (sample instanceof Sample.Counters c) {
                if (sources == null) {
                    sources = sampleSequences.agent(key);
                }
                partlyMalformed |= processCounters(key, counters, sources, datagram, c);
            } else if (sample instanceof Sample.Flow) {
                stats.increment(counters, IngestCounter.FLOW_SAMPLES);
            } else if (sample instanceof Sample.Unknown) {
                stats.increment(counters, IngestCounter.SAMPLES_UNKNOWN);
            } else {
                stats.increment(counters, IngestCounter.SAMPLES_MALFORMED);
                partlyMalformed = true;
            }
        }
        if (partlyMalformed) {
            stats.increment(counters, IngestCounter.DATAGRAMS_PARTLY_MALFORMED);
        }
        return true;
    }

    /**
     * A datagram of a sender in conflict with the agent's owner: its sequence is followed on its
     * own (its real losses count, the interleaving does not), its samples are not stored, so
     * that no rate is computed across two senders.
     */
    private void setApart(String key, AgentCounters counters, SflowDatagram d) {
        stats.increment(counters, IngestCounter.DATAGRAMS_CONFLICTING);
        trackDatagramSequence(conflictingSequences, key + " from " + AgentSenders.text(d.sender()), counters, d);
        stats.add(counters, IngestCounter.SAMPLES_RECEIVED, d.samples().size());
        stats.add(counters, IngestCounter.SAMPLES_CONFLICTING, d.samples().size());
    }

    private void trackDatagramSequence(SequenceTracker sequences, String key, AgentCounters counters,
                                       SflowDatagram d) {
        SequenceTracker.Step step = sequences.next(key, d.subAgentId(), d.sequenceNumber(), d.uptimeMillis());
        stats.add(counters, IngestCounter.DATAGRAMS_LOST, step.lost());
        if (step.reordered()) {
            stats.increment(counters, IngestCounter.DATAGRAMS_REORDERED);
        }
        if (step.reset()) {
            stats.increment(counters, IngestCounter.AGENT_RESETS);
        }
    }

    /** Returns true when the sample had malformed records. */
    private boolean processCounters(String key, AgentCounters counters, SequenceTracker.AgentStreams sources,
                                    SflowDatagram d, Sample.Counters sample) {
        stats.increment(counters, IngestCounter.COUNTER_SAMPLES);
        long source = ((long) sample.sourceIdType() << 32) | sample.sourceIdIndex();
        SequenceTracker.Step step = SequenceTracker.next(sources, source, sample.sequenceNumber(), -1);
        stats.add(counters, IngestCounter.COUNTER_SAMPLES_LOST, step.lost());

        RecordSet r = new RecordSet();
        for (CounterRecord record : sample.records()) {
            r.add(record);
        }
        stats.add(counters, IngestCounter.RECORDS_DECODED, r.decoded);
        stats.add(counters, IngestCounter.RECORDS_UNKNOWN, r.unknown);
        stats.add(counters, IngestCounter.RECORDS_MALFORMED, r.malformed);

        EntitySample entity = attribute(key, counters, d.receivedAtMillis(), sample, r);
        if (entity != null) {
            if (sink.offer(entity)) {
                stats.increment(counters, IngestCounter.SAMPLES_QUEUED);
            } else {
                stats.increment(counters, IngestCounter.QUEUE_DROPS);
            }
        }
        return r.malformed > 0;
    }

    private EntitySample attribute(String key, AgentCounters counters, long at, Sample.Counters source, RecordSet r) {
        boolean isVm = source.sourceIdType() == 3 || r.parent != null || r.hasVirt();
        if (isVm && (r.descr != null || r.hasVirt())) {
            if (r.descr == null || isZero(r.descr.uuid())) {
                // a VM is its UUID; its ds_index is only a hash of it (reference section 7.3)
                stats.increment(counters, IngestCounter.SAMPLES_WITHOUT_IDENTITY);
                return null;
            }
            String name = r.descr.hostname().isEmpty() ? null : r.descr.hostname();
            return new EntitySample.VmSample(key, at, r.decoded, r.descr.uuid(), name, source.sourceIdIndex(),
                    r.adapters, r.virtCpu, r.virtMemory, r.virtDisk, r.virtNet);
        }
        if (!isVm && r.hasHost()) {
            return new EntitySample.NodeSample(key, at, r.decoded, r.descr, r.adapters, r.hostCpu, r.hostMemory,
                    r.hostDisk, r.hostNet, r.virtNode, r.ip, r.icmp, r.tcp, r.udp);
        }
        if (source.sourceIdType() == 0 && (r.ifCounters != null || r.ethernet != null)) {
            long ifIndex = r.ifCounters != null ? r.ifCounters.ifIndex() : source.sourceIdIndex();
            return new EntitySample.InterfaceSample(key, at, r.decoded, ifIndex, r.ifCounters, r.ethernet,
                    r.portName == null ? null : r.portName.name());
        }
        stats.increment(counters, IngestCounter.SAMPLES_IGNORED);
        return null;
    }

    private static boolean isZero(UUID uuid) {
        return uuid == null || (uuid.getMostSignificantBits() == 0 && uuid.getLeastSignificantBits() == 0);
    }

    /** The records of one counter sample, by type (the last one wins when a type repeats). */
    private static final class RecordSet {
        int decoded;
        int unknown;
        int malformed;
        CounterRecord.HostDescr descr;
        CounterRecord.HostAdapters adapters;
        CounterRecord.HostParent parent;
        CounterRecord.HostCpu hostCpu;
        CounterRecord.HostMemory hostMemory;
        CounterRecord.HostDiskIo hostDisk;
        CounterRecord.HostNetIo hostNet;
        CounterRecord.VirtNode virtNode;
        CounterRecord.MibIp ip;
        CounterRecord.MibIcmp icmp;
        CounterRecord.MibTcp tcp;
        CounterRecord.MibUdp udp;
        CounterRecord.VirtCpu virtCpu;
        CounterRecord.VirtMemory virtMemory;
        CounterRecord.VirtDiskIo virtDisk;
        CounterRecord.VirtNetIo virtNet;
        CounterRecord.IfCounters ifCounters;
        CounterRecord.EthernetCounters ethernet;
        CounterRecord.PortName portName;

        void add(CounterRecord record) {
            if (record instanceof CounterRecord.Unknown) {
                unknown++;
            } else if (record instanceof CounterRecord.Malformed) {
                malformed++;
            } else {
                decoded++;
                keep(record);
            }
        }

        private void keep(CounterRecord record) {
            switch (record.format()) {
                case CounterRecord.HostDescr.FORMAT -> descr = (CounterRecord.HostDescr) record;
                case CounterRecord.HostAdapters.FORMAT -> adapters = (CounterRecord.HostAdapters) record;
                case CounterRecord.HostParent.FORMAT -> parent = (CounterRecord.HostParent) record;
                case CounterRecord.HostCpu.FORMAT -> hostCpu = (CounterRecord.HostCpu) record;
                case CounterRecord.HostMemory.FORMAT -> hostMemory = (CounterRecord.HostMemory) record;
                case CounterRecord.HostDiskIo.FORMAT -> hostDisk = (CounterRecord.HostDiskIo) record;
                case CounterRecord.HostNetIo.FORMAT -> hostNet = (CounterRecord.HostNetIo) record;
                case CounterRecord.VirtNode.FORMAT -> virtNode = (CounterRecord.VirtNode) record;
                case CounterRecord.MibIp.FORMAT -> ip = (CounterRecord.MibIp) record;
                case CounterRecord.MibIcmp.FORMAT -> icmp = (CounterRecord.MibIcmp) record;
                case CounterRecord.MibTcp.FORMAT -> tcp = (CounterRecord.MibTcp) record;
                case CounterRecord.MibUdp.FORMAT -> udp = (CounterRecord.MibUdp) record;
                case CounterRecord.VirtCpu.FORMAT -> virtCpu = (CounterRecord.VirtCpu) record;
                case CounterRecord.VirtMemory.FORMAT -> virtMemory = (CounterRecord.VirtMemory) record;
                case CounterRecord.VirtDiskIo.FORMAT -> virtDisk = (CounterRecord.VirtDiskIo) record;
                case CounterRecord.VirtNetIo.FORMAT -> virtNet = (CounterRecord.VirtNetIo) record;
                case CounterRecord.IfCounters.FORMAT -> ifCounters = (CounterRecord.IfCounters) record;
                case CounterRecord.EthernetCounters.FORMAT -> ethernet = (CounterRecord.EthernetCounters) record;
                case CounterRecord.PortName.FORMAT -> portName = (CounterRecord.PortName) record;
                default -> { } // decoded but not stored: VLAN and processor counters
            }
        }

        boolean hasVirt() {
            return virtCpu != null || virtMemory != null || virtDisk != null || virtNet != null;
        }

        boolean hasHost() {
            return descr != null || adapters != null || hostCpu != null || hostMemory != null || hostDisk != null
                    || hostNet != null || virtNode != null || ip != null || icmp != null || tcp != null || udp != null;
        }
    }
}
