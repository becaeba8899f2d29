package org.sflowmonitor.api;

/**
 * The settings the API obeys: the bearer token (empty: none), the limits of issue 7, and the
 * version string that apiinfo.version and collector.status report, and entity.silent.intervals
 * (when a node or VM counts as not reporting), and how many bytes of fleet-wide answers may be
 * kept as JSON (api.answer.cache.mb).
 */
public record ApiConfig(String token, int maxBodyBytes, int maxBatch, int maxLimit, String version,
                        int silentIntervals, long answerCacheBytes) {

    /** The default of api.answer.cache.mb. */
    public static final long DEFAULT_ANSWER_CACHE_BYTES = 64L << 20;

    public ApiConfig {
        token = token == null ? "" : token;
    }

    public ApiConfig(String token, int maxBodyBytes, int maxBatch, int maxLimit, String version, int silentIntervals) {
        this(token, maxBodyBytes, maxBatch, maxLimit, version, silentIntervals, DEFAULT_ANSWER_CACHE_BYTES);
    }

    public boolean tokenRequired() {
        return !token.isEmpty();
    }
}
