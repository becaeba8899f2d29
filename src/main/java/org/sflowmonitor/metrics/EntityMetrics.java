package org.sflowmonitor.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

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
        return Stream.of(HOST, MIB2, VM, INTERFACE).flatMap(List::stream).toList();
    }

    /**
     * The snapshots of {@code nodes}: of each entity that reports, by the rule of host.description's
     * {@code reporting} (entity.silent.intervals of its node's learned polling interval). The rows
     * of the entities are gathered and sorted at once; each family's snapshot (null when it has no
     * value) is built only when its supplier is called, so that a scrape written family by family
     * holds the data points of one family at a time.
     */
    static List<Supplier<MetricSnapshot>> snapshots(Iterable<LatestValues.Node> nodes, Silence silence) {
        List<EntityRow> host = new ArrayList<>();
        List<EntityRow> mib2 = new ArrayList<>();
        List<EntityRow> vm = new ArrayList<>();
        List<EntityRow> itf = new ArrayList<>();
        for (LatestValues.Node node : nodes) {
            long since = silence.reportedSince(node);
            String hostname = orEmpty(node.hostname());
            Labels nodeLabels = Labels.of("agent", node.agent(), "host", hostname);
            Reading hostReading = node.host();
            if (reported(hostReading, since)) {
                host.add(new EntityRow(nodeLabels, hostReading));
            }
            Reading mib2Reading = node.mib2();
            if (reported(mib2Reading, since)) {
                mib2.add(new EntityRow(nodeLabels, mib2Reading));
            }
            for (LatestValues.Vm v : node.vms()) {
                Reading reading = v.reading();
                if (reported(reading, since)) {
                    vm.add(new EntityRow(Labels.of("agent", node.agent(), "host", hostname, "vm", orEmpty(v.name()),
                            "vm_uuid", v.uuid().toString()), reading));
                }
            }
            for (LatestValues.Interface i : node.interfaces()) {
                Reading reading = i.reading();
                if (reported(reading, since)) {
                    itf.add(new EntityRow(Labels.of("agent", node.agent(), "host", hostname, "ifindex",
                            Long.toString(i.ifIndex()), "device", orEmpty(i.portName())), reading));
                }
            }
        }
        List<Supplier<MetricSnapshot>> out = new ArrayList<>();
        add(HOST, host, out);
        add(MIB2, mib2, out);
        add(VM, vm, out);
        add(INTERFACE, itf, out);
        return out;
    }

    private static void add(List<SeriesFamily> families, List<EntityRow> rows, List<Supplier<MetricSnapshot>> out) {
        Collections.sort(rows);
        families.forEach(f -> out.add(() -> f.snapshot(rows)));
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

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
