package org.sflowmonitor.metrics;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * GET /metrics/targets: Prometheus HTTP service discovery (http_sd_config). One target group for
 * the collector's own metrics and one per group of metrics.group.size nodes, each scraping
 * /metrics with its parameter ({@code __param_group}), at the address the discovery was asked on.
 * Every group carries the label {@code sflow_group}, which a sharded setup's hashmod can use.
 */
public final class TargetsServlet extends Guarded {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    void answer(Metrics metrics, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!req.getParameterMap().isEmpty()) {
            text(resp, HttpServletResponse.SC_BAD_REQUEST, "unknown parameters " + String.join(", ",
                    new java.util.TreeSet<>(req.getParameterMap().keySet())) + "; /metrics/targets takes none");
            return;
        }
        String address = req.getServerName().contains(":") ? "[" + req.getServerName() + "]:" + req.getServerPort()
                : req.getServerName() + ":" + req.getServerPort();
        String path = req.getContextPath() + "/metrics";
        List<Map<String, Object>> groups = new ArrayList<>();
        groups.add(group(address, path, req.isSecure(), Selection.COLLECTOR, "true", "collector"));
        for (int g : metrics.groups(System.currentTimeMillis())) {
            groups.add(group(address, path, req.isSecure(), Selection.GROUP, Integer.toString(g), Integer.toString(g)));
        }
        byte[] body = JSON.writeValueAsBytes(groups);
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType("application/json");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    private static Map<String, Object> group(String address, String path, boolean https, String param, String value,
                                             String name) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("__metrics_path__", path);
        labels.put("__param_" + param, value);
        if (https) {
            labels.put("__scheme__", "https");
        }
        labels.put("sflow_group", name);
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("targets", List.of(address));
        group.put("labels", labels);
        return group;
    }
}
