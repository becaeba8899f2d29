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
 * JVM to its UDP port open, then to the fleet loaded by the writer (which loads it while the
 * port already takes samples), and the heap it holds then after a full collection, beside the
 * same on an empty database (the difference is what the loaded fleet holds). Medians of the runs.
 * The fleet database is built once per size and reused (WORK/fleet-NODESxVMS).
 */
public final class StartupBenchmark {

    static final String USAGE = """
            usage: StartupBenchmark [--nodes N] [--vms M] [--runs K] [--heap SIZE] [--work DIR] [--jfr] [--lookups]
              --nodes, --vms  fleet in the database     default 10000 x 100 (1,000,000 VMs)
              --runs          starts measured of each   default 3
              --heap          -Xmx of the service       default 2g
              --work          folder for the databases  default target/bench-startup
              --jfr           record each start on the fleet with JDK Flight Recorder
              --lookups       after the last start on the fleet, time 20 lookups of a VM by UUID, name and MAC
                              (WORK/startup-N.jfr, profile settings)
            """;

    private StartupBenchmark() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parseOrExit(argv, Set.of("nodes", "vms", "runs", "heap", "work"), Set.of("jfr", "lookups"),
                USAGE);
        ClusterModel model = new ClusterModel(args.integer("nodes", 10_000), args.integer("vms", 100), 1);
        int runs = args.integer("runs", 3);
        String heap = args.string("heap", "2g");
        Path work = Path.of(args.string("work", "target/bench-startup"));
        System.out.println("start-up benchmark, " + Machine.now() + ", " + Machine.describe() + ", load average "
                + Machine.loadAverage());
        Path fleetDb = work.resolve("fleet-" + model.nodes() + "x" + model.vmsPerNode());
        if (!java.nio.file.Files.isDirectory(fleetDb)) {
            long t0 = System.nanoTime();
            Path building = work.resolve("fleet-building");
            QueryDatabase.createEntities(building, model);
            java.nio.file.Files.move(building, fleetDb);
            System.out.printf(Locale.ROOT, "fleet database (%,d nodes, %,d VMs) built in %.0f s%n", model.nodes(),
                    (long) model.nodes() * model.vmsPerNode(), (System.nanoTime() - t0) / 1e9);
        }
        // a fleet built before a schema change would be migrated at every start: once here instead
        try (org.sflowmonitor.store.Database db = org.sflowmonitor.store.Database.open(QueryDatabase.url(fleetDb),
                "sa", "", fleetDb, 1)) {
            System.out.println("fleet database " + db.describe() + " at the current schema");
        }
        double[] empty = measure(work, null, runs, heap, false, null);
        double[] fleet = measure(work, fleetDb, runs, heap, args.flag("jfr"), args.flag("lookups") ? model : null);
        System.out.printf(Locale.ROOT, "empty database: port open after %.1f s, loaded after %.1f s, heap held "
                + "%.0f MiB%n", empty[0], empty[1], empty[2]);
        System.out.printf(Locale.ROOT, "%,d VMs: port open after %.1f s, fleet loaded after %.1f s, heap held "
                        + "%.0f MiB (%.0f MiB more than empty; load average %s)%n",
                (long) model.nodes() * model.vmsPerNode(), fleet[0], fleet[1], fleet[2], fleet[2] - empty[2],
                Machine.loadAverage());
    }

    /**
     * Median seconds from launch to the port open and to the fleet loaded, and median MiB of heap
     * held then, over {@code runs} starts.
     */
    private static double[] measure(Path work, Path fleet, int runs, String heap, boolean jfr,
                                    ClusterModel lookupsIn) throws Exception {
        List<Double> seconds = new ArrayList<>();
        List<Double> loadedSeconds = new ArrayList<>();
        List<Double> heldMiB = new ArrayList<>();
        for (int k = 0; k < runs; k++) {
            Path data = work.resolve("run-data");
            IngestBenchmark.deleteTree(data);
            if (fleet != null) {
                IngestTrial.copyFolder(fleet, data);
            } else {
                java.nio.file.Files.createDirectories(data);
            }
            List<String> options = new ArrayList<>(List.of("-Xmx" + heap));
            if (jfr) {
                options.add("-XX:StartFlightRecording=settings=profile,filename="
                        + work.resolve("startup-" + k + ".jfr").toAbsolutePath());
            }
            long launched = System.nanoTime();
            try (ChildJvm service = ChildJvm.start(work.resolve("service.log"), options, "service",
                    data.toString())) {
                seconds.add((System.nanoTime() - launched) / 1e9);
                service.awaitEntitiesLoaded(600);
                loadedSeconds.add((System.nanoTime() - launched) / 1e9);
                service.gc();
                Map<String, String> stats = service.stats();
                heldMiB.add(IngestBenchmark.n(stats, "heap_used") / 1048576.0);
                if (lookupsIn != null && k == runs - 1) {
                    FleetLookups.print(new StatusClient(service.httpPort()), lookupsIn, 20);
                }
            }
            System.out.printf(Locale.ROOT, "  %s: port open after %.1f s, loaded after %.1f s, heap held %.0f MiB%n",
                    fleet == null ? "empty" : "fleet", seconds.get(k), loadedSeconds.get(k), heldMiB.get(k));
        }
        IngestBenchmark.deleteTree(work.resolve("run-data"));
        return new double[] {median(seconds), median(loadedSeconds), median(heldMiB)};
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
