package org.sflowmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The entities a catch-up from raw samples visits: per entity table the ids and first_seen,
 * read once and used for every layout and chunk of a catch-up instead of a scan of the table
 * per layout and chunk. Read again when a range ends less than {@code grace} before the read:
 * an entity whose first sample falls in a range is then committed before the read, or its
 * sample reaches the job after the range was written and is folded in as a late one.
 */
final class CatchUpEntities {

    private record Read(long at, long[] ids, long[] firstSeen) {
    }

    private final long graceMillis;
    private final Map<String, Read> reads = new HashMap<>();

    CatchUpEntities(long graceMillis) {
        this.graceMillis = graceMillis;
    }

    /** The ids of {@code table}'s entities first seen before {@code till}, ascending; {@code now} the job's clock. */
    long[] before(Connection c, String table, long till, long now) throws SQLException {
        Read read = reads.get(table);
        if (read == null || till > read.at() - graceMillis) {
            read = read(c, table, now);
            reads.put(table, read);
        }
        long[] out = new long[read.ids().length];
        int n = 0;
        for (int i = 0; i < read.ids().length; i++) {
            if (read.firstSeen()[i] < till) {
                out[n++] = read.ids()[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Forgets what was read (the catch-up is over). */
    void clear() {
        reads.clear();
    }

    private static Read read(Connection c, String table, long now) throws SQLException {
        long[] ids = new long[1024];
        long[] firstSeen = new long[1024];
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, first_seen FROM " + table + " ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (n == ids.length) {
                    ids = Arrays.copyOf(ids, n * 2);
                    firstSeen = Arrays.copyOf(firstSeen, n * 2);
                }
                ids[n] = rs.getLong(1);
                firstSeen[n++] = rs.getLong(2);
            }
        }
        return new Read(now, Arrays.copyOf(ids, n), Arrays.copyOf(firstSeen, n));
    }
}
