package org.sflowmonitor.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.sflowmonitor.sflow.MacAddress;
import org.sflowmonitor.store.EntityFilter;
import org.sflowmonitor.store.Inventory;

/** Finds the one node or VM a time-series call names, or explains why the params do not name one. */
final class EntityLookup {

    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Inventory inventory;

    EntityLookup(Inventory inventory) {
        this.inventory = inventory;
    }

    static boolean isUuid(String text) {
        return UUID_TEXT.matcher(text).matches();
    }

    /** A MAC given in any common notation, in the form the adapter tables store; null for null. */
    static String mac(String text) {
        if (text == null) {
            return null;
        }
        try {
            return MacAddress.parse(text.trim()).toString();
        } catch (IllegalArgumentException e) {
            throw RpcException.invalidParams("mac must be a MAC address: " + MacAddress.NOTATIONS + "; not '" + text
                    + "'");
        }
    }

    /** The filter of a node given by ip (or its alias host_ip), hostname and uuid, any of them null. */
    static EntityFilter nodeFilter(String ip, String hostIp, String hostname, String uuid) {
        if (ip != null && hostIp != null && !ip.equals(hostIp)) {
            throw RpcException.invalidParams("ip and host_ip are the same parameter and differ ('" + ip + "', '"
                    + hostIp + "'); give one");
        }
        return new EntityFilter(ip != null ? ip : hostIp, hostname, uuid == null ? null : uuid.toLowerCase(Locale.ROOT));
    }

    /** The node's row (id, host_ip, hostname, uuid), or null when no node matches. */
    Map<String, Object> node(String ip, String hostIp, String hostname, String uuid) {
        if (ip == null && hostIp == null && hostname == null && uuid == null) {
            throw RpcException.invalidParams("missing parameter 'ip': name the node by ip (or host_ip, hostname, "
                    + "uuid)");
        }
        return one(inventory.findHosts(nodeFilter(ip, hostIp, hostname, uuid)), "nodes", "host_ip", "ip");
    }

    /** The VM's row (id, uuid, name, host_ip), or null when no VM matches. */
    Map<String, Object> vm(String hostname, String uuid) {
        if (hostname == null && uuid == null) {
            throw RpcException.invalidParams("missing parameter 'hostname': name the VM by hostname (its UUID or "
                    + "libvirt name) or uuid");
        }
        List<Map<String, Object>> found;
        if (uuid != null) {
            found = inventory.findVms(new EntityFilter(null, null, uuid.toLowerCase(Locale.ROOT)));
            if (hostname != null) {
                found = found.stream().filter(v -> hostname.equalsIgnoreCase((String) v.get("uuid"))
                        || hostname.equals(v.get("name"))).toList();
            }
        } else {
            found = List.of();
            if (isUuid(hostname)) {
                found = inventory.findVms(new EntityFilter(null, null, hostname.toLowerCase(Locale.ROOT)));
            }
            if (found.isEmpty()) {
                found = inventory.findVms(new EntityFilter(null, hostname, null));
            }
        }
        return one(found, "VMs", "uuid", "uuid");
    }

    private static Map<String, Object> one(List<Map<String, Object>> found, String what, String key, String param) {
        if (found.size() > 1) {
            List<String> keys = found.stream().limit(10).map(r -> String.valueOf(r.get(key))).toList();
            throw RpcException.invalidParams("the params match " + found.size() + " " + what + " ("
                    + String.join(", ", keys) + (found.size() > keys.size() ? ", ..." : "") + "); name one by "
                    + param);
        }
        return found.isEmpty() ? null : found.get(0);
    }
}
