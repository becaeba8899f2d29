package org.sflowmonitor.store;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the writer knows of each host and VM now, by id, for the API: when it was last seen
 * (epoch ms; raised with every sample, so that descriptions show the exact time although the
 * tables' last_seen columns are written by a slow sweep, see {@link LastSeenSweep}), a host's
 * VM count (counting a node's vm rows would cost host.description a query per node), a host's
 * learned polling interval (also in the host table) and the host each VM was last seen on
 * (so that the VMs reporting per node are counted without a query). One writer thread, any
 * number of readers; 8 bytes per entity and fact.
 */
public final class LiveEntities {

    /**
     * 32,768 values (256 KiB) a chunk: a chunk of 65,536 (512 KiB and its header) was a humongous
     * object for G1 with 1 MiB regions (heaps up to 2 GiB) and held a region of its own, half empty.
     */
    private static final int CHUNK_BITS = 15;
    private static final int CHUNK_MASK = (1 << CHUNK_BITS) - 1;

    // the writer (this package) sets and raises the values in place; readers use the methods below
    final Ids hostsLastSeen = new Ids();
    final Ids vmsLastSeen = new Ids();
    final Ids hostsVmCount = new Ids();
    final Ids hostsPollingInterval = new Ids();
    final Ids vmsHost = new Ids();
    private final VmUuids vmUuids = new VmUuids();
    private final VmKeys vmKeys = new VmKeys(vmUuids);
    private volatile boolean loaded;

    /** True once the writer has loaded the hosts and VMs of the database (false while it cannot connect). */
    public boolean loaded() {
        return loaded;
    }

    /** The VMs' UUIDs, names and MACs, for lookups on H2 (never loaded on PostgreSQL and for an instance without a writer). */
    public VmKeys vmKeys() {
        return vmKeys;
    }

    /** The writer's VM ids by UUID, which {@link #vmKeys} answers the API's lookups from. */
    VmUuids vmUuids() {
        return vmUuids;
    }

    /** The host's last sight, or 0 when the writer does not know the id. */
    public long hostLastSeen(long id) {
        return hostsLastSeen.get(id);
    }

    /** The VM's last sight, or 0 when the writer does not know the id. */
    public long vmLastSeen(long id) {
        return vmsLastSeen.get(id);
    }

    /** The VMs last seen on the host, or 0 when the writer does not know the id. */
    public long hostVmCount(long id) {
        return hostsVmCount.get(id);
    }

    /** The host's learned polling interval in ms, or 0 when none is learned or the id is unknown. */
    public long hostPollingInterval(long id) {
        return hostsPollingInterval.get(id);
    }

    /** What {@link #forEachVm} tells of each VM. */
    public interface VmSight {
        void accept(long vmId, long hostId, long lastSeen);
    }

    /** Tells the host and last sight of every VM the writer knows, in id order. */
    public void forEachVm(VmSight sight) {
        vmsLastSeen.forEach((id, lastSeen) -> sight.accept(id, vmsHost.get(id), lastSeen));
    }

    void markLoaded() {
        loaded = true;
    }

    /**
     * The same facts taken from the latest state (every node and VM with a sample in the latest
     * tables, whichever collector wrote it), for an instance without a writer of its own (role
     * api); not loaded while the state is not.
     */
    public static LiveEntities of(LatestState state) {
        LiveEntities live = new LiveEntities();
        if (!state.loaded()) {
            return live;
        }
        EntityFilter all = new EntityFilter(null, null, null);
        for (LatestState.Host h : state.hosts(all)) {
            live.hostsLastSeen.set(h.id(), h.lastSeen());
            Long interval = state.pollingInterval(h.id());
            live.hostsPollingInterval.set(h.id(), interval == null ? 0 : interval);
        }
        for (LatestState.Vm v : state.vms(all)) {
            live.vmsLastSeen.set(v.id(), v.lastSeen());
            live.vmsHost.set(v.id(), v.nodeId());
            live.hostsVmCount.set(v.nodeId(), live.hostsVmCount.get(v.nodeId()) + 1);
        }
        live.markLoaded();
        return live;
    }

    interface IdValue {
        void accept(long id, long value);
    }

    /** Values by id in chunks, so that growing never copies the values themselves. */
    static final class Ids {
        private volatile AtomicLongArray[] chunks = new AtomicLongArray[0];

        long get(long id) {
            AtomicLongArray[] cs = chunks;
            long chunk = id >>> CHUNK_BITS;
            return id < 0 || chunk >= cs.length ? 0 : cs[(int) chunk].get((int) (id & CHUNK_MASK));
        }

        /** Calls {@code each} with every id holding a value other than 0. */
        void forEach(IdValue each) {
            AtomicLongArray[] cs = chunks;
            for (int c = 0; c < cs.length; c++) {
                for (int i = 0; i < cs[c].length(); i++) {
                    long value = cs[c].get(i);
                    if (value != 0) {
                        each.accept(((long) c << CHUNK_BITS) | i, value);
                    }
                }
            }
        }

        /** Writer thread only. */
        void raise(long id, long at) {
            AtomicLongArray times = chunk(id);
            int i = (int) (id & CHUNK_MASK);
            if (times != null && at > times.get(i)) {
                times.lazySet(i, at);
            }
        }

        /**
         * Writer thread only. For a new entity's last sight: its id may have belonged to one
         * created in a transaction that was rolled back.
         */
        void set(long id, long value) {
            AtomicLongArray values = chunk(id);
            if (values != null) {
                values.lazySet((int) (id & CHUNK_MASK), value);
            }
        }

        /** The chunk of {@code id}, made when missing; null for a negative id. */
        private AtomicLongArray chunk(long id) {
            if (id < 0) {
                return null;
            }
            int chunk = Math.toIntExact(id >>> CHUNK_BITS);
            AtomicLongArray[] cs = chunks;
            if (chunk >= cs.length) {
                cs = Arrays.copyOf(cs, chunk + 1);
                for (int i = 0; i < cs.length; i++) {
                    if (cs[i] == null) {
                        cs[i] = new AtomicLongArray(1 << CHUNK_BITS);
                    }
                }
                chunks = cs;
            }
            return cs[chunk];
        }
    }
}
