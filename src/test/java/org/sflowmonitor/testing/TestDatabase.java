package org.sflowmonitor.testing;

import java.nio.file.Path;
import java.util.Map;

/** Where a test's database is: the db.url, db.user and db.password the service would be given. */
public record TestDatabase(String url, String user, String password) {

    /** An H2 file database in {@code dataDir}, as the service creates by default. */
    public static TestDatabase h2(Path dataDir) {
        return new TestDatabase("jdbc:h2:file:" + dataDir.resolve("sflow-monitor").toAbsolutePath(), "sa", "");
    }

    /** The settings that point the service at this database. */
    public Map<String, String> settings() {
        return Map.of("db.url", url, "db.user", user, "db.password", password);
    }
}
