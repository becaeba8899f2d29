package org.sflowmonitor.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sflowmonitor.sflow.RecordNames;
import org.sflowmonitor.store.EntityFilter;
import org.sflowmonitor.store.Inventory;
import org.sflowmonitor.store.LiveEntities;
import org.sflowmonitor.store.LatestSamples;

final class VirtService implements VirtApi {

    private final Inventory inventory;
    private final EntityLookup lookup;
    private final SeriesReader series;
    private final LatestSamples latest;
    private final LiveEntities live;

    VirtService(Inventory inventory, SeriesReader series, LatestSamples latest, LiveEntities live) {
        this.inventory = inventory;
        this.lookup = new EntityLookup(inventory);
        this.series = series;
        this.latest = latest;
        this.live = live;
    }

    @Override
    public List<Map<String, Object>> description(String hostname, String uuid, String name, String ip,
                                                 String hostIp) {
        EntityFilter filter = filter(hostname, uuid, name, ip, hostIp);
        Map<Long, List<Map<String, Object>>> adapters = inventory.adapters(true, filter);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : inventory.describeVms(filter)) {
            Map<String, Object> vm = new LinkedHashMap<>();
            vm.put("host_ip", row.get("host_ip"));
            vm.put("hostname", row.get("uuid"));
            vm.put("uuid", row.get("uuid"));
            vm.put("name", row.get("name"));
            Object state = row.get("vcpu_state");
            vm.put("state", state == null ? null : RecordNames.virtState(((Number) state).longValue()));
            vm.put("node_hostname", row.get("node_hostname"));
            vm.put("first_seen", row.get("first_seen"));
            vm.put("last_seen", Math.max(((Number) row.get("last_seen")).longValue(),
                    live.vmLastSeen(((Number) row.get("id")).longValue())));
            vm.put("adapters", adapters.getOrDefault(((Number) row.get("id")).longValue(), List.of()));
            out.add(vm);
        }
        return out;
    }

    /**
     * The VMs the description and summary filters name. hostname is the original's id: a UUID, or
     * else a libvirt name (which may hold * wildcards, as name may).
     */
    private static EntityFilter filter(String hostname, String uuid, String name, String ip, String hostIp) {
        EntityFilter node = EntityLookup.nodeFilter(ip, hostIp, null, null);
        String byUuid = uuid;
        String byName = name;
        if (hostname != null) {
            boolean isUuid = EntityLookup.isUuid(hostname);
            String other = isUuid ? byUuid : byName;
            if (other != null && !other.equalsIgnoreCase(hostname)) {
                throw RpcException.invalidParams("hostname '" + hostname + "' and " + (isUuid ? "uuid" : "name")
                        + " '" + other + "' disagree; give one");
            }
            if (isUuid) {
                byUuid = hostname;
            } else {
                byName = hostname;
            }
        }
        return new EntityFilter(node.hostIp(), byName, byUuid == null ? null : byUuid.toLowerCase(Locale.ROOT));
    }

    @Override
    public List<Map<String, Object>> cpu(VmSeries params) {
        return read(SeriesMethod.VIRT_CPU, params);
    }

    @Override
    public List<Map<String, Object>> memory(VmSeries params) {
        return read(SeriesMethod.VIRT_MEMORY, params);
    }

    @Override
    public List<Map<String, Object>> disk(VmSeries params) {
        return read(SeriesMethod.VIRT_DISK, params);
    }

    @Override
    public List<Map<String, Object>> net(VmSeries params) {
        return read(SeriesMethod.VIRT_NET, params);
    }

    private List<Map<String, Object>> read(SeriesMethod method, VmSeries p) {
        Selection selection = p.selection(method.fields(), series.maxLimit());
        return series.read(method, lookup.vm(p.hostname(), p.uuid()), null, selection);
    }

    @Override
    public List<Map<String, Object>> summary(String hostname, String uuid, String name, String ip, String hostIp,
                                             List<String> output) {
        List<String> fields = Selection.output(output, Summaries.VM_FIELDS);
        return Summaries.summarise(latest.vms(filter(hostname, uuid, name, ip, hostIp), Summaries.VM_COLUMNS), true,
                fields);
    }
}
