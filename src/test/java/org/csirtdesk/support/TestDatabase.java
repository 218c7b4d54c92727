package org.csirtdesk.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * The real MariaDB of the test run (./run-tests creates its user); scratch databases are made and dropped here. The
 * database the application under test uses is the one {@code it.db.url} names, and every scratch database is named
 * after it, so that two checkouts can run their tests side by side with {@code -Dit.db.url=...}.
 */
public final class TestDatabase {

    public static final String URL = System.getProperty("it.db.url", "jdbc:mariadb://127.0.0.1:3306/csirt_desk_it");
    public static final String USER = System.getProperty("it.db.user", "csirt_desk");
    public static final String PASSWORD = System.getProperty("it.db.password", "csirt_desk");
    /** The name of the application's database, from {@link #URL}. */
    public static final String NAME = URL.substring(URL.lastIndexOf('/') + 1).split("[?;]")[0];

    private TestDatabase() {}

    /** A connection to the server, in no database. */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(serverUrl(), USER, PASSWORD);
    }

    private static String serverUrl() {
        return URL.substring(0, URL.lastIndexOf('/') + 1);
    }

    /** The URL of a database on the test server. */
    public static String url(String database) {
        return serverUrl() + database;
    }

    /** Empties the application's database: the integration tests start on a new one. */
    public static void freshApplicationDatabase() throws SQLException {
        recreate(NAME);
    }

    /** A new, empty scratch database on the same server, named after the application's and the test's part. */
    public static DataSource fresh(String part) throws SQLException {
        String database = scratch(part);
        recreate(database);
        MariaDbDataSource dataSource = new MariaDbDataSource();
        dataSource.setUrl(url(database));
        dataSource.setUser(USER);
        dataSource.setPassword(PASSWORD);
        return dataSource;
    }

    /** The name of the scratch database for a test's part. */
    public static String scratch(String part) {
        return NAME + "_" + part;
    }

    /** Kills a connection from another one, as a second client would (or a database node that dies, to its client). */
    public static void kill(long connectionId) {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("KILL " + connectionId);
        } catch (SQLException e) {
            throw new IllegalStateException("could not kill connection " + connectionId, e);
        }
    }

    public static void drop(String part) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + scratch(part));
        }
    }

    private static void recreate(String database) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    }
}
