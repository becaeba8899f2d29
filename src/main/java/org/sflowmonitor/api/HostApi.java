package org.sflowmonitor.api;

import java.util.List;
import java.util.Map;

import com.googlecode.jsonrpc4j.JsonRpcParam;

/** The {@code host.*} methods: physical hypervisor nodes. */
public interface HostApi {

    /** One row per node: host_ip, hostname, machine_type, os_name, os_release. */
    List<Map<String, Object>> description();
}
