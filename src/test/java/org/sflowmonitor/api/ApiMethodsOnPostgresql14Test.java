package org.sflowmonitor.api;

import org.sflowmonitor.testing.Backend;

/** {@link ApiMethodsTest} on PostgreSQL 14, the oldest supported. */
class ApiMethodsOnPostgresql14Test extends ApiMethodsTest {

    @Override
    Backend backend() {
        return Backend.POSTGRESQL_14;
    }
}
