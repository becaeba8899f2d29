package org.sflowmonitor.store;

import org.sflowmonitor.testing.Backend;

/** {@link FirstContactTest} on PostgreSQL. */
class FirstContactOnPostgresqlTest extends FirstContactTest {

    @Override
    Backend backend() {
        return Backend.POSTGRESQL;
    }
}
