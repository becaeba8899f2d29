package org.sflowmonitor.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The settings the API obeys: the bearer token (empty: none), the limits of issue 7, and the
 * version string that apiinfo.version and collector.status report.
 */
public record ApiConfig(String token, int maxBodyBytes, int maxBatch, int maxLimit, String version) {

    public ApiConfig {
        token = token == null ? "" : token;
    }

    public boolean tokenRequired() {
        return !token.isEmpty();
    }

    /**
     * Whether a presented token (empty when none came) is the token. Compares digests, so that
     * neither the content nor the length of the token leaks through timing.
     */
    public boolean accepts(String presented) {
        return MessageDigest.isEqual(sha256(presented == null ? "" : presented), sha256(token));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
