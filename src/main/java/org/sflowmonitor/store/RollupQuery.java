package org.sflowmonitor.store;

import java.util.ArrayList;
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

    /**
     * Hands each row to {@code consumer}: the columns host_id (1), bucket_start (2), samples (3),
     * if_index (4, 0 outside interfaces), then per measure in the order of {@code measures} its
     * min, max, sum and count (from 5 on, four each).
     */
    public void forEachRow(Queries queries, Queries.RowConsumer consumer) {
        RollupLayout<?> layout = table.rollup();
        String dir = descending ? " DESC" : " ASC";
        boolean interfaces = layout.keys().size() > 1;
        StringBuilder sql = new StringBuilder("SELECT r.host_id, r.").append(RollupLayout.START).append(", r.")
                .append(RollupLayout.SAMPLES).append(interfaces ? ", r.if_index" : ", 0");
        for (String m : measures) {
            for (String part : RollupLayout.PARTS) {
                sql.append(", r.").append(Queries.column(m + part));
            }
        }
        sql.append(" FROM ").append(layout.table()).append(" r WHERE r.").append(layout.keys().get(0))
                .append(" = ?");
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
            sql.append(" AND (");
            for (int i = 0; i < presence.size(); i++) {
                sql.append(i == 0 ? "" : " OR ").append("r.").append(Queries.column(presence.get(i) + "_n"))
                        .append(" > 0");
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
        queries.forEachRow(sql.toString(), params, consumer);
    }
}
