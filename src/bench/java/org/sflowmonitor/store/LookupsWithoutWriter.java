package org.sflowmonitor.store;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What a lookup of one VM by UUID, name and MAC costs an instance without a writer on H2 (role api),
 * whose VmKeys are never loaded: the tables have no index on vm.uuid, vm.hostname or vm_adapter.mac
 * there, so each lookup reads the vm table (or the adapters) whole. Wall and thread CPU (H2 is
 * embedded: the query runs in the calling thread) of CALLS lookups each, on a database a
 * StartupBenchmark built. Not a unit test. Run with:
 * <pre>
 * java -cp $CP org.sflowmonitor.store.LookupsWithoutWriter target/bench-startup-keys/fleet-10000x100 [calls=5]
 * </pre>
 */
public final class LookupsWithoutWriter {

    private LookupsWithoutWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Database db = TestCollector.open(dir)) {
            Queries queries = new Queries(db, 600);
            Inventory tablesOnly = new Inventory(queries, new VmKeys());
            List<Map<String, Object>> vms = queries.rows("SELECT v.uuid, v.hostname, MIN(a.mac) AS mac FROM vm v "
                    + "JOIN vm_adapter a ON a.vm_id = v.id WHERE v.id IN (" + ids(calls) + ") GROUP BY v.uuid, v.hostname",
                    List.of());
            System.out.printf(Locale.ROOT, "%,d VMs in %s%n", ((Number) queries.rows("SELECT COUNT(*) AS n FROM vm",
                    List.of()).get(0).get("n")).longValue(), dir);
            List<String> kinds = List.of("uuid", "name", "mac");
            List<Function<Map<String, Object>, EntityFilter>> filters = List.of(
                    vm -> new EntityFilter(null, null, (String) vm.get("uuid")),
                    vm -> new EntityFilter(null, (String) vm.get("hostname"), null),
                    vm -> new EntityFilter(null, null, null, (String) vm.get("mac")));
            for (int k = 0; k < kinds.size(); k++) {
                double[] wall = new double[vms.size()];
                double[] cpu = new double[vms.size()];
                for (int i = 0; i < vms.size(); i++) {
                    long start = System.nanoTime();
                    long startCpu = threads.getCurrentThreadCpuTime();
                    int found = tablesOnly.describeVms(filters.get(k).apply(vms.get(i))).size();
                    cpu[i] = (threads.getCurrentThreadCpuTime() - startCpu) / 1e6;
                    wall[i] = (System.nanoTime() - start) / 1e6;
                    if (found != 1) {
                        throw new IllegalStateException(kinds.get(k) + " found " + found + " VMs");
                    }
                }
                Arrays.sort(wall);
                Arrays.sort(cpu);
                System.out.printf(Locale.ROOT, "  virt.description's query by %s without a writer: median %.1f ms wall, "
                        + "%.1f ms CPU of the thread over %d lookups%n", kinds.get(k), wall[wall.length / 2],
                        cpu[cpu.length / 2], wall.length);
            }
        }
    }

    private static String ids(int calls) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            ids.add(String.valueOf(1 + i * 199_999L));
        }
        return String.join(", ", ids);
    }
}
