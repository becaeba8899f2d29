package org.sflowmonitor.metrics;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * GET /metrics: the Prometheus text format 0.0.4, or OpenMetrics when the Accept header prefers
 * it (as Prometheus' does), written by the client library's writers; gzip when accepted.
 * Unknown or malformed selection parameters are a 400 that names them.
 */
public final class MetricsServlet extends Guarded {

    private final ExpositionFormatWriter openMetrics = ExpositionFormats.init().getOpenMetricsTextFormatWriter();
    /** Text 0.0.4 takes timestamps in milliseconds; the writer's default (seconds) is what OpenMetrics takes. */
    private final ExpositionFormatWriter text = PrometheusTextFormatWriter.builder().setTimestampsInMs(true).build();

    @Override
    void answer(Metrics metrics, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Selection selection;
        try {
            selection = Selection.parse(req.getParameterMap());
        } catch (Selection.BadSelectionException e) {
            text(resp, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        MetricSnapshots snapshots = metrics.scrape(selection, System.currentTimeMillis());
        ExpositionFormatWriter writer = writer(req.getHeader("Accept"));
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType(writer.getContentType());
        if ("HEAD".equals(req.getMethod())) {
            return;
        }
        boolean gzip = acceptsGzip(req.getHeader("Accept-Encoding"));
        if (gzip) {
            resp.setHeader("Content-Encoding", "gzip");
        }
        OutputStream body = new BufferedOutputStream(resp.getOutputStream(), 64 * 1024);
        try (OutputStream out = gzip ? new GZIPOutputStream(body, 64 * 1024) : body) {
            writer.write(out, snapshots);
        }
    }

    /** OpenMetrics when accepted, otherwise text 0.0.4 (the protobuf format needs a library we do not ship). */
    private ExpositionFormatWriter writer(String accept) {
        return accept != null && openMetrics.accepts(accept) ? openMetrics : text;
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] p = part.trim().split(";");
            if (p[0].trim().equalsIgnoreCase("gzip") && !(p.length > 1 && p[1].replace(" ", "").equals("q=0"))) {
                return true;
            }
        }
        return false;
    }
}
