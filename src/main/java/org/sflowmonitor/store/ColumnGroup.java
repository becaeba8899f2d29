package org.sflowmonitor.store;

import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/**
 * The columns one counter record of a sample fills, in table order; all NULL when the sample
 * lacked the record.
 */
record ColumnGroup<S, R>(Class<R> type, Function<S, R> record, List<Column<R>> columns) {

    ColumnGroup {
        columns = List.copyOf(columns);
    }

    @SafeVarargs
    static <S, R> ColumnGroup<S, R> of(Class<R> type, Function<S, R> record, Column<R>... columns) {
        return new ColumnGroup<>(type, record, List.of(columns));
    }

    boolean presentIn(S sample) {
        return record.apply(sample) != null;
    }

    /** Reads the columns' values into {@code values} from {@code index} on; returns the next index. */
    int latest(double[] values, int index, S sample) {
        R r = record.apply(sample);
        for (int i = 0; i < columns.size(); i++) {
            values[index + i] = r == null ? Double.NaN : latest(columns.get(i), r);
        }
        return index + columns.size();
    }

    /**
     * Reads the columns' values as stored ({@link Column#rollupValue}: {@link Counters#UNKNOWN} for
     * NULL) into {@code values} from {@code index} on; returns the next index.
     */
    int stored(long[] values, int index, S sample) {
        R r = record.apply(sample);
        for (int i = 0; i < columns.size(); i++) {
            values[index + i] = r == null ? Counters.UNKNOWN : columns.get(i).rollupValue(r);
        }
        return index + columns.size();
    }

    /** The value as {@link LatestValues} keeps it: a number, NaN for an "unknown" sentinel. */
    private static <R> double latest(Column<R> column, R r) {
        long v = column.rollupValue(r);
        if (v == Counters.UNKNOWN) {
            return Double.NaN;
        }
        return switch (column.kind()) {
            case LOAD -> Double.longBitsToDouble(v);
            case U64 -> SqlValues.unsigned(v);
            default -> v;
        };
    }

    /** Adds the columns' values, NULLs when the sample lacks the record. */
    void bind(RowValues params, S sample) throws SQLException {
        R r = record.apply(sample);
        for (int i = 0; i < columns.size(); i++) {
            Column<R> c = columns.get(i);
            if (r == null) {
                params.addNull(c.kind().sqlType());
            } else {
                c.bind(params, r);
            }
        }
    }
}
