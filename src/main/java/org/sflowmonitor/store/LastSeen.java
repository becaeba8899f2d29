package org.sflowmonitor.store;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When each host and VM was last seen (epoch ms), by id, as the writer knows it: raised with
 * every sample and read by the API, so that descriptions show the exact time although the
 * tables' last_seen columns are written by a slow sweep (see {@link Entities}). One writer
 * thread, any number of readers; 8 bytes per entity.
 */
public final class LastSeen {

    private static final int CHUNK_BITS = 16;
    private static final int CHUNK_MASK = (1 << CHUNK_BITS) - 1;

    private final Ids hosts = new Ids();
    private final Ids vms = new Ids();

    /** The host's last sight, or 0 when the writer does not know the id. */
    public long host(long id) {
        return hosts.get(id);
    }

    /** The VM's last sight, or 0 when the writer does not know the id. */
    public long vm(long id) {
        return vms.get(id);
    }

    void raiseHost(long id, long at) {
        hosts.raise(id, at);
    }

    void raiseVm(long id, long at) {
        vms.raise(id, at);
    }

    /** Times by id in chunks, so that growing never copies the times themselves. */
    private static final class Ids {
        private volatile AtomicLongArray[] chunks = new AtomicLongArray[0];

        long get(long id) {
            AtomicLongArray[] cs = chunks;
            long chunk = id >>> CHUNK_BITS;
            return id < 0 || chunk >= cs.length ? 0 : cs[(int) chunk].get((int) (id & CHUNK_MASK));
        }

        /** Writer thread only. */
        void raise(long id, long at) {
            if (id < 0) {
                return;
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
            AtomicLongArray times = cs[chunk];
            int i = (int) (id & CHUNK_MASK);
            if (at > times.get(i)) {
                times.lazySet(i, at);
            }
        }
    }
}
