package org.sflowmonitor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history growth benchmark at a tiny size, so that it cannot rot; no figures asserted. */
class HistoryGrowthSmokeTest {

    @Test
    void everyRoundInsertsOneSamplePerVm(@TempDir Path temp) throws Exception {
        Path dir = temp.resolve("history");
        HistoryGrowth.main(new String[] {"--vms", "50", "--rounds", "4", "--every", "2", "--work", dir.toString()});
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("sflow-monitor"), "sa", "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT vm_id) FROM vm_sample")) {
            rs.next();
            assertEquals(200, rs.getLong(1));
            assertEquals(50, rs.getLong(2));
        }
    }
}
