package org.sflowmonitor.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Locale;
import java.util.Set;

import org.sflowmonitor.app.Settings;
import org.sflowmonitor.store.Database;

/**
 * How the insert rate into {@code vm_sample} changes as history accumulates: the ingest
 * benchmark starts from a fleet without samples, where each VM's index entries share pages with
 * its neighbours'; after hundreds of samples per VM every insert lands on a page of its own.
 * Rounds of one sample per VM, in id order, in the writer's batches with a commit each, into the
 * service's schema; prints the rate of each block of rounds and the file size.
 */
public final class HistoryGrowth {

    static final String USAGE = """
            usage: HistoryGrowth [--vms N] [--rounds R] [--every K] [--work DIR] [--h2 SETTINGS]
              --vms     VMs, one sample each per round            default 20000
              --rounds  rounds                                    default 800
              --every   rounds per reported block                 default 100
              --work    database folder (deleted first)           default target/bench-history
              --h2      appended to the H2 URL, e.g. ';AUTO_COMPACT_FILL_RATE=90' (the service's is 50)
            """;

    private HistoryGrowth() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parseOrExit(argv, Set.of("vms", "rounds", "every", "work", "h2"), Set.of(), USAGE);
        int vms = args.integer("vms", 20_000);
        int rounds = args.integer("rounds", 800);
        int every = args.integer("every", 100);
        Path dir = Path.of(args.string("work", "target/bench-history"));
        int batch = Settings.H2_BATCH_SIZE;
        System.out.println("history growth, " + Machine.now() + ", " + Machine.describe() + ", load average "
                + Machine.loadAverage());
        System.out.printf(Locale.ROOT, "%,d VMs, %,d rounds, batches of %,d rows%n%n", vms, rounds, batch);
        System.out.println("| rounds (samples per VM) | rows/s in the block | database file |");
        System.out.println("|---|---|---|");
        IngestBenchmark.deleteTree(dir);
        String url = "jdbc:h2:file:" + dir.resolve("sflow-monitor").toAbsolutePath() + args.string("h2", "");
        try (Database db = Database.open(url, "sa", "", dir, 2); Connection c = db.connection()) {
            c.setAutoCommit(false);
            JdbcCeiling.Table table = new JdbcCeiling.Table(c, "vm_sample");
            long ts = System.currentTimeMillis();
            long rows = 0;
            long blockStart = System.nanoTime();
            for (int round = 1; round <= rounds; round++) {
                for (int vm = 1; vm <= vms; vm++) {
                    table.add(vm / 100 + 1, vm, ts++, rows++);
                    if (rows % batch == 0) {
                        table.flush();
                        c.commit();
                    }
                }
                if (round % every == 0) {
                    table.flush();
                    c.commit();
                    double seconds = (System.nanoTime() - blockStart) / 1e9;
                    System.out.printf(Locale.ROOT, "| %,d–%,d | %,.0f | %,d MiB |%n", round - every + 1, round,
                            (double) every * vms / seconds, size(dir) >> 20);
                    blockStart = System.nanoTime();
                }
            }
        }
        System.out.println();
        System.out.println("load average at the end: " + Machine.loadAverage());
    }

    private static long size(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
