package org.sflowmonitor.store;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.postgresql.PGConnection;

/**
 * Rows for PostgreSQL's {@code COPY ... FROM STDIN} in its text format (tab between values,
 * {@code \N} for NULL, a newline after each row): the fastest bulk path PgJDBC offers, half the
 * server's CPU of multi-row INSERTs for the sample rows (docs/benchmarks.md, "Bulk path and
 * indexes on PostgreSQL"). Filled like a statement's parameters, a row at a time.
 */
final class CopyRows implements RowValues {

    private final String copy;
    private final StringBuilder text = new StringBuilder(1 << 16);
    private boolean rowStarted;
    private int rows;

    CopyRows(String table, List<String> columns) {
        this.copy = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN";
    }

    /** Ends the row whose values were added. */
    void endRow() {
        text.append('\n');
        rowStarted = false;
        rows++;
    }

    int rows() {
        return rows;
    }

    /** Copies the rows into the table in the connection's transaction. */
    void copyInto(Connection connection) throws SQLException {
        if (rows == 0) {
            return;
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new StringReader(text.toString()));
        } catch (java.io.IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), "08006", e);
        }
    }

    @Override
    public CopyRows add(long value) {
        next().append(value);
        return this;
    }

    @Override
    public CopyRows add(int value) {
        next().append(value);
        return this;
    }

    @Override
    public CopyRows add(String value) {
        if (value == null) {
            return addNull(0);
        }
        StringBuilder out = next();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return this;
    }

    @Override
    public CopyRows addNull(int sqlType) {
        next().append("\\N");
        return this;
    }

    @Override
    public CopyRows addUnsigned(long value) {
        next().append(Long.toUnsignedString(value));
        return this;
    }

    /** The shortest decimal that reads back as the same float (PostgreSQL's float4 input does). */
    @Override
    public CopyRows addReal(float value) {
        next().append(value);
        return this;
    }

    private StringBuilder next() {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
        return text;
    }
}
