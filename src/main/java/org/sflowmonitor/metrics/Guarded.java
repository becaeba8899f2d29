package org.sflowmonitor.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.sflowmonitor.web.BearerToken;

/** What both servlets of /metrics check first: GET, the service running, the bearer token of api.token. */
abstract class Guarded extends HttpServlet {

    @Override
    protected final void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Metrics metrics = (Metrics) getServletContext().getAttribute(Metrics.CONTEXT_ATTRIBUTE);
        if (metrics == null) {
            // an instance of role api has no writer whose newest values /metrics shows: its collectors serve them
            text(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "sflow-monitor is not running here, or this instance's role is api: /metrics is served by the"
                    + " instances that collect (role collector or both)");
            return;
        }
        if (metrics.config().tokenRequired()
                && !BearerToken.authorized(req.getHeader("Authorization"), metrics.config().token())) {
            resp.setHeader("WWW-Authenticate", BearerToken.CHALLENGE);
            text(resp, HttpServletResponse.SC_UNAUTHORIZED,
                    "send the token of api.token as 'Authorization: Bearer <token>'");
            return;
        }
        if (!"GET".equals(req.getMethod()) && !"HEAD".equals(req.getMethod())) {
            resp.setHeader("Allow", "GET, HEAD");
            text(resp, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "use GET");
            return;
        }
        answer(metrics, req, resp);
    }

    abstract void answer(Metrics metrics, HttpServletRequest req, HttpServletResponse resp) throws IOException;

    static void text(HttpServletResponse resp, int status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("text/plain; charset=utf-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
