package org.sflowmonitor.api;

import java.util.Locale;

import com.googlecode.jsonrpc4j.JsonRpcParam;

import org.sflowmonitor.store.EntityFilter;

/**
 * The params naming VMs in virt.description and virt.summary: {@code hostname} (the original's
 * id: a UUID, or else a libvirt name), {@code uuid}, {@code name} (both names may hold *
 * wildcards), and the node it was last seen on by {@code ip} or {@code host_ip}; any of them null.
 */
public record VmNames(@JsonRpcParam("hostname") String hostname, @JsonRpcParam("uuid") String uuid,
                      @JsonRpcParam("name") String name, @JsonRpcParam("ip") String ip,
                      @JsonRpcParam("host_ip") String hostIp) {

    /** Every VM the params match. */
    EntityFilter filter() {
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
}
