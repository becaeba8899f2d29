package org.sflowmonitor.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one place where new hosts and VMs get their ids. The writer is the only one to insert
 * them, so it assigns them in memory, one more than the highest stored, and a batch creating
 * thousands of entities needs no round trip for its ids. Reset with every (re)load: ids handed
 * out in a transaction that was rolled back are handed out again. Writer thread only.
 */
final class EntityIds {

    private long nextHost;
    private long nextVm;

    /** Continues after the highest ids stored. */
    void load(Statement s) throws SQLException {
        nextHost = maxId(s, "SELECT MAX(id) FROM host") + 1;
        nextVm = maxId(s, "SELECT MAX(id) FROM vm") + 1;
    }

    long nextHost() {
        return nextHost++;
    }

    long nextVm() {
        return nextVm++;
    }

    private static long maxId(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
