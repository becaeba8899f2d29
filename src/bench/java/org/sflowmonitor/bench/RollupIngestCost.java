package org.sflowmonitor.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the rollup tiers cost the ingest (issue 15): two warm trials of the ingest benchmark in
 * one run, the same cluster, rate and window, one with the default tiers and one with
 * {@code rollup.tiers=} (none). Per trial: zero loss in the window, the collector's CPU per
 * million samples, the writer thread's CPU, the rollup job thread's CPU and the rollup rows it
 * wrote. The window should hold a close of the 5-minute bucket (at most 5 min 15 s after any
 * start), so the default is 330 s.
 */
public final class RollupIngestCost {

    static final String USAGE = """
            usage: RollupIngestCost [--nodes N] [--vms M] [--interval S] [--rate R] [--window S] [--heap SIZE] [--work DIR]
              --nodes, --vms  simulated cluster                       default 10000 x 100
              --interval      polling interval of the cluster         default 20
              --rate          samples/s of both trials                default 50000
              --window        seconds measured per trial              default 330 (holds a 5-minute bucket's close)
              --heap          -Xmx of the collector                   default 2g
              --work          folder for the databases and logs       default target/bench-rollup-ingest
            """;

    private RollupIngestCost() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parseOrExit(argv, Set.of("nodes", "vms", "interval", "rate", "window", "heap", "work"),
                Set.of(), USAGE);
        IngestBenchmark.Settings s = new IngestBenchmark.Settings(new ClusterModel(args.integer("nodes", 10_000),
                args.integer("vms", 100), 1), args.integer("interval", 20), args.number("rate", 50_000),
                args.integer("window", 330), 2, 10, Integer.MAX_VALUE, args.string("heap", "2g"),
                Path.of(args.string("work", "target/bench-rollup-ingest")), false, false);
        System.out.println("rollup ingest cost, " + Machine.now() + ", " + Machine.describe() + ", load average "
                + Machine.loadAverage());
        IngestBenchmark.deleteTree(s.work());
        Files.createDirectories(s.work());
        QueryDatabase.createEntities(s.work().resolve("fleet-db"), s.model());
        Trial with = IngestTrial.run(s, s.firstRate(), false, s.work().resolve("trial-rollups"), null, List.of(),
                System.out);
        Trial without = IngestTrial.run(s, s.firstRate(), false, s.work().resolve("trial-none"), null,
                List.of("rollup.tiers="), System.out);
        System.out.println();
        System.out.printf(Locale.ROOT, "Cluster %,d nodes x %d VMs at %,.0f samples/s, window %d s, one run; load "
                        + "average at the end %s.%n%n", s.model().nodes(), s.model().vmsPerNode(), s.firstRate(),
                s.windowSeconds(), Machine.loadAverage());
        System.out.println("| rollup.tiers | window zero loss | sent at (samples/s) | collector CPU s per million stored"
                + " | writer thread CPU s | rollup thread CPU s | rollup rows written |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        row("default (5m:90d,1h:730d)", with);
        row("none", without);
        System.out.printf(Locale.ROOT, "%nWriter thread CPU with rollups / without = %.3f (the hand-over of each "
                        + "committed batch is the writer's whole share); rollup thread CPU / writer thread CPU = %.1f %%;"
                        + " collector CPU per million samples with / without = %.3f.%n",
                with.writerCpuSeconds() / without.writerCpuSeconds(),
                100 * with.rollupCpuSeconds() / with.writerCpuSeconds(),
                with.cpuSecondsPerMillion() / without.cpuSecondsPerMillion());
        IngestBenchmark.deleteTree(s.work());
    }

    private static void row(String tiers, Trial t) {
        System.out.printf(Locale.ROOT, "| %s | %s | %,.0f | %.1f | %.2f | %.2f | %,d |%n", tiers,
                t.windowZeroLoss() ? "**yes**" : "no (" + t.windowLoss() + ")", t.sentPerSecond(),
                t.cpuSecondsPerMillion(), t.writerCpuSeconds(), t.rollupCpuSeconds(), t.rollupRowsWritten());
    }
}
