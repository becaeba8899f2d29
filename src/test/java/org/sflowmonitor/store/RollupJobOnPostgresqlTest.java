package org.sflowmonitor.store;

import org.sflowmonitor.testing.Backend;

/** {@link RollupJobTest} on PostgreSQL. */
class RollupJobOnPostgresqlTest extends RollupJobTest {

    @Override
    Backend backend() {
        return Backend.POSTGRESQL;
    }
}
