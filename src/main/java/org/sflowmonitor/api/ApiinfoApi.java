package org.sflowmonitor.api;

import java.util.Map;

/** The {@code apiinfo.*} methods: what answers at /api. */
public interface ApiinfoApi {

    /** name, version of the service, and the JSON-RPC version spoken. */
    Map<String, Object> version();
}
