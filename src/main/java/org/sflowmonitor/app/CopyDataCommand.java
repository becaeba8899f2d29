package org.sflowmonitor.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.sflowmonitor.store.DataCopy;
import org.sflowmonitor.store.Database;

/**
 * {@code java -jar sflow-monitor.war copy-data FROM-URL TO-URL}: copies the whole history of
 * one database into another, empty one (docs/scale-out.md, "Moving an H2 history to
 * PostgreSQL"). Credentials go in the URLs (PostgreSQL: {@code ?user=U&password=P}); an H2 URL
 * without {@code USER=} is opened as the service opens it (user sa, no password). Stop the
 * service first: an H2 file admits one process. Exit status 0 when every table's count matches.
 */
public final class CopyDataCommand {

    private static final String USAGE = "usage: java -jar sflow-monitor.war copy-data FROM-URL TO-URL\n"
            + "  e.g. copy-data jdbc:h2:file:/var/lib/sflow-monitor/sflow-monitor "
            + "'jdbc:postgresql://db.example/sflow?user=sflow&password=...'";

    private CopyDataCommand() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println(USAGE);
            System.exit(2);
        }
        System.exit(run(args[0], args[1]));
    }

    static int run(String fromUrl, String toUrl) throws Exception {
        Path scratch = Files.createTempDirectory("sflow-copy-data");
        try (Database from = open(fromUrl, scratch); Database to = open(toUrl, scratch)) {
            System.out.println("copying " + from.describe() + " into " + to.describe());
            DataCopy.Counts counts = DataCopy.copy(from, to, System.out);
            for (Map.Entry<String, long[]> e : counts.tables().entrySet()) {
                System.out.printf(Locale.ROOT, "%-20s %,15d in the source, %,15d in the target%s%n", e.getKey(),
                        e.getValue()[0], e.getValue()[1], e.getValue()[0] == e.getValue()[1] ? "" : "  MISMATCH");
            }
            System.out.println(counts.match() ? "count check: every table complete" : "count check FAILED");
            return counts.match() ? 0 : 1;
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    private static Database open(String url, Path scratch) throws Exception {
        boolean h2 = url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:");
        boolean userInUrl = url.toUpperCase(Locale.ROOT).contains(";USER=");
        Path dir = h2 && url.startsWith("jdbc:h2:file:")
                ? Path.of(url.substring("jdbc:h2:file:".length()).replaceAll(";.*", "")).toAbsolutePath().getParent()
                : scratch;
        return Database.open(url, h2 && !userInUrl ? "sa" : null, h2 && !userInUrl ? "" : null, dir, 2);
    }
}
