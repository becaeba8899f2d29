package org.sflowmonitor.testing;

import java.lang.reflect.Proxy;
import java.sql.SQLException;

import javax.sql.DataSource;

/** A database that cannot be reached: a writer given it keeps the samples offered waiting. */
public final class UnreachableDatabase {

    private UnreachableDatabase() {
    }

    /** A DataSource whose every connection attempt fails with a message quoting SQL. */
    public static DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        throw new SQLException("Connection refused: SELECT secret FROM host", "08001");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
