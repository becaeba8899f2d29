package org.sflowmonitor.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-side SQL for the API. Column lists come from the callers' whitelists, never from
 * request text; every value is a bound parameter; every statement has a query timeout.
 */
public final class Queries {

    private final Database db;
    private final int timeoutSeconds;

    public Queries(Database db, int timeoutSeconds) {
        this.db = db;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Runs a query with bound parameters and returns its rows as column-name maps. */
    public List<Map<String, Object>> rows(String sql, Object... params) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(timeoutSeconds);
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                String[] names = new String[n];
                for (int i = 0; i < n; i++) {
                    names[i] = md.getColumnLabel(i + 1).toLowerCase(java.util.Locale.ROOT);
                }
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 0; i < n; i++) {
                        row.put(names[i], plain(rs.getObject(i + 1)));
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }

    /** NUMERIC(20) values come back as BigDecimal; hand out Long when they fit, else BigInteger. */
    private static Object plain(Object value) {
        if (value instanceof BigDecimal d) {
            java.math.BigInteger i = d.toBigIntegerExact();
            return i.bitLength() < 64 ? (Object) i.longValue() : i;
        }
        return value;
    }

    public Database database() {
        return db;
    }
}
