package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.sflowmonitor.ingest.EntitySample;
import org.sflowmonitor.ingest.EntitySample.VmSample;
import org.sflowmonitor.sflow.CounterRecord.VirtCpu;
import org.sflowmonitor.sflow.CounterRecord.VirtDiskIo;
import org.sflowmonitor.sflow.CounterRecord.VirtMemory;

/** The fold in memory gives the buckets of the pure fold ({@link EntityRollup}) of the same samples, to the bit. */
class RollupMemoryTest {

    private static final long T0 = 1_800_000_000_000L;
    private static final long MINUTE = 60_000;
    private static final long HOUR = 3_600_000;
    private static final RollupLayout<VmSample> VM = RollupRows.VM;

    private static VmSample vm(long id, long ts, long cpuTime, long memory, long rdBytes) {
        return new VmSample("10.0.0.1", ts, 4, new UUID(0, id), "vm-" + id, (int) id, null,
                new VirtCpu(1, cpuTime, 2), new VirtMemory(memory, 8_000), new VirtDiskIo(100, 50, 50, 0, rdBytes, 0,
                0, 0), null);
    }

    private static String key(Bucket b) {
        return b.id + "@" + b.start;
    }

    private static Map<String, Bucket> written(BucketColumns taken) throws Exception {
        Map<String, Bucket> out = new HashMap<>();
        taken.writeTo(b -> out.put(key(b), b));
        return out;
    }

    private static void assertSameBucket(Bucket expected, Bucket actual) {
        assertNotNull(actual, key(expected));
        assertEquals(expected.samples, actual.samples, key(expected));
        assertEquals(expected.hostId, actual.hostId, key(expected));
        assertArrayEquals(expected.n, actual.n, key(expected));
        assertArrayEquals(expected.min, actual.min, key(expected));
        assertArrayEquals(expected.max, actual.max, key(expected));
        assertArrayEquals(expected.sum, actual.sum, key(expected));
    }

    @Test
    void bucketsTakenFromMemoryAndTheirMergedCoarserBucketsEqualThoseOfThePureFold() throws Exception {
        RollupMemory memory = new RollupMemory(MINUTE, 10 * MINUTE, T0 - HOUR);
        Random random = new Random(15);
        Map<Long, List<SampleValues>> byVm = new HashMap<>();
        long[] cpu = new long[301];
        long[] read = new long[301];
        for (int round = 0; round < 30; round++) {
            List<EntitySample> batch = new ArrayList<>();
            long[] hostIds = new long[300];
            long[] vmIds = new long[300];
            for (int id = 1; id <= 300; id++) {
                long ts = T0 + round * 20_000L + random.nextInt(19_000);
                long host = 1 + (id + round / 10) % 3; // a third of the VMs move to another node every 200 s
                cpu[id] = random.nextInt(25) == 0 ? random.nextInt(1_000) : cpu[id] + random.nextInt(5_000);
                read[id] = (read[id] + random.nextInt(1 << 30)) & 0xFFFF_FFFFL; // wraps
                VmSample s = vm(id, ts, cpu[id], 1_000 + random.nextInt(7_000), read[id]);
                hostIds[batch.size()] = host;
                vmIds[batch.size()] = id;
                batch.add(s);
                byVm.computeIfAbsent((long) id, k -> new ArrayList<>())
                        .add(new SampleValues(id, 0, host, ts, VM.values(s)));
            }
            assertEquals(0, memory.feed(new RollupMemory.Batch(batch, hostIds, vmIds), Long.MIN_VALUE).count);
        }
        Map<String, Bucket> taken = new HashMap<>();
        for (long start = T0; start < T0 + 10 * MINUTE; start += MINUTE) {
            taken.putAll(written(memory.take(VM, start, start + MINUTE)));
        }
        Map<String, Bucket> coarser = written(memory.takeCoarser(VM, T0, T0 + 10 * MINUTE));
        int expected = 0;
        for (List<SampleValues> samples : byVm.values()) {
            List<Bucket> fine = EntityRollup.buckets(VM, MINUTE, null, samples);
            for (Bucket b : fine) {
                assertSameBucket(b, taken.get(key(b)));
                expected++;
            }
            Bucket merged = EntityRollup.merge(VM, T0, fine);
            assertSameBucket(merged, coarser.get(key(merged)));
        }
        assertEquals(expected, taken.size());
        assertEquals(byVm.size(), coarser.size());
    }

    @Test
    void anEntityQuietForAnHourIsForgottenAndStartsAgainWithoutASampleBefore() throws Exception {
        RollupMemory memory = new RollupMemory(MINUTE, 0, T0 - HOUR);
        long later = T0 + 2 * HOUR;
        memory.feed(new RollupMemory.Batch(List.of(vm(7, T0, 1_000, 2_000, 0)), new long[] {1}, new long[] {7}),
                Long.MIN_VALUE);
        assertEquals(1, memory.take(VM, T0, T0 + MINUTE).size());
        memory.forget(later, T0 + MINUTE);
        memory.feed(new RollupMemory.Batch(List.of(vm(7, later, 9_000, 2_000, 0)), new long[] {1}, new long[] {7}),
                Long.MIN_VALUE);
        Bucket b = written(memory.take(VM, later, later + MINUTE)).get("7@" + later);
        assertEquals(1, b.samples);
        assertEquals(0, b.n[VM.measures().indexOf("vcpu_cpu_time")], "no rate without the sample before");
    }
}
