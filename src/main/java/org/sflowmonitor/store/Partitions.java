package org.sflowmonitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * The day partitions of the sample tables on PostgreSQL (migration V5): created
 * {@link #DAYS_AHEAD} days ahead, so that no insert meets a day without one (a sample's ts is
 * its receive time, now), and dropped whole when the day has passed out of retention (a row of
 * a day without a partition lands in the table's default partition, whose old rows retention
 * deletes one by one). Several instances may do this at once: each pass holds an advisory lock
 * of the schema, so their passes run one after the other (two DROPs of one partition at the same
 * instant can fail inside PostgreSQL's catalog, "could not find tuple for parent of relation");
 * creating is {@code IF NOT EXISTS} all the same, and a partition another instance created or
 * dropped in between is not an error.
 */
final class Partitions {

    static final long DAY_MILLIS = TimeUnit.DAYS.toMillis(1);
    /** Days after today with a partition at all times. */
    static final int DAYS_AHEAD = 3;
    /** The partition of rows of a day without one of its own (V5). */
    static final String DEFAULT_SUFFIX = "_default";
    private static final DateTimeFormatter NAME_DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final Pattern UPPER_BOUND = Pattern.compile("TO \\('?(-?\\d+)'?\\)");
    private static final String LIST = "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
            + "JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent "
            + "JOIN pg_namespace n ON n.oid = p.relnamespace WHERE p.relname = ? AND n.nspname = current_schema()";
    private static final String LOCK_KEY = "hashtext(current_schema() || '.sflow-monitor partitions')";
    private static final Logger LOG = Logger.getLogger(Partitions.class.getName());

    private Partitions() {
    }

    /** Creates the partitions of every sample table from the day of {@code now} to DAYS_AHEAD days after. */
    static void createAhead(DataSource dataSource, long now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            locked(c, () -> {
                createAhead(c, now);
                return null;
            });
        }
    }

    private static void createAhead(Connection c, long now) throws SQLException {
        long today = Math.floorDiv(now, DAY_MILLIS) * DAY_MILLIS;
        for (SampleTable table : SampleTable.values()) {
            create(c, table, today, today + DAYS_AHEAD * DAY_MILLIS);
        }
    }

    /** Creates the partitions of {@code table} for every day from that of {@code firstTs} to that of {@code lastTs}. */
    static void createDays(DataSource dataSource, SampleTable table, long firstTs, long lastTs) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            locked(c, () -> {
                create(c, table, Math.floorDiv(firstTs, DAY_MILLIS) * DAY_MILLIS, Math.floorDiv(lastTs, DAY_MILLIS) * DAY_MILLIS);
                return null;
            });
        }
    }

    private static void create(Connection c, SampleTable table, long firstDay, long lastDay) throws SQLException {
        long coveredUntil = coveredUntil(c, table.table());
        for (long from = firstDay; from <= lastDay; from += DAY_MILLIS) {
            if (from + DAY_MILLIS <= coveredUntil) {
                continue; // inside the partition of the rows from before V5
            }
            long start = Math.max(from, coveredUntil);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS " + name(table.table(), from) + " PARTITION OF "
                        + table.table() + " FOR VALUES FROM (" + start + ") TO (" + (from + DAY_MILLIS) + ")");
            } catch (SQLException e) {
                if ("23514".equals(e.getSQLState())) {
                    LOG.warning("no partition " + name(table.table(), from) + ": rows of that day are in "
                            + table.table() + DEFAULT_SUFFIX + " already (a clock ahead?); they stay there");
                } else if (!"42P07".equals(e.getSQLState()) && !"42P17".equals(e.getSQLState())
                        && !"23505".equals(e.getSQLState())) {
                    // 23505: the catalog's unique type name, when another instance creates the same table at once
                    throw e; // not a partition that another instance created in between
                }
            }
        }
    }

    /**
     * Drops the partitions whose days all lie before {@code cutoff} (epoch ms); returns how many
     * rows they held.
     */
    static long dropOlderThan(DataSource dataSource, long cutoff) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            return locked(c, () -> dropOlderThan(c, cutoff));
        }
    }

    /** A pass over the partitions, made while no other instance makes one in this schema. */
    private static <T> T locked(Connection c, Pass<T> pass) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
        }
        try {
            return pass.run();
        } finally {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")"); // a broken session has released it
            }
        }
    }

    @FunctionalInterface
    private interface Pass<T> {
        T run() throws SQLException;
    }

    private static long dropOlderThan(Connection c, long cutoff) throws SQLException {
        long rows = 0;
        for (SampleTable table : SampleTable.values()) {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table.table() + DEFAULT_SUFFIX
                    + " WHERE ts < ?")) {
                Parameters.of(delete).add(cutoff);
                rows += delete.executeUpdate();
            }
            for (String[] partition : partitions(c, table.table())) {
                if (partition[1] == null) {
                    continue; // dropped by another instance while the list was read
                }
                Matcher upper = UPPER_BOUND.matcher(partition[1]);
                if (upper.find() && Long.parseLong(upper.group(1)) <= cutoff) {
                    try (Statement st = c.createStatement()) {
                        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + partition[0])) {
                            rows += rs.next() ? rs.getLong(1) : 0;
                        }
                        st.execute("DROP TABLE IF EXISTS " + partition[0]);
                    } catch (SQLException e) {
                        if (!"42P01".equals(e.getSQLState())) {
                            throw e; // not a partition that another instance dropped in between
                        }
                    }
                    LOG.info("retention: dropped partition " + partition[0]);
                }
            }
        }
        return rows;
    }

    /** The partition of {@code table} for the day starting at {@code dayStart}. */
    static String name(String table, long dayStart) {
        return table + "_p" + NAME_DAY.format(Instant.ofEpochMilli(dayStart));
    }

    /** The upper bound of the partition of rows from before V5; Long.MIN_VALUE when there is none. */
    private static long coveredUntil(Connection c, String table) throws SQLException {
        for (String[] partition : partitions(c, table)) {
            if (partition[1] != null && partition[1].contains("MINVALUE")) {
                Matcher upper = UPPER_BOUND.matcher(partition[1]);
                if (upper.find()) {
                    return Long.parseLong(upper.group(1));
                }
            }
        }
        return Long.MIN_VALUE;
    }

    /** Name and bound expression of each partition of {@code table}. */
    private static List<String[]> partitions(Connection c, String table) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(LIST)) {
            Parameters.of(ps).add(table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return out;
    }
}
