package org.sflowmonitor.store;

import java.util.List;
import java.util.Map;

/**
 * The newest sample of every node, VM and interface and the one before it (what a rate needs), as
 * the writers keep them in the database (see {@link LatestTable}): a read costs one small row per
 * entity, never a search of the sample tables. Shared by every collector writing the database and
 * unchanged by a restart. {@code columns} are columns of the entity's sample table (as
 * {@link SampleTable#columns()} lists them); any other name is an IllegalArgumentException.
 */
public interface LatestSamples {

    /**
     * One pair per node matching the filter, ordered by host id. Each sample holds id (the host
     * id), host_ip, hostname, uuid, last_seen (as the table has it; the writer's is newer), polling_interval,
     * timestamp, then {@code columns}.
     */
    List<Latest> hosts(EntityFilter filter, List<String> columns);

    /**
     * One pair per VM matching the filter (its host_ip: the node the VM was last seen on), ordered
     * by VM id. Each sample holds id (the VM id), host_ip (the node the newest sample came
     * from), hostname (the VM's UUID, as the original API names it), uuid, name (libvirt), last_seen
     * (as the table has it), polling_interval (of the node last seen on), timestamp, host_id (the
     * node this sample came from), then {@code columns}.
     */
    List<Latest> vms(EntityFilter filter, List<String> columns);

    /**
     * One pair per interface of the nodes matching the filter, ordered by host id and if_index.
     * Each sample holds id (the host id), host_ip, hostname, uuid, if_index, timestamp, then
     * {@code columns}.
     */
    List<Latest> interfaces(EntityFilter filter, List<String> columns);

    /**
     * An entity's newest sample and the one before it (null when it has sent only one). Both
     * maps have the same keys, lower-case column names; values as {@link Queries#value} reads them.
     * The previous sample repeats the newest's entity fields, except a VM's host_id, which is
     * the node that sample came from.
     */
    record Latest(Map<String, Object> newest, Map<String, Object> previous) {
    }
}
