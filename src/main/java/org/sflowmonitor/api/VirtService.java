package org.sflowmonitor.api;

import java.util.ArrayList;
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
    public List<VmDescription> description(String hostname, String uuid, String name, String ip, String hostIp) {
        EntityFilter filter = filter(hostname, uuid, name, ip, hostIp);
        Map<Long, List<Map<String, Object>>> adapters = inventory.adapters(true, filter);
        List<VmDescription> out = new ArrayList<>();
        for (Map<String, Object> row : inventory.describeVms(filter)) {
            long id = ((Number) row.get("id")).longValue();
            Object state = row.get("vcpu_state");
            out.add(new VmDescription((String) row.get("host_ip"), (String) row.get("uuid"), (String) row.get("uuid"),
                    (String) row.get("name"), state == null ? null : RecordNames.virtState(((Number) state).longValue()),
                    (String) row.get("node_hostname"), ((Number) row.get("first_seen")).longValue(),
                    Math.max(((Number) row.get("last_seen")).longValue(), live.vmLastSeen(id)),
                    adapters.getOrDefault(id, List.of())));
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
