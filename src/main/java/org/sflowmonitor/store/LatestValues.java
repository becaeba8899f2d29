package org.sflowmonitor.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.sflowmonitor.ingest.EntitySample.InterfaceSample;
import org.sflowmonitor.ingest.EntitySample.NodeSample;
import org.sflowmonitor.ingest.EntitySample.VmSample;

/**
 * The newest values of every node, VM and interface, in memory, for /metrics: kept by the writer
 * as it stores each sample, with the counters widened ({@link CounterWidening}) so that they only
 * fall when the agent really restarted. Grouped by node (its agent address), so that one node or
 * a group of nodes is read without looking at the others. One writer thread, any number of
 * readers; a reader sees each entity's newest {@link Reading} whole.
 */
public final class LatestValues {

    /**
     * One sample's values in its table's {@link SampleTable#valueColumns() value columns} (NaN: not
     * known), received at {@code at} (epoch ms).
     */
    public record Reading(long at, double[] values) {
    }

    /** A VM as last seen on its node. */
    public record Vm(UUID uuid, String name, Reading reading) {
    }

    /** One interface of a node; {@code portName} may be null. */
    public record Interface(long ifIndex, String portName, Reading reading) {
    }

    /** A node: its id (the host id, which orders nodes into groups), its agent address and what it reported. */
    public static final class Node {
        private final long id;
        private final String agent;
        private volatile String hostname;
        private volatile Reading host;
        private volatile Reading mib2;
        private final Map<UUID, Vm> vms = new ConcurrentHashMap<>();
        private final Map<Long, Interface> interfaces = new ConcurrentHashMap<>();

        Node(long id, String agent) {
            this.id = id;
            this.agent = agent;
        }

        public long id() {
            return id;
        }

        public String agent() {
            return agent;
        }

        /** The node's host name, or null until its description came. */
        public String hostname() {
            return hostname;
        }

        /** The newest host_sample values, or null. */
        public Reading host() {
            return host;
        }

        /** The newest host_mib2_sample values, or null. */
        public Reading mib2() {
            return mib2;
        }

        public Collection<Vm> vms() {
            return vms.values();
        }

        public Collection<Interface> interfaces() {
            return interfaces.values();
        }
    }

    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    /** Writer thread only: the node each VM was last seen on, so that a VM that moved leaves its old node. */
    private final Map<UUID, Node> nodeOfVm = new HashMap<>();

    /** Every node ever seen since the start, in no order. */
    public Collection<Node> nodes() {
        return nodes.values();
    }

    /** The node of this agent address, or null. */
    public Node node(String agent) {
        return nodes.get(agent);
    }

    /** The nodes whose id is in [{@code fromId}, {@code toId}). */
    public List<Node> nodesWithIds(long fromId, long toId) {
        List<Node> out = new ArrayList<>();
        for (Node n : nodes.values()) {
            if (n.id >= fromId && n.id < toId) {
                out.add(n);
            }
        }
        return out;
    }

    void node(long hostId, NodeSample sample) {
        Node n = nodeOf(hostId, sample.agent());
        if (sample.descr() != null && sample.descr().hostname() != null && !sample.descr().hostname().isEmpty()) {
            n.hostname = sample.descr().hostname();
        }
        if (SampleRows.HOST_SAMPLE.hasRow(sample)) {
            n.host = next(SampleTable.HOST_SAMPLE, n.host, sample.receivedAt(), SampleRows.HOST_SAMPLE.latest(sample));
        }
        if (SampleRows.HOST_MIB2_SAMPLE.hasRow(sample)) {
            n.mib2 = next(SampleTable.HOST_MIB2_SAMPLE, n.mib2, sample.receivedAt(),
                    SampleRows.HOST_MIB2_SAMPLE.latest(sample));
        }
    }

    void vm(long hostId, VmSample sample) {
        if (!SampleRows.VM_SAMPLE.hasRow(sample)) {
            return;
        }
        Node n = nodeOf(hostId, sample.agent());
        Node before = nodeOfVm.put(sample.uuid(), n);
        Vm previous = before == null ? null : before.vms.get(sample.uuid());
        if (before != null && before != n) {
            before.vms.remove(sample.uuid());
        }
        String name = sample.name() != null ? sample.name() : previous == null ? null : previous.name();
        n.vms.put(sample.uuid(), new Vm(sample.uuid(), name, next(SampleTable.VM_SAMPLE,
                previous == null ? null : previous.reading(), sample.receivedAt(), SampleRows.VM_SAMPLE.latest(sample))));
    }

    void iface(long hostId, InterfaceSample sample) {
        Node n = nodeOf(hostId, sample.agent());
        Interface previous = n.interfaces.get(sample.ifIndex());
        String portName = sample.portName() != null && !sample.portName().isEmpty() ? sample.portName()
                : previous == null ? null : previous.portName();
        n.interfaces.put(sample.ifIndex(), new Interface(sample.ifIndex(), portName, next(SampleTable.INTERFACE_SAMPLE,
                previous == null ? null : previous.reading(), sample.receivedAt(),
                SampleRows.INTERFACE_SAMPLE.latest(sample))));
    }

    private Node nodeOf(long hostId, String agent) {
        return nodes.computeIfAbsent(agent, a -> new Node(hostId, a));
    }

    private static Reading next(SampleTable table, Reading previous, long at, double[] values) {
        if (previous != null && at <= previous.at()) {
            return previous; // a sample written again (a retried batch) or a late one is not newer
        }
        CounterWidening.widen(table, previous == null ? null : previous.values(), values);
        return new Reading(at, values);
    }
}
