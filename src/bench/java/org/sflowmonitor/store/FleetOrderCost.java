package org.sflowmonitor.store;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * What the descriptions of a whole fleet (virt.description without a filter: every VM, ORDER BY
 * v.uuid) cost on H2 without an index on vm.uuid (since version 10) and with one made for the
 * comparison: the query through {@link Inventory}, wall and thread CPU (H2 is embedded), ROUNDS times
 * each way. Changes the database it is given (makes the index, then drops it): use a benchmark's
 * copy. Not a unit test. Run with:
 * <pre>
 * java -Xmx6g -cp $CP org.sflowmonitor.store.FleetOrderCost target/bench-startup-keys/fleet-10000x100 [rounds=3]
 * </pre>
 */
public final class FleetOrderCost {

    private FleetOrderCost() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (Database db = TestCollector.open(dir)) {
            Inventory inventory = new Inventory(new Queries(db, 600), new VmKeys());
            time("without an index on vm.uuid", inventory, rounds);
            // -DmaxMemoryRows=N: H2's MAX_MEMORY_ROWS for a third measurement without the index (an experiment)
            String maxMemoryRows = System.getProperty("maxMemoryRows");
            if (maxMemoryRows != null) {
                execute(db, "SET MAX_MEMORY_ROWS " + Integer.parseInt(maxMemoryRows));
                time("without an index, MAX_MEMORY_ROWS " + maxMemoryRows, inventory, rounds);
            }
            execute(db, "CREATE UNIQUE INDEX fleet_order_cost_uuid ON vm (uuid)");
            try {
                time("with a unique index on vm.uuid", inventory, rounds);
            } finally {
                execute(db, "DROP INDEX fleet_order_cost_uuid");
            }
        }
    }

    private static void time(String how, Inventory inventory, int rounds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            long startCpu = threads.getCurrentThreadCpuTime();
            List<?> rows = inventory.describeVms(new EntityFilter(null, null, null));
            System.out.printf(Locale.ROOT, "  %s: %,d VMs described in %.2f s wall, %.2f s CPU of the thread%n", how,
                    rows.size(), (System.nanoTime() - start) / 1e9,
                    (threads.getCurrentThreadCpuTime() - startCpu) / 1e9);
        }
    }

    private static void execute(Database db, String sql) throws Exception {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
