package org.sflowmonitor.store;

import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.sflowmonitor.ingest.DatagramProcessor;
import org.sflowmonitor.ingest.IngestCounter;
import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.ingest.SflowListener;
import org.sflowmonitor.testing.TestDatabase;
import org.sflowmonitor.testing.UdpSender;

/**
 * The collector without the web part, as ServiceRuntime wires it: the database (by default an
 * H2 file database in a test folder), the batch writer, the datagram processor and the UDP
 * listener on a free port.
 */
final class TestCollector implements AutoCloseable {

    static final BatchWriter.Config CONFIG = new BatchWriter.Config(65_536, 2_000, 100_000, 5_000);

    final Database db;
    final IngestStats stats = new IngestStats(100_000);
    final BatchWriter writer;
    final DatagramProcessor processor;
    final SflowListener listener;

    private TestCollector(TestDatabase database, Path dataDir, BatchWriter.Config config,
                          UnaryOperator<DataSource> wrap) throws Exception {
        db = open(database, dataDir);
        writer = new BatchWriter(wrap.apply(db.dataSource()), stats, config).start();
        processor = new DatagramProcessor(stats, writer, config.maxVmsPerAgent());
        listener = SflowListener.start(new SflowListener.Config(null, 0, 8 << 20, 0, List.of()), processor);
    }

    static TestCollector start(Path dataDir) throws Exception {
        return start(TestDatabase.h2(dataDir), dataDir);
    }

    static TestCollector start(TestDatabase database, Path dataDir) throws Exception {
        return new TestCollector(database, dataDir, CONFIG, d -> d);
    }

    static TestCollector start(Path dataDir, BatchWriter.Config config, UnaryOperator<DataSource> wrap)
            throws Exception {
        return new TestCollector(TestDatabase.h2(dataDir), dataDir, config, wrap);
    }

    static Database open(Path dataDir) throws Exception {
        return open(TestDatabase.h2(dataDir), dataDir);
    }

    static Database open(TestDatabase database, Path dataDir) throws Exception {
        return Database.open(database.url(), database.user(), database.password(), dataDir, 4);
    }

    /** Sends datagrams over UDP to 127.0.0.1 and waits until all of them are stored or counted. */
    void sendAndAwait(List<byte[]> datagrams) throws Exception {
        long expected = total(IngestCounter.DATAGRAMS_RECEIVED) + datagrams.size();
        send(InetAddress.getByName("127.0.0.1"), datagrams);
        awaitIdle(expected);
    }

    void send(InetAddress loopback, List<byte[]> datagrams) throws Exception {
        long before = total(IngestCounter.DATAGRAMS_RECEIVED);
        long sent = 0;
        try (UdpSender udp = new UdpSender(loopback, listener.port())) {
            for (byte[] d : datagrams) {
                udp.send(d);
                sent++;
                // stay well inside the socket's receive buffer: the kernel would drop silently
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (sent - (total(IngestCounter.DATAGRAMS_RECEIVED) - before) > 500
                        && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
            }
        }
    }

    /**
     * Waits until {@code datagrams} datagrams were received since the start (in total) and
     * every sample taken is stored or counted, as seen twice in a row.
     */
    void awaitIdle(long datagrams) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int stable = 0;
        while (stable < 2) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not idle after 30 s: " + stats.total().snapshot()
                        + ", pending " + writer.pending());
            }
            Thread.sleep(20);
            boolean idle = total(IngestCounter.DATAGRAMS_RECEIVED) >= datagrams && writer.pending() == 0
                    && total(IngestCounter.SAMPLES_QUEUED) == total(IngestCounter.SAMPLES_STORED)
                    + total(IngestCounter.SAMPLES_OVER_ENTITY_LIMIT) + total(IngestCounter.WRITE_ERRORS);
            stable = idle ? stable + 1 : 0;
        }
    }

    long total(IngestCounter counter) {
        return stats.total().get(counter);
    }

    long agent(String agent, IngestCounter counter) {
        var counters = stats.agents().get(agent);
        return counters == null ? 0 : counters.get(counter);
    }

    List<Map<String, Object>> rows(String sql, Object... params) throws SQLException {
        return rows(db.dataSource(), sql, params);
    }

    long count(String table) throws SQLException {
        return ((Number) rows("SELECT COUNT(*) AS n FROM " + table).get(0).get("n")).longValue();
    }

    /** Rows as column maps, lower-case names, numbers normalized by {@link RecordColumns#normalize}. */
    static List<Map<String, Object>> rows(DataSource ds, String sql, Object... params) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), RecordColumns.normalize(rs.getObject(i)));
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }

    @Override
    public void close() {
        listener.close();
        writer.close();
        db.close();
    }
}
