package org.sflowmonitor.store;

import java.io.IOException;
import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rollup rows of one entity (a node, a VM, or a node's interfaces) in one tier whose buckets
 * meet the range [from, till] (a bucket that began before {@code from} but reaches into it
 * counts), in bucket order, at most {@code limit}. A row none of whose {@code presence} measures
 * has a value is left out, as a raw row without the method's record is. The ORDER BY follows the
 * primary key (entity, width, bucket) in either direction.
 */
public record RollupQuery(SampleTable table, long widthMillis, long entityId, Long ifIndex, List<String> measures,
                          List<String> presence, long from, long till, boolean descending, int limit) {

    public RollupQuery {
        measures = List.copyOf(measures);
        presence = List.copyOf(presence);
    }

    /** Takes each row; the row object is reused for the next. */
    @FunctionalInterface
    public interface RowConsumer {
        void accept(RollupRow row) throws SQLException;
    }

    /** Hands each row to {@code consumer}, the values of {@code measures} in that order. */
    public void forEachRow(Queries queries, RowConsumer consumer) {
        RollupLayout<?> layout = table.rollup();
        String dir = descending ? " DESC" : " ASC";
        boolean interfaces = layout.keys().size() > 1;
        StringBuilder sql = new StringBuilder("SELECT r.host_id, r.").append(RollupLayout.START).append(", r.")
                .append(RollupLayout.SAMPLES).append(interfaces ? ", r.if_index" : ", 0").append(", r.")
                .append(RollupLayout.MEASURES).append(" FROM ").append(layout.table()).append(" r WHERE r.")
                .append(layout.keys().get(0)).append(" = ?");
        List<Object> params = new ArrayList<>();
        params.add(entityId);
        if (ifIndex != null) {
            sql.append(" AND r.if_index = ?");
            params.add(ifIndex);
        }
        sql.append(" AND r.").append(RollupLayout.WIDTH).append(" = ? AND r.").append(RollupLayout.START)
                .append(" >= ? AND r.").append(RollupLayout.START).append(" <= ?");
        params.add(widthMillis);
        params.add(EntityRollup.bucketStart(Math.max(from, Long.MIN_VALUE + widthMillis), widthMillis));
        params.add(till);
        if (!presence.isEmpty()) {
            int bits = layout.recordBits(presence);
            String or = " AND (";
            for (int k = 0; k < Integer.SIZE - 1; k++) {
                if ((bits & 1 << k) != 0) {
                    sql.append(or).append("MOD(r.").append(RollupLayout.RECORDS).append(" / ").append(1 << k)
                            .append(", 2) = 1");
                    or = " OR ";
                }
            }
            sql.append(')');
        }
        if (interfaces && ifIndex == null) {
            sql.append(" ORDER BY r.").append(RollupLayout.START).append(dir).append(", r.if_index").append(dir);
        } else {
            sql.append(" ORDER BY r.").append(layout.keys().get(0)).append(dir);
            if (interfaces) {
                sql.append(", r.if_index").append(dir);
            }
            sql.append(", r.").append(RollupLayout.WIDTH).append(dir).append(", r.").append(RollupLayout.START)
                    .append(dir);
        }
        sql.append(" FETCH FIRST ? ROWS ONLY");
        params.add(limit);
        PackedRow row = new PackedRow(measures.stream().mapToInt(layout::measureIndex).toArray());
        queries.forEachRow(sql.toString(), params, rs -> consumer.accept(row.read(rs)));
    }

    /**
     * A row read from the columns the query selects. The packed measures are read into one array
     * reused from row to row: H2's stream reads the value's own bytes, where {@code getBytes}
     * copied every row into an array of its own.
     */
    private static final class PackedRow implements RollupRow {

        /** Per measure of the query its place in the packed measures. */
        private final int[] at;
        private long hostId;
        private long bucketStart;
        private int samples;
        private long ifIndex;
        private byte[] packed = new byte[0];
        /** How many bytes of {@link #packed} the current row's measures take. */
        private int length;

        PackedRow(int[] at) {
            this.at = at;
        }

        PackedRow read(ResultSet rs) throws SQLException {
            hostId = rs.getLong(1);
            bucketStart = rs.getLong(2);
            samples = rs.getInt(3);
            ifIndex = rs.getLong(4);
            try (InputStream measures = rs.getBinaryStream(5)) {
                readMeasures(measures);
            } catch (IOException e) {
                throw new SQLException("packed measures unreadable", e);
            }
            return this;
        }

        private void readMeasures(InputStream measures) throws IOException {
            length = 0;
            while (true) {
                if (length == packed.length) {
                    packed = Arrays.copyOf(packed, Math.max(64, 2 * length));
                }
                int n = measures.read(packed, length, packed.length - length);
                if (n < 0) {
                    return;
                }
                length += n;
            }
        }

        @Override
        public long hostId() {
            return hostId;
        }

        @Override
        public long bucketStart() {
            return bucketStart;
        }

        @Override
        public int samples() {
            return samples;
        }

        @Override
        public long ifIndex() {
            return ifIndex;
        }

        @Override
        public int count(int m) {
            return PackedMeasures.count(packed, length, at[m]);
        }

        @Override
        public double min(int m) {
            return PackedMeasures.min(packed, at[m]);
        }

        @Override
        public double max(int m) {
            return PackedMeasures.max(packed, at[m]);
        }

        @Override
        public double sum(int m) {
            return PackedMeasures.sum(packed, at[m]);
        }
    }
}
