package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each collector's heartbeat row in the database it writes into. */
class HeartbeatsTest {

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
                    () -> Map.of("samples_stored", stored.get())).start();
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
}
