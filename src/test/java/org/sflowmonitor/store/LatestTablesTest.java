package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sflowmonitor.ingest.EntitySample.InterfaceSample;
import org.sflowmonitor.ingest.EntitySample.VmSample;
import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.sflow.CounterRecord.IfCounters;
import org.sflowmonitor.sflow.CounterRecord.VirtCpu;
import org.sflowmonitor.testing.Backend;
import org.sflowmonitor.testing.TestDatabase;

/**
 * The newest two samples of each VM and interface as the writer keeps them in the latest tables,
 * read back through {@link LatestTables}, whichever writer stored them and in whatever order.
 */
class LatestTablesTest {

    private static final long T0 = 1_800_000_000_000L;
    private static final UUID VM = UUID.fromString("5a1b0c9e-0000-4000-8000-000000000001");
    private static final List<String> CPU = List.of("vcpu_cpu_time");
    private static final EntityFilter ALL = new EntityFilter(null, null, null);

    @TempDir
    Path dir;

    private TestDatabase database;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theNewestSampleAndTheOneBeforeItAreKept(Backend backend) throws Exception {
        database = backend.create(dir);
        write(vm("10.0.0.1", T0, 100), vm("10.0.0.1", T0 + 20_000, 200), vm("10.0.0.1", T0 + 40_000, 300));

        LatestSamples.Latest latest = onlyVm();
        assertEquals(T0 + 40_000, latest.newest().get("timestamp"));
        assertEquals(300L, latest.newest().get("vcpu_cpu_time"));
        assertEquals(T0 + 20_000, latest.previous().get("timestamp"));
        assertEquals(200L, latest.previous().get("vcpu_cpu_time"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void ofTwoSamplesWithTheSameTimeTheOneWrittenLaterIsTheNewest(Backend backend) throws Exception {
        database = backend.create(dir);
        write(vm("10.0.0.1", T0, 100), vm("10.0.0.1", T0 + 20_000, 200), vm("10.0.0.1", T0 + 20_000, 300));

        LatestSamples.Latest latest = onlyVm();
        assertEquals(300L, latest.newest().get("vcpu_cpu_time"));
        assertEquals(200L, latest.previous().get("vcpu_cpu_time"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aVmWithOneSampleHasNoPrevious(Backend backend) throws Exception {
        database = backend.create(dir);
        write(vm("10.0.0.1", T0, 100));

        assertNull(onlyVm().previous());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSampleOlderThanTheNewestButNewerThanThePreviousBecomesThePrevious(Backend backend) throws Exception {
        database = backend.create(dir);
        write(vm("10.0.0.1", T0, 100), vm("10.0.0.1", T0 + 40_000, 300));
        write(vm("10.0.0.1", T0 + 20_000, 200));

        LatestSamples.Latest latest = onlyVm();
        assertEquals(300L, latest.newest().get("vcpu_cpu_time"));
        assertEquals(200L, latest.previous().get("vcpu_cpu_time"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSampleOlderThanBothKeptChangesNothing(Backend backend) throws Exception {
        database = backend.create(dir);
        write(vm("10.0.0.1", T0 + 20_000, 200), vm("10.0.0.1", T0 + 40_000, 300));
        write(vm("10.0.0.1", T0, 100));

        LatestSamples.Latest latest = onlyVm();
        assertEquals(300L, latest.newest().get("vcpu_cpu_time"));
        assertEquals(200L, latest.previous().get("vcpu_cpu_time"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aVmThatMovedKeepsTheNodeOfEachOfItsTwoSamples(Backend backend) throws Exception {
        database = backend.create(dir);
        write(vm("10.0.0.1", T0, 100));
        write(vm("10.0.0.2", T0 + 20_000, 200));

        LatestSamples.Latest latest = onlyVm();
        assertEquals("10.0.0.2", latest.newest().get("host_ip"));
        assertEquals(false, latest.newest().get("host_id").equals(latest.previous().get("host_id")));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void whatOneWriterKeptIsReadThroughAnotherDatabaseOpenedLater(Backend backend) throws Exception {
        database = backend.create(dir);
        write(vm("10.0.0.1", T0, 100), vm("10.0.0.1", T0 + 20_000, 200));

        try (Database reopened = TestCollector.open(database, dir)) {
            LatestSamples.Latest latest = new LatestTables(new Queries(reopened, 10), new VmKeys()).vms(ALL, CPU).get(0);
            assertEquals(200L, latest.newest().get("vcpu_cpu_time"));
            assertEquals(100L, latest.previous().get("vcpu_cpu_time"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void eachInterfaceOfANodeHasItsOwnPair(Backend backend) throws Exception {
        database = backend.create(dir);
        write(itf(1, T0, 10), itf(2, T0, 20), itf(1, T0 + 20_000, 11));

        List<LatestSamples.Latest> interfaces = read(l -> l.interfaces(ALL, List.of("if_in_octets")));
        assertEquals(2, interfaces.size());
        assertEquals(1L, interfaces.get(0).newest().get("if_index"));
        assertEquals(11L, interfaces.get(0).newest().get("if_in_octets"));
        assertEquals(10L, interfaces.get(0).previous().get("if_in_octets"));
        assertNull(interfaces.get(1).previous());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aColumnTheSampleTableDoesNotHaveIsRefused(Backend backend) throws Exception {
        database = backend.create(dir);
        write(vm("10.0.0.1", T0, 100));

        assertThrows(IllegalArgumentException.class, () -> read(l -> l.vms(ALL, List.of("cpu_user"))));
        assertThrows(IllegalArgumentException.class, () -> read(l -> l.vms(ALL, List.of("vm_id"))));
    }

    private LatestSamples.Latest onlyVm() throws Exception {
        List<LatestSamples.Latest> vms = read(l -> l.vms(ALL, CPU));
        assertEquals(1, vms.size());
        return vms.get(0);
    }

    private interface Read {
        List<LatestSamples.Latest> from(LatestSamples latest);
    }

    private List<LatestSamples.Latest> read(Read read) throws Exception {
        try (Database db = TestCollector.open(database, dir)) {
            return read.from(new LatestTables(new Queries(db, 10), new VmKeys()));
        }
    }

    /** Stores the samples with a writer of its own, as another collector (or this one after a restart) would. */
    private void write(org.sflowmonitor.ingest.EntitySample... samples) throws Exception {
        try (Database db = TestCollector.open(database, dir)) {
            BatchWriter writer = new BatchWriter(db.dataSource(), new IngestStats(10), TestCollector.CONFIG).start();
            for (org.sflowmonitor.ingest.EntitySample s : samples) {
                writer.offer(s);
            }
            writer.close(30_000);
        }
    }

    private static VmSample vm(String agent, long at, long cpuTime) {
        return new VmSample(agent, at, 1, VM, "web-1", 1, null, new VirtCpu(1, cpuTime, 2), null, null, null);
    }

    private static InterfaceSample itf(long ifIndex, long at, long inOctets) {
        return new InterfaceSample("10.0.0.1", at, 1, ifIndex, new IfCounters(ifIndex, 6, 1_000_000_000L, 1, 3,
                inOctets, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), null, "eth" + ifIndex);
    }
}
