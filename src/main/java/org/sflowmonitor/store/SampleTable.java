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
    private final Column.Kind[] valueKinds;

    SampleTable(SampleLayout<?> layout, String key) {
        this.layout = layout;
        this.key = key;
        this.columns = layout.sampleColumns().stream().map(Column::name).filter(c -> !c.equals(TS)).toList();
        this.valueColumns = layout.valueColumns().stream().map(Column::name).toList();
        this.valueKinds = layout.valueColumns().stream().map(Column::kind).toArray(Column.Kind[]::new);
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
        return valueKinds[index].isCounter();
    }

    Column.Kind valueKind(int index) {
        return valueKinds[index];
    }

    /** The columns a sample's record of this type fills, in table order. */
    public List<String> columns(Class<? extends CounterRecord> recordType) {
        return layout.columnsOf(recordType);
    }
}
