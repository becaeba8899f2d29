package org.sflowmonitor.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.sflowmonitor.ingest.EntitySample;
import org.sflowmonitor.ingest.IngestCounter;

/**
 * One batch's samples sorted, within the writer's transaction, into their entities and the rows
 * of their sample tables (and, on PostgreSQL, the merges into the latest tables), with what
 * follows the commit: the newest samples for the {@link LatestState}, the node and VM ids for the
 * rollups, and each sample's outcome. The {@link LatestValues} are kept as each sample is added.
 */
final class BatchRows {

    private final Statements st;
    private final Entities entities;
    private final LatestValues latest;
    private final LatestCheckpoint checkpoint;
    private final SampleBatch<EntitySample.NodeSample> hostRows;
    private final SampleBatch<EntitySample.NodeSample> mib2Rows;
    private final SampleBatch<EntitySample.VmSample> vmRows;
    private final SampleBatch<EntitySample.InterfaceSample> ifRows;
    private final SampleOutcomes outcomes;
    private final List<Consumer<LatestState>> newest;
    private final long[] hostIds;
    private final long[] vmIds;

    /** Rows for {@code size} samples; the host and VM samples are merged into the latest tables on PostgreSQL only. */
    BatchRows(Statements st, Dialect dialect, Entities entities, LatestValues latest, LatestCheckpoint checkpoint,
              int size) throws SQLException {
        this.st = st;
        this.entities = entities;
        this.latest = latest;
        this.checkpoint = checkpoint;
        boolean postgresql = dialect == Dialect.POSTGRESQL;
        hostRows = new SampleBatch<>(st, SampleRows.HOST_SAMPLE, postgresql ? LatestTable.HOST : null, dialect);
        mib2Rows = new SampleBatch<>(st, SampleRows.HOST_MIB2_SAMPLE, null, dialect);
        vmRows = new SampleBatch<>(st, SampleRows.VM_SAMPLE, postgresql ? LatestTable.VM : null, dialect);
        ifRows = new SampleBatch<>(st, SampleRows.INTERFACE_SAMPLE, LatestTable.INTERFACE, dialect);
        outcomes = new SampleOutcomes(size);
        newest = new ArrayList<>(size);
        hostIds = new long[size];
        vmIds = new long[size];
        Arrays.fill(hostIds, -1);
        Arrays.fill(vmIds, -1);
    }

    /** The batch's {@code i}th sample: its entities found or created, its rows added, its outcome set. */
    void add(int i, EntitySample sample) throws SQLException {
        Entities.Host host = entities.host(st, sample.agent(), sample.receivedAt(),
                sample instanceof EntitySample.NodeSample node ? node.descr() : null);
        if (host == null) {
            outcomes.set(i, IngestCounter.SAMPLES_OVER_ENTITY_LIMIT);
            return;
        }
        entities.seen(host, sample.receivedAt());
        outcomes.set(i, IngestCounter.SAMPLES_STORED);
        hostIds[i] = host.id;
        if (sample instanceof EntitySample.NodeSample node) {
            node(host, node);
        } else if (sample instanceof EntitySample.VmSample vm) {
            vm(i, host, vm);
        } else if (sample instanceof EntitySample.InterfaceSample itf) {
            ifRows.add(host.id, itf);
            latest.iface(host.id, itf);
        }
    }

    private void node(Entities.Host host, EntitySample.NodeSample node) throws SQLException {
        entities.nodeSampled(st, host, node.receivedAt());
        if (node.descr() != null) {
            entities.describeHost(st, host, node.descr());
        }
        if (node.adapters() != null) {
            entities.hostAdapters(st, host, node.adapters());
        }
        boolean withSample = SampleRows.HOST_SAMPLE.hasRow(node);
        if (withSample) {
            hostRows.add(host.id, node);
        }
        long id = host.id;
        String hostname = host.hostname;
        String uuid = host.uuid;
        long interval = host.pollingIntervalWritten;
        newest.add(s -> {
            s.node(id, node.agent(), hostname, uuid, interval, withSample ? node : null);
            checkpoint.hostChanged(id);
        });
        latest.node(host.id, node);
        if (SampleRows.HOST_MIB2_SAMPLE.hasRow(node)) {
            mib2Rows.add(host.id, node);
        }
    }

    private void vm(int i, Entities.Host host, EntitySample.VmSample vm) throws SQLException {
        Entities.Vm v = entities.vm(st, vm.uuid(), host, vm.name(), vm.dsIndex(), vm.receivedAt());
        if (v == null) {
            outcomes.set(i, IngestCounter.SAMPLES_OVER_ENTITY_LIMIT);
            return;
        }
        entities.seen(v, vm.receivedAt());
        vmIds[i] = v.id;
        if (vm.adapters() != null) {
            entities.vmAdapters(st, v, vm.adapters());
        }
        if (SampleRows.VM_SAMPLE.hasRow(vm)) {
            vmRows.add(v.id, host.id, vm);
            long id = v.id;
            long hostId = host.id;
            String name = v.hostname;
            newest.add(s -> {
                s.vm(id, vm.uuid().toString(), name, hostId, vm.agent(), vm);
                checkpoint.vmChanged(id);
            });
        }
        latest.vm(host.id, v.id, vm);
    }

    /** Executes the sample rows' inserts, then the merges into the latest tables. */
    void execute() throws SQLException {
        List<SampleBatch<?>> tables = List.of(hostRows, mib2Rows, vmRows, ifRows);
        for (SampleBatch<?> rows : tables) {
            rows.executeInserts();
        }
        for (SampleBatch<?> rows : tables) {
            rows.executeMerges();
        }
    }

    /** The newest samples to apply to the {@link LatestState} once committed, in the order they were added. */
    List<Consumer<LatestState>> newest() {
        return newest;
    }

    /** By sample: the node's id, -1 where none. */
    long[] hostIds() {
        return hostIds;
    }

    /** By sample: the VM's id, -1 where none. */
    long[] vmIds() {
        return vmIds;
    }

    SampleOutcomes outcomes() {
        return outcomes;
    }
}
