package org.sflowmonitor.metrics;

/** The settings /metrics uses: the bearer token (api.token; empty: none) and the nodes per group (metrics.group.size). */
public record MetricsConfig(String token, int groupSize) {

    public boolean tokenRequired() {
        return token != null && !token.isEmpty();
    }
}
