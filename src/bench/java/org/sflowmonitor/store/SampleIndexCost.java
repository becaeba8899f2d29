package org.sflowmonitor.store;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

import com.sun.management.OperatingSystemMXBean;

/**
 * What the writer would pay per VM sample for a vm_sample index that holds what virt.memory reads
 * (vm_id, ts, host_id, vmem_memory, vmem_max_memory: a VM's day read from the index alone; the
 * migration "V9" proposed for issue 20, not applied, see docs/benchmarks.md) against V1's
 * (vm_id, ts), on an H2 file database: {@link LatestMergeCost}'s INSERT of every VM's sample,
 * in batches of 5,000 with one commit each, with one index and then the other, in turns (the
 * table grows under both alike); the index is swapped between the parts, outside the measurement.
 * CPU of the writing thread and of the whole process (H2's background thread, which writes the
 * changed pages, and the GC included). Not a unit test. Run with:
 * <pre>
 * java -cp $CP org.sflowmonitor.store.SampleIndexCost [nodes=1000] [vms/node=100] [rounds=3] [turns=2] [dir]
 * </pre>
 */
public final class SampleIndexCost {

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** vm_sample's index in one version of the schema, and how to make it. */
    private enum Index {
        V1("vm_sample_vm_ts", "(vm_id, ts)"),
        V9("vm_sample_vm_ts_memory", "(vm_id, ts, host_id, vmem_memory, vmem_max_memory)");

        private final String name;
        private final String columns;

        Index(String name, String columns) {
            this.name = name;
            this.columns = columns;
        }
    }

    private SampleIndexCost() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int vmsPerNode = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int turns = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Path dir = args.length > 4 ? Path.of(args[4]) : Files.createTempDirectory("sflow-index-cost");
        System.out.printf(Locale.ROOT, "%d nodes x %d VMs, %d rounds per part, %d turns of both indexes, "
                + "database in %s%n", nodes, vmsPerNode, rounds, turns, dir);
        try (Database db = TestCollector.open(dir)) {
            long t0 = System.currentTimeMillis() - 86_400_000L;
            List<LatestMergeCost.Vm> vms = LatestMergeCost.fleet(db, nodes, vmsPerNode, t0);
            try (Connection c = db.dataSource().getConnection()) {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    // whichever the schema made, V9's index alone to begin with
                    st.execute("CREATE INDEX IF NOT EXISTS " + Index.V9.name + " ON vm_sample " + Index.V9.columns);
                    st.execute("DROP INDEX IF EXISTS " + Index.V1.name);
                    c.commit();
                }
                long ts = LatestMergeCost.part("warm-up (V9's index, not compared)", c, vms, 1, t0,
                        LatestMergeCost.Latest.NONE);
                double[] processCpu = new double[Index.values().length];
                long[] samples = new long[Index.values().length];
                Index current = Index.V9;
                for (int turn = 0; turn < turns; turn++) {
                    for (Index index : List.of(Index.V9, Index.V1)) {
                        swap(c, current, index);
                        current = index;
                        long cpu = OS.getProcessCpuTime();
                        ts = LatestMergeCost.part("INSERT, " + index + "'s index " + index.columns, c, vms, rounds, ts,
                                LatestMergeCost.Latest.NONE);
                        processCpu[index.ordinal()] += (OS.getProcessCpuTime() - cpu) / 1e9;
                        samples[index.ordinal()] += (long) rounds * vms.size();
                    }
                }
                for (Index index : Index.values()) {
                    System.out.printf(Locale.ROOT, "process CPU with %s's index: %.2f s for %,d samples (%.2f µs a "
                            + "sample)%n", index, processCpu[index.ordinal()], samples[index.ordinal()],
                            processCpu[index.ordinal()] * 1e6 / samples[index.ordinal()]);
                }
            }
        }
    }

    /** Makes {@code to} vm_sample's only index, and lets H2 write the pages the swap changed. */
    private static void swap(Connection c, Index from, Index to) throws Exception {
        if (from == to) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE INDEX " + to.name + " ON vm_sample " + to.columns);
            st.execute("DROP INDEX " + from.name);
            c.commit();
            st.execute("CHECKPOINT");
        }
        Thread.sleep(2_000);
    }
}
