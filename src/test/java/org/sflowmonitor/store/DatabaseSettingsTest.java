package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The H2 compaction setting the service adds to a file URL, and that an operator's own wins. */
class DatabaseSettingsTest {

    @TempDir
    Path dir;

    @Test
    void anH2FileDatabaseCompactsOnlyBelowHalfFull() throws Exception {
        assertEquals("50", setting("jdbc:h2:file:" + dir.resolve("db"), "AUTO_COMPACT_FILL_RATE"));
    }

    @Test
    void aFillRateInTheUrlIsKept() throws Exception {
        assertEquals("80", setting("jdbc:h2:file:" + dir.resolve("db") + ";AUTO_COMPACT_FILL_RATE=80",
                "AUTO_COMPACT_FILL_RATE"));
    }

    /** The setting as the open database reports it. */
    private String setting(String url, String name) throws Exception {
        try (Database db = Database.open(url, "sa", "", dir, 1); Connection c = db.connection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = '"
                     + name + "'")) {
            return rs.next() ? rs.getString(1) : "(not reported by H2)";
        }
    }
}
