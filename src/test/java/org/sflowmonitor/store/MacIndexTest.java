package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mac filter reads the adapter tables through their mac indexes, not by scanning them. */
class MacIndexTest {

    @TempDir
    Path dataDir;

    private static String plan(Database db, String select, boolean vm) throws Exception {
        List<Object> params = new ArrayList<>();
        String where = new EntityFilter(null, null, null, "52:54:00:aa:00:02").where(vm, params);
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("EXPLAIN " + select + where)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1).toLowerCase(java.util.Locale.ROOT);
            }
        }
    }

    @Test
    void findingANodeByMacUsesTheIndexesOnHostAdapterAndVmAdapter() throws Exception {
        try (Database db = TestCollector.open(dataDir)) {
            String plan = plan(db, "SELECT h.id FROM host h", false);
            assertTrue(plan.contains("host_adapter_mac") && plan.contains("vm_adapter_mac"), plan);
        }
    }

    @Test
    void findingAVmByMacUsesTheIndexOnVmAdapter() throws Exception {
        try (Database db = TestCollector.open(dataDir)) {
            String plan = plan(db, "SELECT v.id FROM vm v JOIN host h ON h.id = v.host_id", true);
            assertTrue(plan.contains("vm_adapter_mac"), plan);
        }
    }
}
