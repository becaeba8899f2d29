package org.sflowmonitor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.sflowmonitor.testing.PostgresServer;
import org.sflowmonitor.testing.TestDatabase;

/**
 * PgJDBC prepares a statement on the server again whenever a parameter's type differs from the
 * last execution's: parameters that change type from row to row make PostgreSQL parse the
 * statement for nearly every row (the latest tables' per-sample upsert did).
 */
class ParametersOnPostgresqlTest {

    @Test
    void anUnsigned64BitValueIsBoundAsOneTypeWhetherKnownUnknownOrAbove2To63() throws SQLException {
        TestDatabase db = PostgresServer.newDatabase();
        long[] values = {5, -1L, Long.MIN_VALUE + 5, 0, -1L, 7};
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE counters (v NUMERIC(20))");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO counters (v) VALUES (?)")) {
                for (int i = 0; i < 60; i++) {
                    Parameters.of(ps).u64(values[i % values.length]);
                    ps.executeUpdate();
                }
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT generic_plans + custom_plans FROM pg_prepared_statements "
                         + "WHERE statement LIKE 'INSERT INTO counters%'")) {
                rs.next();
                // PgJDBC prepares on the server from the 5th execution on (prepareThreshold)
                assertEquals(56, rs.getInt(1), "executions of the one server-prepared INSERT");
            }
        }
    }
}
