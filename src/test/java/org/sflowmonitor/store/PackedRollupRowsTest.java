package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sflowmonitor.sflow.CounterRecord.HostCpu;
import org.sflowmonitor.sflow.CounterRecord.HostMemory;
import org.sflowmonitor.testing.Backend;

/** A rollup row's measures packed into one column: written and read back, and asked for by record. */
class PackedRollupRowsTest {

    private static final long WIDTH = 300_000;
    /** Whole and fractional, negative, tiny and huge, the extremes of a double and of a count. */
    private static final double[] VALUES = {0, -0.0, 1, 0.5, -12_345.678, 1e-300, 1.7976931348623157e308,
        -Double.MAX_VALUE, Double.MIN_VALUE, 9_007_199_254_740_993.0, 123_456_789.25};

    @TempDir
    Path dir;

    /** A bucket of every measure of the layout: every third measure without values, the others with varied parts. */
    private static Bucket bucket(RollupLayout<?> layout) {
        int m = layout.measures().size();
        Bucket b = new Bucket(1L << 40, layout.keys().size() > 1 ? 4_294_967_295L : 0, 1_796_669_700_000L, m);
        b.hostId = layout == RollupRows.VM ? 77 : b.id;
        b.samples = Integer.MAX_VALUE;
        for (int i = 0; i < m; i++) {
            if (i % 3 != 2) {
                b.min[i] = VALUES[i % VALUES.length];
                b.max[i] = VALUES[(i + 1) % VALUES.length];
                b.sum[i] = VALUES[(i + 2) % VALUES.length];
                b.n[i] = i == 0 ? Integer.MAX_VALUE : i + 1;
            }
        }
        return b;
    }

    private static Bucket writtenAndReadBack(Connection c, RollupLayout<?> layout, Bucket b) throws Exception {
        try (PreparedStatement insert = c.prepareStatement(layout.insert())) {
            layout.bind(insert, WIDTH, b);
            insert.executeUpdate();
        }
        try (PreparedStatement read = c.prepareStatement(layout.finer())) {
            Parameters.of(read).add(WIDTH).add(Long.MIN_VALUE).add(Long.MAX_VALUE);
            try (ResultSet rs = read.executeQuery()) {
                rs.next();
                return layout.readBucket(rs);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"H2", "POSTGRESQL"})
    void everyKeyCountAndPartOfEachMeasureWrittenToEachRollupTableIsReadBackAsWritten(Backend backend)
            throws Exception {
        try (Database db = TestCollector.open(backend.create(dir), dir); Connection c = db.connection()) {
            for (RollupLayout<?> layout : RollupRows.ALL) {
                Bucket written = bucket(layout);
                Bucket read = writtenAndReadBack(c, layout, written);
                assertEquals(List.of(written.id, written.sub, written.start, written.hostId, (long) written.samples),
                        List.of(read.id, read.sub, read.start, read.hostId, (long) read.samples), layout.table());
                assertArrayEquals(written.n, read.n, layout.table());
                assertArrayEquals(written.min, read.min, layout.table());
                assertArrayEquals(written.max, read.max, layout.table());
                for (int i = 0; i < written.n.length; i++) {
                    assertEquals(written.n[i] == 0 ? 0 : written.sum[i], read.sum[i], layout.table() + " " + i);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"H2", "POSTGRESQL"})
    void aQueryLeavesOutTheRowsWithoutAValueOfTheRecordTypesItAsksFor(Backend backend) throws Exception {
        RollupLayout<?> host = RollupRows.HOST;
        try (Database db = TestCollector.open(backend.create(dir), dir)) {
            try (Connection c = db.connection(); PreparedStatement insert = c.prepareStatement(host.insert())) {
                for (int i = 0; i < 3; i++) {
                    Bucket b = new Bucket(1, 0, i * WIDTH, host.measures().size());
                    b.hostId = 1;
                    b.samples = 1;
                    b.n[host.measureIndex(i == 1 ? "cpu_user" : "mem_free")] = 1;
                    host.bind(insert, WIDTH, b);
                    insert.executeUpdate();
                }
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            }
            assertEquals(List.of(WIDTH), starts(db, host.measuresOf(HostCpu.class)));
            assertEquals(List.of(0L, 2 * WIDTH), starts(db, host.measuresOf(HostMemory.class)));
        }
    }

    private static List<Long> starts(Database db, List<String> presence) {
        List<Long> starts = new ArrayList<>();
        new RollupQuery(SampleTable.HOST_SAMPLE, WIDTH, 1, null, presence, presence, 0, Long.MAX_VALUE, false, 10)
                .forEachRow(new Queries(db, 10), row -> starts.add(row.bucketStart()));
        return starts;
    }

    @Test
    void aMeasureWithoutValuesIsReadBackWithoutValues() {
        Bucket b = new Bucket(1, 0, 0, 2);
        b.add(new double[] {Double.NaN, 4.5}, 1);
        Bucket read = new Bucket(1, 0, 0, 2);
        PackedMeasures.unpack(PackedMeasures.pack(b), read);
        assertEquals(List.of(0, Double.NaN, Double.NaN, 0.0), List.of(read.n[0], read.min[0], read.max[0], read.sum[0]));
        assertEquals(List.of(1, 4.5, 4.5, 4.5), List.of(read.n[1], read.min[1], read.max[1], read.sum[1]));
    }

    @Test
    void aMeasurePastTheEndOfARowPackedWithFewerMeasuresHasNoValues() {
        Bucket b = new Bucket(1, 0, 0, 1);
        b.add(new double[] {2}, 1);
        byte[] packed = PackedMeasures.pack(b);
        assertEquals(List.of(1, 0), List.of(PackedMeasures.count(packed, 0), PackedMeasures.count(packed, 1)));
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"H2", "POSTGRESQL"})
    void aQueryReadsNoValuesPastTheEndOfARowPackedWithFewerMeasuresThanTheRowBefore(Backend backend)
            throws Exception {
        RollupLayout<?> host = RollupRows.HOST;
        String last = host.measures().get(host.measures().size() - 1);
        try (Database db = TestCollector.open(backend.create(dir), dir)) {
            try (Connection c = db.connection(); PreparedStatement insert = c.prepareStatement(host.insert())) {
                for (int i = 0; i < 2; i++) {
                    Bucket b = new Bucket(1, 0, i * WIDTH, host.measures().size());
                    b.add(new double[host.measures().size()], 1);
                    host.bind(insert, WIDTH, b);
                    insert.executeUpdate();
                }
                Bucket oneMeasure = new Bucket(1, 0, WIDTH, 1);
                oneMeasure.add(new double[] {3}, 1);
                try (PreparedStatement shorten = c.prepareStatement("UPDATE " + host.table() + " SET "
                        + RollupLayout.MEASURES + " = ? WHERE " + RollupLayout.START + " = ?")) {
                    Parameters.of(shorten).add(PackedMeasures.pack(oneMeasure)).add(WIDTH);
                    shorten.executeUpdate();
                }
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            }
            List<Integer> counts = new ArrayList<>();
            new RollupQuery(SampleTable.HOST_SAMPLE, WIDTH, 1, null, List.of(last), List.of(), 0, Long.MAX_VALUE,
                    false, 10).forEachRow(new Queries(db, 10), row -> counts.add(row.count(0)));
            assertEquals(List.of(1, 0), counts);
        }
    }

    @Test
    void theRecordBitsOfARowAreThoseOfTheRecordTypesOfWhichAMeasureHasValues() {
        RollupLayout<?> host = RollupRows.HOST;
        Bucket b = new Bucket(1, 0, 0, host.measures().size());
        b.n[host.measureIndex("mem_free")] = 1;
        assertEquals(host.recordBits(host.measuresOf(HostMemory.class)), host.recordBits(b));
        b.n[host.measureIndex("cpu_utilisation")] = 1;
        assertEquals(host.recordBits(host.measuresOf(HostMemory.class)) | host.recordBits(host.measuresOf(HostCpu.class)),
                host.recordBits(b));
    }

    @Test
    void presenceCanOnlyBeAskedOfWholeRecordTypes() {
        RollupLayout<?> host = RollupRows.HOST;
        List<String> part = new ArrayList<>(host.measuresOf(HostCpu.class));
        part.remove("cpu_user");
        assertThrows(IllegalArgumentException.class, () -> host.recordBits(part));
    }
}
