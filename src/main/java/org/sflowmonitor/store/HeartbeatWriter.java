package org.sflowmonitor.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A collector's heartbeat: its row of {@link Heartbeats} written at start, every interval, and
 * once more with {@code stopped_at} when it stops. A database that refuses it is logged once
 * per outage; the next beat tries again.
 */
public final class HeartbeatWriter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HeartbeatWriter.class.getName());

    private final DataSource dataSource;
    private final Heartbeats.Instance me;
    private final Supplier<Map<String, Long>> counters;
    private final PeriodicThread thread;
    private boolean failing;

    public HeartbeatWriter(DataSource dataSource, Heartbeats.Instance me, Supplier<Map<String, Long>> counters) {
        this.dataSource = dataSource;
        this.me = me;
        this.counters = counters;
        this.thread = new PeriodicThread("sflow-heartbeat", 0, me.intervalMillis(), () -> beat(null));
    }

    public HeartbeatWriter start() {
        thread.start();
        return this;
    }

    public Heartbeats.Instance instance() {
        return me;
    }

    private void beat(Long stoppedAt) {
        long now = System.currentTimeMillis();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Heartbeats.write(c, me, now, stoppedAt, counters.get());
            if (failing) {
                LOG.info("heartbeat of collector " + me.id() + " written again");
                failing = false;
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                LOG.log(Level.WARNING, "could not write the heartbeat of collector " + me.id()
                        + " (trying again every " + me.intervalMillis() / 1000 + " s): " + e.getMessage());
                failing = true;
            }
        }
    }

    /** Stops the beats and writes the last one, with the time of the stop and the final counters. */
    @Override
    public void close() {
        thread.stop(10_000);
        beat(System.currentTimeMillis());
    }
}
