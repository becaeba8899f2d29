package org.sflowmonitor.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Writes hsflowd-shaped counter samples of a {@link ClusterModel} straight into a buffer, in
 * XDR, with the records in hsflowd's order (reference section 7: it prepends, so host_descr
 * comes last). Written for speed, since the simulator shares the machine with the collector it
 * measures; {@code SimulatorTest} checks every sample against the real decoder.
 *
 * <p>Counters grow with the entity's uptime at a rate of their own that wobbles (never below half
 * of it), so deltas differ from round to round and never go backwards; 32-bit counters wrap
 * where their real counterparts would (CPU milliseconds, packets, interrupts).
 */
final class SampleWriter {

    static final int SUB_AGENT = 100_001;
    static final int DATAGRAM_HEADER_BYTES = 28;
    private static final int EXPANDED_COUNTER_SAMPLE = 4;
    private static final long U32 = 0xFFFFFFFFL;
    private static final long GIB = 1L << 30;

    private final ClusterModel model;
    private final byte[][] nodeNames;
    private final byte[] osRelease = "6.1.0-28-amd64".getBytes(StandardCharsets.US_ASCII);

    SampleWriter(ClusterModel model) {
        this.model = model;
        this.nodeNames = new byte[model.nodes()][];
    }

    /** Starts a datagram of node {@code node}; {@link #endDatagram} sets its sample count. */
    void startDatagram(ByteBuffer b, int node, long sequence, double uptimeSeconds) {
        b.putInt(5).putInt(1).put(model.agentAddress(node)).putInt(SUB_AGENT).putInt((int) sequence)
                .putInt((int) ((long) (uptimeSeconds * 1000) & U32)).putInt(0);
    }

    void endDatagram(ByteBuffer b, int samples) {
        b.putInt(DATAGRAM_HEADER_BYTES - 4, samples);
    }

    /** Seconds the node has been up at simulated second {@code t}. */
    double nodeUptime(int node, double t) {
        return 86_400 + model.fraction(node, -1, 10) * 40 * 86_400 + t;
    }

    /** The node's own sample (ds 2:1): virt_node, adapters, MIB-2 udp/tcp/icmp/ip, disk, memory, cpu, net, descr. */
    void nodeSample(ByteBuffer b, int node, long sequence, double t) {
        int sample = startSample(b, sequence, 2, 1, 11);
        double up = nodeUptime(node, t);
        double w = wobble(up, node, -1);
        int cpus = 16 << (int) Long.remainderUnsigned(model.hash(node, -1, 11), 3); // 16, 32 or 64
        long memory = cpus * 8L * GIB;
        long memFree = (long) (memory * (0.25 + 0.1 * Math.sin(up / 900)));

        int r = startRecord(b, 2100); // virt_node
        b.putInt(2400).putInt(cpus).putLong(memory).putLong(memFree).putInt(model.vmsPerNode());
        endRecord(b, r);

        r = startRecord(b, 2001); // host_adapters
        b.putInt(2);
        for (int a = 0; a < 2; a++) {
            b.putInt(2 + a).putInt(1);
            mac(b, model.nodeMac(node, a));
        }
        endRecord(b, r);

        r = startRecord(b, 2010); // mib2 udp
        u32(b, c(node, 20, 900, w), c(node, 21, 2, w), c(node, 22, 0.01, w), c(node, 23, 880, w),
                c(node, 24, 0.01, w), 0, 0);
        endRecord(b, r);
        r = startRecord(b, 2009); // mib2 tcp
        u32(b, 1, 200, 120_000, U32, c(node, 30, 20, w), c(node, 31, 40, w), c(node, 32, 0.5, w),
                c(node, 33, 0.3, w), 300 + (long) (100 * Math.sin(up / 300)), c(node, 34, 40_000, w),
                c(node, 35, 38_000, w), c(node, 36, 10, w), c(node, 37, 0.01, w), c(node, 38, 1, w), 0);
        endRecord(b, r);
        r = startRecord(b, 2008); // mib2 icmp
        u32(b, c(node, 40, 3, w), c(node, 41, 0.01, w), c(node, 42, 1, w), c(node, 43, 0.1, w), 0, 0, 0,
                c(node, 44, 2, w), c(node, 45, 0.5, w), 0, 0, 0, c(node, 46, 3, w), 0, c(node, 47, 0.5, w), 0, 0,
                0, 0, c(node, 48, 0.5, w), c(node, 49, 2, w), 0, 0, 0, 0);
        endRecord(b, r);
        r = startRecord(b, 2007); // mib2 ip
        u32(b, 1, 64, c(node, 50, 60_000, w), c(node, 51, 0.01, w), c(node, 52, 0.1, w), 0, 0, 0,
                c(node, 53, 59_000, w), c(node, 54, 55_000, w), 0, c(node, 55, 0.01, w), 60, 0, 0, 0,
                c(node, 56, 0.1, w), 0, c(node, 57, 0.2, w));
        endRecord(b, r);

        r = startRecord(b, 2005); // host_disk_io
        long diskTotal = 2_000L * GIB;
        b.putLong(diskTotal).putLong((long) (diskTotal * (0.6 - 0.05 * model.fraction(node, -1, 60))))
                .putInt((int) (4000 + 1000 * model.fraction(node, -1, 61)));
        u32(b, c(node, 62, 150, w));
        b.putLong(c64(node, 63, 6e6, w));
        u32(b, c(node, 64, 90, w), c(node, 65, 400, w));
        b.putLong(c64(node, 66, 2.5e7, w));
        u32(b, c(node, 67, 1_500, w));
        endRecord(b, r);

        r = startRecord(b, 2004); // host_memory
        b.putLong(memory).putLong(memFree).putLong(GIB).putLong(2 * GIB).putLong(memory / 6)
                .putLong(8 * GIB).putLong(8 * GIB);
        u32(b, c(node, 70, 2_000, w), c(node, 71, 15_000, w), 0, 0);
        endRecord(b, r);

        r = startRecord(b, 2003); // host_cpu, 80 bytes with steal/guest/guest_nice
        float load = (float) (cpus * 0.3 * (1 + 0.3 * Math.sin(up / 600)));
        b.putFloat(load).putFloat(load * 0.95f).putFloat(load * 0.9f);
        long ms = cpus * 1000L;
        u32(b, 2 + (long) (load / 4), 1200 + (long) (model.fraction(node, -1, 80) * 800), cpus, 2400, (long) up,
                c(node, 81, ms * 0.30, w), c(node, 82, ms * 0.01, w), c(node, 83, ms * 0.08, w),
                c(node, 84, ms * 0.58, w), c(node, 85, ms * 0.01, w), c(node, 86, ms * 0.005, w),
                c(node, 87, ms * 0.01, w), c(node, 88, 40_000, w), c(node, 89, 150_000, w), c(node, 90, ms * 0.002, w),
                c(node, 91, ms * 0.25, w), 0);
        endRecord(b, r);

        r = startRecord(b, 2006); // host_net_io
        b.putLong(c64(node, 100, 1.2e8, w));
        u32(b, c(node, 101, 110_000, w), 0, c(node, 102, 0.1, w));
        b.putLong(c64(node, 103, 1.0e8, w));
        u32(b, c(node, 104, 100_000, w), 0, 0);
        endRecord(b, r);

        r = startRecord(b, 2000); // host_descr
        string(b, nodeName(node));
        uuid(b, model.nodeUuid(node));
        b.putInt(3).putInt(2); // x86_64, linux
        string(b, osRelease);
        endRecord(b, r);
        endSample(b, sample);
    }

    /** A VM's sample (ds 3:index): adapters, virt_disk_io, virt_memory, virt_cpu, virt_net_io, host_parent, descr. */
    void vmSample(ByteBuffer b, int node, int vm, long sequence, double t) {
        int sample = startSample(b, sequence, 3, model.vmDsIndex(node, vm), 7);
        double up = 3_600 + model.fraction(node, vm, 10) * 30 * 86_400 + t;
        double w = wobble(up, node, vm);
        int cpus = model.vmCpus(node, vm);
        long memory = cpus * 2L * GIB;

        int r = startRecord(b, 2001); // host_adapters: the vNIC, ifIndex of its tap device
        b.putInt(1).putInt(100 + vm).putInt(1);
        mac(b, model.vmMac(node, vm));
        endRecord(b, r);

        r = startRecord(b, 2103); // virt_disk_io
        long capacity = 100 * GIB;
        long allocation = (long) (capacity * (0.2 + 0.5 * model.fraction(node, vm, 20)));
        b.putLong(capacity).putLong(allocation).putLong(capacity - allocation);
        u32(b, c(node, vm, 21, 20, w));
        b.putLong(c64(node, vm, 22, 8e5, w));
        u32(b, c(node, vm, 23, 40, w));
        b.putLong(c64(node, vm, 24, 2e6, w));
        u32(b, 0);
        endRecord(b, r);

        r = startRecord(b, 2102); // virt_memory; one VM in twenty has no limit (hsflowd sends 2^64-1)
        b.putLong(memory).putLong(model.hash(node, vm, 30) % 20 == 0 ? -1L : memory);
        endRecord(b, r);

        r = startRecord(b, 2101); // virt_cpu: running, cpuTime in ms (wraps after weeks)
        u32(b, 1, c(node, vm, 40, cpus * 1000.0 * (0.05 + 0.6 * model.fraction(node, vm, 41)), w), cpus);
        endRecord(b, r);

        r = startRecord(b, 2104); // virt_net_io
        b.putLong(c64(node, vm, 50, 2e5, w));
        u32(b, c(node, vm, 51, 300, w), 0, 0);
        b.putLong(c64(node, vm, 52, 4e5, w));
        u32(b, c(node, vm, 53, 350, w), 0, c(node, vm, 54, 0.01, w));
        endRecord(b, r);

        r = startRecord(b, 2002); // host_parent: the physical host 2:1
        b.putInt(2).putInt(1);
        endRecord(b, r);

        r = startRecord(b, 2000); // host_descr: libvirt name and UUID
        string(b, model.vmName(node, vm).getBytes(StandardCharsets.UTF_8));
        uuid(b, model.vmUuid(node, vm));
        b.putInt(0).putInt(0);
        string(b, new byte[0]);
        endRecord(b, r);
        endSample(b, sample);
    }

    /** An interface sample (ds 0:ifIndex) of adapter 0 or 1: generic counters and port name, as with packet sampling on. */
    void interfaceSample(ByteBuffer b, int node, int adapter, long sequence, double t) {
        long ifIndex = 2 + adapter;
        int sample = startSample(b, sequence, 0, ifIndex, 2);
        double w = wobble(nodeUptime(node, t), node, -2 - adapter);
        int k = 200 + 20 * adapter;
        int r = startRecord(b, 1);
        u32(b, ifIndex, 6);
        b.putLong(25_000_000_000L);
        u32(b, 1, 3);
        b.putLong(c64(node, k, 6e7, w));
        u32(b, c(node, k + 1, 55_000, w), c(node, k + 2, 5, w), c(node, k + 3, 2, w), 0, 0, U32);
        b.putLong(c64(node, k + 4, 5e7, w));
        u32(b, c(node, k + 5, 50_000, w), U32, U32, 0, 0, 0);
        endRecord(b, r);
        r = startRecord(b, 1005);
        string(b, ("enp65s0f" + adapter).getBytes(StandardCharsets.US_ASCII));
        endRecord(b, r);
        endSample(b, sample);
    }

    /** Upper bounds of the sizes, for packing datagrams. */
    static final int MAX_NODE_SAMPLE_BYTES = 800;
    static final int MAX_VM_SAMPLE_BYTES = 400;
    static final int MAX_INTERFACE_SAMPLE_BYTES = 160;

    private byte[] nodeName(int node) {
        byte[] name = nodeNames[node];
        if (name == null) {
            name = model.nodeName(node).getBytes(StandardCharsets.US_ASCII);
            nodeNames[node] = name;
        }
        return name;
    }

    /** A time that runs at between half and one and a half times real speed, differently per source. */
    private double wobble(double up, int node, int vm) {
        return up + 30 * Math.sin(up / 60 + 6.283 * model.fraction(node, vm, 9));
    }

    /** A 32-bit counter of the node growing at about {@code ratePerSecond}. */
    private long c(int node, int purpose, double ratePerSecond, double w) {
        return c(node, -1, purpose, ratePerSecond, w);
    }

    private long c(int node, int vm, int purpose, double ratePerSecond, double w) {
        return c64(node, vm, purpose, ratePerSecond, w) & U32;
    }

    private long c64(int node, int purpose, double ratePerSecond, double w) {
        return c64(node, -1, purpose, ratePerSecond, w);
    }

    /** A counter growing at between 0.5 and 1.5 times {@code ratePerSecond}, by source. */
    private long c64(int node, int vm, int purpose, double ratePerSecond, double w) {
        return (long) (ratePerSecond * (0.5 + model.fraction(node, vm, purpose)) * w);
    }

    private static int startSample(ByteBuffer b, long sequence, int dsClass, long dsIndex, int records) {
        b.putInt(EXPANDED_COUNTER_SAMPLE);
        int at = b.position();
        b.putInt(0).putInt((int) sequence).putInt(dsClass).putInt((int) dsIndex).putInt(records);
        return at;
    }

    private static void endSample(ByteBuffer b, int lengthAt) {
        b.putInt(lengthAt, b.position() - lengthAt - 4);
    }

    private static int startRecord(ByteBuffer b, int format) {
        b.putInt(format);
        int at = b.position();
        b.putInt(0);
        return at;
    }

    private static void endRecord(ByteBuffer b, int lengthAt) {
        b.putInt(lengthAt, b.position() - lengthAt - 4);
    }

    private static void u32(ByteBuffer b, long... values) {
        for (long v : values) {
            b.putInt((int) v);
        }
    }

    private static void string(ByteBuffer b, byte[] bytes) {
        b.putInt(bytes.length).put(bytes);
        for (int pad = (4 - bytes.length % 4) % 4; pad > 0; pad--) {
            b.put((byte) 0);
        }
    }

    private static void uuid(ByteBuffer b, UUID uuid) {
        b.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    }

    private static void mac(ByteBuffer b, long mac) {
        b.putShort((short) (mac >>> 32)).putInt((int) mac).putShort((short) 0);
    }
}
