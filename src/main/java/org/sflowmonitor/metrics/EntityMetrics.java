package org.sflowmonitor.metrics;

import java.util.List;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import org.sflowmonitor.store.LatestValues;
import org.sflowmonitor.store.LiveEntities;
import org.sflowmonitor.store.LatestValues.Reading;
import org.sflowmonitor.store.SampleTable;

/**
 * The series of a set of nodes, their VMs and interfaces: the newest values of those that
 * reported within the last few polling intervals. Labels: {@code agent} (the node's address) and
 * {@code host} (its host name) on every series; {@code vm} and {@code vm_uuid} on a VM's;
 * {@code ifindex} and {@code device} on an interface's.
 */
final class EntityMetrics {

    /** hsflowd's default polling interval, assumed for a node whose interval is not learned yet. */
    static final long ASSUMED_INTERVAL_MILLIS = 30_000;

    private static final List<SeriesFamily> HOST = SeriesFamily.of(SampleTable.HOST_SAMPLE, SampleMetrics.HOST);
    private static final List<SeriesFamily> MIB2 = SeriesFamily.of(SampleTable.HOST_MIB2_SAMPLE, SampleMetrics.MIB2);
    private static final List<SeriesFamily> VM = SeriesFamily.of(SampleTable.VM_SAMPLE, SampleMetrics.VM);
    private static final List<SeriesFamily> INTERFACE = SeriesFamily.of(SampleTable.INTERFACE_SAMPLE,
            SampleMetrics.INTERFACE);

    private EntityMetrics() {
    }

    /** Every family /metrics may expose for entities, in exposition order. */
    static List<SeriesFamily> families() {
        return java.util.stream.Stream.of(HOST, MIB2, VM, INTERFACE).flatMap(List::stream).toList();
    }

    /**
     * Adds the snapshots of {@code nodes} to {@code out}: of each entity that reports, by the rule of
     * host.description's {@code reporting} (entity.silent.intervals of its node's learned polling interval).
     */
    static void collect(Iterable<LatestValues.Node> nodes, Silence silence, List<MetricSnapshot> out) {
        SeriesFamily.Points[] host = points(HOST);
        SeriesFamily.Points[] mib2 = points(MIB2);
        SeriesFamily.Points[] vm = points(VM);
        SeriesFamily.Points[] itf = points(INTERFACE);
        for (LatestValues.Node node : nodes) {
            long since = silence.reportedSince(node);
            String hostname = orEmpty(node.hostname());
            Labels nodeLabels = null;
            if (reported(node.host(), since)) {
                nodeLabels = Labels.of("agent", node.agent(), "host", hostname);
                add(host, node.host(), nodeLabels);
            }
            if (reported(node.mib2(), since)) {
                add(mib2, node.mib2(), nodeLabels != null ? nodeLabels : Labels.of("agent", node.agent(), "host",
                        hostname));
            }
            for (LatestValues.Vm v : node.vms()) {
                if (reported(v.reading(), since)) {
                    add(vm, v.reading(), Labels.of("agent", node.agent(), "host", hostname, "vm", orEmpty(v.name()),
                            "vm_uuid", v.uuid().toString()));
                }
            }
            for (LatestValues.Interface i : node.interfaces()) {
                if (reported(i.reading(), since)) {
                    add(itf, i.reading(), Labels.of("agent", node.agent(), "host", hostname, "ifindex",
                            Long.toString(i.ifIndex()), "device", orEmpty(i.portName())));
                }
            }
        }
        for (SeriesFamily.Points[] table : List.of(host, mib2, vm, itf)) {
            for (SeriesFamily.Points p : table) {
                if (!p.isEmpty()) {
                    out.add(p.snapshot());
                }
            }
        }
    }

    /** Whether the reading came at {@code since} or later. */
    static boolean reported(Reading reading, long since) {
        return reading != null && reading.at() >= since;
    }

    /** The rule of one scrape: an entity reports while its newest sample is at most {@code intervals} of its node's polling intervals old. */
    record Silence(LiveEntities live, int intervals, long now) {

        /** The oldest sample time of a node's entities that still counts as reporting. */
        long reportedSince(LatestValues.Node node) {
            long learned = live.hostPollingInterval(node.id());
            return now - intervals * (learned > 0 ? learned : ASSUMED_INTERVAL_MILLIS);
        }
    }

    private static SeriesFamily.Points[] points(List<SeriesFamily> families) {
        SeriesFamily.Points[] points = new SeriesFamily.Points[families.size()];
        for (int i = 0; i < points.length; i++) {
            points[i] = families.get(i).points();
        }
        return points;
    }

    private static void add(SeriesFamily.Points[] points, Reading reading, Labels labels) {
        for (SeriesFamily.Points p : points) {
            p.add(reading, labels);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
