package org.sflowmonitor.bench;

import java.util.Arrays;
import java.util.UUID;

/**
 * Who is in a simulated KVM cluster: N nodes with M VMs each, every identity derived from the
 * node and VM numbers and a seed, so the simulator and the query database's filler name the
 * same nodes and VMs. Node n (from 0) is the agent 10.a.b.c with a.b.c = n + 1; its VMs' ds
 * indexes are 100000 + hash(UUID) mod 50000 with linear probing, as hsflowd picks them
 * (reference section 7.3).
 */
public final class ClusterModel {

    public static final int FIRST_VM_DS_INDEX = 100_000;
    public static final int VM_DS_INDEXES = 50_000;
    /** Every tenth VM has a libvirt name longer than host_descr's 64 bytes, as hsflowd sends them. */
    private static final String LONG_NAME_SUFFIX = "-web-frontend-production-eu-west-1-with-a-long-libvirt-name";

    private final int nodes;
    private final int vmsPerNode;
    private final long seed;
    /** Of every 100 VMs (numbered across the cluster), how many are replaced by new ones (other UUIDs and names). */
    private final int replacedPercent;
    private final int[] dsIndexes;

    public ClusterModel(int nodes, int vmsPerNode, long seed) {
        this(nodes, vmsPerNode, seed, 0);
    }

    private ClusterModel(int nodes, int vmsPerNode, long seed, int replacedPercent) {
        if (nodes < 1 || nodes > 16_000_000 || vmsPerNode < 0 || vmsPerNode > VM_DS_INDEXES) {
            throw new IllegalArgumentException("nodes must be 1..16000000 and VMs per node 0..50000");
        }
        this.nodes = nodes;
        this.vmsPerNode = vmsPerNode;
        this.seed = seed;
        this.replacedPercent = replacedPercent;
        this.dsIndexes = new int[nodes * vmsPerNode];
        boolean[] taken = new boolean[VM_DS_INDEXES];
        for (int n = 0; n < nodes; n++) {
            Arrays.fill(taken, false);
            for (int v = 0; v < vmsPerNode; v++) {
                int slot = (int) Long.remainderUnsigned(vmUuid(n, v).getLeastSignificantBits(), VM_DS_INDEXES);
                while (taken[slot]) {
                    slot = (slot + 1) % VM_DS_INDEXES;
                }
                taken[slot] = true;
                dsIndexes[n * vmsPerNode + v] = FIRST_VM_DS_INDEX + slot;
            }
        }
    }

    /**
     * The same cluster after churn: the VMs whose number across the cluster (node × VMs per node +
     * VM) is below {@code percent} modulo 100 replaced by new VMs (new UUIDs, names and ds indexes);
     * the nodes and the other VMs unchanged.
     */
    public ClusterModel withReplacedVms(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 0..100");
        }
        return new ClusterModel(nodes, vmsPerNode, seed, percent);
    }

    public int nodes() {
        return nodes;
    }

    public int vmsPerNode() {
        return vmsPerNode;
    }

    /** Data sources per polling round: each node and each VM. */
    public long sources() {
        return (long) nodes * (vmsPerNode + 1);
    }

    /** The node's agent address, 4 bytes. */
    public byte[] agentAddress(int node) {
        int x = node + 1;
        return new byte[] {10, (byte) (x >>> 16), (byte) (x >>> 8), (byte) x};
    }

    public String agentText(int node) {
        int x = node + 1;
        return "10." + ((x >>> 16) & 255) + "." + ((x >>> 8) & 255) + "." + (x & 255);
    }

    public String nodeName(int node) {
        return String.format("kvm-node-%05d", node);
    }

    public UUID nodeUuid(int node) {
        return uuid(node, -1);
    }

    public UUID vmUuid(int node, int vm) {
        return uuid(node, vm);
    }

    public String vmName(int node, int vm) {
        String hex = Long.toHexString((long) node * vmsPerNode + vm);
        String name = "instance-" + "00000000".substring(Math.min(8, hex.length())) + hex
                + (replaced(node, vm) ? "-r" : "");
        return vm % 10 == 9 ? name + LONG_NAME_SUFFIX : name;
    }

    public int vmDsIndex(int node, int vm) {
        return dsIndexes[node * vmsPerNode + vm];
    }

    /** MAC of the node's adapter 0 or 1 (ifIndex 2 and 3): 3c:ec:ef followed by the node number. */
    public long nodeMac(int node, int adapter) {
        return 0x3CECEF000000L | (((long) node * 2 + adapter) & 0xFFFFFF);
    }

    /** The VM's vNIC MAC: 52:54:00 followed by the VM's number. */
    public long vmMac(int node, int vm) {
        return 0x525400000000L | (((long) node * vmsPerNode + vm) & 0xFFFFFF);
    }

    /** 1, 2, 4 or 8 virtual CPUs. */
    public int vmCpus(int node, int vm) {
        return 1 << (int) Long.remainderUnsigned(hash(node, vm, 3), 4);
    }

    /** A number in [0, 1) that stays the same for this entity and purpose. */
    public double fraction(int node, int vm, int purpose) {
        return (hash(node, vm, purpose) >>> 11) * 0x1.0p-53;
    }

    public long hash(int node, int vm, int purpose) {
        return mix(seed ^ mix(((long) node << 32) ^ (vm & 0xFFFFFFFFL)) ^ mix(purpose + 0x51L));
    }

    private boolean replaced(int node, int vm) {
        return vm >= 0 && ((long) node * vmsPerNode + vm) % 100 < replacedPercent;
    }

    private UUID uuid(int node, int vm) {
        int purpose = replaced(node, vm) ? 101 : 1;
        long high = hash(node, vm, purpose);
        long low = hash(node, vm, purpose + 1);
        // version 4, IETF variant, as libvirt and DMI UUIDs look
        high = (high & ~0xF000L) | 0x4000L;
        low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
