package org.sflowmonitor.metrics;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/** The formats /metrics writes, by the Prometheus client's writers: text 0.0.4 or OpenMetrics, gzipped or not. */
final class Exposition {

    private static final int BUFFER_BYTES = 64 * 1024;
    private static final ExpositionFormatWriter OPEN_METRICS = ExpositionFormats.init().getOpenMetricsTextFormatWriter();
    /** Text 0.0.4 takes timestamps in milliseconds; the writer's default (seconds) is what OpenMetrics takes. */
    private static final ExpositionFormatWriter TEXT = PrometheusTextFormatWriter.builder().setTimestampsInMs(true)
            .build();

    private Exposition() {
    }

    /** OpenMetrics when the Accept header takes it, otherwise text 0.0.4 (protobuf needs a library we do not ship). */
    static ExpositionFormatWriter writer(String accept) {
        return accept != null && OPEN_METRICS.accepts(accept) ? OPEN_METRICS : TEXT;
    }

    static void write(ExpositionFormatWriter writer, MetricSnapshots snapshots, OutputStream to, boolean gzip)
            throws IOException {
        OutputStream body = new BufferedOutputStream(to, BUFFER_BYTES);
        try (OutputStream out = gzip ? new GZIPOutputStream(body, BUFFER_BYTES) : body) {
            writer.write(out, snapshots);
        }
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
