package org.sflowmonitor.store;

import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A table of the newest two samples of each entity (migration V3): the key that names the entity,
 * the other columns of its sample table for the newest sample, then {@code prev_} and the same
 * again for the sample before it. The writer merges every sample it stores into it in the batch's
 * transaction, with a statement whose parameters are the sample table's INSERT's (so one binding
 * serves both). The merge keeps the two newest by ts whatever order they arrive in and whichever
 * collector writes them, so several collectors may share one database; of two samples with the
 * same ts (a stalled JVM reads datagrams sent apart in one millisecond) the later written counts
 * as the newer, as the order they arrived in. Everything here derives
 * from the sample table's {@link SampleLayout}.
 */
enum LatestTable {
    HOST(SampleRows.HOST_SAMPLE, "host_latest", List.of("host_id")),
    VM(SampleRows.VM_SAMPLE, "vm_latest", List.of("vm_id")),
    INTERFACE(SampleRows.INTERFACE_SAMPLE, "interface_latest", List.of("host_id", "if_index"));

    static final String PREVIOUS = "prev_";
    private static final String TS = "ts";
    private static final String HOST_ID = "host_id";
    /** Where {@link #bindUpsert} finds a value column in a {@link LatestState.Sample}: its ts, its host id, or this index. */
    private static final int FROM_TS = -2;
    private static final int FROM_HOST_ID = -1;

    private final String table;
    private final List<String> key;
    private final List<String> values;
    private final String merge;
    private final String insertOrUpdate;
    /** Per value column: where its value is in a {@link LatestState.Sample} and its kind. */
    private final int[] sources;
    private final Column.Kind[] kinds;

    LatestTable(SampleLayout<?> layout, String table, List<String> key) {
        this.table = table;
        this.key = List.copyOf(key);
        this.values = layout.columns().stream().filter(c -> !key.contains(c)).toList();
        this.merge = merge(layout);
        this.insertOrUpdate = insertOrUpdate(layout);
        List<Column<?>> valueColumns = layout.valueColumns();
        List<String> valueNames = valueColumns.stream().<String>map(Column::name).toList();
        this.sources = new int[values.size()];
        this.kinds = new Column.Kind[values.size()];
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            int at = valueNames.indexOf(v);
            sources[i] = v.equals(TS) ? FROM_TS : v.equals(HOST_ID) ? FROM_HOST_ID : at;
            kinds[i] = at >= 0 ? valueColumns.get(at).kind() : Column.Kind.KEY;
        }
    }

    String table() {
        return table;
    }

    /** The columns naming the entity. */
    List<String> key() {
        return key;
    }

    /** The columns of one sample besides the key, ts among them, in table order. */
    List<String> sampleValues() {
        return values;
    }

    /** Every column of the table in table order: key, values, prev_ values. */
    List<String> columns() {
        List<String> all = new ArrayList<>(key);
        all.addAll(values);
        values.forEach(v -> all.add(PREVIOUS + v));
        return all;
    }

    /** For retention: the rows whose newest sample is older than the parameter (an entity silent since). */
    String deleteOlderThan() {
        return "DELETE FROM " + table + " WHERE " + TS + " < ?";
    }

    /** For retention: forgets each previous sample older than the parameter, as its sample row is gone. */
    String forgetPreviousOlderThan() {
        return "UPDATE " + table + " SET " + values.stream().map(v -> PREVIOUS + v + " = NULL")
                .collect(Collectors.joining(", ")) + " WHERE " + PREVIOUS + TS + " < ?";
    }

    /**
     * The merge of one sample into the table; its parameters are those of the sample table's
     * INSERT, in that order: a standard MERGE on H2, an INSERT ... ON CONFLICT on PostgreSQL (14
     * has no MERGE), which keep the same two samples.
     */
    String merge(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL ? insertOrUpdate : merge;
    }

    /**
     * H2 only: the upsert of an entity's whole row, newest and previous sample, bound from memory
     * by {@link #bindUpsert}; for the tables whose key is one id.
     */
    String upsert() {
        List<String> all = columns();
        return "MERGE INTO " + table + " (" + String.join(", ", all) + ") KEY (" + String.join(", ", key)
                + ") VALUES (" + String.join(", ", Collections.nCopies(all.size(), "?")) + ")";
    }

    /** Binds {@link #upsert}'s parameters: the entity's id, its newest sample, its previous one (NULLs when null). */
    void bindUpsert(PreparedStatement ps, long id, LatestState.Sample newest, LatestState.Sample previous)
            throws SQLException {
        if (key.size() != 1) {
            throw new IllegalStateException(table + " is keyed by " + key + ", not one id");
        }
        Parameters params = Parameters.of(ps).add(id);
        bindSample(params, newest);
        bindSample(params, previous);
    }

    private void bindSample(Parameters params, LatestState.Sample s) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            if (s == null) {
                params.addNull(kinds[i].sqlType());
            } else {
                long value = switch (sources[i]) {
                    case FROM_TS -> s.ts();
                    case FROM_HOST_ID -> s.hostId();
                    default -> s.values()[sources[i]];
                };
                StoredValue.bind(params, kinds[i], value);
            }
        }
    }

    private String insertOrUpdate(SampleLayout<?> layout) {
        List<String> all = layout.columns();
        String newer = "EXCLUDED." + TS + " >= t." + TS;
        String sets = values.stream().map(v -> v + " = CASE WHEN " + newer + " THEN EXCLUDED." + v + " ELSE t." + v
                + " END, " + PREVIOUS + v + " = CASE WHEN " + newer + " THEN t." + v + " ELSE EXCLUDED." + v + " END")
                .collect(Collectors.joining(", "));
        // SELECT, not VALUES: reWriteBatchedInserts would join a batch's VALUES into one statement,
        // which may not touch a row twice
        return "INSERT INTO " + table + " AS t (" + String.join(", ", all) + ") SELECT "
                + String.join(", ", Collections.nCopies(all.size(), "?")) + " ON CONFLICT (" + String.join(", ", key)
                + ") DO UPDATE SET " + sets + " WHERE " + newer + " OR t." + PREVIOUS + TS + " IS NULL OR EXCLUDED."
                + TS + " >= t." + PREVIOUS + TS;
    }

    private String merge(SampleLayout<?> layout) {
        List<String> types = new ArrayList<>();
        int ids = layout.columns().size() - layout.sampleColumns().size();
        for (int i = 0; i < ids; i++) {
            types.add(JDBCType.BIGINT.getName());
        }
        layout.sampleColumns().forEach(c -> types.add(JDBCType.valueOf(c.kind().sqlType()).getName()));
        List<String> all = layout.columns();
        String source = types.stream().map(t -> "CAST(? AS " + t + ")").collect(Collectors.joining(", "));
        String on = key.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
        String shift = values.stream().map(v -> PREVIOUS + v + " = t." + v).collect(Collectors.joining(", "));
        String newest = values.stream().map(v -> v + " = s." + v).collect(Collectors.joining(", "));
        String previous = values.stream().map(v -> PREVIOUS + v + " = s." + v).collect(Collectors.joining(", "));
        return "MERGE INTO " + table + " t USING (VALUES (" + source + ")) s (" + String.join(", ", all) + ") ON " + on
                + " WHEN MATCHED AND s." + TS + " >= t." + TS + " THEN UPDATE SET " + shift + ", " + newest
                + " WHEN MATCHED AND s." + TS + " < t." + TS + " AND (t." + PREVIOUS + TS + " IS NULL OR s." + TS
                + " >= t." + PREVIOUS + TS + ") THEN UPDATE SET " + previous
                + " WHEN NOT MATCHED THEN INSERT (" + String.join(", ", all) + ") VALUES ("
                + all.stream().map(c -> "s." + c).collect(Collectors.joining(", ")) + ")";
    }
}
