package org.sflowmonitor.store;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/** A migration written as a class ({@link Migrations}): its version and description, run in a transaction, no checksum. */
abstract class ClassMigration implements JavaMigration {

    private final MigrationVersion version;
    private final String description;

    ClassMigration(int version, String description) {
        this.version = MigrationVersion.fromVersion(String.valueOf(version));
        this.description = description;
    }

    @Override
    public final MigrationVersion getVersion() {
        return version;
    }

    @Override
    public final String getDescription() {
        return description;
    }

    @Override
    public final Integer getChecksum() {
        return null;
    }

    @Override
    public final boolean canExecuteInTransaction() {
        return true;
    }
}
