package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On H2 a lookup by a VM's MAC or name reads the rows of the candidate VMs the writer's keys
 * name, by id, instead of scanning a table; a node's MAC still uses the index on host_adapter.
 */
class MacIndexTest {

    private static final String MAC = "52:54:00:aa:00:02";

    @TempDir
    Path dataDir;

    private static VmKeys keysOfOneVm() {
        VmKeys keys = new VmKeys();
        keys.put(7, "instance-7");
        keys.addMac(7, 0x525400aa0002L);
        keys.markLoaded();
        return keys;
    }

    private static String plan(Database db, String select, boolean vm, EntityFilter filter) throws Exception {
        List<Object> params = new ArrayList<>();
        String where = filter.where(vm, params, keysOfOneVm());
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("EXPLAIN " + select + where)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1).toLowerCase(Locale.ROOT);
            }
        }
    }

    @Test
    void findingANodeByMacUsesTheIndexOnHostAdapterAndReadsTheCandidateVmsById() throws Exception {
        try (Database db = TestCollector.open(dataDir)) {
            String plan = plan(db, "SELECT h.id FROM host h", false, new EntityFilter(null, null, null, MAC));
            assertTrue(plan.contains("host_adapter_mac"), plan);
            assertFalse(plan.contains("tablescan"), plan);
        }
    }

    @Test
    void findingAVmByMacReadsTheCandidateVmsAndTheirAdaptersByPrimaryKey() throws Exception {
        try (Database db = TestCollector.open(dataDir)) {
            String plan = plan(db, "SELECT v.id FROM vm v JOIN host h ON h.id = v.host_id", true,
                    new EntityFilter(null, null, null, MAC));
            assertFalse(plan.contains("tablescan"), plan);
        }
    }

    @Test
    void findingAVmByNameReadsTheCandidateVmsById() throws Exception {
        try (Database db = TestCollector.open(dataDir)) {
            String plan = plan(db, "SELECT v.id FROM vm v JOIN host h ON h.id = v.host_id", true,
                    new EntityFilter(null, "instance-7", null));
            assertFalse(plan.contains("tablescan"), plan);
        }
    }
}
