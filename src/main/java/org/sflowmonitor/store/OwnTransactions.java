package org.sflowmonitor.store;

import java.util.ArrayDeque;

/**
 * The 64-bit ids of this instance's writer's transactions on PostgreSQL, oldest first, whose rows
 * a {@link LatestRefresh} leaves out because the writer applied their samples to the state itself.
 */
final class OwnTransactions {

    private final ArrayDeque<Long> ids = new ArrayDeque<>();

    /** Notes a committed transaction of the writer by its 64-bit id. */
    synchronized void add(long xid) {
        ids.addLast(xid);
    }

    /** The 32-bit ids (a row's xmin holds 32 bits) of those from {@code xmin} (a 64-bit id) on; forgets those before. */
    synchronized long[] from(long xmin) {
        while (!ids.isEmpty() && ids.peekFirst() < xmin) {
            ids.removeFirst();
        }
        return ids.stream().mapToLong(x -> x & 0xFFFF_FFFFL).toArray();
    }
}
