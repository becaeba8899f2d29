package org.sflowmonitor.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sflowmonitor.sflow.RecordNames;
import org.sflowmonitor.store.EntityFilter;
import org.sflowmonitor.store.Inventory;
import org.sflowmonitor.store.LiveEntities;
import org.sflowmonitor.store.LatestSamples;

final class HostService implements HostApi {

    private final Inventory inventory;
    private final EntityLookup lookup;
    private final SeriesReader series;
    private final LatestSamples latest;
    private final LiveEntities live;

    HostService(Inventory inventory, SeriesReader series, LatestSamples latest, LiveEntities live) {
        this.inventory = inventory;
        this.lookup = new EntityLookup(inventory);
        this.series = series;
        this.latest = latest;
        this.live = live;
    }

    @Override
    public List<Map<String, Object>> description(String ip, String hostIp, String hostname, String uuid) {
        EntityFilter filter = EntityLookup.nodeFilter(ip, hostIp, hostname, uuid);
        Map<Long, List<Map<String, Object>>> adapters = inventory.adapters(false, filter);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : inventory.describeHosts(filter)) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("host_ip", row.get("host_ip"));
            node.put("hostname", row.get("hostname"));
            node.put("machine_type", name(row.get("machine_type"), true));
            node.put("os_name", name(row.get("os_name"), false));
            node.put("os_release", row.get("os_release"));
            node.put("uuid", row.get("uuid"));
            node.put("first_seen", row.get("first_seen"));
            node.put("last_seen", Math.max(((Number) row.get("last_seen")).longValue(),
                    live.hostLastSeen(((Number) row.get("id")).longValue())));
            node.put("adapters", adapters.getOrDefault(((Number) row.get("id")).longValue(), List.of()));
            // unknown (null) while the writer has not loaded the inventory: the database was unreachable at start
            node.put("vm_count", live.loaded() ? live.hostVmCount(((Number) row.get("id")).longValue()) : null);
            out.add(node);
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
        Selection selection = p.selection(method.fields(), series.maxLimit());
        return series.read(method, lookup.node(p.ip(), p.hostIp(), p.hostname(), p.uuid()), ifIndex, selection);
    }

    @Override
    public List<Map<String, Object>> summary(String ip, String hostIp, String hostname, String uuid,
                                             List<String> output) {
        List<String> fields = Selection.output(output, Summaries.HOST_FIELDS);
        EntityFilter filter = EntityLookup.nodeFilter(ip, hostIp, hostname, uuid);
        return Summaries.summarise(latest.hosts(filter, Summaries.HOST_COLUMNS), false, fields);
    }
}
