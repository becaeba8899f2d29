package org.sflowmonitor.store;

import java.sql.SQLException;

/** Where buckets go one at a time as they are computed: the insert of a {@link RollupStore#replace}. */
@FunctionalInterface
interface BucketSink {

    void accept(Bucket bucket) throws SQLException;

    /** The buckets of one rollup table, handed to a sink as they are computed (so a large range is never held). */
    @FunctionalInterface
    interface Source {
        void write(RollupLayout<?> layout, BucketSink sink) throws SQLException;
    }
}
