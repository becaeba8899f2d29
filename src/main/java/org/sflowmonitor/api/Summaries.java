package org.sflowmonitor.api;

import static org.sflowmonitor.store.Counters.delta32;
import static org.sflowmonitor.store.Counters.delta64;
import static org.sflowmonitor.store.Counters.perSecond;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.sflowmonitor.sflow.RecordNames;
import org.sflowmonitor.store.Counters;
import org.sflowmonitor.store.LatestSamples;
import org.sflowmonitor.store.Utilisation;

/**
 * host.summary and virt.summary: the newest sample of each node or VM with the figures a script
 * would otherwise compute, rates taken between the newest two samples. A rate is left null when
 * there is only one sample, a counter went backwards, the node rebooted (its uptime went
 * back), or the VM moved to another node between the two.
 */
final class Summaries {

    static final List<String> HOST_COLUMNS = List.of("cpu_uptime", "cpu_num", "cpu_load_one", "cpu_load_five",
            "cpu_load_fifteen", "cpu_user", "cpu_nice", "cpu_system", "cpu_idle", "cpu_waiting_io", "cpu_intr",
            "cpu_sintr", "cpu_steal", "mem_total", "mem_free", "mem_buffers", "mem_cached", "swap_total", "swap_free",
            "disk_total", "disk_free", "part_max_used", "reads", "writes", "bytes_read", "bytes_written", "bytes_in",
            "packets_in", "bytes_out", "packets_out", "vnode_num_domains");

    static final List<String> HOST_FIELDS = List.of("host_ip", "hostname", "uuid", "timestamp", "sample_interval",
            "cpu_uptime", "cpu_num", "cpu_utilisation", "cpu_load_one", "cpu_load_five", "cpu_load_fifteen",
            "mem_total", "mem_free", "mem_utilisation", "swap_total", "swap_free", "disk_total", "disk_free",
            "part_max_used", "reads_per_second", "writes_per_second", "bytes_read_per_second",
            "bytes_written_per_second", "bytes_in_per_second", "packets_in_per_second", "bytes_out_per_second",
            "packets_out_per_second", "vnode_num_domains", "reporting", "silent_since");

    static final List<String> VM_COLUMNS = List.of("vcpu_state", "vcpu_cpu_time", "vcpu_cpu_count", "vmem_memory",
            "vmem_max_memory", "vdsk_capacity", "vdsk_allocation", "vdsk_rd_req", "vdsk_rd_bytes", "vdsk_wr_req",
            "vdsk_wr_bytes", "vnio_bytes_in", "vnio_packets_in", "vnio_bytes_out", "vnio_packets_out");

    static final List<String> VM_FIELDS = List.of("host_ip", "hostname", "uuid", "name", "state", "vcpu_state",
            "timestamp", "sample_interval", "vcpu_cpu_count", "vcpu_utilisation", "vmem_memory", "vmem_max_memory",
            "vmem_utilisation", "vdsk_capacity", "vdsk_allocation", "vdsk_rd_bytes_per_second",
            "vdsk_wr_bytes_per_second", "vdsk_rd_req_per_second", "vdsk_wr_req_per_second",
            "vnio_bytes_sent_per_second", "vnio_bytes_received_per_second", "vnio_packets_sent_per_second",
            "vnio_packets_received_per_second", "reporting", "silent_since");

    private Summaries() {
    }

    /**
     * One summary per entity from rows ordered by id then timestamp (the last two of each count),
     * with the entity's {@code reporting} state judged from its newest row; only the entities
     * {@code wanted} by the reporting filter (null: all).
     */
    static List<Map<String, Object>> summarise(List<Map<String, Object>> rows, boolean vm, List<String> output,
                                               Function<Map<String, Object>, Reporting> reporting, Boolean wanted) {
        List<LatestSamples.Latest> latest = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> cur = rows.get(i);
            if (i + 1 < rows.size() && rows.get(i + 1).get("id").equals(cur.get("id"))) {
                continue;
            }
            Map<String, Object> prev = i > 0 && rows.get(i - 1).get("id").equals(cur.get("id")) ? rows.get(i - 1)
                    : null;
            latest.add(new LatestSamples.Latest(cur, prev));
        }
        return summaries(latest, vm, output, reporting, wanted);
    }

    /**
     * One summary per entity of its newest sample and the one before it, with the entity's
     * {@code reporting} state judged from its newest sample; only the entities {@code wanted} by
     * the reporting filter (null: all).
     */
    static List<Map<String, Object>> summaries(List<LatestSamples.Latest> latest, boolean vm, List<String> output,
                                               Function<Map<String, Object>, Reporting> reporting, Boolean wanted) {
        List<Map<String, Object>> out = new ArrayList<>(latest.size());
        for (LatestSamples.Latest l : latest) {
            Reporting state = reporting.apply(l.newest());
            if (!Reporting.Rule.wanted(wanted, state)) {
                continue;
            }
            Map<String, Object> prev = l.previous();
            Map<String, Object> cur = l.newest();
            out.add(vm ? RecordFields.of(VmSummary.class).select(vm(prev == null ? null : prev::get, cur::get)
                    .with(state), output) : RecordFields.of(HostSummary.class).select(host(prev == null ? null
                    : prev::get, cur::get).with(state), output));
        }
        return out;
    }

    /** A sample's fields by the names of {@link LatestSamples}. */
    interface Fields {
        Object get(String name);
    }

    /** host(prev, cur) as a map of its fields, without the reporting state. */
    static Map<String, Object> host(Map<String, Object> prev, Map<String, Object> cur) {
        return RecordFields.of(HostSummary.class).select(host(prev == null ? null : prev::get, cur::get),
                HOST_FIELDS.subList(0, HOST_FIELDS.size() - 2));
    }

    /** vm(prev, cur) as a map of its fields, without the reporting state. */
    static Map<String, Object> vm(Map<String, Object> prev, Map<String, Object> cur) {
        return RecordFields.of(VmSummary.class).select(vm(prev == null ? null : prev::get, cur::get),
                VM_FIELDS.subList(0, VM_FIELDS.size() - 2));
    }

    /** A node's summary of its newest sample {@code cur} and the one before it ({@code prev}, null when none); reporting left null. */
    static HostSummary host(Fields prev, Fields cur) {
        long interval = interval(prev, cur);
        boolean comparable = prev != null && !wentBack(prev.get("cpu_uptime"), cur.get("cpu_uptime"));
        return new HostSummary((String) cur.get("host_ip"), (String) cur.get("hostname"), (String) cur.get("uuid"),
                cur.get("timestamp"), prev == null ? null : interval, cur.get("cpu_uptime"), cur.get("cpu_num"),
                comparable ? cpuUtilisation(prev, cur, interval) : null,
                SeriesMethod.value("cpu_load_one", cur.get("cpu_load_one")),
                SeriesMethod.value("cpu_load_five", cur.get("cpu_load_five")),
                SeriesMethod.value("cpu_load_fifteen", cur.get("cpu_load_fifteen")),
                cur.get("mem_total"), cur.get("mem_free"), memUtilisation(cur), cur.get("swap_total"),
                cur.get("swap_free"), cur.get("disk_total"), cur.get("disk_free"),
                SeriesMethod.value("part_max_used", cur.get("part_max_used")),
                rate32(comparable, prev, cur, "reads", interval), rate32(comparable, prev, cur, "writes", interval),
                rate64(comparable, prev, cur, "bytes_read", interval),
                rate64(comparable, prev, cur, "bytes_written", interval),
                rate64(comparable, prev, cur, "bytes_in", interval), rate32(comparable, prev, cur, "packets_in", interval),
                rate64(comparable, prev, cur, "bytes_out", interval),
                rate32(comparable, prev, cur, "packets_out", interval), cur.get("vnode_num_domains"), null, null);
    }

    /** A VM's summary of its newest sample {@code cur} and the one before it ({@code prev}, null when none); reporting left null. */
    static VmSummary vm(Fields prev, Fields cur) {
        Object state = cur.get("vcpu_state");
        long interval = interval(prev, cur);
        boolean comparable = prev != null && prev.get("host_id").equals(cur.get("host_id"));
        Object vcpus = cur.get("vcpu_cpu_count");
        Double cpu = null;
        if (comparable && vcpus instanceof Number n) {
            Long delta = delta32(prev.get("vcpu_cpu_time"), cur.get("vcpu_cpu_time"));
            cpu = rounded(Utilisation.vmCpu(delta == null ? Counters.NO_DELTA : delta, interval, n.longValue()));
        }
        // hsflowd counts on the host's tap device: its "in" is what the VM sent (reference section 4.3)
        return new VmSummary((String) cur.get("host_ip"), (String) cur.get("hostname"), (String) cur.get("uuid"),
                (String) cur.get("name"), state == null ? null : RecordNames.virtState(((Number) state).longValue()),
                state, cur.get("timestamp"), prev == null ? null : interval, vcpus, cpu, cur.get("vmem_memory"),
                cur.get("vmem_max_memory"),
                Counters.percent((Number) cur.get("vmem_memory"), (Number) cur.get("vmem_max_memory")),
                cur.get("vdsk_capacity"), cur.get("vdsk_allocation"),
                rate64(comparable, prev, cur, "vdsk_rd_bytes", interval),
                rate64(comparable, prev, cur, "vdsk_wr_bytes", interval),
                rate32(comparable, prev, cur, "vdsk_rd_req", interval),
                rate32(comparable, prev, cur, "vdsk_wr_req", interval),
                rate64(comparable, prev, cur, "vnio_bytes_in", interval),
                rate64(comparable, prev, cur, "vnio_bytes_out", interval),
                rate32(comparable, prev, cur, "vnio_packets_in", interval),
                rate32(comparable, prev, cur, "vnio_packets_out", interval), null, null);
    }

    private static Double rate32(boolean comparable, Fields prev, Fields cur, String column, long interval) {
        return comparable ? perSecond(delta32(prev.get(column), cur.get(column)), interval) : null;
    }

    private static Double rate64(boolean comparable, Fields prev, Fields cur, String column, long interval) {
        return comparable ? perSecond(delta64(prev.get(column), cur.get(column)), interval) : null;
    }

    private static long interval(Fields prev, Fields cur) {
        return prev == null ? 0 : ((Number) cur.get("timestamp")).longValue()
                - ((Number) prev.get("timestamp")).longValue();
    }

    private static boolean wentBack(Object prev, Object cur) {
        return prev instanceof Number p && cur instanceof Number c && c.longValue() < p.longValue();
    }

    /** Busy share of all CPU time (idle and waiting for I/O count as not busy), over all CPUs. */
    private static Double cpuUtilisation(Fields prev, Fields cur, long interval) {
        long total = 0;
        long notBusy = 0;
        for (String c : Utilisation.CPU_TIMES) {
            Long d = delta32(prev.get(c), cur.get(c));
            if (d == null) {
                return null;
            }
            total += d;
            if (Utilisation.CPU_NOT_BUSY.contains(c)) {
                notBusy += d;
            }
        }
        Long steal = delta32(prev.get("cpu_steal"), cur.get("cpu_steal"));
        total += steal == null ? 0 : steal;
        long cpus = cur.get("cpu_num") instanceof Number n ? n.longValue() : 0;
        return rounded(Utilisation.hostCpu(total, notBusy, interval, cpus));
    }

    /** Used memory (without buffers and page cache) as a share of the total. */
    private static Double memUtilisation(Fields cur) {
        return rounded(Utilisation.memory(number(cur.get("mem_total")), number(cur.get("mem_free")),
                number(cur.get("mem_buffers")), number(cur.get("mem_cached"))));
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static Double rounded(double value) {
        return Double.isNaN(value) ? null : Counters.round2(value);
    }
}
