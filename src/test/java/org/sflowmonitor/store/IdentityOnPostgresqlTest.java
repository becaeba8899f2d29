package org.sflowmonitor.store;

import org.sflowmonitor.testing.Backend;

/** {@link IdentityTest} on PostgreSQL. */
class IdentityOnPostgresqlTest extends IdentityTest {

    @Override
    Backend backend() {
        return Backend.POSTGRESQL;
    }
}
