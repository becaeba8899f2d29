package org.sflowmonitor.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.sflowmonitor.store.RollupJob;

/**
 * What the rollup tiers cost the ingest (issue 15): two warm trials of the ingest benchmark in
 * one run, the same cluster, rate and window, one with the default tiers and one with
 * {@code rollup.tiers=} (none). Per trial: zero loss in the window, the collector's CPU per
 * million samples, the writer thread's CPU, the rollup job thread's CPU and the rollup rows it
 * wrote. The window of the trial with rollups holds a close of the 5-minute bucket: its traffic
 * starts when the close (15 s after a bucket's end) falls {@link #CLOSE_AFTER_WINDOW_START}
 * into the window; the trial without rollups runs first when that wait would be longer than it.
 */
public final class RollupIngestCost {

    static final String USAGE = """
            usage: RollupIngestCost [--nodes N] [--vms M] [--interval S] [--rate R] [--window S] [--heap SIZE] [--work DIR]
              --nodes, --vms  simulated cluster                       default 10000 x 100
              --interval      polling interval of the cluster         default 20
              --rate          samples/s of both trials                default 50000
              --window        seconds measured per trial              default 90 (a 5-minute close 10 s in)
              --heap          -Xmx of the collector                   default 6g (the rollup job holds about 1.1 GB for 1,030,000 entities, twice that around a close; with 2g its thread ended)
              --work          folder for the databases and logs       default target/bench-rollup-ingest
            """;

    private RollupIngestCost() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parseOrExit(argv, Set.of("nodes", "vms", "interval", "rate", "window", "heap", "work"),
                Set.of(), USAGE);
        IngestBenchmark.Settings s = new IngestBenchmark.Settings(new ClusterModel(args.integer("nodes", 10_000),
                args.integer("vms", 100), 1), args.integer("interval", 20), args.number("rate", 50_000),
                args.integer("window", 90), 2, 10, Integer.MAX_VALUE, args.string("heap", "6g"),
                Path.of(args.string("work", "target/bench-rollup-ingest")), false, false);
        System.out.println("rollup ingest cost, " + Machine.now() + ", " + Machine.describe() + ", load average "
                + Machine.loadAverage());
        IngestBenchmark.deleteTree(s.work());
        Files.createDirectories(s.work());
        QueryDatabase.createEntities(s.work().resolve("fleet-db"), s.model());
        List<String> none = List.of("rollup.tiers=");
        double warmup = IngestBenchmark.warmupSeconds(s, s.firstRate());
        // a trial: about a minute to start and load the fleet, the warm-up, the window, half a minute to drain
        long trialMillis = (long) ((60 + warmup + s.windowSeconds() + 30) * 1000);
        Trial with;
        Trial without;
        if (millisToWait(System.currentTimeMillis() + 60_000, warmup) > trialMillis) {
            without = IngestTrial.run(s, s.firstRate(), false, s.work().resolve("trial-none"), null, none,
                    System.out);
            with = IngestTrial.run(s, s.firstRate(), false, s.work().resolve("trial-rollups"), null, List.of(),
                    closeInWindow(warmup), System.out);
        } else {
            with = IngestTrial.run(s, s.firstRate(), false, s.work().resolve("trial-rollups"), null, List.of(),
                    closeInWindow(warmup), System.out);
            without = IngestTrial.run(s, s.firstRate(), false, s.work().resolve("trial-none"), null, none,
                    System.out);
        }
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
        IngestBenchmark.deleteTree(s.work().resolve("fleet-db"));
        System.out.println("the services' logs: " + s.work());
    }

    /** How far into the window the 5-minute close is placed. */
    static final long CLOSE_AFTER_WINDOW_START = 10_000;
    private static final long FIVE_MINUTES = 300_000;

    /** From {@code now} until the traffic starting then would put a 5-minute close 10 s into the window. */
    static long millisToWait(long now, double warmupSeconds) {
        long close = (long) (now + warmupSeconds * 1000) + CLOSE_AFTER_WINDOW_START
                - RollupJob.DEFAULT_GRACE_MILLIS;
        return Math.floorMod(-close, FIVE_MINUTES);
    }

    /** Waits, once the service is up, until its traffic would put a 5-minute close 10 s into the window. */
    private static IngestTrial.Companion closeInWindow(double warmupSeconds) {
        return new IngestTrial.Companion() {
            @Override
            public void serviceUp(int httpPort) throws InterruptedException {
                long wait = millisToWait(System.currentTimeMillis(), warmupSeconds);
                System.out.printf(Locale.ROOT, "  waiting %.0f s: the window is to hold a 5-minute close%n",
                        wait / 1e3);
                Thread.sleep(wait);
            }

            @Override
            public void windowEnded(long startMillis, long endMillis) {
            }
        };
    }

    private static void row(String tiers, Trial t) {
        System.out.printf(Locale.ROOT, "| %s | %s | %,.0f | %.1f | %.2f | %.2f | %,d |%n", tiers,
                t.windowZeroLoss() ? "**yes**" : "no (" + t.windowLoss() + ")", t.sentPerSecond(),
                t.cpuSecondsPerMillion(), t.writerCpuSeconds(), t.rollupCpuSeconds(), t.rollupRowsWritten());
    }
}
