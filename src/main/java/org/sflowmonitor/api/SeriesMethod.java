package org.sflowmonitor.api;

import java.util.ArrayList;
import java.util.List;

import org.sflowmonitor.store.SampleTable;

/**
 * The time-series methods: which table each reads and which of its columns it returns. The
 * columns are the whitelist of the method's {@code output} param; every row starts with
 * host_ip and timestamp (a VM's rows then with hostname, name, uuid).
 */
enum SeriesMethod {
    HOST_CPU("host.cpu", SampleTable.HOST_SAMPLE, "cpu_load_one", "cpu_load_five", "cpu_load_fifteen",
            "cpu_proc_run", "cpu_proc_total", "cpu_num", "cpu_speed", "cpu_uptime", "cpu_user", "cpu_nice",
            "cpu_system", "cpu_idle", "cpu_waiting_io", "cpu_intr", "cpu_sintr", "cpu_interrupts", "cpu_contexts",
            "cpu_steal", "cpu_guest", "cpu_guest_nice"),
    HOST_MEMORY("host.memory", SampleTable.HOST_SAMPLE, "mem_total", "mem_free", "mem_shared", "mem_buffers",
            "mem_cached", "swap_total", "swap_free", "page_in", "page_out", "swap_in", "swap_out"),
    HOST_DISK("host.disk", SampleTable.HOST_SAMPLE, "disk_total", "disk_free", "part_max_used", "reads",
            "bytes_read", "read_time", "writes", "bytes_written", "write_time"),
    HOST_NET("host.net", SampleTable.HOST_SAMPLE, "bytes_in", "packets_in", "errs_in", "drops_in", "bytes_out",
            "packets_out", "errs_out", "drops_out"),
    HOST_NODE("host.node", SampleTable.HOST_SAMPLE, "vnode_mhz", "vnode_cpus", "vnode_memory", "vnode_memory_free",
            "vnode_num_domains"),
    HOST_MIB2("host.mib2", SampleTable.HOST_MIB2_SAMPLE, SampleTable.HOST_MIB2_SAMPLE.columns()),
    HOST_INTERFACES("host.interfaces", SampleTable.INTERFACE_SAMPLE, SampleTable.INTERFACE_SAMPLE.columns()),
    VIRT_CPU("virt.cpu", SampleTable.VM_SAMPLE, "vcpu_state", "vcpu_cpu_time", "vcpu_cpu_count"),
    VIRT_MEMORY("virt.memory", SampleTable.VM_SAMPLE, "vmem_memory", "vmem_max_memory"),
    VIRT_DISK("virt.disk", SampleTable.VM_SAMPLE, "vdsk_capacity", "vdsk_allocation", "vdsk_available",
            "vdsk_rd_req", "vdsk_rd_bytes", "vdsk_wr_req", "vdsk_wr_bytes", "vdsk_errs"),
    VIRT_NET("virt.net", SampleTable.VM_SAMPLE, "vnio_bytes_in", "vnio_packets_in", "vnio_errs_in",
            "vnio_drops_in", "vnio_bytes_out", "vnio_packets_out", "vnio_errs_out", "vnio_drops_out");

    private final String method;
    private final SampleTable table;
    private final List<String> columns;
    private final List<String> fields;

    SeriesMethod(String method, SampleTable table, String... columns) {
        this(method, table, List.of(columns));
    }

    SeriesMethod(String method, SampleTable table, List<String> columns) {
        this.method = method;
        this.table = table;
        this.columns = List.copyOf(columns);
        List<String> all = new ArrayList<>(List.of("host_ip", "timestamp"));
        if (table == SampleTable.VM_SAMPLE) {
            // the VM's UUID as hostname (as the original did), its libvirt name, its UUID
            all.addAll(List.of("hostname", "name", "uuid"));
        }
        all.addAll(columns);
        this.fields = List.copyOf(all);
    }

    String method() {
        return method;
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
