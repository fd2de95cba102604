package com.bohe.content.views;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A real data source that a test can take away ({@link #down}) or make lie about a commit: with
 * {@link #failAfterNextCommit}, the next COMMIT succeeds in the database and then reports a broken connection, as
 * when the network fails while the answer is on its way.
 */
class FlakyDataSource implements DataSource {

    final AtomicBoolean down = new AtomicBoolean();
    final AtomicBoolean failAfterNextCommit = new AtomicBoolean();
    private final DataSource real;

    FlakyDataSource(DataSource real) {
        this.real = real;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (down.get()) {
            throw new SQLException("Connection refused (simulated outage)", "08001");
        }
        Connection connection = real.getConnection();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
                (proxy, method, args) -> {
                    if (down.get() && !method.getName().equals("close")) {
                        throw new SQLException("Connection lost (simulated outage)", "08006");
                    }
                    try {
                        Object result = method.invoke(connection, args);
                        if (method.getName().equals("commit") && failAfterNextCommit.getAndSet(false)) {
                            throw new SQLException("Connection reset after COMMIT (simulated)", "08006");
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
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
