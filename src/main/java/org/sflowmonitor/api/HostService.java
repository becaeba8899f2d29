package org.sflowmonitor.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.sflowmonitor.sflow.RecordNames;
import org.sflowmonitor.store.EntityFilter;

final class HostService implements HostApi {

    private static final List<String> DESCRIPTION_FIELDS = Page.sortableFields(HostDescription.class);

    private final EntityReads reads;

    HostService(EntityReads reads) {
        this.reads = reads;
    }

    @Override
    public Object description(String ip, String hostIp, String hostname, String uuid, Boolean reporting, String mac,
                              String sortfield, String sortorder, Integer limit, Integer offset, Boolean total) {
        Page page = Page.of(sortfield, sortorder, limit, offset, total, DESCRIPTION_FIELDS, reads.series().maxLimit());
        return page.applyToRecords(describe(ip, hostIp, hostname, uuid, reporting, mac), HostDescription.class);
    }

    private List<HostDescription> describe(String ip, String hostIp, String hostname, String uuid, Boolean reporting,
                                           String mac) {
        EntityFilter filter = EntityLookup.nodeFilter(ip, hostIp, hostname, uuid).withMac(EntityLookup.mac(mac));
        Reporting.Rule rule = reads.reportingNow();
        List<Map<String, Object>> rows = reads.inventory().describeHosts(filter);
        Map<Long, List<Map<String, Object>>> adapters = reads.inventory().adapters(false, filter);
        Map<Long, long[]> reportingVms = reads.live().loaded() ? reportingVms(rows, rule) : null;
        List<HostDescription> out = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            long id = ((Number) row.get("id")).longValue();
            long lastSeen = Math.max(((Number) row.get("last_seen")).longValue(), reads.live().hostLastSeen(id));
            Number interval = (Number) row.get("polling_interval");
            Reporting state = rule.of(lastSeen, interval);
            if (!Reporting.Rule.wanted(reporting, state)) {
                continue;
            }
            out.add(new HostDescription((String) row.get("host_ip"), (String) row.get("hostname"),
                    name(row.get("machine_type"), true), name(row.get("os_name"), false),
                    (String) row.get("os_release"), (String) row.get("uuid"),
                    ((Number) row.get("first_seen")).longValue(), lastSeen, adapters.getOrDefault(id, List.of()),
                    reportingVms == null ? null : reportingVms.get(id)[0],
                    reportingVms == null ? null : reads.live().hostVmCount(id),
                    interval == null ? null : interval.longValue(), state.reporting(), state.silentSince()));
        }
        return out;
    }

    /**
     * The VMs reporting on each node of {@code hosts}, by host id, counted from the writer's
     * live state (a count of vm rows per node would cost the call a query per node).
     */
    private Map<Long, long[]> reportingVms(List<Map<String, Object>> hosts, Reporting.Rule rule) {
        Map<Long, long[]> counts = new HashMap<>();
        hosts.forEach(h -> counts.put(((Number) h.get("id")).longValue(), new long[1]));
        reads.live().forEachVm((vmId, hostId, lastSeen) -> {
            long[] count = counts.get(hostId);
            if (count != null && rule.of(lastSeen, reads.live().hostPollingInterval(hostId)).reporting()) {
                count[0]++;
            }
        });
        return counts;
    }

    private static String name(Object number, boolean machineType) {
        if (number == null) {
            return null;
        }
        long n = ((Number) number).longValue();
        return machineType ? RecordNames.machineType(n) : RecordNames.osName(n);
    }

    @Override
    public List<Map<String, Object>> cpu(NodeSeries params) {
        return read(SeriesMethod.HOST_CPU, params, null);
    }

    @Override
    public List<Map<String, Object>> memory(NodeSeries params) {
        return read(SeriesMethod.HOST_MEMORY, params, null);
    }

    @Override
    public List<Map<String, Object>> disk(NodeSeries params) {
        return read(SeriesMethod.HOST_DISK, params, null);
    }

    @Override
    public List<Map<String, Object>> net(NodeSeries params) {
        return read(SeriesMethod.HOST_NET, params, null);
    }

    @Override
    public List<Map<String, Object>> node(NodeSeries params) {
        return read(SeriesMethod.HOST_NODE, params, null);
    }

    @Override
    public List<Map<String, Object>> mib2(NodeSeries params) {
        return read(SeriesMethod.HOST_MIB2, params, null);
    }

    @Override
    public List<Map<String, Object>> interfaces(InterfaceSeries params) {
        InterfaceSeries p = params;
        return reads.series().read(SeriesMethod.HOST_INTERFACES, p,
                () -> reads.lookup().node(p.ip(), p.hostIp(), p.hostname(), p.uuid()), p.ifIndex());
    }

    private List<Map<String, Object>> read(SeriesMethod method, NodeSeries p, Long ifIndex) {
        return reads.series().read(method, p, () -> reads.lookup().node(p.ip(), p.hostIp(), p.hostname(), p.uuid()),
                ifIndex);
    }

    @Override
    public Object summary(String ip, String hostIp, String hostname, String uuid, List<String> output,
                          Boolean reporting, String sortfield, String sortorder, Integer limit, Integer offset,
                          Boolean total) {
        Page page = Page.of(sortfield, sortorder, limit, offset, total, Summaries.HOST_FIELDS,
                reads.series().maxLimit());
        List<String> fields = Selection.output(output, Summaries.HOST_FIELDS);
        page.requireSortFieldIn(fields);
        EntityFilter filter = EntityLookup.nodeFilter(ip, hostIp, hostname, uuid);
        Reporting.Rule rule = reads.reportingNow();
        return page.applyToMaps(Summaries.summaries(reads.latest().hosts(filter, Summaries.HOST_COLUMNS), false, fields,
                row -> rule.of(Math.max(((Number) row.get("last_seen")).longValue(),
                        reads.live().hostLastSeen(((Number) row.get("id")).longValue())),
                        (Number) row.get("polling_interval")), reporting));
    }
}
