package org.sflowmonitor.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.junit.jupiter.api.Test;

/** A scrape written part by part reads exactly as the client's writer writes it in one piece. */
class ExpositionTest {

    private static final Exposition.Format TEXT = Exposition.format(null);
    private static final Exposition.Format OPEN_METRICS = Exposition.format(
            "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");

    private static final MetricSnapshot OWN = new GaugeSnapshot(new MetricMetadata("a_queue_depth", "queue"),
            List.of(new GaugeDataPointSnapshot(3, Labels.EMPTY, null)));
    private static final MetricSnapshot FIRST = new CounterSnapshot(new MetricMetadata("b_bytes", "bytes"), List.of(
            new CounterDataPointSnapshot(1e6, Labels.of("agent", "10.0.0.1", "host", "kvm-1"), null, 0, 1_700_000_000_123L),
            new CounterDataPointSnapshot(2e6, Labels.of("agent", "10.0.0.2", "host", "kvm-2"), null, 0, 1_700_000_000_456L)));
    private static final MetricSnapshot SECOND = new GaugeSnapshot(new MetricMetadata("c_load1", "load"), List.of(
            new GaugeDataPointSnapshot(1.5, Labels.of("agent", "10.0.0.1", "host", "kvm-1"), null, 1_700_000_000_123L)));

    private static Scrape scrape(List<Supplier<MetricSnapshot>> families) {
        return new Scrape(new MetricSnapshots(OWN), families);
    }

    private static byte[] whole(Exposition.Format format, MetricSnapshot... snapshots) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.writer().write(out, new MetricSnapshots(snapshots));
        return out.toByteArray();
    }

    private static byte[] inParts(Exposition.Format format, Scrape scrape, boolean gzip) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Exposition.write(format, scrape, out, gzip);
        return out.toByteArray();
    }

    @Test
    void openMetricsInPartsEqualsTheWholeWithOneEofAtTheEnd() throws Exception {
        byte[] parts = inParts(OPEN_METRICS, scrape(List.of(() -> FIRST, () -> SECOND)), false);
        assertEquals(new String(whole(OPEN_METRICS, OWN, FIRST, SECOND), StandardCharsets.UTF_8),
                new String(parts, StandardCharsets.UTF_8));
    }

    @Test
    void textInPartsEqualsTheWhole() throws Exception {
        byte[] parts = inParts(TEXT, scrape(List.of(() -> FIRST, () -> SECOND)), false);
        assertArrayEquals(whole(TEXT, OWN, FIRST, SECOND), parts);
    }

    @Test
    void aFamilyWithoutValuesWritesNothing() throws Exception {
        byte[] parts = inParts(OPEN_METRICS, scrape(List.of(() -> null, () -> SECOND)), false);
        assertArrayEquals(whole(OPEN_METRICS, OWN, SECOND), parts);
    }

    @Test
    void gzipUnpacksToThePlainExposition() throws Exception {
        byte[] packed = inParts(OPEN_METRICS, scrape(List.of(() -> FIRST, () -> SECOND)), true);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(packed))) {
            assertArrayEquals(whole(OPEN_METRICS, OWN, FIRST, SECOND), in.readAllBytes());
        }
    }

    @Test
    void aPartThatDoesNotEndWithTheTrailerIsRefused() throws Exception {
        PartsOutput parts = new PartsOutput(new ByteArrayOutputStream(), "# EOF\n".getBytes(StandardCharsets.UTF_8));
        parts.write("x 1\n# EOF".getBytes(StandardCharsets.UTF_8));
        assertThrows(IllegalStateException.class, parts::endOfPart);
    }

    @Test
    void theTrailerIsHeldBackHoweverTheWriterSplitsItsWrites() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PartsOutput parts = new PartsOutput(out, "# EOF\n".getBytes(StandardCharsets.UTF_8));
        parts.write("x 1\n# E".getBytes(StandardCharsets.UTF_8));
        parts.write("OF\n".getBytes(StandardCharsets.UTF_8));
        parts.endOfPart();
        for (byte b : "y 2\n# EOF\n".getBytes(StandardCharsets.UTF_8)) {
            parts.write(b);
        }
        parts.endOfPart();
        parts.write("z 3\n# EOF\n".getBytes(StandardCharsets.UTF_8));
        parts.endOfPart();
        parts.finish();
        assertEquals("x 1\ny 2\nz 3\n# EOF\n", out.toString(StandardCharsets.UTF_8));
    }
}
