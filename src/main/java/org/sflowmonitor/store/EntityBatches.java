package org.sflowmonitor.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The JDBC batches of entity changes not yet run, and the order they must run in (one that
 * respects the foreign keys). Writer thread only.
 */
final class EntityBatches {

    private final List<String> order;
    /** Statements with rows added and not yet run. */
    private final Set<String> pending = new HashSet<>();

    /** Batches of the statements {@code order} names, run in that order. */
    EntityBatches(List<String> order) {
        this.order = List.copyOf(order);
    }

    /** The statement of {@code sql}, noted as having rows to run: the caller binds one and adds it. */
    PreparedStatement add(Statements st, String sql) throws SQLException {
        pending.add(sql);
        return st.get(sql);
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Runs the pending batches in order; part of the caller's transaction. */
    void execute(Statements st) throws SQLException {
        for (String sql : order) {
            if (pending.contains(sql)) {
                st.get(sql).executeBatch();
            }
        }
        pending.clear();
    }

    /** Forgets the pending rows (their statements are discarded with the connection). */
    void clear() {
        pending.clear();
    }
}
