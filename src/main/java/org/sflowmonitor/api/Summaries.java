package org.sflowmonitor.api;

import static org.sflowmonitor.store.Counters.delta32;
import static org.sflowmonitor.store.Counters.delta64;
import static org.sflowmonitor.store.Counters.perSecond;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
            Map<String, Object> summary = vm ? vm(l.previous(), l.newest()) : host(l.previous(), l.newest());
            summary.put("reporting", state.reporting());
            summary.put("silent_since", state.silentSince());
            Map<String, Object> chosen = new LinkedHashMap<>();
            output.forEach(f -> chosen.put(f, summary.get(f)));
            out.add(chosen);
        }
        return out;
    }

    static Map<String, Object> host(Map<String, Object> prev, Map<String, Object> cur) {
        Map<String, Object> s = new LinkedHashMap<>();
        for (String f : List.of("host_ip", "hostname", "uuid", "timestamp")) {
            s.put(f, cur.get(f));
        }
        long interval = interval(prev, cur);
        boolean comparable = prev != null && !wentBack(prev.get("cpu_uptime"), cur.get("cpu_uptime"));
        s.put("sample_interval", prev == null ? null : interval);
        s.put("cpu_uptime", cur.get("cpu_uptime"));
        s.put("cpu_num", cur.get("cpu_num"));
        s.put("cpu_utilisation", comparable ? cpuUtilisation(prev, cur, interval) : null);
        for (String load : List.of("cpu_load_one", "cpu_load_five", "cpu_load_fifteen")) {
            s.put(load, SeriesMethod.value(load, cur.get(load)));
        }
        s.put("mem_total", cur.get("mem_total"));
        s.put("mem_free", cur.get("mem_free"));
        s.put("mem_utilisation", memUtilisation(cur));
        s.put("swap_total", cur.get("swap_total"));
        s.put("swap_free", cur.get("swap_free"));
        s.put("disk_total", cur.get("disk_total"));
        s.put("disk_free", cur.get("disk_free"));
        s.put("part_max_used", SeriesMethod.value("part_max_used", cur.get("part_max_used")));
        for (String c : List.of("reads", "writes", "packets_in", "packets_out")) {
            s.put(c + "_per_second", comparable ? perSecond(delta32(prev.get(c), cur.get(c)), interval) : null);
        }
        for (String c : List.of("bytes_read", "bytes_written", "bytes_in", "bytes_out")) {
            s.put(c + "_per_second", comparable ? perSecond(delta64(prev.get(c), cur.get(c)), interval) : null);
        }
        s.put("vnode_num_domains", cur.get("vnode_num_domains"));
        return s;
    }

    static Map<String, Object> vm(Map<String, Object> prev, Map<String, Object> cur) {
        Map<String, Object> s = new LinkedHashMap<>();
        for (String f : List.of("host_ip", "hostname", "uuid", "name")) {
            s.put(f, cur.get(f));
        }
        Object state = cur.get("vcpu_state");
        s.put("state", state == null ? null : RecordNames.virtState(((Number) state).longValue()));
        s.put("vcpu_state", state);
        s.put("timestamp", cur.get("timestamp"));
        long interval = interval(prev, cur);
        boolean comparable = prev != null && prev.get("host_id").equals(cur.get("host_id"));
        s.put("sample_interval", prev == null ? null : interval);
        Object vcpus = cur.get("vcpu_cpu_count");
        s.put("vcpu_cpu_count", vcpus);
        Double cpu = null;
        if (comparable && vcpus instanceof Number n) {
            Long delta = delta32(prev.get("vcpu_cpu_time"), cur.get("vcpu_cpu_time"));
            cpu = rounded(Utilisation.vmCpu(delta == null ? Counters.NO_DELTA : delta, interval, n.longValue()));
        }
        s.put("vcpu_utilisation", cpu);
        s.put("vmem_memory", cur.get("vmem_memory"));
        s.put("vmem_max_memory", cur.get("vmem_max_memory"));
        s.put("vmem_utilisation",
                Counters.percent((Number) cur.get("vmem_memory"), (Number) cur.get("vmem_max_memory")));
        s.put("vdsk_capacity", cur.get("vdsk_capacity"));
        s.put("vdsk_allocation", cur.get("vdsk_allocation"));
        rate64(s, "vdsk_rd_bytes_per_second", comparable, prev, cur, "vdsk_rd_bytes", interval);
        rate64(s, "vdsk_wr_bytes_per_second", comparable, prev, cur, "vdsk_wr_bytes", interval);
        rate32(s, "vdsk_rd_req_per_second", comparable, prev, cur, "vdsk_rd_req", interval);
        rate32(s, "vdsk_wr_req_per_second", comparable, prev, cur, "vdsk_wr_req", interval);
        // hsflowd counts on the host's tap device: its "in" is what the VM sent (reference section 4.3)
        rate64(s, "vnio_bytes_sent_per_second", comparable, prev, cur, "vnio_bytes_in", interval);
        rate64(s, "vnio_bytes_received_per_second", comparable, prev, cur, "vnio_bytes_out", interval);
        rate32(s, "vnio_packets_sent_per_second", comparable, prev, cur, "vnio_packets_in", interval);
        rate32(s, "vnio_packets_received_per_second", comparable, prev, cur, "vnio_packets_out", interval);
        return s;
    }

    private static void rate32(Map<String, Object> s, String field, boolean comparable, Map<String, Object> prev,
                               Map<String, Object> cur, String column, long interval) {
        s.put(field, comparable ? perSecond(delta32(prev.get(column), cur.get(column)), interval) : null);
    }

    private static void rate64(Map<String, Object> s, String field, boolean comparable, Map<String, Object> prev,
                               Map<String, Object> cur, String column, long interval) {
        s.put(field, comparable ? perSecond(delta64(prev.get(column), cur.get(column)), interval) : null);
    }

    private static long interval(Map<String, Object> prev, Map<String, Object> cur) {
        return prev == null ? 0 : ((Number) cur.get("timestamp")).longValue()
                - ((Number) prev.get("timestamp")).longValue();
    }

    private static boolean wentBack(Object prev, Object cur) {
        return prev instanceof Number p && cur instanceof Number c && c.longValue() < p.longValue();
    }

    /** Busy share of all CPU time (idle and waiting for I/O count as not busy), over all CPUs. */
    private static Double cpuUtilisation(Map<String, Object> prev, Map<String, Object> cur, long interval) {
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
    private static Double memUtilisation(Map<String, Object> cur) {
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
