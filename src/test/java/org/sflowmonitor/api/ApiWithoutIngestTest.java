package org.sflowmonitor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.store.Database;
import org.sflowmonitor.store.IngestFirst;
import org.sflowmonitor.store.Queries;
import org.sflowmonitor.store.RollupJob;

/** An instance of role api has no ingest to give way to: its calls do not take turns. */
class ApiWithoutIngestTest {

    @TempDir
    Path dataDir;

    @Test
    void anInstanceThatDoesNotCollectRunsMoreCallsAtOnceThanItHasCores() throws Exception {
        try (Database db = Database.open("jdbc:h2:file:" + dataDir.resolve("db"), "sa", "", dataDir, 1)) {
            Api api = Api.create(new Queries(db, 10), new CollectorSources("api", null, new IngestStats(100), null,
                    RollupJob.disabled(), db, 0, Map::of), new ApiConfig("", 1 << 20, 10, 1000, "test", 3));
            HikariPoolMXBean pool = ((HikariDataSource) db.dataSource()).getHikariPoolMXBean();
            int calls = IngestFirst.CONCURRENCY + 2;
            List<Thread> callers = new ArrayList<>();
            int awaiting;
            try (Connection held = db.connection()) { // the pool's only connection: every call waits for it
                for (int i = 0; i < calls; i++) {
                    byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"host.description\",\"params\":{\"ip\":"
                            + "\"10.0.0." + i + "\"}}").getBytes(StandardCharsets.UTF_8);
                    Thread t = new Thread(() -> api.handle(body));
                    t.start();
                    callers.add(t);
                }
                long deadline = System.nanoTime() + 5_000_000_000L;
                do {
                    Thread.sleep(10);
                    awaiting = pool.getThreadsAwaitingConnection();
                } while (awaiting < calls && System.nanoTime() < deadline);
            }
            for (Thread t : callers) {
                t.join();
            }

            assertEquals(calls, awaiting, "calls waiting for the database at once");
        }
    }
}
