package org.sflowmonitor.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Scraping while ingesting (issue 16): two warm trials of the ingest benchmark in one run, the
 * same cluster, rate and window; in the second a real Prometheus ({@link PrometheusScraper})
 * scrapes {@code --scrape-nodes} of the cluster's nodes in groups of {@value #GROUP_SIZE} through
 * the service's HTTP service discovery every {@code --scrape-interval} seconds. Per trial: loss in
 * the window (must be zero), the collector's CPU per million samples stored; for the second, the
 * duration of every group scrape in the window as Prometheus measured it, failed scrapes, and
 * Prometheus' own CPU (it shares this machine's cores with the collector and the simulator).
 */
public final class ScrapeIngestCost {

    static final int GROUP_SIZE = 100;

    static final String USAGE = """
            usage: ScrapeIngestCost [--nodes N] [--vms M] [--interval S] [--rate R] [--window S] [--heap SIZE]
                                    [--scrape-nodes N] [--scrape-interval S] [--scrape-timeout S] [--work DIR]
                                    [--reuse-fleet] [--prometheus-nice N]
              --nodes, --vms     simulated cluster                                 default 10000 x 100
              --interval         polling interval of the cluster                   default 20
              --rate             samples/s of both trials                          default 50000
              --window           seconds measured per trial                        default 90
              --heap             -Xmx of the collector                             default 3g
              --scrape-nodes     nodes Prometheus scrapes (groups of 100)          default 1000
              --scrape-interval  Prometheus' scrape_interval, seconds              default 15
              --scrape-timeout   Prometheus' scrape_timeout, seconds               default 10
              --work             folder for the databases and logs                 default target/bench-scrape-ingest
              --reuse-fleet      keep WORK/fleet-db of an earlier run of the same cluster instead of building it
              --prometheus-nice  Prometheus' niceness: 0 shares the cores as an equal, 19 stands in for a
                                 Prometheus on a machine of its own (it takes only what is left)  default 0
            """;

    private ScrapeIngestCost() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parseOrExit(argv, Set.of("nodes", "vms", "interval", "rate", "window", "heap", "scrape-nodes",
                "scrape-interval", "scrape-timeout", "work", "prometheus-nice"), Set.of("reuse-fleet"), USAGE);
        if (!Files.isExecutable(PrometheusScraper.BINARY)) {
            System.err.println("no " + PrometheusScraper.BINARY + " (Debian package prometheus)");
            System.exit(2);
        }
        IngestBenchmark.Settings s = new IngestBenchmark.Settings(new ClusterModel(args.integer("nodes", 10_000),
                args.integer("vms", 100), 1), args.integer("interval", 20), args.number("rate", 50_000),
                args.integer("window", 90), 2, 10, Integer.MAX_VALUE, args.string("heap", "3g"),
                Path.of(args.string("work", "target/bench-scrape-ingest")), false, false);
        int scrapeNodes = args.integer("scrape-nodes", 1_000);
        int groups = (scrapeNodes + GROUP_SIZE - 1) / GROUP_SIZE;
        int interval = args.integer("scrape-interval", 15);
        System.out.println("scrape ingest cost, " + Machine.now() + ", " + Machine.describe() + ", load average "
                + Machine.loadAverage());
        buildFleet(s, args.flag("reuse-fleet"));
        List<String> settings = List.of("metrics.group.size=" + GROUP_SIZE);
        Trial without = IngestTrial.run(s, s.firstRate(), false, s.work().resolve("trial-no-scrapes"), null, settings,
                System.out);
        Trial with;
        PrometheusScraper.Window scrapes;
        try (PrometheusScraper prometheus = new PrometheusScraper(s.work().resolve("prometheus"), groups, interval,
                args.integer("scrape-timeout", 10), args.integer("prometheus-nice", 0))) {
            with = IngestTrial.run(s, s.firstRate(), false, s.work().resolve("trial-scrapes"), null, settings,
                    prometheus, System.out);
            scrapes = prometheus.window();
            System.out.println("  Prometheus: " + scrapes.line());
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Cluster %,d nodes x %d VMs at %,.0f samples/s, window %d s; Prometheus 2.42 "
                        + "(nice %d) scraping %,d nodes (groups 0-%d of %d nodes, OpenMetrics, gzip) every %d s; load average at "
                        + "the end %s.%n%n", s.model().nodes(), s.model().vmsPerNode(), s.firstRate(), s.windowSeconds(),
                args.integer("prometheus-nice", 0), groups * GROUP_SIZE, groups - 1, GROUP_SIZE, interval,
                Machine.loadAverage());
        System.out.println("| trial | window zero loss | sent at (samples/s) | collector CPU | collector CPU s per "
                + "million stored | group scrapes in the window (failed) | scrape duration median / p90 / max |");
        System.out.println("|---|---|---:|---:|---:|---|---|");
        row("ingest only", without, "–", "–");
        row("ingest + Prometheus", with, scrapes.durations().size() + " (" + scrapes.failed() + ")",
                String.format(Locale.ROOT, "%.2f / %.2f / %.2f s", scrapes.durationQuantile(0.5),
                        scrapes.durationQuantile(0.9), scrapes.durationQuantile(1.0)));
        System.out.printf(Locale.ROOT, "%nSamples per group scrape (median): %,.0f. Prometheus' CPU in the window: "
                        + "%.1f s. Collector CPU per million samples with / without scrapes = %.3f.%n",
                scrapes.samplesMedian(), scrapes.prometheusCpuSeconds(),
                with.cpuSecondsPerMillion() / without.cpuSecondsPerMillion());
    }

    static void buildFleet(IngestBenchmark.Settings s, boolean reuse) throws Exception {
        Path fleet = s.work().resolve("fleet-db");
        Path model = s.work().resolve("fleet-model.txt");
        String wanted = s.model().nodes() + " x " + s.model().vmsPerNode();
        if (reuse && Files.isDirectory(fleet) && Files.exists(model) && Files.readString(model).equals(wanted)) {
            System.out.println("fleet database of " + wanted + " reused from " + fleet);
            return;
        }
        IngestBenchmark.deleteTree(s.work());
        Files.createDirectories(s.work());
        long start = System.nanoTime();
        QueryDatabase.createEntities(fleet, s.model());
        Files.writeString(model, wanted);
        System.out.printf(Locale.ROOT, "fleet database (%s) built in %.0f s%n", wanted,
                (System.nanoTime() - start) / 1e9);
    }

    private static void row(String trial, Trial t, String scrapes, String durations) {
        System.out.printf(Locale.ROOT, "| %s | %s | %,.0f | %.0f %% | %.1f | %s | %s |%n", trial,
                t.windowZeroLoss() ? "**yes**" : "no (" + t.windowLoss() + " lost)", t.sentPerSecond(),
                t.cpuPercent(), t.cpuSecondsPerMillion(), scrapes, durations);
    }
}
