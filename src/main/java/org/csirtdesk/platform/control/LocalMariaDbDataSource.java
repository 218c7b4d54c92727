package org.csirtdesk.platform.control;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * MariaDB's data source as a plain {@link DataSource}. Payara gives any class that implements
 * {@code XADataSource} (as MariaDB's own does) an XA pool, so every transaction would pay XA START, END
 * and COMMIT round trips; one database needs no two-phase commit, and this class only offers local
 * connections. Payara sets {@code url}, {@code user}, {@code password} and the data source's properties (here
 * {@code socketTimeout} and {@code connectTimeout}) through the setters, in no promised order.
 */
public class LocalMariaDbDataSource implements DataSource {

    private static final String SOCKET_TIMEOUT_OPTION = "socketTimeout=";

    private final MariaDbDataSource mariaDb = new MariaDbDataSource();

    private String url;

    /** Connector/J's {@code socketTimeout} in milliseconds, once Payara has set it. */
    private Long socketTimeoutMillis;

    public void setUrl(String url) throws SQLException {
        this.url = url;
        applyUrl();
    }

    /**
     * {@code db.socket-timeout}: the longest the driver waits for any answer of the database on an open connection
     * (Connector/J's {@code socketTimeout}), as an ISO-8601 duration ({@code PT60S}); {@code PT0S} waits for ever. A
     * database that accepts connections but never answers then fails the statement with a connection error, which
     * the API answers 503, instead of holding the request and its connection for as long as the database stays
     * silent (its TCP stack still acknowledges, so nothing below gives up). A {@code socketTimeout} written in the
     * URL itself wins.
     */
    public void setSocketTimeout(String timeout) throws SQLException {
        socketTimeoutMillis = millis("db.socket-timeout", timeout);
        applyUrl();
    }

    /**
     * {@code db.connect-timeout}: the longest a new connection waits for the database's greeting and handshake,
     * which the socket timeout does not cover (Connector/J waits 30 s unless told), rounded up to whole seconds. It
     * is the data source's login timeout, which the driver keeps whatever URL is set after it. After a socket timeout
     * the pool drops its connections and opens a new one in the failing request's thread, so this adds to what a
     * request waits on a silent database.
     */
    public void setConnectTimeout(String timeout) throws SQLException {
        mariaDb.setLoginTimeout(Math.toIntExact((millis("db.connect-timeout", timeout) + 999) / 1000));
    }

    private static long millis(String key, String timeout) {
        Duration parsed;
        try {
            parsed = Duration.parse(timeout.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": '" + timeout + "' is no ISO-8601 duration such as PT60S", e);
        }
        if (parsed.isNegative()) {
            throw new IllegalArgumentException(key + ": " + timeout + " is negative");
        }
        return parsed.toMillis();
    }

    private void applyUrl() throws SQLException {
        if (url == null) {
            return;
        }
        if (socketTimeoutMillis == null || url.contains(SOCKET_TIMEOUT_OPTION)) {
            mariaDb.setUrl(url);
        } else {
            mariaDb.setUrl(url + (url.contains("?") ? "&" : "?") + SOCKET_TIMEOUT_OPTION + socketTimeoutMillis);
        }
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
