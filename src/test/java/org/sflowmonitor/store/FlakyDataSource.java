package org.sflowmonitor.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Set;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A DataSource that can be made to fail as an unreachable database does: while down, new
 * connections are refused and every call on the connections and statements handed out
 * before fails (SQLState 08: connection exception); closing and rolling back still work.
 */
final class FlakyDataSource implements DataSource {

    private static final Set<String> ALWAYS_WORK = Set.of("close", "rollback", "isClosed");

    private final DataSource real;
    volatile boolean down;

    FlakyDataSource(DataSource real) {
        this.real = real;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (down) {
            throw new SQLException("database unreachable (test)", "08001");
        }
        return guarded(real.getConnection(), Connection.class);
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return getConnection();
    }

    private <T> T guarded(T target, Class<T> type) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), target.getClass().getInterfaces().length == 0
                ? new Class<?>[] {type} : interfacesOf(target, type), (p, method, args) -> {
                    if (down && !ALWAYS_WORK.contains(method.getName())) {
                        throw new SQLException("connection lost (test)", "08006");
                    }
                    try {
                        Object result = method.invoke(target, args);
                        return result instanceof Statement st ? guarded(st, Statement.class) : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return type.cast(proxy);
    }

    private static Class<?>[] interfacesOf(Object target, Class<?> type) {
        Set<Class<?>> all = new java.util.LinkedHashSet<>();
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            all.addAll(java.util.List.of(c.getInterfaces()));
        }
        all.add(type);
        return all.toArray(Class<?>[]::new);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return real.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        real.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        real.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return real.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return real.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return real.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return real.isWrapperFor(iface);
    }
}
