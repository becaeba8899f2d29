package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.testing.LogCapture;
import org.sflowmonitor.testing.PostgresServer;

/** Each collector's heartbeat row in the database it writes into. */
class HeartbeatsTest {

    private static final String NOT_ALONE = "another collector writes here";

    @TempDir
    Path dataDir;

    private static Heartbeats.Instance instance(String id) {
        return new Heartbeats.Instance(id, "host-" + id, 6343, "test", 1000, 50);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void aCollectorsRowCarriesItsNewestCountersAndItsStopTime() throws Exception {
        try (Database db = TestCollector.open(dataDir)) {
            Queries queries = new Queries(db, 10);
            AtomicLong stored = new AtomicLong(1);
            HeartbeatWriter beat = new HeartbeatWriter(db.dataSource(), instance("a"),
                    () -> Map.of("samples_stored", stored.get()), null).start();
            awaitTrue(() -> Heartbeats.read(queries).size() == 1);
            stored.set(7);
            awaitTrue(() -> Heartbeats.read(queries).get(0).counters().get("samples_stored") == 7);
            Heartbeats.Row running = Heartbeats.read(queries).get(0);
            assertEquals("host-a", running.hostName());
            assertEquals(7L, running.counters().get("samples_stored"));
            assertNull(running.stoppedAt());

            stored.set(9);
            beat.close();
            Heartbeats.Row stopped = Heartbeats.read(queries).get(0);
            assertEquals(9L, stopped.counters().get("samples_stored"));
            assertTrue(stopped.stoppedAt() >= stopped.lastHeartbeat() - 1 && stopped.stoppedAt() > 0);
        }
    }

    @Test
    void aCollectorWarnsOnceWhenAnotherWritesIntoTheSameDatabase() throws Exception {
        try (Database db = TestCollector.open(PostgresServer.newDatabase(), dataDir);
             LogCapture log = new LogCapture(HeartbeatWriter.class.getName())) {
            HeartbeatWriter a = new HeartbeatWriter(db.dataSource(), instance("a"), Map::of, NOT_ALONE).start();
            Thread.sleep(200);
            assertEquals(List.of(), log.messages(Level.WARNING), "alone: no warning");
            HeartbeatWriter b = new HeartbeatWriter(db.dataSource(), instance("b"), Map::of, NOT_ALONE).start();
            awaitTrue(() -> log.messages(Level.WARNING).size() == 2);
            Thread.sleep(200);
            b.close();
            a.close();
            assertEquals(List.of(NOT_ALONE, NOT_ALONE), log.messages(Level.WARNING), "once by each");
        }
    }
}
