package org.sflowmonitor.store;

import java.util.ArrayList;
import java.util.Collection;
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
 * readers; a reader sees each entity's newest {@link Reading} whole. Each entity's values are
 * overwritten in place, so that storing a sample leaves no garbage that lives a polling interval.
 */
public final class LatestValues {

    /**
     * One sample's values in its table's {@link SampleTable#valueColumns() value columns} (NaN: not
     * known), received at {@code at} (epoch ms).
     */
    public record Reading(long at, double[] values) {
    }

    /** A VM as last seen on its node. */
    public static final class Vm {
        private final UUID uuid;
        private volatile String name;
        private final Values values = new Values(SampleTable.VM_SAMPLE);
        /** Writer thread only: the node that lists the VM. */
        private Node node;

        Vm(UUID uuid) {
            this.uuid = uuid;
        }

        public UUID uuid() {
            return uuid;
        }

        /** The libvirt name, or null until one came. */
        public String name() {
            return name;
        }

        /** A copy of the newest values; null before the first. */
        public Reading reading() {
            return values.reading();
        }
    }

    /** One interface of a node; {@code portName} may be null. */
    public static final class Interface {
        private final long ifIndex;
        private volatile String portName;
        private final Values values = new Values(SampleTable.INTERFACE_SAMPLE);

        Interface(long ifIndex) {
            this.ifIndex = ifIndex;
        }

        public long ifIndex() {
            return ifIndex;
        }

        public String portName() {
            return portName;
        }

        /** A copy of the newest values; null before the first. */
        public Reading reading() {
            return values.reading();
        }
    }

    /** A node: its id (the host id, which orders nodes into groups), its agent address and what it reported. */
    public static final class Node {
        private final long id;
        private final String agent;
        private volatile String hostname;
        private final Values host = new Values(SampleTable.HOST_SAMPLE);
        private final Values mib2 = new Values(SampleTable.HOST_MIB2_SAMPLE);
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

        /** A copy of the newest host_sample values, or null. */
        public Reading host() {
            return host.reading();
        }

        /** A copy of the newest host_mib2_sample values, or null. */
        public Reading mib2() {
            return mib2.reading();
        }

        public Collection<Vm> vms() {
            return vms.values();
        }

        public Collection<Interface> interfaces() {
            return interfaces.values();
        }
    }

    /** One entity's newest widened values of one table, overwritten by the writer, copied whole by readers. */
    private static final class Values {
        private final SampleTable table;
        private long at;
        private double[] values;

        Values(SampleTable table) {
            this.table = table;
        }

        synchronized Reading reading() {
            return values == null ? null : new Reading(at, values.clone());
        }

        /** Takes the raw values {@code fresh} received at {@code at} (widened in place) unless they are not newer. */
        synchronized void update(long at, double[] fresh) {
            if (values != null && at <= this.at) {
                return; // a sample written again (a retried batch) or a late one is not newer
            }
            CounterWidening.widen(table, values, fresh);
            if (values == null) {
                values = fresh.clone();
            } else {
                System.arraycopy(fresh, 0, values, 0, fresh.length);
            }
            this.at = at;
        }
    }

    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    /** The writer finds a node and a VM by its id (an array read) rather than by its key in a map of millions. */
    private final Slots<Node> nodesById = new Slots<>();
    private final Slots<Vm> vmsById = new Slots<>();
    /** Writer thread only: a sample's raw values before they are widened into an entity's. */
    private final double[] hostScratch = new double[SampleRows.HOST_SAMPLE.valueCount()];
    private final double[] mib2Scratch = new double[SampleRows.HOST_MIB2_SAMPLE.valueCount()];
    private final double[] vmScratch = new double[SampleRows.VM_SAMPLE.valueCount()];
    private final double[] ifScratch = new double[SampleRows.INTERFACE_SAMPLE.valueCount()];

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
            if (!sample.descr().hostname().equals(n.hostname)) {
                n.hostname = sample.descr().hostname();
            }
        }
        if (SampleRows.HOST_SAMPLE.hasRow(sample)) {
            n.host.update(sample.receivedAt(), SampleRows.HOST_SAMPLE.latestInto(sample, hostScratch));
        }
        if (SampleRows.HOST_MIB2_SAMPLE.hasRow(sample)) {
            n.mib2.update(sample.receivedAt(), SampleRows.HOST_MIB2_SAMPLE.latestInto(sample, mib2Scratch));
        }
    }

    /** The sample of the VM with id {@code vmId} (the writer's, one per UUID) on the node {@code hostId}. */
    void vm(long hostId, long vmId, VmSample sample) {
        if (!SampleRows.VM_SAMPLE.hasRow(sample)) {
            return;
        }
        Node n = nodeOf(hostId, sample.agent());
        Vm vm = vmsById.get(vmId);
        if (vm == null || !vm.uuid.equals(sample.uuid())) {
            // on H2 an id handed out in a rolled-back batch goes to the next new VM, maybe another one
            vm = new Vm(sample.uuid());
            vmsById.set(vmId, vm);
        }
        if (vm.node != n) {
            if (vm.node != null) {
                vm.node.vms.remove(vm.uuid);
            }
            n.vms.put(vm.uuid, vm);
            vm.node = n;
        }
        if (sample.name() != null && !sample.name().equals(vm.name)) {
            vm.name = sample.name(); // only when changed: a new string comes with every sample
        }
        vm.values.update(sample.receivedAt(), SampleRows.VM_SAMPLE.latestInto(sample, vmScratch));
    }

    void iface(long hostId, InterfaceSample sample) {
        Node n = nodeOf(hostId, sample.agent());
        Interface itf = n.interfaces.get(sample.ifIndex());
        if (itf == null) {
            itf = new Interface(sample.ifIndex());
            n.interfaces.put(sample.ifIndex(), itf);
        }
        if (sample.portName() != null && !sample.portName().isEmpty() && !sample.portName().equals(itf.portName)) {
            itf.portName = sample.portName();
        }
        itf.values.update(sample.receivedAt(), SampleRows.INTERFACE_SAMPLE.latestInto(sample, ifScratch));
    }

    private Node nodeOf(long hostId, String agent) {
        Node n = nodesById.get(hostId);
        if (n == null || !n.agent.equals(agent)) {
            // as for a VM: the id may have been handed out again to another agent
            n = nodes.computeIfAbsent(agent, a -> new Node(hostId, a));
            nodesById.set(hostId, n);
        }
        return n;
    }
}
