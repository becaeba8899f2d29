package org.sflowmonitor.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One sample table's rows in the writer's batch: each sample bound once to the table's INSERT
 * and, where the table has one, to the merge into its {@link LatestTable} (the same parameters),
 * both executed only when a row was added.
 */
final class SampleBatch<S> {

    private final SampleLayout<S> layout;
    private final PreparedStatement insert;
    /** Null for a table without a latest table. */
    private final PreparedStatement merge;
    private int rows;

    SampleBatch(Statements st, SampleLayout<S> layout, LatestTable latest, Dialect dialect) throws SQLException {
        this.layout = layout;
        this.insert = st.get(layout.insert());
        this.merge = latest == null ? null : st.get(latest.merge(dialect));
    }

    void add(long id, S sample) throws SQLException {
        layout.bind(insert, id, sample);
        if (merge != null) {
            layout.bind(merge, id, sample);
        }
        added();
    }

    void add(long id, long secondId, S sample) throws SQLException {
        layout.bind(insert, id, secondId, sample);
        if (merge != null) {
            layout.bind(merge, id, secondId, sample);
        }
        added();
    }

    private void added() throws SQLException {
        insert.addBatch();
        if (merge != null) {
            merge.addBatch();
        }
        rows++;
    }

    /** How many samples were added: one row each. */
    int rows() {
        return rows;
    }

    void executeInserts() throws SQLException {
        if (rows > 0) {
            insert.executeBatch();
        }
    }

    void executeMerges() throws SQLException {
        if (rows > 0 && merge != null) {
            merge.executeBatch();
        }
    }
}
