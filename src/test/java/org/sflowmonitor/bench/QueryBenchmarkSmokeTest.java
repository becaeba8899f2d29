package org.sflowmonitor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The query benchmark and the load test at a tiny size: the database builds, every call answers, numbers come out. */
class QueryBenchmarkSmokeTest {

    @TempDir
    Path work;

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void aTinyDatabaseIsBuiltOnceAndEveryMethodIsTimedWithoutErrors() throws Exception {
        ClusterModel model = new ClusterModel(2, 2, 1);
        QueryDatabase.Info db = QueryDatabase.ensure(work.resolve("db"), model, 3_600, QUIET);
        // fewer than 16 nodes and VMs: all have 24 hours of samples at 20 s
        long expected = 2 * (2 * 4_320L) + 4 * 4_320L;
        assertEquals(expected, db.rows());
        QueryDatabase.Info again = QueryDatabase.ensure(work.resolve("db"), model, 3_600, QUIET);
        assertEquals(db.endMillis(), again.endMillis(), "reused, not rebuilt");

        List<QueryBenchmark.Cell> cells = QueryBenchmark.run(db, QueryBenchmark.methods(model, db.endMillis()), List.of(1, 2), 2, 30,
                QueryBenchmark.jvmOptions("256m", "", ""), QUIET);
        assertEquals(10, cells.size(), "five methods at 1 and 2 clients");
        for (QueryBenchmark.Cell c : cells) {
            assertEquals(0, c.errors(), c.method() + ": " + c.firstError());
            assertTrue(c.calls() >= 2 && c.medianMillis() > 0, c.toString());
        }
        assertEquals(2, cells.get(0).rowsPerAnswer(), "host.description lists every node");
        assertEquals(4_320, cells.stream().filter(c -> c.method().equals("virt.memory")).findFirst().orElseThrow().rowsPerAnswer(), "virt.memory returns 24 hours at 20 s");
        assertFalse(QueryBenchmark.markdown(cells).contains("missing"));

        LoadTest.Result load = LoadTest.run(db, model, 4, 2, 50, "256m", QUIET);
        assertTrue(load.all().count() > 7, "calls made: " + load.all().count());
        assertEquals(0, load.all().errors(), load.all().firstError());
        assertTrue(load.ingest().path("ingest").path("samples_stored").asLong() > 0);
    }

    @Test
    void aPostgresqlDatabaseIsKeptInItsFolderAndTheNextRunAnswersFromItWithoutBuilding() throws Exception {
        // the server runs as an unprivileged user when the tests run as root: it must reach the folder
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        ClusterModel model = new ClusterModel(2, 2, 1);
        long built;
        try (QueryDatabase.OnPostgresql db = QueryDatabase.onPostgresql(work.resolve("pg"), model, 3_600, QUIET)) {
            built = db.info().endMillis();
            assertEquals(2 * (2 * 4_320L) + 4 * 4_320L, db.info().rows());
        }
        assertTrue(Files.exists(work.resolve("pg/postgresql/pgdata/PG_VERSION")), "the cluster stays in the folder");

        try (QueryDatabase.OnPostgresql again = QueryDatabase.onPostgresql(work.resolve("pg"), model, 3_600, QUIET)) {
            assertEquals(built, again.info().endMillis(), "reused, not rebuilt");
            List<QueryBenchmark.Cell> cells = QueryBenchmark.run(again.info(),
                    QueryBenchmark.methods(model, built).stream().filter(m -> m.name().equals("virt.memory")).toList(),
                    List.of(1), 2, 30, QueryBenchmark.jvmOptions("256m", "", ""), QUIET);
            assertEquals(0, cells.get(0).errors(), cells.get(0).firstError());
            assertEquals(4_320, cells.get(0).rowsPerAnswer(), "the reused database holds the 24 hours it was built with");
        }
    }
}
