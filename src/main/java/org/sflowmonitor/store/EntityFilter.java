package org.sflowmonitor.store;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which nodes or VMs a read is about: exact values of identifying columns, any of them null
 * (no condition). A name may hold {@code *} wildcards. All values end up as bound parameters.
 *
 * @param hostIp   the node's agent address (for a VM: the node it was last seen on)
 * @param hostname the node's host name, or the VM's libvirt name (wildcards allowed)
 * @param uuid     the node's or the VM's UUID
 * @param mac      a MAC as stored ({@code 52:54:00:aa:00:02}): a VM with an adapter of that MAC;
 *                 a node with one, or on which such a VM was last seen
 */
public record EntityFilter(String hostIp, String hostname, String uuid, String mac) {

    /** A UUID as the writer stores it (UUID.toString()). */
    private static final Pattern STORED_UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public EntityFilter(String hostIp, String hostname, String uuid) {
        this(hostIp, hostname, uuid, null);
    }

    /** This filter with the MAC condition (null: none). */
    public EntityFilter withMac(String storedMac) {
        return new EntityFilter(hostIp, hostname, uuid, storedMac);
    }

    /**
     * " WHERE ..." (or "") over the node alias {@code h} and, for VMs, the VM alias {@code v}. A
     * VM's UUID, exact name and a MAC are looked up in {@code vmKeys} when it is loaded (on H2, whose
     * tables have no index on them): the rows of the candidate VMs are read by id, and the
     * conditions still decide.
     */
    String where(boolean vm, List<Object> params, VmKeys vmKeys) {
        List<String> conditions = new ArrayList<>();
        if (hostIp != null) {
            conditions.add("h.host_ip = ?");
            params.add(hostIp);
        }
        String entity = vm ? "v." : "h.";
        if (hostname != null) {
            if (hostname.contains("*")) {
                conditions.add(entity + "hostname LIKE ? ESCAPE '\\'");
                params.add(hostname.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace('*', '%'));
            } else {
                if (vm) {
                    idIn("v.id", vmKeys.named(hostname), conditions, params);
                }
                conditions.add(entity + "hostname = ?");
                params.add(hostname);
            }
        }
        if (uuid != null) {
            if (vm && !STORED_UUID.matcher(uuid).matches()) {
                // vm.uuid holds only this form; H2's UUID column would try to convert other text
                conditions.add("1 = 0");
            } else {
                if (vm) {
                    // on H2 no index on vm.uuid: the id from the writer's VmUuids, else a scan
                    idIn("v.id", vmKeys.withUuid(uuid), conditions, params);
                }
                conditions.add(entity + "uuid = ?");
                params.add(uuid);
            }
        }
        if (mac != null) {
            long[] vmIds = vmKeys.withMac(mac);
            String alias = vm ? "v" : "mv";
            List<String> vmConditions = new ArrayList<>();
            List<Object> vmParams = new ArrayList<>();
            if (vmIds != null) {
                // the candidates' adapters by their primary key: H2 keeps no index on vm_adapter.mac
                idIn(alias + ".id", vmIds, vmConditions, vmParams);
                vmConditions.add("EXISTS (SELECT 1 FROM vm_adapter ma WHERE ma.vm_id = " + alias + ".id AND ma.mac = ?)");
            } else {
                // IN (subquery) rather than EXISTS: the subquery reads the adapter table's mac index
                vmConditions.add(alias + ".id IN (SELECT ma.vm_id FROM vm_adapter ma WHERE ma.mac = ?)");
            }
            vmParams.add(mac);
            String vmCondition = String.join(" AND ", vmConditions);
            if (vm) {
                conditions.add(vmCondition);
            } else {
                conditions.add("(h.id IN (SELECT ha.host_id FROM host_adapter ha WHERE ha.mac = ?) OR h.id IN "
                        + "(SELECT mv.host_id FROM vm mv WHERE " + vmCondition + "))");
                params.add(mac);
            }
            params.addAll(vmParams);
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** "column IN (ids)" ("1 = 0" for none); nothing when {@code ids} is null (the tables must be read). */
    private static void idIn(String column, long[] ids, List<String> conditions, List<Object> params) {
        if (ids == null) {
            return;
        }
        if (ids.length == 0) {
            conditions.add("1 = 0");
            return;
        }
        conditions.add(column + " IN (" + "?, ".repeat(ids.length - 1) + "?)");
        for (long id : ids) {
            params.add(id);
        }
    }
}
