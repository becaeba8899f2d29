package org.sflowmonitor.metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The PromQL of a Grafana dashboard JSON: every panel target's and template variable's expression. */
final class GrafanaDashboard {

    private GrafanaDashboard() {
    }

    static List<String> expressions(Path dashboard) throws IOException {
        JsonNode root = new ObjectMapper().readTree(dashboard.toFile());
        List<String> out = new ArrayList<>();
        collectPanels(root.path("panels"), out);
        for (JsonNode variable : root.path("templating").path("list")) {
            String q = variable.path("query").path("query").asText("");
            if (q.startsWith("label_values(")) {
                // label_values(metric, label) is Grafana's; the series it reads is the PromQL
                out.add(q.substring("label_values(".length(), q.lastIndexOf(',')));
            }
        }
        return out;
    }

    private static void collectPanels(JsonNode panels, List<String> out) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.has("expr")) {
                    out.add(target.get("expr").asText());
                }
            }
            collectPanels(panel.path("panels"), out);
        }
    }

    /** Replaces {@code $name} and {@code ${name}} by the values given. */
    static String substitute(String expr, Map<String, String> values) {
        String out = expr;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("${" + e.getKey() + "}", e.getValue()).replace("$" + e.getKey(), e.getValue());
        }
        return out;
    }
}
