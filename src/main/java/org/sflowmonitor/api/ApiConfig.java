package org.sflowmonitor.api;

/**
 * The settings the API obeys: the bearer token (empty: none), the limits of issue 7, and the
 * version string that apiinfo.version and collector.status report, and entity.silent.intervals
 * (when a node or VM counts as not reporting).
 */
public record ApiConfig(String token, int maxBodyBytes, int maxBatch, int maxLimit, String version,
                        int silentIntervals) {

    public ApiConfig {
        token = token == null ? "" : token;
    }

    public boolean tokenRequired() {
        return !token.isEmpty();
    }
}
