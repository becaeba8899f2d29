package org.sflowmonitor.api;

import java.util.List;
import java.util.Map;

import com.googlecode.jsonrpc4j.JsonRpcParam;

/** The {@code virt.*} methods: virtual machines. */
public interface VirtApi {

    /** virt_memory rows of one VM in the 10 minutes up to {@code timestamp} (default now). */
    List<Map<String, Object>> memory(@JsonRpcParam("hostname") String hostname,
                                     @JsonRpcParam(value = "timestamp") Long timestamp);
}
