package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.sflowmonitor.ingest.EntitySample.NodeSample;
import org.sflowmonitor.ingest.EntitySample.VmSample;
import org.sflowmonitor.sflow.CounterRecord.HostCpu;
import org.sflowmonitor.sflow.CounterRecord.VirtCpu;
import org.sflowmonitor.sflow.CounterRecord.VirtDiskIo;
import org.sflowmonitor.sflow.CounterRecord.VirtMemory;

/**
 * The pure rollup functions: the samples of one entity → its buckets, checked against a hand
 * computation from the same samples; and the merge of finer buckets into a coarser one.
 */
class RollupFunctionsTest {

    private static final long T0 = 1_800_000_000_000L;
    private static final long MINUTE = 60_000;
    private static final long U32 = 1L << 32;
    private static final RollupLayout<VmSample> VM = RollupRows.VM;

    /** A VM sample from node {@code host} with its CPU time, vCPUs, memory and bytes read. */
    private static SampleValues vm(long ts, long host, long cpuTime, long vcpus, long memory, long rdBytes) {
        VmSample s = new VmSample("10.0.0." + host, ts, 4, new UUID(0, 7), "vm-7", 7, null,
                new VirtCpu(1, cpuTime, vcpus), new VirtMemory(memory, 8_000), new VirtDiskIo(100, 50, 50, 0, rdBytes,
                0, 0, 0), null);
        return new SampleValues(7, 0, host, ts, VM.values(s));
    }

    private static int measure(String name) {
        int i = VM.measures().indexOf(name);
        assertTrue(i >= 0, name);
        return i;
    }

    private static void assertMinAvgMax(Bucket b, String measure, double min, double avg, double max, int n) {
        int i = measure(measure);
        assertEquals(n, b.n[i], measure + " count");
        assertEquals(min, b.min[i], 1e-9, measure + " min");
        assertEquals(avg, b.avg(i), 1e-9, measure + " avg");
        assertEquals(max, b.max[i], 1e-9, measure + " max");
    }

    @Test
    void aGaugeKeepsItsMinimumExactAverageAndMaximumAndTheBucketCountsItsSamples() {
        List<Bucket> buckets = EntityRollup.buckets(VM, MINUTE, null, List.of(vm(T0, 1, 0, 1, 1_000, 0),
                vm(T0 + 20_000, 1, 0, 1, 2_000, 0), vm(T0 + 40_000, 1, 0, 1, 6_000, 0)));
        assertEquals(1, buckets.size());
        Bucket b = buckets.get(0);
        assertEquals(T0, b.start);
        assertEquals(3, b.samples);
        assertMinAvgMax(b, "vmem_memory", 1_000, 3_000, 6_000, 3);
        // vmem_utilisation = memory / max memory (8,000): 12.5 %, 25 %, 75 %
        assertMinAvgMax(b, "vmem_utilisation", 12.5, 37.5, 75, 3);
    }

    @Test
    void aCounterKeepsTheMinimumAverageAndMaximumOfItsPerSecondRatesBetweenConsecutiveSamples() {
        Bucket b = EntityRollup.buckets(VM, MINUTE, null, List.of(vm(T0, 1, 0, 1, 1, 0),
                vm(T0 + 20_000, 1, 0, 1, 1, 20_000), vm(T0 + 40_000, 1, 0, 1, 1, 60_000))).get(0);
        // 20,000 B in 20 s, then 40,000 B in 20 s; the first sample has no sample before it
        assertMinAvgMax(b, "vdsk_rd_bytes", 1_000, 1_500, 2_000, 2);
    }

    @Test
    void theRateBetweenTwoSamplesOfNeighbouringBucketsBelongsToTheLaterBucket() {
        List<Bucket> buckets = EntityRollup.buckets(VM, MINUTE, vm(T0 + 50_000, 1, 0, 1, 1, 0),
                List.of(vm(T0 + MINUTE + 10_000, 1, 0, 1, 1, 40_000)));
        assertEquals(1, buckets.size());
        assertEquals(T0 + MINUTE, buckets.get(0).start);
        assertMinAvgMax(buckets.get(0), "vdsk_rd_bytes", 2_000, 2_000, 2_000, 1);
    }

    @Test
    void aThirtyTwoBitCounterThatWrappedGivesTheRateAcrossTheWrap() {
        Bucket b = EntityRollup.buckets(VM, MINUTE, null, List.of(vm(T0, 1, U32 - 1_000, 1, 1, 0),
                vm(T0 + 20_000, 1, 1_000, 1, 1, 0))).get(0);
        // 2,000 ms of CPU time in 20 s: 100 ms/s, and 10 % of one vCPU
        assertMinAvgMax(b, "vcpu_cpu_time", 100, 100, 100, 1);
        assertMinAvgMax(b, "vcpu_utilisation", 10, 10, 10, 1);
    }

    @Test
    void anAgentRestartInsideABucketGivesNoRateAcrossTheResetAndTheRatesAfterItCount() {
        Bucket b = EntityRollup.buckets(VM, MINUTE, null, List.of(vm(T0, 1, 5_000_000, 2, 1, 900_000),
                vm(T0 + 20_000, 1, 100, 2, 1, 1_000), vm(T0 + 40_000, 1, 20_100, 2, 1, 21_000))).get(0);
        assertEquals(3, b.samples);
        assertMinAvgMax(b, "vcpu_cpu_time", 1_000, 1_000, 1_000, 1);
        assertMinAvgMax(b, "vdsk_rd_bytes", 1_000, 1_000, 1_000, 1);
        // 20,000 ms in 20 s over 2 vCPUs: 50 %
        assertMinAvgMax(b, "vcpu_utilisation", 50, 50, 50, 1);
    }

    @Test
    void aVmThatMovedToAnotherNodeInsideABucketHasNoRateAcrossTheMoveAndTheBucketNamesTheNewNode() {
        Bucket b = EntityRollup.buckets(VM, MINUTE, null, List.of(vm(T0, 1, 1_000, 1, 1, 0),
                vm(T0 + 20_000, 2, 1_500, 1, 1, 10), vm(T0 + 40_000, 2, 3_500, 1, 1, 20))).get(0);
        assertEquals(3, b.samples);
        assertEquals(2, b.hostId);
        assertMinAvgMax(b, "vcpu_cpu_time", 100, 100, 100, 1);
    }

    @Test
    void aGapOfSeveralBucketsLeavesThemOutAndTheFirstRateAfterItSpansTheGap() {
        List<Bucket> buckets = EntityRollup.buckets(VM, MINUTE, null, List.of(vm(T0, 1, 0, 1, 1, 0),
                vm(T0 + 5 * MINUTE, 1, 0, 1, 1, 300_000)));
        assertEquals(List.of(T0, T0 + 5 * MINUTE), buckets.stream().map(b -> b.start).toList());
        assertMinAvgMax(buckets.get(1), "vdsk_rd_bytes", 1_000, 1_000, 1_000, 1);
    }

    @Test
    void aNodeThatRebootedGivesNoRatesAcrossTheReboot() {
        RollupLayout<NodeSample> host = RollupRows.HOST;
        SampleValues before = node(host, T0, 100_000, 50_000);
        SampleValues after = node(host, T0 + 20_000, 10, 60_000);
        Bucket b = EntityRollup.buckets(host, MINUTE, before, List.of(after)).get(0);
        assertEquals(0, b.n[host.measures().indexOf("cpu_user")]);
        assertEquals(0, b.n[host.measures().indexOf("cpu_utilisation")]);
        assertEquals(1, b.n[host.measures().indexOf("cpu_uptime")], "gauges are kept");
    }

    @Test
    void theHostCpuUtilisationIsTheBusyShareOfAllCpuTime() {
        RollupLayout<NodeSample> host = RollupRows.HOST;
        Bucket b = EntityRollup.buckets(host, MINUTE, node(host, T0, 100, 0), List.of(node(host, T0 + 20_000, 120,
                30_000))).get(0);
        // user rose by 30,000 ms and idle by 10,000 ms (see node()): 75 % busy
        int i = host.measures().indexOf("cpu_utilisation");
        assertEquals(75.0, b.avg(i), 1e-9);
    }

    /** A node sample with its uptime and cpu_user; cpu_idle is a third of cpu_user, the other times 0. */
    private static SampleValues node(RollupLayout<NodeSample> layout, long ts, long uptime, long user) {
        HostCpu cpu = new HostCpu(0.5f, 0.5f, 0.5f, 1, 100, 4, 2_000, uptime, user, 0, 0, user / 3, 0, 0, 0, 0, 0,
                0L, 0L, 0L);
        NodeSample s = new NodeSample("10.0.0.1", ts, 1, null, null, cpu, null, null, null, null, null, null, null,
                null);
        return new SampleValues(1, 0, 1, ts, layout.values(s));
    }

    @Test
    void aCoarserBucketMergedFromFinerOnesEqualsTheBucketOfTheSameSamples() {
        List<SampleValues> samples = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            samples.add(vm(T0 + i * 20_000L, 1, i * i * 100L, 2, 1_000 + (i * 37 % 11) * 100, i * 5_000L));
        }
        List<Bucket> fine = EntityRollup.buckets(VM, MINUTE, null, samples);
        Bucket merged = EntityRollup.merge(VM, T0, fine);
        Bucket direct = EntityRollup.buckets(VM, 10 * MINUTE, null, samples).get(0);
        assertEquals(direct.samples, merged.samples);
        for (String m : VM.measures()) {
            int i = measure(m);
            assertEquals(direct.n[i], merged.n[i], m);
            if (direct.n[i] > 0) {
                assertEquals(direct.min[i], merged.min[i], 1e-9, m);
                assertEquals(direct.max[i], merged.max[i], 1e-9, m);
                assertEquals(direct.avg(i), merged.avg(i), 1e-9, m);
            }
        }
    }
}
