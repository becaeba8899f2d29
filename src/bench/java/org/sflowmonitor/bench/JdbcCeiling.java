package org.sflowmonitor.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.sflowmonitor.store.Database;

/**
 * Ceiling (b): a bare JDBC loop inserting the collector's rows into the same H2 schema (opened
 * and migrated by the service's own {@link Database}), in batches of the writer's size with a
 * commit per batch: per node sample a host_sample and a host_mib2_sample row, per VM sample a
 * vm_sample row, every column filled. No entity lookups, no last_seen updates: only inserts.
 * The columns are read from the database, so the loop follows schema changes.
 *
 * <p>Two orders of the samples: {@code node}, node by node with each node's VMs together (so a
 * batch's rows land in one narrow stretch of the (vm_id, ts) index), and {@code arrival}, the
 * order in which the simulator sends them and the service receives them ({@link PollingSchedule}:
 * each VM at a second of its own, so consecutive rows land all over the index). The second is
 * the ceiling of what the service does; the first shows what the index's locality is worth.
 */
final class JdbcCeiling {

    /** One table's INSERT of every column, bound by column type. */
    static final class Table {
        final PreparedStatement insert;
        final int[] types;
        final List<String> names;
        int rows;
        /** The value of a column named row_key in the next row ({@link H2RowCost}'s clustered table). */
        private long rowKey;

        Table(Connection c, String table) throws SQLException {
            List<String> columns = new ArrayList<>();
            List<Integer> columnTypes = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table
                    + " WHERE 1 = 0")) {
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT));
                    columnTypes.add(meta.getColumnType(i));
                }
            }
            names = columns;
            types = columnTypes.stream().mapToInt(Integer::intValue).toArray();
            insert = c.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")");
        }

        void add(long hostId, long vmId, long ts, long k) throws SQLException {
            for (int i = 0; i < types.length; i++) {
                String name = names.get(i);
                int at = i + 1;
                if (name.equals("row_key")) {
                    insert.setLong(at, rowKey);
                } else if (name.equals("host_id")) {
                    insert.setLong(at, hostId);
                } else if (name.equals("vm_id")) {
                    insert.setLong(at, vmId);
                } else if (name.equals("ts")) {
                    insert.setLong(at, ts);
                } else if (types[i] == Types.REAL || types[i] == Types.FLOAT || types[i] == Types.DOUBLE) {
                    insert.setFloat(at, (k % 1000) / 100f);
                } else if (types[i] == Types.INTEGER) {
                    insert.setInt(at, (int) (k % 10_000));
                } else if (types[i] == Types.VARCHAR) {
                    insert.setString(at, "eth" + (k % 4));
                } else {
                    insert.setLong(at, k * 1_000 + i * 7_919L);
                }
            }
            insert.addBatch();
            rows++;
        }

        void keyed(long key) {
            rowKey = key;
        }

        void flush() throws SQLException {
            if (rows > 0) {
                insert.executeBatch();
                rows = 0;
            }
        }
    }

    private JdbcCeiling() {
    }

    /** The order samples are inserted in. */
    enum Order { NODE, ARRIVAL }

    /**
     * Inserts for {@code millis}, samples in {@code order} (of a cluster polled every
     * {@code intervalSeconds}); returns the stats line: samples and rows inserted and the time taken.
     * {@code urlSettings} (e.g. ";PAGE_SIZE=2048", or empty) are appended to the H2 URL, to try
     * H2's settings on the same loop.
     */
    static String run(Path dataDir, int vmsPerNode, int nodes, int batchSize, long millis, Order order,
                      int intervalSeconds, String urlSettings) throws Exception {
        String url = "jdbc:h2:file:" + dataDir.resolve("sflow-monitor").toAbsolutePath() + urlSettings;
        try (Database db = Database.open(url, "sa", "", dataDir, 2); Connection c = db.connection()) {
            c.setAutoCommit(false);
            Table host = new Table(c, "host_sample");
            Table mib2 = new Table(c, "host_mib2_sample");
            Table vm = new Table(c, "vm_sample");
            Samples samples = samples(order, new ClusterModel(nodes, vmsPerNode, 1), intervalSeconds);
            long start = System.nanoTime();
            long cpuStart = JvmUsage.processCpuNanos();
            long deadline = start + millis * 1_000_000;
            long count = 0;
            long rows = 0;
            long ts = System.currentTimeMillis();
            while (System.nanoTime() - deadline < 0) {
                for (int i = 0; i < batchSize; i++, count++) {
                    samples.next();
                    long hostId = samples.node() + 1;
                    if (samples.source() == PollingSchedule.NODE) {
                        host.add(hostId, 0, ts + count, count);
                        mib2.add(hostId, 0, ts + count, count);
                        rows += 2;
                    } else {
                        vm.add(hostId, (long) samples.node() * vmsPerNode + samples.source() + 1, ts + count, count);
                        rows++;
                    }
                }
                host.flush();
                mib2.flush();
                vm.flush();
                c.commit();
            }
            long elapsed = System.nanoTime() - start;
            return "samples_inserted=" + count + " rows_inserted=" + rows + " elapsed_ns=" + elapsed
                    + " loop_cpu_ns=" + (JvmUsage.processCpuNanos() - cpuStart);
        }
    }

    /** The samples of {@code model} polled every {@code intervalSeconds}, in {@code order}. */
    static Samples samples(Order order, ClusterModel model, int intervalSeconds) {
        return order == Order.NODE ? new NodeOrder(model.vmsPerNode(), model.nodes())
                : new ArrivalOrder(new PollingSchedule(model, intervalSeconds, false));
    }

    /** An endless sequence of samples: after {@link #next()}, the node (from 0) and the source (a VM from 0, or NODE). */
    interface Samples {
        void next();

        int node();

        int source();
    }

    /** Node after node, each node's own sample first and then its VMs'. */
    private static final class NodeOrder implements Samples {
        private final int vmsPerNode;
        private final int nodes;
        private int node;
        private int source;

        NodeOrder(int vmsPerNode, int nodes) {
            this.vmsPerNode = vmsPerNode;
            this.nodes = nodes;
            this.node = nodes - 1;
            this.source = vmsPerNode - 1;
        }

        @Override
        public void next() {
            if (source + 1 < vmsPerNode) {
                source++;
            } else {
                node = (node + 1) % nodes;
                source = PollingSchedule.NODE;
            }
        }

        @Override
        public int node() {
            return node;
        }

        @Override
        public int source() {
            return source;
        }
    }

    /** As the simulator sends them: second after second, in each second every node's sources of that second. */
    private static final class ArrivalOrder implements Samples {
        private final PollingSchedule schedule;
        private long second = -1;
        private int node;
        private int k;
        private int end;

        ArrivalOrder(PollingSchedule schedule) {
            this.schedule = schedule;
            this.node = schedule.nodes() - 1;
        }

        @Override
        public void next() {
            while (k >= end) {
                if (++node == schedule.nodes()) {
                    node = 0;
                    second++;
                }
                k = schedule.first(node, second);
                end = schedule.end(node, second);
            }
            k++;
        }

        @Override
        public int node() {
            return node;
        }

        @Override
        public int source() {
            return schedule.source(node, k - 1);
        }
    }
}
