package org.sflowmonitor.store;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.sflowmonitor.ingest.EntitySample.VmSample;
import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.sflow.CounterRecord.VirtCpu;
import org.sflowmonitor.sflow.CounterRecord.VirtDiskIo;
import org.sflowmonitor.sflow.CounterRecord.VirtMemory;
import org.sflowmonitor.sflow.CounterRecord.VirtNetIo;

/**
 * What keeping the newest two samples costs the writer per VM sample (issue 20), on an H2 file
 * database: the writer's JDBC work for rounds of every VM's sample in batches of 5,000 with one
 * commit each, first the sample table's INSERT alone, then the INSERT and the latest table's MERGE
 * (as WriterConnection writes them on PostgreSQL), then the INSERT and the H2 upsert of the VM's
 * whole row from memory (as {@link LatestCheckpoint} writes it; here once per sample, where the
 * checkpoint writes a row once per changed entity and interval), then the in-memory
 * {@link LatestState}'s part after the commit;
 * one round of both first, to warm the JIT.
 * CPU seconds of the writing thread (H2's own background thread not included) and wall time.
 * Not a unit test. Run with:
 * <pre>
 * java -cp $CP org.sflowmonitor.store.LatestMergeCost [nodes=1000] [vms/node=100] [rounds=3] [dir]
 * </pre>
 */
public final class LatestMergeCost {

    private static final int BATCH = 5_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    record Vm(long id, long hostId, VmSample sample) {
    }

    /** How the latest table is written beside the INSERT. */
    enum Latest {
        NONE, MERGE, UPSERT
    }

    private LatestMergeCost() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int vmsPerNode = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path dir = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("sflow-merge-cost");
        System.out.printf(Locale.ROOT, "%d nodes x %d VMs, %d rounds per part, batches of %d, database in %s%n", nodes,
                vmsPerNode, rounds, BATCH, dir);
        try (Database db = TestCollector.open(dir)) {
            long t0 = System.currentTimeMillis() - 86_400_000L;
            List<Vm> vms = fleet(db, nodes, vmsPerNode, t0);
            try (Connection c = db.dataSource().getConnection()) {
                c.setAutoCommit(false);
                long ts = part("warm-up (all, not compared)", c, vms, 1, t0, Latest.MERGE);
                ts = part("warm-up (all, not compared)", c, vms, 1, ts, Latest.UPSERT);
                ts = part("INSERT only", c, vms, rounds, ts, Latest.NONE);
                ts = part("INSERT + MERGE", c, vms, rounds, ts, Latest.MERGE);
                ts = part("INSERT + checkpoint upsert", c, vms, rounds, ts, Latest.UPSERT);
                inMemory(vms, rounds, ts);
            }
        }
    }

    /** The VMs of {@code nodes} x {@code vmsPerNode}, created by the writer from a first sample each at {@code t0}. */
    static List<Vm> fleet(Database db, int nodes, int vmsPerNode, long t0) throws Exception {
        BatchWriter writer = new BatchWriter(db.dataSource(), new IngestStats(100_000),
                new BatchWriter.Config(1 << 20, BATCH, 100_000, 5_000)).start();
        for (int n = 0; n < nodes; n++) {
            for (int v = 0; v < vmsPerNode; v++) {
                while (!writer.offer(sample(n, v, t0, 0))) {
                    Thread.sleep(10);
                }
            }
        }
        writer.close(600_000);
        return vms(db, vmsPerNode);
    }

    /** The VMs the writer created, each with a sample of its own node and index. */
    private static List<Vm> vms(Database db, int vmsPerNode) throws Exception {
        List<Vm> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT v.id, v.host_id, h.host_ip, v.uuid FROM vm v "
                     + "JOIN host h ON h.id = v.host_id ORDER BY v.id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Vm(rs.getLong(1), rs.getLong(2), new VmSample(rs.getString(3), 0, 4,
                        UUID.fromString(rs.getString(4)), "vm", 1, null, null, null, null, null)));
            }
        }
        return out;
    }

    static long part(String name, Connection c, List<Vm> vms, int rounds, long ts, Latest how)
            throws Exception {
        PreparedStatement insert = c.prepareStatement(SampleRows.VM_SAMPLE.insert());
        PreparedStatement latest = c.prepareStatement(how == Latest.UPSERT ? LatestTable.VM.upsert()
                : LatestTable.VM.merge(Dialect.H2));
        boolean merge = how != Latest.NONE;
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        long samples = 0;
        long at = ts;
        for (int r = 1; r <= rounds; r++) {
            at += 20_000;
            int inBatch = 0;
            for (Vm vm : vms) {
                VmSample s = sample(vm, at, r);
                SampleRows.VM_SAMPLE.bind(insert, vm.id(), vm.hostId(), s);
                insert.addBatch();
                if (how == Latest.MERGE) {
                    SampleRows.VM_SAMPLE.bind(latest, vm.id(), vm.hostId(), s);
                } else if (how == Latest.UPSERT) {
                    LatestTable.VM.bindUpsert(latest, vm.id(), new LatestState.Sample(at, vm.hostId(),
                            SampleRows.VM_SAMPLE.stored(s)), new LatestState.Sample(at - 20_000, vm.hostId(),
                            SampleRows.VM_SAMPLE.stored(sample(vm, at - 20_000, r - 1))));
                }
                if (merge) {
                    latest.addBatch();
                }
                samples++;
                if (++inBatch == BATCH) {
                    flush(c, insert, latest, merge);
                    inBatch = 0;
                }
            }
            flush(c, insert, latest, merge);
        }
        report(name, samples, cpu, wall);
        return at;
    }

    private static void flush(Connection c, PreparedStatement insert, PreparedStatement latest, boolean merge)
            throws Exception {
        insert.executeBatch();
        if (merge) {
            latest.executeBatch();
        }
        c.commit();
    }

    /** The writer's part after a commit: each sample's stored values and its merge into the latest state. */
    private static void inMemory(List<Vm> vms, int rounds, long ts) {
        LatestState state = new LatestState();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        long samples = 0;
        long at = ts;
        for (int r = 1; r <= rounds; r++) {
            at += 20_000;
            List<java.util.function.Consumer<LatestState>> batch = new ArrayList<>(BATCH);
            for (Vm vm : vms) {
                VmSample s = sample(vm, at, r);
                LatestState.Sample stored = new LatestState.Sample(at, vm.hostId(), SampleRows.VM_SAMPLE.stored(s));
                batch.add(l -> l.vm(vm.id(), s.uuid().toString(), s.name(), vm.hostId(), s.agent(), stored));
                samples++;
                if (batch.size() == BATCH) {
                    state.committed(batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
            state.committed(batch);
        }
        report("in-memory latest state (after the commit)", samples, cpu, wall);
    }

    static void report(String name, long samples, long cpuStart, long wallStart) {
        double cpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        double wall = (System.nanoTime() - wallStart) / 1e9;
        System.out.printf(Locale.ROOT, "%-44s %,d samples: %.2f CPU s (%.2f µs a sample, %.1f %% of a core at "
                        + "50,000/s), %.2f s wall (%,.0f samples/s)%n", name, samples, cpu, cpu * 1e6 / samples,
                cpu * 1e6 / samples * 50_000 / 1e4, wall, samples / wall);
    }

    static VmSample sample(int node, int vm, long at, int round) {
        return new VmSample(String.format(Locale.ROOT, "10.%d.%d.%d", node / 65_536, node / 256 % 256, node % 256),
                at, 4, new UUID(0x5a1b0c9e00004000L, (long) node << 16 | vm), "vm-" + vm, vm + 1, null,
                new VirtCpu(1, 1_000L * round, 2), new VirtMemory(1L << 30, 2L << 30),
                new VirtDiskIo(10L << 30, 5L << 30, 5L << 30, round, round * 4096L, round, round * 4096L, 0),
                new VirtNetIo(round * 1500L, round, 0, 0, round * 1500L, round, 0, 0));
    }

    static VmSample sample(Vm vm, long at, int round) {
        VmSample s = vm.sample();
        return new VmSample(s.agent(), at, 4, s.uuid(), s.name(), s.dsIndex(), null,
                new VirtCpu(1, 1_000L * round, 2), new VirtMemory(1L << 30, 2L << 30),
                new VirtDiskIo(10L << 30, 5L << 30, 5L << 30, round, round * 4096L, round, round * 4096L, 0),
                new VirtNetIo(round * 1500L, round, 0, 0, round * 1500L, round, 0, 0));
    }
}
