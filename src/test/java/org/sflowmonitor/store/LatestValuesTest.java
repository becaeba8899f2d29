package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.sflowmonitor.ingest.EntitySample.VmSample;
import org.sflowmonitor.sflow.CounterRecord.VirtCpu;
import org.sflowmonitor.sflow.CounterRecord.VirtMemory;
import org.sflowmonitor.sflow.CounterRecord.VirtNetIo;

/** The newest values /metrics reads, kept by the writer with each entity's values overwritten in place. */
class LatestValuesTest {

    private static final UUID A = UUID.fromString("0c0ffee0-0000-4000-8000-00000000000a");
    private static final UUID B = UUID.fromString("0c0ffee0-0000-4000-8000-00000000000b");
    /** The writer's ids of A and B. */
    private static final long VM_A = 1;
    private static final long VM_B = 2;
    private static final int CPU_TIME = SampleTable.VM_SAMPLE.valueColumns().indexOf("vcpu_cpu_time");
    private static final int BYTES_IN = SampleTable.VM_SAMPLE.valueColumns().indexOf("vnio_bytes_in");

    private static VmSample vm(String agent, UUID uuid, String name, long at, long cpuTime, long bytes) {
        return new VmSample(agent, at, 3, uuid, name, 1, null, new VirtCpu(1, cpuTime, 2),
                new VirtMemory(1L << 30, 2L << 30), null, new VirtNetIo(bytes, 1, 0, 0, bytes, 2, 0, 0));
    }

    private static LatestValues.Vm only(LatestValues latest, String agent) {
        List<LatestValues.Vm> vms = List.copyOf(latest.node(agent).vms());
        assertEquals(1, vms.size());
        return vms.get(0);
    }

    @Test
    void aThirtyTwoBitCounterThatWrapsBetweenTwoSamplesKeepsGrowing() {
        LatestValues latest = new LatestValues();
        latest.vm(1, VM_A, vm("10.0.0.1", A, "a", 1_000, 0xFFFF_FF00L, 10));
        latest.vm(1, VM_A, vm("10.0.0.1", A, "a", 21_000, 0x100L, 20));
        assertEquals((1L << 32) + 0x100, (long) only(latest, "10.0.0.1").reading().values()[CPU_TIME]);
    }

    @Test
    void aSampleNoNewerThanTheHeldOneChangesNothing() {
        LatestValues latest = new LatestValues();
        latest.vm(1, VM_A, vm("10.0.0.1", A, "a", 21_000, 500, 20));
        latest.vm(1, VM_A, vm("10.0.0.1", A, "a", 1_000, 400, 10));
        LatestValues.Reading r = only(latest, "10.0.0.1").reading();
        assertEquals(21_000, r.at());
        assertEquals(20, (long) r.values()[BYTES_IN]);
    }

    @Test
    void aVmThatMovesLeavesItsOldNodeAndKeepsWideningItsCounters() {
        LatestValues latest = new LatestValues();
        latest.vm(1, VM_A, vm("10.0.0.1", A, "a", 1_000, 0xFFFF_FF00L, 10));
        latest.vm(2, VM_A, vm("10.0.0.2", A, "a", 21_000, 0x100L, 20));
        assertEquals(0, latest.node("10.0.0.1").vms().size());
        assertEquals((1L << 32) + 0x100, (long) only(latest, "10.0.0.2").reading().values()[CPU_TIME]);
    }

    @Test
    void aVmsNameIsKeptWhenALaterSampleHasNone() {
        LatestValues latest = new LatestValues();
        latest.vm(1, VM_A, vm("10.0.0.1", A, "web-1", 1_000, 400, 10));
        latest.vm(1, VM_A, vm("10.0.0.1", A, null, 21_000, 500, 20));
        assertEquals("web-1", only(latest, "10.0.0.1").name());
    }

    @Test
    void twoVmsSampledInTurnKeepTheirOwnValues() {
        LatestValues latest = new LatestValues();
        latest.vm(1, VM_A, vm("10.0.0.1", A, "a", 1_000, 400, 10));
        latest.vm(2, VM_B, vm("10.0.0.2", B, "b", 1_000, 900, 90));
        latest.vm(1, VM_A, vm("10.0.0.1", A, "a", 21_000, 500, 20));
        assertEquals(20, (long) only(latest, "10.0.0.1").reading().values()[BYTES_IN]);
        assertEquals(90, (long) only(latest, "10.0.0.2").reading().values()[BYTES_IN]);
    }

    @Test
    void aReadingIsACopyThatTheNextSampleDoesNotChange() {
        LatestValues latest = new LatestValues();
        latest.vm(1, VM_A, vm("10.0.0.1", A, "a", 1_000, 400, 10));
        LatestValues.Reading before = only(latest, "10.0.0.1").reading();
        latest.vm(1, VM_A, vm("10.0.0.1", A, "a", 21_000, 500, 20));
        assertEquals(10, (long) before.values()[BYTES_IN]);
        assertNull(latest.node("10.0.0.9"));
    }

    @Test
    void anIdHandedOutAgainToAnotherVmAfterARolledBackBatchKeepsEachVmsValuesUnderItsOwnUuid() {
        LatestValues latest = new LatestValues();
        latest.vm(1, VM_A, vm("10.0.0.1", A, "a", 1_000, 400, 333));
        latest.vm(1, VM_A, vm("10.0.0.1", B, "b", 1_000, 900, 444));
        LatestValues.Node node = latest.node("10.0.0.1");
        assertEquals(2, node.vms().size());
        for (LatestValues.Vm v : node.vms()) {
            assertEquals(v.uuid().equals(A) ? 333 : 444, (long) v.reading().values()[BYTES_IN]);
        }
    }

    @Test
    void aHostIdHandedOutAgainToAnotherAgentKeepsEachNodesVmsApart() {
        LatestValues latest = new LatestValues();
        latest.vm(1, VM_A, vm("10.0.0.2", A, "a", 1_000, 400, 333));
        latest.vm(1, VM_B, vm("10.0.0.3", B, "b", 1_000, 900, 444));
        assertEquals(333, (long) only(latest, "10.0.0.2").reading().values()[BYTES_IN]);
        assertEquals(444, (long) only(latest, "10.0.0.3").reading().values()[BYTES_IN]);
    }
}
