package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sflowmonitor.ingest.EntitySample;
import org.sflowmonitor.ingest.EntitySample.NodeSample;
import org.sflowmonitor.ingest.EntitySample.VmSample;
import org.sflowmonitor.ingest.IngestCounter;
import org.sflowmonitor.ingest.IngestStats;
import org.sflowmonitor.sflow.CounterRecord.HostCpu;
import org.sflowmonitor.sflow.CounterRecord.HostDescr;
import org.sflowmonitor.sflow.CounterRecord.HostDiskIo;
import org.sflowmonitor.sflow.CounterRecord.HostMemory;
import org.sflowmonitor.sflow.CounterRecord.HostNetIo;
import org.sflowmonitor.sflow.CounterRecord.VirtCpu;
import org.sflowmonitor.sflow.CounterRecord.VirtMemory;
import org.sflowmonitor.sflow.CounterRecord.VirtNetIo;
import org.sflowmonitor.testing.Backend;
import org.sflowmonitor.testing.TestDatabase;

/**
 * The newest two samples of every node and VM in memory ({@link LatestState}) hold what the
 * latest tables hold, value for value and of the same Java types, whether the writer kept them
 * as it stored each batch or loaded them from the tables when it connected.
 */
class LatestStateTest {

    private static final long T0 = 1_800_000_000_000L;
    private static final UUID VM_A = UUID.fromString("5a1b0c9e-0000-4000-8000-000000000001");
    private static final UUID VM_B = UUID.fromString("5a1b0c9e-0000-4000-8000-000000000002");
    private static final EntityFilter ALL = new EntityFilter(null, null, null);

    @TempDir
    Path dir;

    private TestDatabase database;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void whatTheWriterKeepsInMemoryIsWhatTheLatestTablesHold(Backend backend) throws Exception {
        database = backend.create(dir);
        try (Database db = TestCollector.open(database, dir)) {
            BatchWriter writer = new BatchWriter(db.dataSource(), new IngestStats(10), TestCollector.CONFIG).start();
            mixedSamples().forEach(writer::offer);
            writer.close(30_000);
            assertSameAsTables(db, writer.latestState());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aWriterThatConnectsLoadsWhatTheLatestTablesHold(Backend backend) throws Exception {
        database = backend.create(dir);
        try (Database db = TestCollector.open(database, dir)) {
            BatchWriter first = new BatchWriter(db.dataSource(), new IngestStats(10), TestCollector.CONFIG).start();
            mixedSamples().forEach(first::offer);
            first.close(30_000);
            BatchWriter second = new BatchWriter(db.dataSource(), new IngestStats(10), TestCollector.CONFIG).start();
            second.offer(vm("10.0.0.2", VM_B, T0 + 200_000, 9_000, 1L << 40)); // connects and loads, then writes
            second.close(30_000);
            assertTrue(second.latestState().loaded());
            assertSameAsTables(db, second.latestState());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theRetentionPassForgetsWhatItDeletedFromTheTables(Backend backend) throws Exception {
        database = backend.create(dir);
        try (Database db = TestCollector.open(database, dir)) {
            BatchWriter writer = new BatchWriter(db.dataSource(), new IngestStats(10), TestCollector.CONFIG).start();
            mixedSamples().forEach(writer::offer);
            writer.close(30_000);
            new Retention(db.dataSource(), 1, writer.latestState()).deleteOlderThan(T0 + 30_000);
            assertSameAsTables(db, writer.latestState());
            assertNull(writer.latestState().hosts(ALL).get(0).previous());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aRefreshBringsInWhatAnotherWriterStoredAndKeepsWhatThisOneStored(Backend backend) throws Exception {
        database = backend.create(dir);
        try (Database db = TestCollector.open(database, dir)) {
            LatestState apiOnly = new LatestState();
            LatestRefresh refresh = new LatestRefresh(db.dataSource(), apiOnly);
            refreshOnce(db, refresh);
            assertTrue(apiOnly.loaded());
            BatchWriter mine = new BatchWriter(db.dataSource(), new IngestStats(10), TestCollector.CONFIG).start();
            mine.offer(node("10.0.0.9", T0, 10, 100));
            mine.offer(vm("10.0.0.9", VM_B, T0, 5, 50));
            BatchWriter other = new BatchWriter(db.dataSource(), new IngestStats(10), TestCollector.CONFIG).start();
            mixedSamples().forEach(other::offer);
            other.close(30_000);
            mine.offer(vm("10.0.0.9", VM_B, T0 + 300_000, 6, 60)); // newer than the other's
            mine.close(30_000);
            LatestRefresh mineRefresh = new LatestRefresh(db.dataSource(), mine.latestState());
            refreshOnce(db, mineRefresh);
            refreshOnce(db, refresh);
            assertSameAsTables(db, mine.latestState());
            assertSameAsTables(db, apiOnly);
            other.offer(vm("10.0.0.2", VM_A, T0 + 400_000, 400, 7)); // closed: refused, changes nothing
            long generation = apiOnly.generation();
            refreshOnce(db, refresh);
            assertEquals(generation, apiOnly.generation(), "a refresh that finds nothing new changes nothing");
        }
    }

    @Test
    void onH2ACheckpointWritesTheEntitiesChangedSinceTheLastOneFromMemory() throws Exception {
        assertACheckpointWritesAChangedVm(false);
    }

    @Test
    void onH2ACheckpointSliceWhoseTransactionRolledBackIsWrittenAgain() throws Exception {
        assertACheckpointWritesAChangedVm(true);
    }

    @Test
    void onH2AWriterThatReconnectsKeepsTheNewerSamplesItHeldAheadOfTheTables() throws Exception {
        database = TestDatabase.h2(dir);
        try (Database db = TestCollector.open(database, dir)) {
            FlakyDataSource flaky = new FlakyDataSource(db.dataSource());
            IngestStats stats = new IngestStats(10);
            BatchWriter writer = new BatchWriter(flaky, stats, TestCollector.CONFIG).start();
            for (int i = 0; i < 4; i++) { // a batch each: the checkpoint has written the first at most
                writer.offer(vm("10.0.0.1", VM_A, T0 + i * 20_000L, 100 + i, 1_000 + i));
                awaitStored(stats, i + 1);
            }
            flaky.down = true;
            writer.offer(vm("10.0.0.1", VM_A, T0 + 80_000, 104, 1_004));
            Thread.sleep(300);
            flaky.down = false;
            awaitStored(stats, 5);

            LatestState.Vm kept = writer.latestState().vms(ALL).get(0);
            assertEquals(T0 + 80_000, kept.newest().ts());
            assertEquals(T0 + 60_000, kept.previous().ts());
            writer.close(30_000);
            assertSameAsTables(db, writer.latestState());
        }
    }

    private void assertACheckpointWritesAChangedVm(boolean firstSliceRolledBack) throws Exception {
        database = TestDatabase.h2(dir);
        try (Database db = TestCollector.open(database, dir)) {
            LatestState state = storedAndClosed(db);
            LatestCheckpoint checkpoint = new LatestCheckpoint(state);
            changeOneVm(state, checkpoint);
            try (Statements st = new Statements(db.dataSource().getConnection())) {
                if (firstSliceRolledBack) {
                    checkpoint.step(st, T0);
                    st.rollback();
                }
                assertTrue(checkpoint.step(st, T0 + 1_000));
                st.commit();
                checkpoint.committed();
            }
            assertSameAsTables(db, state);
        }
    }

    private static LatestState storedAndClosed(Database db) {
        BatchWriter writer = new BatchWriter(db.dataSource(), new IngestStats(10), TestCollector.CONFIG).start();
        mixedSamples().forEach(writer::offer);
        writer.close(30_000);
        return writer.latestState();
    }

    /** A newer sample of the first VM, kept in memory only and noted as changed. */
    private static void changeOneVm(LatestState state, LatestCheckpoint checkpoint) {
        LatestState.Vm v = state.vms(ALL).get(0);
        VmSample next = vm(v.hostIp(), UUID.fromString(v.uuid()), v.newest().ts() + 20_000, 999, 12_345);
        LatestState.Sample stored = new LatestState.Sample(next.receivedAt(), v.newest().hostId(),
                SampleRows.VM_SAMPLE.stored(next));
        state.committed(List.of(s -> s.vm(v.id(), v.uuid(), v.name(), v.newest().hostId(), v.hostIp(), stored)));
        checkpoint.vmChanged(v.id());
    }

    private static void awaitStored(IngestStats stats, long samples) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (stats.total().get(IngestCounter.SAMPLES_STORED) < samples) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not stored within 30 s: " + stats.total().snapshot());
            }
            Thread.sleep(10);
        }
    }

    private static void refreshOnce(Database db, LatestRefresh refresh) throws Exception {
        try (java.sql.Connection c = db.dataSource().getConnection()) {
            refresh.refreshOnce(c);
        }
    }

    /**
     * Two nodes, two VMs: out of order, the same ts twice, a VM that moved, 64-bit counters past
     * 2^63, unknown values (sentinels and missing records).
     */
    private static List<EntitySample> mixedSamples() {
        List<EntitySample> samples = new ArrayList<>();
        samples.add(node("10.0.0.1", T0, 100, 1_000));
        samples.add(node("10.0.0.1", T0 + 40_000, 140, 3_000));
        samples.add(node("10.0.0.1", T0 + 20_000, 120, 2_000)); // late: becomes the previous
        samples.add(node("10.0.0.2", T0 + 5_000, 50, -2)); // 2^64-2 bytes in
        samples.add(vm("10.0.0.1", VM_A, T0, 100, -10));
        samples.add(vm("10.0.0.1", VM_A, T0 + 20_000, 200, 5));
        samples.add(vm("10.0.0.2", VM_A, T0 + 40_000, 300, 6)); // moved to the other node
        samples.add(vm("10.0.0.2", VM_B, T0 + 40_000, 0xFFFF_FFFFL, -1)); // unknown CPU time and bytes
        samples.add(vm("10.0.0.2", VM_B, T0 + 40_000, 7, 8)); // same ts, written later: the newest
        return samples;
    }

    private static void assertSameAsTables(Database db, LatestState state) {
        LatestTables tables = new LatestTables(new Queries(db, 10), new VmKeys());
        List<String> hostColumns = LatestState.HOST_COLUMNS.names();
        List<String> vmColumns = LatestState.VM_COLUMNS.names();
        List<LatestSamples.Latest> hosts = tables.hosts(ALL, hostColumns);
        List<LatestState.Host> keptHosts = state.hosts(ALL);
        assertEquals(hosts.size(), keptHosts.size());
        for (int i = 0; i < hosts.size(); i++) {
            assertSameSamples(hosts.get(i), keptHosts.get(i), hostColumns);
            assertEquals(hosts.get(i).newest().get("polling_interval"),
                    state.pollingInterval(keptHosts.get(i).id()) == null ? null
                            : state.pollingInterval(keptHosts.get(i).id()));
        }
        List<LatestSamples.Latest> vms = tables.vms(ALL, vmColumns);
        List<LatestState.Vm> keptVms = state.vms(ALL);
        assertEquals(vms.size(), keptVms.size());
        for (int i = 0; i < vms.size(); i++) {
            List<String> fields = new ArrayList<>(vmColumns);
            fields.addAll(List.of("host_id", "name"));
            assertSameSamples(vms.get(i), keptVms.get(i), fields);
        }
    }

    private static void assertSameSamples(LatestSamples.Latest table, LatestState.Entry kept, List<String> columns) {
        List<String> fields = new ArrayList<>(columns);
        fields.addAll(List.of("id", "host_ip", "hostname", "uuid", "timestamp"));
        assertSameFields(table.newest(), kept::newest, fields);
        if (table.previous() == null) {
            assertNull(kept.previous());
        } else {
            assertSameFields(table.previous(), kept::previous, fields);
        }
    }

    private interface Fields {
        Object get(String name);
    }

    private static void assertSameFields(Map<String, Object> table, Fields kept, List<String> fields) {
        for (String f : fields) {
            Object expected = table.get(f);
            Object actual = kept.get(f);
            assertEquals(expected, actual, f + " of " + table);
            assertEquals(expected == null ? null : expected.getClass(), actual == null ? null : actual.getClass(),
                    "type of " + f);
        }
    }

    private static NodeSample node(String agent, long at, long uptime, long bytesIn) {
        HostCpu cpu = new HostCpu(0.25f, 0.5f, -1f, 1, 100, 4, 2_000, uptime, uptime * 10, 0, 0, uptime * 3, 0, 0, 0,
                0, 0, 0L, 0L, null);
        HostMemory memory = new HostMemory(8L << 30, 2L << 30, 0, 1L << 28, 1L << 29, 0, 0, 1, 2, 3, 4);
        HostDiskIo disk = new HostDiskIo(100L << 30, 40L << 30, 4_250, 10, 1L << 33, 5, 20, -1, 7);
        HostNetIo net = new HostNetIo(bytesIn, 10, 0, 0, bytesIn / 2, 5, 0, 0);
        HostDescr descr = new HostDescr("node-" + agent, UUID.nameUUIDFromBytes(agent.getBytes()), 3, 2, "6.1");
        return new NodeSample(agent, at, 5, descr, null, cpu, memory, disk, net, null, null, null, null, null);
    }

    private static VmSample vm(String agent, UUID uuid, long at, long cpuTime, long bytes) {
        return new VmSample(agent, at, 3, uuid, "web-" + uuid.toString().substring(35), 1, null,
                new VirtCpu(1, cpuTime, 2), new VirtMemory(1L << 30, 2L << 30),
                null, new VirtNetIo(bytes, 1, 0, 0, bytes, 2, 0, 0));
    }
}
