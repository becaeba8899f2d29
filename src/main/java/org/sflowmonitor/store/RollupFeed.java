package org.sflowmonitor.store;

import java.util.List;

import org.sflowmonitor.ingest.EntitySample;

/**
 * Where the writer hands each committed batch: the samples and, per sample, the ids it was
 * stored under (the node's, and a VM's; -1 when it was not stored).
 */
@FunctionalInterface
public interface RollupFeed {

    RollupFeed NONE = (batch, hostIds, vmIds) -> { };

    void committed(List<EntitySample> batch, long[] hostIds, long[] vmIds);
}
