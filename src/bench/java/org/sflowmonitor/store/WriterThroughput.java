package org.sflowmonitor.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.sflowmonitor.ingest.EntitySample;
import org.sflowmonitor.ingest.IngestCounter;
import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.sflow.CounterRecord.*;
import org.sflowmonitor.sflow.MacAddress;

/**
 * Store-only throughput: offers node and VM samples to the batch writer at a fixed rate (as a
 * cluster of nodes with VMs polled every 20 s would) into an H2 file database, and reports what
 * was stored, dropped and the heap, every 5 s and at the end. Not a unit test. Run with:
 * <pre>
 * mvn -q test-compile &amp;&amp; java -Xmx1g -cp target/classes:target/test-classes:$(cat target/test-classpath.txt) \
 *     org.sflowmonitor.store.WriterThroughput [seconds=60] [samples/s=50000] [nodes=10000] [vms/node=100] [dir]
 * </pre>
 */
public final class WriterThroughput {

    public static void main(String[] args) throws Exception {
        int seconds = arg(args, 0, 60);
        int rate = arg(args, 1, 50_000);
        int nodes = arg(args, 2, 10_000);
        int vmsPerNode = arg(args, 3, 100);
        Path dir = args.length > 4 ? Path.of(args[4]) : Files.createTempDirectory("sflow-throughput");
        System.out.printf("%d s at %d samples/s, %d nodes x %d VMs, database in %s%n", seconds, rate, nodes,
                vmsPerNode, dir);

        List<EntitySample> cluster = cluster(nodes, vmsPerNode);
        IngestStats stats = new IngestStats(100_000);
        try (Database db = TestCollector.open(dir)) {
            BatchWriter writer = new BatchWriter(db.dataSource(), stats,
                    new BatchWriter.Config(65_536, 2_000, 100_000, 5_000)).start();
            long start = System.nanoTime();
            long offered = 0;
            long drops = 0;
            int next = 0;
            long nextReport = 5;
            while (true) {
                long elapsedNanos = System.nanoTime() - start;
                if (elapsedNanos >= seconds * 1_000_000_000L) {
                    break;
                }
                long due = elapsedNanos * rate / 1_000_000_000L;
                long now = System.currentTimeMillis();
                while (offered < due) {
                    EntitySample s = at(cluster.get(next), now);
                    next = (next + 1) % cluster.size();
                    offered++;
                    if (!writer.offer(s)) {
                        drops++;
                    }
                }
                if (elapsedNanos / 1_000_000_000L >= nextReport) {
                    report(nextReport, offered, drops, stats, writer);
                    nextReport += 5;
                }
                Thread.sleep(1);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long storedAtEnd = stats.total().get(IngestCounter.SAMPLES_STORED);
            writer.close();
            long stored = stats.total().get(IngestCounter.SAMPLES_STORED);
            System.out.printf("offered %d, stored %d (%.0f/s during the run), dropped %d, write errors %d, "
                            + "over limit %d, drained after the run %d, commits %d%n", offered, stored,
                    storedAtEnd / elapsed, drops, stats.total().get(IngestCounter.WRITE_ERRORS),
                    stats.total().get(IngestCounter.SAMPLES_OVER_ENTITY_LIMIT), stored - storedAtEnd,
                    writer.commits());
            System.out.printf("database %d MiB%n", db.sizeBytes() >> 20);
        }
    }

    private static void report(long second, long offered, long drops, IngestStats stats, BatchWriter writer) {
        Runtime rt = Runtime.getRuntime();
        System.out.printf("%3d s: offered %d, stored %d, dropped %d, queued %d, heap %d MiB%n", second, offered,
                stats.total().get(IngestCounter.SAMPLES_STORED), drops, writer.pending(),
                (rt.totalMemory() - rt.freeMemory()) >> 20);
    }

    /** One node sample and its VMs' samples per node, in polling order. */
    static List<EntitySample> cluster(int nodes, int vmsPerNode) {
        Random random = new Random(42);
        List<EntitySample> out = new ArrayList<>(nodes * (vmsPerNode + 1));
        for (int n = 0; n < nodes; n++) {
            String agent = "10." + (n >> 16 & 0xFF) + "." + (n >> 8 & 0xFF) + "." + (n & 0xFF);
            long seed = n * 1000L;
            out.add(new EntitySample.NodeSample(agent, 0, 11,
                    new HostDescr("kvm-node-" + n, new UUID(random.nextLong(), random.nextLong()), 3, 2, "6.1.0"),
                    SimulatedCluster.adapters(new HostAdapter(2, List.of(new MacAddress(0x3cecef000000L + n)))),
                    RecordColumns.generate(HostCpu.class, seed + 1), RecordColumns.generate(HostMemory.class, seed + 2),
                    RecordColumns.generate(HostDiskIo.class, seed + 3), RecordColumns.generate(HostNetIo.class, seed + 4),
                    RecordColumns.generate(VirtNode.class, seed + 5), RecordColumns.generate(MibIp.class, seed + 6),
                    RecordColumns.generate(MibIcmp.class, seed + 7), RecordColumns.generate(MibTcp.class, seed + 8),
                    RecordColumns.generate(MibUdp.class, seed + 9)));
            for (int v = 0; v < vmsPerNode; v++) {
                long vmSeed = seed + 10 + v * 5L;
                out.add(new EntitySample.VmSample(agent, 0, 7, new UUID(random.nextLong(), random.nextLong()),
                        "instance-" + n + "-" + v, 100_000 + v,
                        SimulatedCluster.adapters(new HostAdapter(17, List.of(new MacAddress(random.nextLong()
                                & 0xFFFF_FFFF_FFFFL)))),
                        RecordColumns.generate(VirtCpu.class, vmSeed), RecordColumns.generate(VirtMemory.class, vmSeed + 1),
                        RecordColumns.generate(VirtDiskIo.class, vmSeed + 2),
                        RecordColumns.generate(VirtNetIo.class, vmSeed + 3)));
            }
        }
        return out;
    }

    static EntitySample at(EntitySample s, long receivedAt) {
        if (s instanceof EntitySample.NodeSample n) {
            return new EntitySample.NodeSample(n.agent(), receivedAt, n.records(), n.descr(), n.adapters(), n.cpu(),
                    n.memory(), n.disk(), n.net(), n.virtNode(), n.ip(), n.icmp(), n.tcp(), n.udp());
        }
        EntitySample.VmSample v = (EntitySample.VmSample) s;
        return new EntitySample.VmSample(v.agent(), receivedAt, v.records(), v.uuid(), v.name(), v.dsIndex(),
                v.adapters(), v.cpu(), v.memory(), v.disk(), v.net());
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }

    private WriterThroughput() {
    }
}
