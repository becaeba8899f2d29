package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The widening of a VM's counters between its consecutive samples (vm_sample's value columns). */
class CounterWideningTest {

    private static final SampleTable VM = SampleTable.VM_SAMPLE;
    private static final int CPU_TIME = VM.valueColumns().indexOf("vcpu_cpu_time");
    private static final int RD_BYTES = VM.valueColumns().indexOf("vdsk_rd_bytes");
    private static final int VCPUS = VM.valueColumns().indexOf("vcpu_cpu_count");
    private static final double TWO_32 = 4294967296.0;

    private static double[] sample(double cpuTime, double rdBytes, double vcpus) {
        double[] v = new double[VM.valueColumns().size()];
        Arrays.fill(v, Double.NaN);
        v[CPU_TIME] = cpuTime;
        v[RD_BYTES] = rdBytes;
        v[VCPUS] = vcpus;
        return v;
    }

    @Test
    void aThirtyTwoBitCounterGoingBackFromTheUpperHalfWrapped() {
        double[] next = sample(100, 2_000, 2);
        CounterWidening.widen(VM, sample(TWO_32 - 400, 1_000, 2), next);
        assertEquals(TWO_32 + 100, next[CPU_TIME]);
    }

    @Test
    void everyWrapAddsTwoToTheThirtyTwo() {
        double[] previous = sample(TWO_32 + 4_000_000_000.0, 1_000, 2);
        double[] next = sample(50, 2_000, 2);
        CounterWidening.widen(VM, previous, next);
        assertEquals(2 * TWO_32 + 50, next[CPU_TIME]);
    }

    @Test
    void aWidenedCounterGrowsFromItsWidenedValue() {
        double[] next = sample(900, 3_000, 2);
        CounterWidening.widen(VM, sample(TWO_32 + 100, 2_000, 2), next);
        assertEquals(TWO_32 + 900, next[CPU_TIME]);
    }

    @Test
    void aSixtyFourBitCounterGoingBackIsARestartAndEveryCounterStartsAgain() {
        double[] next = sample(100, 10, 2);
        CounterWidening.widen(VM, sample(TWO_32 + TWO_32 - 400, 1_000_000, 2), next);
        assertEquals(100, next[CPU_TIME]);
        assertEquals(10, next[RD_BYTES]);
    }

    @Test
    void aThirtyTwoBitCounterGoingBackFromTheLowerHalfIsARestart() {
        assertTrue(CounterWidening.restarted(VM, sample(5_000, 1_000, 2), sample(100, 2_000, 2)));
    }

    @Test
    void aGaugeGoingDownIsNoRestart() {
        double[] next = sample(600, 2_000, 1);
        assertFalse(CounterWidening.restarted(VM, sample(500, 1_000, 4), next));
        CounterWidening.widen(VM, sample(500, 1_000, 4), next);
        assertEquals(1, next[VCPUS]);
    }

    @Test
    void aCounterTheSampleLacksKeepsItsWidenedValue() {
        double[] next = sample(Double.NaN, 2_000, 2);
        CounterWidening.widen(VM, sample(TWO_32 + 100, 1_000, 2), next);
        assertEquals(TWO_32 + 100, next[CPU_TIME]);
    }

    @Test
    void theFirstSampleIsTakenAsItIs() {
        double[] first = sample(TWO_32 - 1_000, 5, 2);
        CounterWidening.widen(VM, null, first);
        assertEquals(TWO_32 - 1_000, first[CPU_TIME]);
    }
}
