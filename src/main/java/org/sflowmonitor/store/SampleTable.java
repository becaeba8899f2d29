package org.sflowmonitor.store;

import java.util.List;

/** The time-series tables as the API reads them: the key that identifies the entity and the sample columns. */
public enum SampleTable {
    HOST_SAMPLE("host_sample", "host_id", SampleRows.HOST_SAMPLE),
    HOST_MIB2_SAMPLE("host_mib2_sample", "host_id", SampleRows.HOST_MIB2_SAMPLE),
    VM_SAMPLE("vm_sample", "vm_id", SampleRows.VM_SAMPLE),
    INTERFACE_SAMPLE("interface_sample", "host_id", SampleRows.INTERFACE_SAMPLE);

    private final String table;
    private final String key;
    private final List<String> columns;

    SampleTable(String table, String key, List<String> insertColumns) {
        this.table = table;
        this.key = key;
        this.columns = insertColumns.stream()
                .filter(c -> !c.equals("host_id") && !c.equals("vm_id") && !c.equals("ts")).toList();
    }

    String table() {
        return table;
    }

    String key() {
        return key;
    }

    /** The value columns, without the keys and ts, in table order. */
    public List<String> columns() {
        return columns;
    }
}
