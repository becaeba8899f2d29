package org.sflowmonitor.metrics;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The formats /metrics writes, by the Prometheus client's writers: text 0.0.4 or OpenMetrics,
 * gzipped or not. A scrape is written part by part (see {@link Scrape}), each part by one call of
 * the writer into a {@link PartsOutput}, which keeps what the writer closes every call with
 * (OpenMetrics' "# EOF") for the end of the whole.
 */
final class Exposition {

    private static final int BUFFER_BYTES = 64 * 1024;

    /** A format: the client's writer and what it writes after the last metric (its output for no metrics). */
    record Format(ExpositionFormatWriter writer, byte[] trailer) {

        static Format of(ExpositionFormatWriter writer) {
            ByteArrayOutputStream empty = new ByteArrayOutputStream();
            try {
                writer.write(empty, new MetricSnapshots());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Format(writer, empty.toByteArray());
        }

        String contentType() {
            return writer.getContentType();
        }
    }

    private static final Format OPEN_METRICS = Format.of(ExpositionFormats.init().getOpenMetricsTextFormatWriter());
    /** Text 0.0.4 takes timestamps in milliseconds; the writer's default (seconds) is what OpenMetrics takes. */
    private static final Format TEXT = Format.of(PrometheusTextFormatWriter.builder().setTimestampsInMs(true).build());

    private Exposition() {
    }

    /** OpenMetrics when the Accept header takes it, otherwise text 0.0.4 (protobuf needs a library we do not ship). */
    static Format format(String accept) {
        return accept != null && OPEN_METRICS.writer().accepts(accept) ? OPEN_METRICS : TEXT;
    }

    static void write(Format format, Scrape scrape, OutputStream to, boolean gzip) throws IOException {
        OutputStream body = new BufferedOutputStream(to, BUFFER_BYTES);
        try (OutputStream out = gzip ? new FastGzip(body) : body) {
            PartsOutput parts = new PartsOutput(out, format.trailer());
            scrape.writeParts(part -> {
                format.writer().write(parts, part);
                parts.endOfPart();
            });
            parts.finish();
        }
    }

    /**
     * gzip at its fastest level: a scrape's text is so repetitive that level 1 still packs it 21:1
     * (level 6: 24:1) for a tenth of the CPU (ScrapeBenchmark: +0.03 s instead of +0.23 s a group).
     */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, BUFFER_BYTES);
            def.setLevel(Deflater.BEST_SPEED);
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
