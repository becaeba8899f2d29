package org.sflowmonitor.metrics;

/**
 * The settings /metrics uses: the bearer token (api.token; empty: none), the nodes per group
 * (metrics.group.size), and the polling intervals after which an entity is no longer exposed
 * (entity.silent.intervals, as the API's {@code reporting}).
 */
public record MetricsConfig(String token, int groupSize, int silentIntervals) {

    public boolean tokenRequired() {
        return token != null && !token.isEmpty();
    }
}
