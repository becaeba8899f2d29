package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The column declarations of SampleRows and the migrated schema agree: same columns, same order,
 * and each column's SQL type is the one its kind binds NULL as.
 */
class SampleRowsSchemaTest {

    @TempDir
    static Path dir;

    static Stream<SampleLayout<?>> layouts() {
        return Stream.of(SampleRows.HOST_SAMPLE, SampleRows.HOST_MIB2_SAMPLE, SampleRows.VM_SAMPLE,
                SampleRows.INTERFACE_SAMPLE);
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void theInsertNamesTheColumnsOfTheMigratedTableInTableOrder(SampleLayout<?> layout) throws Exception {
        assertEquals(schema(layout.table(), "COLUMN_NAME"), layout.columns());
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void eachDeclaredColumnHasTheSqlTypeOfItsKind(SampleLayout<?> layout) throws Exception {
        List<String> declared = new ArrayList<>(layout.columns().subList(0, layout.columns().size()
                - layout.sampleColumns().size()).stream().map(id -> id + " BIGINT").toList());
        layout.sampleColumns().forEach(c -> declared.add(c.name() + " " + typeName(c.kind())));
        List<String> names = schema(layout.table(), "COLUMN_NAME");
        List<String> types = schema(layout.table(), "DATA_TYPE");
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            actual.add(names.get(i) + " " + types.get(i));
        }
        assertEquals(actual, declared);
    }

    @ParameterizedTest
    @MethodSource("latestTables")
    void eachLatestTableHasItsSampleTablesColumnsTwiceWithTheirTypes(LatestTable latest, SampleLayout<?> layout)
            throws Exception {
        assertEquals(schema(latest.table(), "COLUMN_NAME"), latest.columns());
        List<String> sampleNames = schema(layout.table(), "COLUMN_NAME");
        List<String> sampleTypes = schema(layout.table(), "DATA_TYPE");
        List<String> expected = latest.columns().stream().map(c -> sampleTypes.get(sampleNames.indexOf(
                c.startsWith(LatestTable.PREVIOUS) ? c.substring(LatestTable.PREVIOUS.length()) : c))).toList();
        assertEquals(expected, schema(latest.table(), "DATA_TYPE"));
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> latestTables() {
        return Stream.of(org.junit.jupiter.params.provider.Arguments.of(LatestTable.HOST, SampleRows.HOST_SAMPLE),
                org.junit.jupiter.params.provider.Arguments.of(LatestTable.VM, SampleRows.VM_SAMPLE),
                org.junit.jupiter.params.provider.Arguments.of(LatestTable.INTERFACE, SampleRows.INTERFACE_SAMPLE));
    }

    /** The type as H2's INFORMATION_SCHEMA names it. */
    private static String typeName(Column.Kind kind) {
        String jdbc = JDBCType.valueOf(kind.sqlType()).getName();
        return jdbc.equals("VARCHAR") ? "CHARACTER VARYING" : jdbc;
    }

    /** One attribute of the table's columns, lower case, in column order. */
    private static List<String> schema(String table, String attribute) throws Exception {
        try (Database db = Database.open("jdbc:h2:file:" + dir.resolve("db"), "sa", "", dir, 1);
             Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT " + attribute + " FROM INFORMATION_SCHEMA.COLUMNS"
                     + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, table.toUpperCase(java.util.Locale.ROOT));
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(attribute.equals("COLUMN_NAME") ? rs.getString(1).toLowerCase(java.util.Locale.ROOT)
                            : rs.getString(1));
                }
            }
            return out;
        }
    }
}
