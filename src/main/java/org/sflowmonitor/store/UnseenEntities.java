package org.sflowmonitor.store;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.sflowmonitor.ingest.EntitySample;
import org.sflowmonitor.store.Entities.Host;
import org.sflowmonitor.store.Entities.Vm;

/**
 * On a database that assigns the ids (PostgreSQL): creates the hosts and VMs a batch meets for
 * the first time, within the limits, before its samples are bound, or finds the rows another
 * instance created (see {@link NewEntities}), and takes them into the {@link EntityCache}.
 */
final class UnseenEntities {

    private final EntityCache cache;
    private final Entities.Limits limits;

    UnseenEntities(EntityCache cache, Entities.Limits limits) {
        this.cache = cache;
        this.limits = limits;
    }

    void create(Statements st, List<EntitySample> batch) throws SQLException {
        Map<String, NewEntities.HostRow> newHosts = new LinkedHashMap<>();
        for (EntitySample sample : batch) {
            String ip = sample.agent();
            if (cache.host(ip) == null && !newHosts.containsKey(ip)
                    && limits.roomForHost(cache.hostCount() + newHosts.size())) {
                Host described = new Host(0, sample.receivedAt());
                if (sample instanceof EntitySample.NodeSample node && node.descr() != null) {
                    Descriptions.takeDescription(described, node.descr());
                }
                newHosts.put(ip, new NewEntities.HostRow(ip, described, sample.receivedAt()));
            }
        }
        if (!newHosts.isEmpty()) {
            for (NewEntities.StoredHost row : NewEntities.hosts(st, List.copyOf(newHosts.values()))) {
                adopt(row);
            }
        }
        Map<UUID, NewEntities.VmRow> newVms = new LinkedHashMap<>();
        Map<Host, Integer> newOnHost = new HashMap<>();
        for (EntitySample sample : batch) {
            if (!(sample instanceof EntitySample.VmSample vm)) {
                continue;
            }
            Host h = cache.host(vm.agent());
            if (h == null || cache.vm(vm.uuid()) != null || newVms.containsKey(vm.uuid())) {
                continue;
            }
            int onHost = newOnHost.getOrDefault(h, 0);
            if (!limits.roomForVm(h.vmCount + onHost, cache.vmCount() + newVms.size())) {
                continue;
            }
            newOnHost.put(h, onHost + 1);
            newVms.put(vm.uuid(), new NewEntities.VmRow(vm.uuid().toString(), SqlValues.text(vm.name(), 1024), h.id,
                    vm.dsIndex(), vm.receivedAt()));
        }
        if (!newVms.isEmpty()) {
            for (NewEntities.StoredVm row : NewEntities.vms(st, List.copyOf(newVms.values()))) {
                adopt(row);
            }
        }
    }

    /** Takes a host row into the cache; one another instance created may have adapter rows. */
    private void adopt(NewEntities.StoredHost row) {
        Host h = new Host(row.id(), row.lastSeen());
        h.hostname = row.hostname();
        h.uuid = row.uuid();
        h.machineType = row.machineType();
        h.osName = row.osName();
        h.osRelease = row.osRelease();
        h.hasAdapterRows = !row.created();
        cache.addNew(row.hostIp(), h);
    }

    /** Takes a VM row into the cache, counted on the host its row names (a move is the caller's). */
    private void adopt(NewEntities.StoredVm row) {
        Vm v = new Vm(row.id(), row.lastSeen());
        v.hostId = row.hostId();
        v.hostname = row.hostname();
        v.hasAdapterRows = !row.created();
        cache.addNew(UUID.fromString(row.uuid()), v);
    }
}
