package org.sflowmonitor.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * How a sample fills one row of a time-series table: first the entity ids the writer assigned
 * ({@code ids}), then the columns read from the sample itself, then one group per counter record.
 * The INSERT text, the binding, the NULLs of a missing record and the column lists all derive
 * from this one declaration.
 */
final class SampleLayout<S> {

    private final String table;
    private final List<String> ids;
    private final List<Column<S>> sampleColumns;
    private final List<ColumnGroup<S, ?>> groups;
    private final List<String> columns;
    private final String insert;
    private final int valueCount;

    SampleLayout(String table, List<String> ids, List<Column<S>> sampleColumns, List<ColumnGroup<S, ?>> groups) {
        this.table = table;
        this.ids = List.copyOf(ids);
        this.sampleColumns = List.copyOf(sampleColumns);
        this.groups = List.copyOf(groups);
        List<String> all = new ArrayList<>(ids);
        sampleColumns.forEach(c -> all.add(c.name()));
        groups.forEach(g -> g.columns().forEach(c -> all.add(c.name())));
        this.columns = List.copyOf(all);
        this.valueCount = groups.stream().mapToInt(g -> g.columns().size()).sum();
        this.insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    }

    String table() {
        return table;
    }

    /** Every column of the row, in table order. */
    List<String> columns() {
        return columns;
    }

    /** The columns read from the sample and its records (without the entity ids). */
    List<Column<?>> sampleColumns() {
        return Stream.concat(sampleColumns.stream(), groups.stream().flatMap(g -> g.columns().stream()))
                .<Column<?>>map(c -> c).toList();
    }

    /** The groups of columns the sample's records fill, in table order. */
    List<ColumnGroup<S, ?>> groups() {
        return groups;
    }

    /** The columns the record of this type fills; empty when no group reads it. */
    List<String> columnsOf(Class<?> recordType) {
        return groups.stream().filter(g -> g.type() == recordType)
                .flatMap(g -> g.columns().stream()).map(Column::name).toList();
    }

    /** The columns of the layout's counter records, in table order: the values {@link #latest} reads. */
    List<Column<?>> valueColumns() {
        return groups.stream().flatMap(g -> g.columns().stream()).<Column<?>>map(c -> c).toList();
    }

    /** The sample's value of each {@link #valueColumns() value column}; NaN where unknown or not carried. */
    double[] latest(S sample) {
        return latestInto(sample, new double[valueCount]);
    }

    /** {@link #latest} into {@code values} (of {@link #valueColumns()}' length), which it returns. */
    double[] latestInto(S sample, double[] values) {
        int at = 0;
        for (int i = 0; i < groups.size(); i++) {
            at = groups.get(i).latest(values, at, sample);
        }
        return values;
    }

    /** The sample's value of each {@link #valueColumns() value column} as stored ({@link StoredValue}). */
    long[] stored(S sample) {
        return storedInto(sample, new long[valueCount]);
    }

    /** {@link #stored} into {@code values} (of {@link #valueColumns()}' length), which it returns. */
    long[] storedInto(S sample, long[] values) {
        int at = 0;
        for (int i = 0; i < groups.size(); i++) {
            at = groups.get(i).stored(values, at, sample);
        }
        return values;
    }

    /** How many value columns the layout has. */
    int valueCount() {
        return valueCount;
    }

    String insert() {
        return insert;
    }

    /** Whether the sample carried any of the layout's records (otherwise it has no row here). */
    boolean hasRow(S sample) {
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).presentIn(sample)) {
                return true;
            }
        }
        return false;
    }

    void bind(PreparedStatement ps, long id, S sample) throws SQLException {
        bind(Parameters.of(ps), id, sample);
    }

    void bind(PreparedStatement ps, long id, long secondId, S sample) throws SQLException {
        bind(Parameters.of(ps), id, secondId, sample);
    }

    /** Adds the row's values in column order (to a statement's parameters or a COPY's rows). */
    void bind(RowValues row, long id, S sample) throws SQLException {
        checkIds(1);
        bindSample(row.add(id), sample);
    }

    void bind(RowValues row, long id, long secondId, S sample) throws SQLException {
        checkIds(2);
        bindSample(row.add(id).add(secondId), sample);
    }

    private void bindSample(RowValues params, S sample) throws SQLException {
        for (int i = 0; i < sampleColumns.size(); i++) {
            sampleColumns.get(i).bind(params, sample);
        }
        for (int i = 0; i < groups.size(); i++) {
            groups.get(i).bind(params, sample);
        }
    }

    private void checkIds(int given) {
        if (given != ids.size()) {
            throw new IllegalArgumentException(table + " takes the ids " + ids + ", not " + given);
        }
    }
}
