package org.csirtdesk.platform.control;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * MariaDB's data source as a plain {@link DataSource}. Payara gives any class that implements
 * {@code XADataSource} (as MariaDB's own does) an XA pool, so every transaction would pay XA START, END
 * and COMMIT round trips; one database needs no two-phase commit, and this class only offers local
 * connections. Payara sets {@code url}, {@code user} and {@code password} through the setters.
 */
public class LocalMariaDbDataSource implements DataSource {

    private final MariaDbDataSource mariaDb = new MariaDbDataSource();

    public void setUrl(String url) throws SQLException {
        mariaDb.setUrl(url);
    }

    public String getUrl() {
        return mariaDb.getUrl();
    }

    public void setUser(String user) throws SQLException {
        mariaDb.setUser(user);
    }

    public String getUser() {
        return mariaDb.getUser();
    }

    public void setPassword(String password) throws SQLException {
        mariaDb.setPassword(password);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return mariaDb.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return mariaDb.getConnection(user, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return mariaDb.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        mariaDb.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        mariaDb.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return mariaDb.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return mariaDb.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
