package org.sflowmonitor.bench;

/**
 * When each data source of a {@link ClusterModel} is polled, as hsflowd polls them: every source
 * (node, VM, optionally the node's two interfaces) once per interval, at a second of its own
 * within it. Within a second the nodes come in order, and each node's sources of that second
 * together. The simulator sends in this order, and the bare JDBC ceiling inserts in it.
 */
final class PollingSchedule {

    /** Source numbers besides VMs (0..M-1). */
    static final int NODE = -1;
    static final int INTERFACE_0 = -2;
    static final int INTERFACE_1 = -3;

    private final int interval;
    /** Per node, its sources ordered by the second of the interval they are polled in. */
    private final int[][] sourcesByPhase;
    /** Per node, where each second's sources start in {@link #sourcesByPhase}; one more entry than seconds. */
    private final int[][] phaseStarts;

    PollingSchedule(ClusterModel model, int intervalSeconds, boolean interfaces) {
        this.interval = intervalSeconds;
        this.sourcesByPhase = new int[model.nodes()][];
        this.phaseStarts = new int[model.nodes()][];
        for (int n = 0; n < model.nodes(); n++) {
            int count = 1 + model.vmsPerNode() + (interfaces ? 2 : 0);
            int[] sources = new int[count];
            int i = 0;
            sources[i++] = NODE;
            if (interfaces) {
                sources[i++] = INTERFACE_0;
                sources[i++] = INTERFACE_1;
            }
            for (int v = 0; v < model.vmsPerNode(); v++) {
                sources[i++] = v;
            }
            int[] phases = new int[count];
            for (int k = 0; k < count; k++) {
                phases[k] = (int) Long.remainderUnsigned(model.hash(n, sources[k], 7), intervalSeconds);
            }
            int[] starts = new int[intervalSeconds + 1];
            for (int p : phases) {
                starts[p + 1]++;
            }
            for (int p = 0; p < intervalSeconds; p++) {
                starts[p + 1] += starts[p];
            }
            int[] next = starts.clone();
            int[] ordered = new int[count];
            for (int k = 0; k < count; k++) {
                ordered[next[phases[k]]++] = sources[k];
            }
            sourcesByPhase[n] = ordered;
            phaseStarts[n] = starts;
        }
    }

    int nodes() {
        return sourcesByPhase.length;
    }

    int intervalSeconds() {
        return interval;
    }

    /** Node {@code node}'s sources polled in second {@code second} of the run are {@code source(node, k)} for k in [first, end). */
    int first(int node, long second) {
        return phaseStarts[node][(int) (second % interval)];
    }

    int end(int node, long second) {
        return phaseStarts[node][(int) (second % interval) + 1];
    }

    int source(int node, int k) {
        return sourcesByPhase[node][k];
    }
}
