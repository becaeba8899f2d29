package org.sflowmonitor.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.sflowmonitor.sflow.RecordNames;
import org.sflowmonitor.store.EntityFilter;

final class HostService implements HostApi {

    private final EntityReads reads;

    HostService(EntityReads reads) {
        this.reads = reads;
    }

    @Override
    public List<HostDescription> description(String ip, String hostIp, String hostname, String uuid) {
        EntityFilter filter = EntityLookup.nodeFilter(ip, hostIp, hostname, uuid);
        Map<Long, List<Map<String, Object>>> adapters = reads.inventory().adapters(false, filter);
        List<HostDescription> out = new ArrayList<>();
        for (Map<String, Object> row : reads.inventory().describeHosts(filter)) {
            long id = ((Number) row.get("id")).longValue();
            out.add(new HostDescription((String) row.get("host_ip"), (String) row.get("hostname"),
                    name(row.get("machine_type"), true), name(row.get("os_name"), false),
                    (String) row.get("os_release"), (String) row.get("uuid"),
                    ((Number) row.get("first_seen")).longValue(),
                    Math.max(((Number) row.get("last_seen")).longValue(), reads.live().hostLastSeen(id)),
                    adapters.getOrDefault(id, List.of()),
                    reads.live().loaded() ? reads.live().hostVmCount(id) : null));
        }
        return out;
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
        return read(SeriesMethod.HOST_INTERFACES, params.node(), params.ifIndex());
    }

    private List<Map<String, Object>> read(SeriesMethod method, NodeSeries p, Long ifIndex) {
        Selection selection = p.selection(method.fields(), reads.series().maxLimit());
        return reads.series().read(method, reads.lookup().node(p.ip(), p.hostIp(), p.hostname(), p.uuid()), ifIndex,
                selection);
    }

    @Override
    public List<Map<String, Object>> summary(String ip, String hostIp, String hostname, String uuid,
                                             List<String> output) {
        List<String> fields = Selection.output(output, Summaries.HOST_FIELDS);
        EntityFilter filter = EntityLookup.nodeFilter(ip, hostIp, hostname, uuid);
        return Summaries.summaries(reads.latest().hosts(filter, Summaries.HOST_COLUMNS), false, fields);
    }
}
