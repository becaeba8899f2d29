package org.sflowmonitor.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One sample table's rows in the writer's batch: each sample added once to the table's rows (the
 * INSERT's JDBC batch, or on PostgreSQL a COPY's rows: {@link Dialect#copiesSampleRows}) and,
 * where the table has one, bound to the merge into its {@link LatestTable} (the same values),
 * both executed only when a row was added.
 */
final class SampleBatch<S> {

    private final SampleLayout<S> layout;
    private final Statements st;
    /** Null where the rows are copied. */
    private final PreparedStatement insert;
    /** Null where the rows are inserted. */
    private final CopyRows copy;
    /** Null for a table without a latest table. */
    private final PreparedStatement merge;
    private int rows;

    SampleBatch(Statements st, SampleLayout<S> layout, LatestTable latest, Dialect dialect) throws SQLException {
        this.layout = layout;
        this.st = st;
        this.copy = dialect.copiesSampleRows() ? new CopyRows(layout.table(), layout.columns()) : null;
        this.insert = copy == null ? st.get(layout.insert()) : null;
        this.merge = latest == null ? null : st.get(latest.merge(dialect));
    }

    void add(long id, S sample) throws SQLException {
        if (copy != null) {
            layout.bind(copy, id, sample);
        } else {
            layout.bind(insert, id, sample);
        }
        if (merge != null) {
            layout.bind(merge, id, sample);
        }
        added();
    }

    void add(long id, long secondId, S sample) throws SQLException {
        if (copy != null) {
            layout.bind(copy, id, secondId, sample);
        } else {
            layout.bind(insert, id, secondId, sample);
        }
        if (merge != null) {
            layout.bind(merge, id, secondId, sample);
        }
        added();
    }

    private void added() throws SQLException {
        if (copy != null) {
            copy.endRow();
        } else {
            insert.addBatch();
        }
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
        if (rows == 0) {
            return;
        }
        if (copy != null) {
            copy.copyInto(st.connection());
        } else {
            insert.executeBatch();
        }
    }

    void executeMerges() throws SQLException {
        if (rows > 0 && merge != null) {
            merge.executeBatch();
        }
    }
}
