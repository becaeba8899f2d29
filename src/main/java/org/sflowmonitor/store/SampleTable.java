package org.sflowmonitor.store;

import java.util.List;

import org.sflowmonitor.sflow.CounterRecord;

/** The time-series tables as the API reads them: the key that identifies the entity and the sample columns. */
public enum SampleTable {
    HOST_SAMPLE(SampleRows.HOST_SAMPLE, "host_id"),
    HOST_MIB2_SAMPLE(SampleRows.HOST_MIB2_SAMPLE, "host_id"),
    VM_SAMPLE(SampleRows.VM_SAMPLE, "vm_id"),
    INTERFACE_SAMPLE(SampleRows.INTERFACE_SAMPLE, "host_id");

    /** The time column, which the API answers as timestamp. */
    private static final String TS = "ts";

    private final SampleLayout<?> layout;
    private final String key;
    private final List<String> columns;
    private final List<String> valueColumns;
    private final boolean[] counters;
    private final boolean[] counters32;

    SampleTable(SampleLayout<?> layout, String key) {
        this.layout = layout;
        this.key = key;
        this.columns = layout.sampleColumns().stream().map(Column::name).filter(c -> !c.equals(TS)).toList();
        this.valueColumns = layout.valueColumns().stream().map(Column::name).toList();
        List<Column<?>> values = layout.valueColumns();
        this.counters = new boolean[values.size()];
        this.counters32 = new boolean[values.size()];
        for (int i = 0; i < values.size(); i++) {
            counters[i] = values.get(i).rollup() == Column.Rollup.COUNTER;
            counters32[i] = counters[i] && values.get(i).kind() == Column.Kind.U32;
        }
    }

    String table() {
        return layout.table();
    }

    String key() {
        return key;
    }

    /** The value columns, without the keys and ts, in table order. */
    public List<String> columns() {
        return columns;
    }

    /** The columns of the counter records, in table order: the values of a {@link LatestValues.Reading}. */
    public List<String> valueColumns() {
        return valueColumns;
    }

    /** Whether the value column at {@code index} is a counter (otherwise a gauge). */
    public boolean isCounter(int index) {
        return counters[index];
    }

    /** Whether the value column at {@code index} is a 32-bit counter (one that wraps at 2^32). */
    boolean isCounter32(int index) {
        return counters32[index];
    }

    /** The columns a sample's record of this type fills, in table order. */
    public List<String> columns(Class<? extends CounterRecord> recordType) {
        return layout.columnsOf(recordType);
    }
}
