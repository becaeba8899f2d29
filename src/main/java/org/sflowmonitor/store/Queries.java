package org.sflowmonitor.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Runs the API's read-only SQL. Column names come from the callers' whitelists and are checked
 * once more here; every value is a bound parameter; every statement has the query timeout
 * (db.query.timeout.seconds), so that no call can pin the database. A failure is a
 * {@link QueryException}, whose reason says whether it was the timeout.
 */
public final class Queries {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]*");
    /** SQLSTATE of a cancelled statement (H2 and PostgreSQL). */
    private static final String QUERY_CANCELED = "57014";

    private final Database db;
    private final int timeoutSeconds;

    public Queries(Database db, int timeoutSeconds) {
        this.db = db;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Turns the current row of a result set into a value; columns as {@link #value} reads them. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Takes the current row of a result set, for a reader that keeps no object per row. */
    @FunctionalInterface
    public interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Turns a whole result set into a value. */
    private interface ResultReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    Dialect dialect() {
        return db.dialect();
    }

    /** Runs a query with bound parameters and returns its rows as maps from lower-case column labels. */
    public List<Map<String, Object>> rows(String sql, List<?> params) {
        return read(sql, params, null);
    }

    /** Runs a query with bound parameters and returns what {@code reader} makes of each row. */
    public <T> List<T> rows(String sql, List<?> params, RowReader<T> reader) {
        return read(sql, params, reader);
    }

    /** Runs a query with bound parameters and hands each row to {@code consumer}, in order. */
    public void forEachRow(String sql, List<?> params, RowConsumer consumer) {
        execute(sql, params, rs -> {
            while (rs.next()) {
                consumer.accept(rs);
            }
            return null;
        });
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> read(String sql, List<?> params, RowReader<T> reader) {
        return execute(sql, params, rs -> {
            if (reader == null) {
                return (List<T>) (List<?>) maps(rs);
            }
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(reader.read(rs));
            }
            return out;
        });
    }

    /** Runs a query with bound parameters and returns what {@code result} makes of its result set. */
    private <T> T execute(String sql, List<?> params, ResultReader<T> result) {
        Connection c;
        try {
            c = db.connection();
        } catch (SQLException e) {
            // no connection: the pool timed out, is closed (undeploy), or the database is gone
            throw new QueryException(QueryException.Reason.UNAVAILABLE, timeoutSeconds, e);
        }
        try (c; PreparedStatement ps = c.prepareStatement(sql);
             Database.Deadline deadline = db.deadline(ps, timeoutSeconds)) {
            Parameters bound = Parameters.of(ps);
            for (Object p : params) {
                bound.addObject(p);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return result.read(rs);
            }
        } catch (SQLTimeoutException e) {
            throw new QueryException(QueryException.Reason.TIMEOUT, timeoutSeconds, e);
        } catch (SQLTransientConnectionException e) {
            throw new QueryException(QueryException.Reason.UNAVAILABLE, timeoutSeconds, e);
        } catch (SQLException e) {
            throw new QueryException(QUERY_CANCELED.equals(e.getSQLState()) ? QueryException.Reason.TIMEOUT
                    : QueryException.Reason.FAILED, timeoutSeconds, e);
        }
    }

    private static List<Map<String, Object>> maps(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = md.getColumnLabel(i + 1).toLowerCase(Locale.ROOT);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                row.put(names[i], value(rs, i + 1));
            }
            out.add(row);
        }
        return out;
    }

    public List<Map<String, Object>> rows(String sql, Object... params) {
        return rows(sql, List.of(params));
    }

    /**
     * A column's value: NUMERIC(20) values come back as BigDecimal; hand out Long when they fit,
     * else BigInteger. A UUID (vm.uuid on H2) comes back as its lower-case text, as VARCHAR columns
     * hold it elsewhere.
     */
    public static Object value(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        if (value instanceof UUID u) {
            return u.toString();
        }
        if (value instanceof BigDecimal d) {
            if (d.scale() == 0 && d.precision() < 19) {
                // fits a long: no BigInteger on the way (a series reads thousands of these)
                return d.longValue();
            }
            BigInteger i = d.toBigIntegerExact();
            return i.bitLength() < 64 ? (Object) i.longValue() : i;
        }
        return value;
    }

    /** A column name from a whitelist, checked once more so that no request text can become SQL. */
    static String column(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a column name: " + name);
        }
        return name;
    }
}
