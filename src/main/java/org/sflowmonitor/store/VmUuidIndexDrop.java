package org.sflowmonitor.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.migration.Context;

/**
 * Issue 18, H2's version 10: drops the unique constraint on {@code vm.uuid}, and with it its index.
 *
 * <p>Its entries landed at random places of a million-entry tree (a UUID says nothing of when its VM
 * was created): about 32 of the 53 µs of process CPU a new VM cost beyond a known VM's sample. On H2
 * the database is embedded in the one process that writes it, and that process's writer is the only
 * creator of VM rows: it finds every VM by UUID in memory ({@link VmUuids}, loaded with the fleet
 * at start, a VM added before its row is written) and creates one only for a UUID it does not hold,
 * so a UUID still names at most one VM. The API's lookups by UUID take the VM's id from the same
 * index; an instance without a writer reads the table. PostgreSQL, which several collectors write,
 * keeps its constraint (its version 10 is empty).
 *
 * <p>A class rather than SQL: H2 named the constraint itself ({@code CONSTRAINT_...}) when version 1
 * declared {@code uuid ... UNIQUE}, so its name is read from the information schema.
 */
final class VmUuidIndexDrop extends ClassMigration {

    private static final String UNIQUE_ON_UUID = "SELECT tc.constraint_name FROM information_schema.table_constraints tc "
            + "JOIN information_schema.key_column_usage k ON k.constraint_schema = tc.constraint_schema "
            + "AND k.constraint_name = tc.constraint_name WHERE tc.table_schema = CURRENT_SCHEMA "
            + "AND tc.table_name = 'VM' AND tc.constraint_type = 'UNIQUE' AND k.column_name = 'UUID'";

    VmUuidIndexDrop() {
        super(10, "vm uuid lookups from memory");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(UNIQUE_ON_UUID)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        try (Statement st = c.createStatement()) {
            for (String name : names) {
                st.execute("ALTER TABLE vm DROP CONSTRAINT \"" + name.replace("\"", "\"\"") + "\"");
            }
        }
    }
}
