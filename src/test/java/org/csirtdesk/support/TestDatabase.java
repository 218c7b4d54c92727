package org.csirtdesk.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/** The real MariaDB of the test run (.ci/run creates its user); scratch databases are made and dropped here. */
public final class TestDatabase {

    public static final String URL = System.getProperty("it.db.url", "jdbc:mariadb://127.0.0.1:3306/csirt_desk_it");
    public static final String USER = System.getProperty("it.db.user", "csirt_desk");
    public static final String PASSWORD = System.getProperty("it.db.password", "csirt_desk");

    private TestDatabase() {
    }

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

    /** A new, empty database on the same server, named after the test. */
    public static DataSource fresh(String name) throws SQLException {
        String database = "csirt_desk_" + name;
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        MariaDbDataSource dataSource = new MariaDbDataSource();
        dataSource.setUrl(url(database));
        dataSource.setUser(USER);
        dataSource.setPassword(PASSWORD);
        return dataSource;
    }

    public static void drop(String name) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS csirt_desk_" + name);
        }
    }
}
