package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** The rollup tables of the migrated schema have the columns derived from the sample declarations. */
class RollupSchemaTest {

    @TempDir
    Path dir;

    @Test
    void eachRollupTableHasTheDerivedColumnsInTableOrder() throws Exception {
        try (Database db = TestCollector.open(dir); Connection c = db.connection()) {
            for (RollupLayout<?> layout : RollupRows.ALL) {
                assertEquals(layout.columns(), columns(c, layout.table()), layout.table());
            }
        }
    }

    @Test
    void everyGaugeAndCounterOfASampleTableHasItsMeasureAndNoTextOrKeyHas() {
        RollupLayout<?> itf = RollupRows.INTERFACE;
        List<String> numeric = itf.samples().sampleColumns().stream()
                .filter(c -> c.rollup() != Column.Rollup.NONE).map(Column::name).toList();
        assertEquals(numeric, itf.measures());
        assertEquals(List.of("vcpu_state", "vcpu_cpu_time", "vcpu_cpu_count", "vcpu_utilisation"),
                RollupRows.VM.measuresOf(org.sflowmonitor.sflow.CounterRecord.VirtCpu.class));
    }

    @Test
    void theRetentionFindsATiersOldestBucketFromTheBucketIndexWithoutReadingTheTiersRows() throws Exception {
        try (Database db = TestCollector.open(dir); Connection c = db.connection()) {
            for (RollupLayout<?> layout : RollupRows.ALL) {
                try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + RollupStore.oldestBucket(layout))) {
                    ps.setLong(1, 300_000);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        String plan = rs.getString(1);
                        assertTrue(plan.contains(layout.table().toUpperCase(Locale.ROOT) + "_BUCKET")
                                && plan.contains("/* index sorted */") && plan.contains("FETCH FIRST"), plan);
                    }
                }
            }
        }
    }

    private static List<String> columns(Connection c, String table) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, table.toUpperCase(Locale.ROOT));
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
            return out;
        }
    }
}
