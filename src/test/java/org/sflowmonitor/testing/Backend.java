package org.sflowmonitor.testing;

import java.nio.file.Path;

/**
 * The databases the service runs on, for tests parameterised over them
 * ({@code @EnumSource(Backend.class)}): each call of {@link #create} is a fresh, empty database.
 * A PostgreSQL test is skipped with the reason where no PostgreSQL server can be started.
 */
public enum Backend {
    H2 {
        @Override
        public TestDatabase create(Path dataDir) {
            return TestDatabase.h2(dataDir);
        }
    },
    POSTGRESQL {
        @Override
        public TestDatabase create(Path dataDir) {
            return PostgresServer.newDatabase();
        }
    },
    /** PostgreSQL 14, the oldest supported (it has no MERGE), from a Maven test dependency. */
    POSTGRESQL_14 {
        @Override
        public TestDatabase create(Path dataDir) {
            return PostgresServer.oldestSupported().createSchema("t14_" + ProcessHandle.current().pid() + "_"
                    + SCHEMAS.incrementAndGet());
        }
    };

    private static final java.util.concurrent.atomic.AtomicInteger SCHEMAS = new java.util.concurrent.atomic.AtomicInteger();

    /** A fresh database; an H2 one lives in {@code dataDir}. */
    public abstract TestDatabase create(Path dataDir);
}
