package org.sflowmonitor.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The bearer token check that /api, /metrics and /push share (setting api.token). */
public final class BearerToken {

    /** The challenge sent with a 401. */
    public static final String CHALLENGE = "Bearer realm=\"sflow-monitor\"";

    private BearerToken() {
    }

    /** Compares digests, so that neither the content nor the length of the token leaks through timing. */
    public static boolean authorized(String authorizationHeader, String token) {
        return matches(fromHeader(authorizationHeader), token);
    }

    /** The token of an {@code Authorization: Bearer <token>} header; empty when there is none. */
    public static String fromHeader(String authorizationHeader) {
        if (authorizationHeader != null && authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorizationHeader.substring(7).trim();
        }
        return "";
    }

    /** Whether a token presented some other way (the WebSocket subprotocol) is the token. */
    public static boolean matches(String presented, String token) {
        return MessageDigest.isEqual(sha256(presented), sha256(token));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
