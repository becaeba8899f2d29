package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sflowmonitor.ingest.EntitySample.InterfaceSample;
import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.sflow.CounterRecord.IfCounters;
import org.sflowmonitor.testing.Backend;

/**
 * A sample row as the writer stores it, inserted in JDBC batches (H2) or copied (PostgreSQL's
 * COPY text format): texts with the characters the format escapes, unsigned 64-bit counters past
 * 2^63 and "unknown" sentinels come back as they went in.
 */
class SampleRowsStoredTest {

    private static final long T0 = 1_800_000_000_000L;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void textsUnsignedCountersAndUnknownValuesAreStoredAsGiven(Backend backend) throws Exception {
        String portName = "tap\t0\\vm 1\nline\r\u00e9";
        IfCounters counters = new IfCounters(3, 6, -1L, 1, 0xFFFF_FFFFL, -2L, 10, 0, 0, 0, 0, 0, Long.MIN_VALUE + 5,
                0xFFFF_FFFFL, 0, 0, 0, 0, 0);
        try (Database db = TestCollector.open(backend.create(dir), dir)) {
            BatchWriter writer = new BatchWriter(db.dataSource(), new IngestStats(10), TestCollector.CONFIG).start();
            writer.offer(new InterfaceSample("10.0.0.1", T0, 1, 3, counters, null, portName));
            writer.offer(new InterfaceSample("10.0.0.1", T0 + 20_000, 1, 4, counters, null, null));
            writer.close(30_000);
            List<Map<String, Object>> rows = new Queries(db, 10).rows("SELECT if_index, port_name, if_speed, if_status, "
                    + "if_in_octets, if_out_octets, if_out_ucast_pkts, if_in_ucast_pkts FROM interface_sample "
                    + "ORDER BY if_index", List.of());
            assertEquals(2, rows.size());
            assertEquals(portName, rows.get(0).get("port_name"));
            assertEquals(null, rows.get(0).get("if_speed"), "2^64-1 is unknown");
            assertEquals(null, rows.get(0).get("if_status"), "2^32-1 is unknown");
            assertEquals(10L, rows.get(0).get("if_in_ucast_pkts"));
            assertEquals(new java.math.BigInteger("18446744073709551614"), rows.get(0).get("if_in_octets"));
            assertEquals(new java.math.BigInteger("9223372036854775813"), rows.get(0).get("if_out_octets"));
            assertEquals(null, rows.get(0).get("if_out_ucast_pkts"), "2^32-1 is unknown");
            assertEquals(null, rows.get(1).get("port_name"));
        }
    }
}
