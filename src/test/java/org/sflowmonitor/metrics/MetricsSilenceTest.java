package org.sflowmonitor.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.ingest.EntitySample;
import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.sflow.CounterRecord;
import org.sflowmonitor.sflow.CounterRecord.HostCpu;
import org.sflowmonitor.sflow.CounterRecord.HostDescr;
import org.sflowmonitor.sflow.CounterRecord.VirtCpu;
import org.sflowmonitor.sflow.HsflowdDatagrams;
import org.sflowmonitor.store.BatchWriter;
import org.sflowmonitor.store.Database;

/**
 * Only what still reports is exposed: a node, its VMs and its group while the newest sample is at
 * most entity.silent.intervals of the node's learned polling interval old. The writer (on H2)
 * stores two rounds 30 s apart, received at set times in the past; each scrape is taken at a
 * chosen "now", so no test depends on the clock.
 */
class MetricsSilenceTest {

    private static final String AGENT = "10.9.0.1";
    private static final long INTERVAL = 30_000;
    private static final int SILENT_INTERVALS = 3;
    private static final long FIRST = System.currentTimeMillis() - 3_600_000;
    private static final long LAST = FIRST + INTERVAL;
    private static final long LAST_REPORTING_MOMENT = LAST + SILENT_INTERVALS * INTERVAL;

    @TempDir
    static Path dir;
    private static Database db;
    private static BatchWriter writer;
    private static Metrics metrics;

    @BeforeAll
    static void storeTwoRoundsThirtySecondsApart() throws Exception {
        db = Database.open("jdbc:h2:file:" + dir.resolve("db"), "sa", "", dir, 2);
        IngestStats stats = new IngestStats(100);
        writer = new BatchWriter(db.dataSource(), stats, new BatchWriter.Config(1_000, 100, 100, 10)).start();
        for (long at : List.of(FIRST, LAST)) {
            writer.offer(node(at));
            writer.offer(vm(at));
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (writer.pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, writer.pending(), "the writer did not store the two rounds within 60 s");
        metrics = new Metrics(new MetricsSources(writer, stats, db), new MetricsConfig("", 100, SILENT_INTERVALS));
    }

    @AfterAll
    static void close() throws Exception {
        writer.close();
        db.close();
    }

    private static EntitySample node(long at) {
        List<CounterRecord> r = HsflowdDatagrams.nodeRecords();
        HostCpu cpu = find(r, HostCpu.class);
        return new EntitySample.NodeSample(AGENT, at, r.size(), new HostDescr("kvm-silent", new UUID(9, 1), 3, 2,
                "6.1.0-28-amd64"), null, cpu, null, null, null, null, null, null, null, null);
    }

    private static EntitySample vm(long at) {
        List<CounterRecord> r = HsflowdDatagrams.vmRecords();
        return new EntitySample.VmSample(AGENT, at, r.size(), new UUID(9, 2), "vm-silent", 100_001, null,
                find(r, VirtCpu.class), null, null, null);
    }

    private static <T> T find(List<CounterRecord> records, Class<T> type) {
        return records.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    private static String scrape(long now) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Exposition.write(Exposition.format(null), metrics.scrape(Selection.parse(Map.of()), now), out, false);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aNodeAndItsVmAreExposedUpToThreeIntervalsAfterTheirLastSample() throws Exception {
        String body = scrape(LAST_REPORTING_MOMENT);
        assertTrue(body.contains("sflow_host_load1{agent=\"" + AGENT + "\""), body);
        assertTrue(body.contains("sflow_vm_cpu_seconds_total{agent=\"" + AGENT + "\",host=\"kvm-silent\","
                + "vm=\"vm-silent\""), body);
    }

    @Test
    void aNodeAndItsVmAreNoLongerExposedOnceThreeIntervalsPassed() throws Exception {
        String body = scrape(LAST_REPORTING_MOMENT + 1);
        assertFalse(Pattern.compile("(?m)^sflow_(host|vm)_").matcher(body).find(), body);
        assertTrue(body.contains("sflow_collector_samples_stored_total"), body);
    }

    @Test
    void theServiceDiscoveryListsTheGroupOnlyWhileItsNodeReports() {
        assertEquals(List.of(0), metrics.groups(LAST_REPORTING_MOMENT));
        assertEquals(List.of(), metrics.groups(LAST_REPORTING_MOMENT + 1));
    }
}
