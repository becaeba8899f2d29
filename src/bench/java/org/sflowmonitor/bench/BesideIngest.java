package org.sflowmonitor.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Ingest while clients use the service (issues 16, 17, 20): the ingest benchmark's warm trial on
 * its fleet database (the cluster that sends 50,000 samples/s at a 20-s polling interval), first
 * alone, then beside each load asked for: API clients calling a method in a loop, WebSocket
 * clients subscribed to the fleet, scrapes of /metrics (each in a JVM of their own at nice 19,
 * {@link NicedClients}). Each window falls between two of the rollup job's 5-minute closes
 * ({@link BetweenCloses}). Per trial: loss in the window (must be zero), the collector's
 * CPU per million samples stored, and what the clients saw.
 */
public final class BesideIngest {

    static final String USAGE = """
            usage: BesideIngest [--nodes N] [--vms M] [--interval S] [--rate R] [--window S] [--heap SIZE]
                                [--callers C] [--method M] [--params JSON] [--push P] [--work DIR] [--reuse-fleet]
                                [--scrape-nodes N] [--no-alone] [--jfr]
              --nodes, --vms     simulated cluster                                 default 10000 x 100
              --interval         polling interval of the cluster                   default 20
              --rate             samples/s of every trial                          default 50000
              --window           seconds measured per trial                        default 60
              --heap             -Xmx of the collector                             default 6g
              --callers          API clients calling --method in a loop (0: none)  default 16
              --method, --params what they call                                    default host.summary {}
              --push             WebSocket clients subscribed to the fleet (0: none) default 200
              --scrape-nodes     nodes scraped at /metrics every 15 s in groups of 100, as a Prometheus on
                                 a machine of its own would (0: none)                 default 1000
              --work             folder for the databases and logs                 default target/bench-beside
              --reuse-fleet      keep WORK/fleet-db of an earlier run of the same cluster instead of building it
              --no-alone         skip the trial without clients
              --jfr              record each trial's service with Java Flight Recorder (WORK/<trial>.jfr)
            """;

    private BesideIngest() {
    }

    private static IngestTrial.Companion betweenCloses(IngestBenchmark.Settings s, IngestTrial.Companion clients) {
        return new BetweenCloses(IngestBenchmark.warmupSeconds(s, s.firstRate()), s.windowSeconds(), clients);
    }

    private static Path jfr(IngestBenchmark.Settings s, String trial) {
        return s.jfr() ? s.work().resolve(trial + ".jfr") : null;
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parseOrExit(argv, Set.of("nodes", "vms", "interval", "rate", "window", "heap", "callers",
                "method", "params", "push", "scrape-nodes", "work"), Set.of("reuse-fleet", "no-alone", "jfr"), USAGE);
        IngestBenchmark.Settings s = new IngestBenchmark.Settings(new ClusterModel(args.integer("nodes", 10_000),
                args.integer("vms", 100), 1), args.integer("interval", 20), args.number("rate", 50_000),
                args.integer("window", 60), 1, 10, Integer.MAX_VALUE, args.string("heap", "6g"),
                Path.of(args.string("work", "target/bench-beside")), args.flag("jfr"), false);
        System.out.println("beside ingest, " + Machine.now() + ", " + Machine.describe() + ", load average "
                + Machine.loadAverage());
        ScrapeIngestCost.buildFleet(s, args.flag("reuse-fleet"));
        Map<String, Trial> trials = new LinkedHashMap<>();
        List<String> seen = new ArrayList<>();
        if (!args.flag("no-alone")) {
            trials.put("ingest only", IngestTrial.run(s, s.firstRate(), false, s.work().resolve("trial-alone"),
                    jfr(s, "alone"), List.of(), betweenCloses(s, IngestTrial.Companion.NONE), System.out));
        }
        int callers = args.integer("callers", 16);
        if (callers > 0) {
            NicedClients api = ApiCallers.beside(args.string("method", "host.summary"), args.string("params", "{}"), callers);
            Trial t = IngestTrial.run(s, s.firstRate(), false, s.work().resolve("trial-api"), jfr(s, "api"), List.of(), betweenCloses(s, api),
                    System.out);
            System.out.println("  " + api.line());
            trials.put("ingest + " + callers + " API clients", t);
            seen.add(api.line());
        }
        int push = args.integer("push", 200);
        if (push > 0) {
            NicedClients subscribers = PushSubscribers.beside(push);
            Trial t = IngestTrial.run(s, s.firstRate(), false, s.work().resolve("trial-push"), jfr(s, "push"), List.of(),
                    betweenCloses(s, subscribers), System.out);
            System.out.println("  " + subscribers.line());
            trials.put("ingest + " + push + " WebSocket clients", t);
            seen.add(subscribers.line());
        }
        int scrapeNodes = args.integer("scrape-nodes", 1_000);
        if (scrapeNodes > 0) {
            int groups = (scrapeNodes + ScrapeIngestCost.GROUP_SIZE - 1) / ScrapeIngestCost.GROUP_SIZE;
            NicedClients scrapers = MetricsScrapers.beside(groups, 15, 10);
            Trial t = IngestTrial.run(s, s.firstRate(), false, s.work().resolve("trial-scrapes"), jfr(s, "scrapes"),
                    List.of("metrics.group.size=" + ScrapeIngestCost.GROUP_SIZE), betweenCloses(s, scrapers), System.out);
            System.out.println("  " + scrapers.line());
            trials.put("ingest + scrapes of " + groups * ScrapeIngestCost.GROUP_SIZE + " nodes", t);
            seen.add(scrapers.line());
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Cluster %,d nodes x %d VMs at %,.0f samples/s, window %d s; load average at the "
                + "end %s.%n%n", s.model().nodes(), s.model().vmsPerNode(), s.firstRate(), s.windowSeconds(),
                Machine.loadAverage());
        System.out.println("| trial | window zero loss | sent at (samples/s) | collector CPU | collector CPU s per "
                + "million stored | writer CPU s |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        trials.forEach((name, t) -> System.out.printf(Locale.ROOT, "| %s | %s | %,.0f | %.0f %% | %.1f | %.1f |%n", name,
                t.windowZeroLoss() ? "**yes**" : "no (" + t.windowLoss() + " lost)", t.sentPerSecond(),
                t.cpuPercent(), t.cpuSecondsPerMillion(), t.writerCpuSeconds()));
        System.out.println();
        seen.forEach(System.out::println);
    }
}
