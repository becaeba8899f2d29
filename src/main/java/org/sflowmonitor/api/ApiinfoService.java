package org.sflowmonitor.api;

import java.util.LinkedHashMap;
import java.util.Map;

final class ApiinfoService implements ApiinfoApi {

    private final String version;

    ApiinfoService(String version) {
        this.version = version;
    }

    @Override
    public Map<String, Object> version() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", "sflow-monitor");
        info.put("version", version);
        info.put("jsonrpc", "2.0");
        return info;
    }
}
