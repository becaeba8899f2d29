package org.sflowmonitor.api;

import org.sflowmonitor.testing.Backend;

/** {@link ApiMethodsTest} on PostgreSQL. */
class ApiMethodsOnPostgresqlTest extends ApiMethodsTest {

    @Override
    Backend backend() {
        return Backend.POSTGRESQL;
    }
}
