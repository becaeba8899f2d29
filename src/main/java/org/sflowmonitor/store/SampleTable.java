package org.sflowmonitor.store;

import java.util.List;

import org.sflowmonitor.sflow.CounterRecord;

/** The time-series tables as the API reads them: the key that identifies the entity and the sample columns. */
public enum SampleTable {
    HOST_SAMPLE(SampleRows.HOST_SAMPLE, "host_id", RollupRows.HOST),
    HOST_MIB2_SAMPLE(SampleRows.HOST_MIB2_SAMPLE, "host_id", RollupRows.HOST_MIB2),
    VM_SAMPLE(SampleRows.VM_SAMPLE, "vm_id", RollupRows.VM),
    INTERFACE_SAMPLE(SampleRows.INTERFACE_SAMPLE, "host_id", RollupRows.INTERFACE);

    /** The time column, which the API answers as timestamp. */
    private static final String TS = "ts";

    private final SampleLayout<?> layout;
    private final String key;
    private final List<String> columns;
    private final RollupLayout<?> rollup;
    private final List<String> valueColumns;
    private final boolean[] counters;
    private final boolean[] counters32;

    SampleTable(SampleLayout<?> layout, String key, RollupLayout<?> rollup) {
        this.layout = layout;
        this.key = key;
        this.rollup = rollup;
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

    RollupLayout<?> rollup() {
        return rollup;
    }

    /** The measures of this table's rollups: its gauges and counters in table order, then its utilisations. */
    public List<String> measures() {
        return rollup.measures();
    }

    /** The rollup measures shown by the time-series method of the record of this type. */
    public List<String> measures(Class<? extends CounterRecord> recordType) {
        return rollup.measuresOf(recordType);
    }

    /** How a rollup's min and max of {@code measure} read: whole numbers, hundredths (a percentage column), or reals. */
    public MeasureUnit unit(String measure) {
        if (rollup.hundredths(measure)) {
            return MeasureUnit.HUNDREDTHS;
        }
        return rollup.wholeGauge(measure) ? MeasureUnit.WHOLE : MeasureUnit.REAL;
    }

    /** How a measure's stored numbers read. */
    public enum MeasureUnit {
        WHOLE, HUNDREDTHS, REAL
    }
}
