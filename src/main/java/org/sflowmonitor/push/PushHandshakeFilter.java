package org.sflowmonitor.push;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.sflowmonitor.api.Api;
import org.sflowmonitor.api.RpcException;
import org.sflowmonitor.web.BearerToken;

/**
 * Before the WebSocket upgrade at /push: the same token as /api, from the Authorization header
 * or, for browsers (which cannot set headers), a subprotocol "bearer.&lt;token in base64url&gt;";
 * and room under push.max.connections. A refused upgrade is an HTTP error with a JSON-RPC body.
 */
public final class PushHandshakeFilter extends HttpFilter {

    static final String TOKEN_SUBPROTOCOL = "bearer.";

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        Api api = (Api) getServletContext().getAttribute(Api.CONTEXT_ATTRIBUTE);
        PushHub hub = (PushHub) getServletContext().getAttribute(PushHub.CONTEXT_ATTRIBUTE);
        if (api == null || hub == null) {
            resp.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        if (api.config().tokenRequired() && !BearerToken.matches(presentedToken(req), api.config().token())) {
            hub.stats().connectionsRefused.increment();
            resp.setHeader("WWW-Authenticate", BearerToken.CHALLENGE);
            send(resp, HttpServletResponse.SC_UNAUTHORIZED, api.errorBody(RpcException.notAuthorized()));
            return;
        }
        if (!hub.hasRoom()) {
            hub.stats().connectionsRefused.increment();
            send(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, api.errorBody(RpcException.invalidRequest(
                    "push.max.connections = " + hub.limits().maxConnections() + " clients are connected; try later")));
            return;
        }
        chain.doFilter(req, resp);
    }

    /** The bearer token of the header, else of a "bearer." subprotocol; empty when neither came. */
    static String presentedToken(HttpServletRequest req) {
        String header = BearerToken.fromHeader(req.getHeader("Authorization"));
        if (!header.isEmpty()) {
            return header;
        }
        for (String value : Collections.list(req.getHeaders("Sec-WebSocket-Protocol"))) {
            for (String protocol : value.split(",")) {
                String p = protocol.trim();
                if (p.startsWith(TOKEN_SUBPROTOCOL)) {
                    try {
                        return new String(Base64.getUrlDecoder().decode(p.substring(TOKEN_SUBPROTOCOL.length())),
                                StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException e) {
                        return "";
                    }
                }
            }
        }
        return "";
    }

    private static void send(HttpServletResponse resp, int status, byte[] body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
