package org.sflowmonitor.store;

import java.util.List;

import org.sflowmonitor.ingest.EntitySample.InterfaceSample;
import org.sflowmonitor.ingest.EntitySample.NodeSample;
import org.sflowmonitor.ingest.EntitySample.VmSample;
import org.sflowmonitor.store.RollupLayout.Continuity;

/** The rollup tables, one per sample table; their columns derive from {@link SampleRows}. */
final class RollupRows {

    static final RollupLayout<NodeSample> HOST = new RollupLayout<>("host_rollup", SampleRows.HOST_SAMPLE, "host",
            List.of("host_id"), false, Continuity.UPTIME, Derived.HOST_CPU, Derived.HOST_MEMORY);

    static final RollupLayout<NodeSample> HOST_MIB2 = new RollupLayout<>("host_mib2_rollup",
            SampleRows.HOST_MIB2_SAMPLE, "host", List.of("host_id"), false, Continuity.COUNTERS);

    static final RollupLayout<VmSample> VM = new RollupLayout<>("vm_rollup", SampleRows.VM_SAMPLE, "vm",
            List.of("vm_id"), true, Continuity.SAME_HOST, Derived.VM_CPU, Derived.VM_MEMORY);

    static final RollupLayout<InterfaceSample> INTERFACE = new RollupLayout<>("interface_rollup",
            SampleRows.INTERFACE_SAMPLE, "host", List.of("host_id", "if_index"), false, Continuity.COUNTERS);

    static final List<RollupLayout<?>> ALL = List.of(HOST, HOST_MIB2, VM, INTERFACE);

    private RollupRows() {
    }
}
