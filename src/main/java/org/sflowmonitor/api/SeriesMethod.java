package org.sflowmonitor.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.store.SampleTable;

/**
 * The time-series methods, the one place each is named: its params (the node or VM and the rows
 * wanted, a {@link SeriesParams} record), which table it reads and which of its columns it
 * returns. They return the 10 minutes up to {@code timestamp} (default now), or
 * {@code time_from} to {@code time_till} inclusive; see docs/api.md for every field. The
 * columns are the whitelist of the method's {@code output} param; every row starts with
 * host_ip and timestamp (a VM's rows then with hostname, name, uuid).
 */
enum SeriesMethod {
    HOST_CPU("host.cpu", NodeSeries.class, SampleTable.HOST_SAMPLE, CounterRecord.HostCpu.class),
    HOST_MEMORY("host.memory", NodeSeries.class, SampleTable.HOST_SAMPLE, CounterRecord.HostMemory.class),
    HOST_DISK("host.disk", NodeSeries.class, SampleTable.HOST_SAMPLE, CounterRecord.HostDiskIo.class),
    HOST_NET("host.net", NodeSeries.class, SampleTable.HOST_SAMPLE, CounterRecord.HostNetIo.class),
    /** The node's virt_node record: hypervisor CPU, memory and number of domains. */
    HOST_NODE("host.node", NodeSeries.class, SampleTable.HOST_SAMPLE, CounterRecord.VirtNode.class),
    /** The MIB-2 ip, icmp, tcp and udp groups. */
    HOST_MIB2("host.mib2", NodeSeries.class, SampleTable.HOST_MIB2_SAMPLE),
    /** Generic interface counters, one row per interface sample. */
    HOST_INTERFACES("host.interfaces", InterfaceSeries.class, SampleTable.INTERFACE_SAMPLE),
    VIRT_CPU("virt.cpu", VmSeries.class, SampleTable.VM_SAMPLE, CounterRecord.VirtCpu.class),
    VIRT_MEMORY("virt.memory", VmSeries.class, SampleTable.VM_SAMPLE, CounterRecord.VirtMemory.class),
    VIRT_DISK("virt.disk", VmSeries.class, SampleTable.VM_SAMPLE, CounterRecord.VirtDiskIo.class),
    /** hsflowd's vnio_*_in is what the VM sent and vnio_*_out what it received (docs/api.md). */
    VIRT_NET("virt.net", VmSeries.class, SampleTable.VM_SAMPLE, CounterRecord.VirtNetIo.class);

    private final String method;
    private final Class<? extends SeriesParams> params;
    private final SampleTable table;
    private final List<String> columns;
    private final List<String> fields;
    private final List<String> measures;
    private final List<String> rollupFields;

    /** A method that answers the columns one record of the sample fills. */
    SeriesMethod(String method, Class<? extends SeriesParams> params, SampleTable table,
                 Class<? extends CounterRecord> record) {
        this(method, params, table, table.columns(record), table.measures(record));
    }

    /** A method that answers every column of its table. */
    SeriesMethod(String method, Class<? extends SeriesParams> params, SampleTable table) {
        this(method, params, table, table.columns(), table.measures());
    }

    SeriesMethod(String method, Class<? extends SeriesParams> params, SampleTable table, List<String> columns,
                 List<String> measures) {
        this.method = method;
        this.params = params;
        this.table = table;
        this.columns = List.copyOf(columns);
        this.measures = List.copyOf(measures);
        this.fields = fields(List.of("host_ip", "timestamp"), columns);
        List<String> rolled = new ArrayList<>();
        if (table == SampleTable.INTERFACE_SAMPLE) {
            rolled.add("if_index");
        }
        measures.forEach(m -> Resolution.PARTS.forEach(p -> rolled.add(m + p)));
        this.rollupFields = fields(List.of("host_ip", "timestamp", "interval", "samples"), rolled);
    }

    private List<String> fields(List<String> first, List<String> rest) {
        List<String> all = new ArrayList<>(first);
        if (table == SampleTable.VM_SAMPLE) {
            // the VM's UUID as hostname (as the original did), its libvirt name, its UUID
            all.addAll(List.of("hostname", "name", "uuid"));
        }
        all.addAll(rest);
        return List.copyOf(all);
    }

    String method() {
        return method;
    }

    /** The methods of {@code namespace} ("host", "virt"), each reading through {@code reads}. */
    static List<MethodSpec> specs(String namespace, EntityReads reads) {
        return Arrays.stream(values()).filter(m -> m.method.startsWith(namespace + "."))
                .map(m -> m.spec(reads)).toList();
    }

    private MethodSpec spec(EntityReads reads) {
        return MethodSpec.ofRecord(method.substring(method.indexOf('.') + 1), params,
                p -> reads.series().read(this, p, reads.lookup()));
    }

    SampleTable table() {
        return table;
    }

    /** The sample columns, which also decide whether a sample had the method's record at all. */
    List<String> columns() {
        return columns;
    }

    /** Every field a row can have, in row order. */
    List<String> fields() {
        return fields;
    }

    /** The rollup measures (gauges, counters, utilisations) whose min, avg and max a rollup row gives. */
    List<String> measures() {
        return measures;
    }

    /** Every field a rollup row can have, in row order. */
    List<String> rollupFields() {
        return rollupFields;
    }

    /** The columns to read for the requested fields. */
    List<String> columnsFor(List<String> output) {
        return columns.stream().filter(output::contains).toList();
    }

    /**
     * A value as the API answers it: the original's units (part_max_used a float percent, -1
     * for an unknown load average).
     */
    static Object value(String field, Object raw) {
        return switch (field) {
            case "part_max_used" -> raw == null ? null : ((Number) raw).intValue() / 100.0;
            case "cpu_load_one", "cpu_load_five", "cpu_load_fifteen" -> raw == null ? Float.valueOf(-1f) : raw;
            default -> raw;
        };
    }
}
