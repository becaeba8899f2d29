package org.sflowmonitor.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Start-up with a large fleet (issue 18): the service (webapp, H2 file database) started on a
 * database that holds every node and VM of the cluster, no samples; the time from launching its
 * JVM to its UDP port open, and the heap it holds after a full collection, beside the same on an
 * empty database (the difference is what the loaded fleet holds). Medians of the runs.
 */
public final class StartupBenchmark {

    static final String USAGE = """
            usage: StartupBenchmark [--nodes N] [--vms M] [--runs K] [--heap SIZE] [--work DIR]
              --nodes, --vms  fleet in the database     default 10000 x 100 (1,000,000 VMs)
              --runs          starts measured of each   default 3
              --heap          -Xmx of the service       default 2g
              --work          folder for the databases  default target/bench-startup
            """;

    private StartupBenchmark() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parseOrExit(argv, Set.of("nodes", "vms", "runs", "heap", "work"), Set.of(), USAGE);
        ClusterModel model = new ClusterModel(args.integer("nodes", 10_000), args.integer("vms", 100), 1);
        int runs = args.integer("runs", 3);
        String heap = args.string("heap", "2g");
        Path work = Path.of(args.string("work", "target/bench-startup"));
        System.out.println("start-up benchmark, " + Machine.now() + ", " + Machine.describe() + ", load average "
                + Machine.loadAverage());
        long t0 = System.nanoTime();
        QueryDatabase.createEntities(work.resolve("fleet-db"), model);
        System.out.printf(Locale.ROOT, "fleet database (%,d nodes, %,d VMs) built in %.0f s%n", model.nodes(),
                (long) model.nodes() * model.vmsPerNode(), (System.nanoTime() - t0) / 1e9);
        double[] empty = measure(work, null, runs, heap);
        double[] fleet = measure(work, work.resolve("fleet-db"), runs, heap);
        System.out.printf(Locale.ROOT, "empty database: port open after %.1f s, heap held %.0f MiB%n", empty[0],
                empty[1]);
        System.out.printf(Locale.ROOT, "%,d VMs: port open after %.1f s, heap held %.0f MiB (%.0f MiB more than "
                        + "empty; load average %s)%n", (long) model.nodes() * model.vmsPerNode(), fleet[0], fleet[1],
                fleet[1] - empty[1], Machine.loadAverage());
    }

    /** Median seconds from launch to the port open, and median MiB of heap held, over {@code runs} starts. */
    private static double[] measure(Path work, Path fleet, int runs, String heap) throws Exception {
        List<Double> seconds = new ArrayList<>();
        List<Double> heldMiB = new ArrayList<>();
        for (int k = 0; k < runs; k++) {
            Path data = work.resolve("run-data");
            IngestBenchmark.deleteTree(data);
            if (fleet != null) {
                IngestTrial.copyFolder(fleet, data);
            } else {
                java.nio.file.Files.createDirectories(data);
            }
            long launched = System.nanoTime();
            try (ChildJvm service = ChildJvm.start(work.resolve("service.log"), List.of("-Xmx" + heap), "service",
                    data.toString())) {
                seconds.add((System.nanoTime() - launched) / 1e9);
                service.gc();
                Map<String, String> stats = service.stats();
                heldMiB.add(IngestBenchmark.n(stats, "heap_used") / 1048576.0);
            }
            System.out.printf(Locale.ROOT, "  %s: port open after %.1f s, heap held %.0f MiB%n",
                    fleet == null ? "empty" : "fleet", seconds.get(k), heldMiB.get(k));
        }
        IngestBenchmark.deleteTree(work.resolve("run-data"));
        return new double[] {median(seconds), median(heldMiB)};
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
