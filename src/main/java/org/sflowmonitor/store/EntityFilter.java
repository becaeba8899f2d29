package org.sflowmonitor.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Which nodes or VMs a read is about: exact values of identifying columns, any of them null
 * (no condition). A name may hold {@code *} wildcards. All values end up as bound parameters.
 *
 * @param hostIp   the node's agent address (for a VM: the node it was last seen on)
 * @param hostname the node's host name, or the VM's libvirt name (wildcards allowed)
 * @param uuid     the node's or the VM's UUID
 */
public record EntityFilter(String hostIp, String hostname, String uuid) {

    /** " WHERE ..." (or "") over the node alias {@code h} and, for VMs, the VM alias {@code v}. */
    String where(boolean vm, List<Object> params) {
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
                conditions.add(entity + "hostname = ?");
                params.add(hostname);
            }
        }
        if (uuid != null) {
            conditions.add(entity + "uuid = ?");
            params.add(uuid);
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }
}
