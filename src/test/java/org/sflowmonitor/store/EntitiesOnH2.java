package org.sflowmonitor.store;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The fixture of tests that drive {@link Entities} directly: a fresh H2 database and a loaded cache. */
abstract class EntitiesOnH2 {

    static final long T0 = 1_800_000_000_000L;

    @TempDir
    Path dataDir;

    Database db;
    Statements st;
    Entities entities;

    @BeforeEach
    void open() throws Exception {
        db = TestCollector.open(dataDir);
        st = new Statements(db.dataSource().getConnection());
        entities = new Entities(100, 1_000, 1_000);
        entities.load(st);
    }

    @AfterEach
    void close() {
        st.close();
        db.close();
    }
}
