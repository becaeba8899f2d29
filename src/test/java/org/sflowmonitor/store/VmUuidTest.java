package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import org.sflowmonitor.testing.Backend;

/** VMs found and ordered by UUID, which H2 holds as its UUID type and PostgreSQL as text. */
class VmUuidTest {

    private static final String LOW = "7fffffff-0000-4000-8000-000000000001";
    private static final String HIGH = "80000000-0000-4000-8000-000000000002";
    private static final String TOP = "f0000000-0000-4000-8000-000000000003";

    @TempDir
    Path dir;

    private Inventory inventoryWithThreeVms(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO host (id, host_ip, first_seen, last_seen) VALUES (1, '10.0.0.1', 1000, 2000)");
            for (String uuid : List.of(TOP, LOW, HIGH)) {
                s.execute("INSERT INTO vm (id, uuid, hostname, host_id, first_seen, last_seen) VALUES ("
                        + (uuid.charAt(35) - '0') + ", '" + uuid + "', 'vm-" + uuid.charAt(35) + "', 1, 1000, 2000)");
            }
        }
        return new Inventory(new Queries(db, 10), new VmKeys());
    }

    private static List<Object> uuids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> r.get("uuid")).toList();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aVmIsFoundByItsUuidWhichReadsBackAsText(Backend backend) throws Exception {
        try (Database db = TestCollector.open(backend.create(dir), dir)) {
            assertEquals(List.of(HIGH), uuids(inventoryWithThreeVms(db).findVms(new EntityFilter(null, null, HIGH))));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aVmUuidInAnotherFormThanTheStoredOneFindsNoVm(Backend backend) throws Exception {
        try (Database db = TestCollector.open(backend.create(dir), dir)) {
            Inventory inventory = inventoryWithThreeVms(db);
            for (String other : List.of(TOP.toUpperCase(java.util.Locale.ROOT), TOP.replace("-", ""), "vm-3", "")) {
                assertEquals(List.of(), inventory.findVms(new EntityFilter(null, null, other)), other);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void vmsAreListedInTheOrderOfTheirUuidsText(Backend backend) throws Exception {
        try (Database db = TestCollector.open(backend.create(dir), dir)) {
            assertEquals(List.of(LOW, HIGH, TOP),
                    uuids(inventoryWithThreeVms(db).describeVms(new EntityFilter(null, null, null))));
        }
    }
}
