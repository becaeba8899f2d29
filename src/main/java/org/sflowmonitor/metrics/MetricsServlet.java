package org.sflowmonitor.metrics;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * GET /metrics: the Prometheus text format 0.0.4, or OpenMetrics when the Accept header prefers
 * it (as Prometheus' does), written by the client library's writers; gzip when accepted.
 * Unknown or malformed selection parameters are a 400 that names them.
 */
public final class MetricsServlet extends Guarded {

    @Override
    void answer(Metrics metrics, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Selection selection;
        try {
            selection = Selection.parse(req.getParameterMap());
        } catch (Selection.BadSelectionException e) {
            text(resp, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        Exposition.Format format = Exposition.format(req.getHeader("Accept"));
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType(format.contentType());
        if ("HEAD".equals(req.getMethod())) {
            return;
        }
        boolean gzip = Exposition.acceptsGzip(req.getHeader("Accept-Encoding"));
        if (gzip) {
            resp.setHeader("Content-Encoding", "gzip");
        }
        Exposition.write(format, metrics.scrape(selection, System.currentTimeMillis()), resp.getOutputStream(), gzip);
    }
}
