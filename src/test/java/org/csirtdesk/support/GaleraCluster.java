package org.csirtdesk.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real MariaDB Galera Cluster of three nodes (Debian's {@code mariadb-server} and {@code galera-4}) in child
 * processes, every port on 127.0.0.1 and of its own: SQL, group communication, incremental and full state transfer
 * (by rsync). Node 1 starts the cluster, nodes 2 and 3 join it by a full state transfer; a node killed and started
 * again catches up by an incremental one. The application connects with Connector/J's {@code sequential} failover
 * URL: every instance writes to the first node that answers, the usual single-writer use of Galera.
 *
 * <p>Each node runs with {@code log_bin_trust_function_creators}: Galera counts as binary logging, and without it
 * the migrations' triggers need the SUPER privilege (docs/deployment.md).
 */
public final class GaleraCluster implements AutoCloseable {

    public static final Path SERVER = Path.of("/usr/sbin/mariadbd");
    public static final Path PROVIDER = Path.of("/usr/lib/galera/libgalera_smm.so");
    private static final Duration READY = Duration.ofSeconds(90);
    private static final String DATABASE = "csirt_desk_ha";

    /** One node: its folder, its ports and, while it runs, its process. */
    private static final class Node {
        final int number;
        final Path home;
        final int sqlPort;
        final int groupPort;
        final int istPort;
        final int sstPort;
        Process process;

        Node(int number, Path home) throws IOException {
            this.number = number;
            this.home = home;
            this.sqlPort = ApplicationProcess.freePort();
            this.groupPort = ApplicationProcess.freePort();
            this.istPort = ApplicationProcess.freePort();
            this.sstPort = ApplicationProcess.freePort();
        }

        Path socket() {
            return home.resolve("mysqld.sock");
        }

        Path log() {
            return home.resolve("error.log");
        }
    }

    private final Path home;
    private final List<Node> nodes;

    private GaleraCluster(Path home, List<Node> nodes) {
        this.home = home;
        this.nodes = nodes;
    }

    /** Three nodes, started one after the other, with the application's database and user on them. */
    public static GaleraCluster start() throws IOException {
        for (Path needed : List.of(SERVER, PROVIDER)) {
            if (!Files.exists(needed)) {
                throw new IllegalStateException(
                        needed + " is missing: ./run-tests installs mariadb-server and galera-4");
            }
        }
        // Not under target/: the server runs as mysql when the tests run as root, and must reach its folders.
        Path home = Files.createTempDirectory(Path.of("/tmp"), "galera");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<Node> nodes = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            nodes.add(new Node(i, Files.createDirectories(home.resolve("n" + i))));
        }
        GaleraCluster cluster = new GaleraCluster(home, nodes);
        try {
            for (Node node : nodes) {
                cluster.install(node);
            }
            cluster.run(nodes.get(0), true);
            cluster.awaitSynced(nodes.get(0), 1);
            cluster.admin(
                    nodes.get(0),
                    "CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
                            + "CREATE USER '" + TestDatabase.USER + "'@'localhost' IDENTIFIED BY '"
                            + TestDatabase.PASSWORD + "';"
                            + "CREATE USER '" + TestDatabase.USER + "'@'127.0.0.1' IDENTIFIED BY '"
                            + TestDatabase.PASSWORD + "';"
                            + "GRANT ALL ON " + DATABASE + ".* TO '" + TestDatabase.USER + "'@'localhost';"
                            + "GRANT ALL ON " + DATABASE + ".* TO '" + TestDatabase.USER + "'@'127.0.0.1';");
            for (Node joiner : nodes.subList(1, nodes.size())) {
                cluster.run(joiner, false);
                cluster.awaitSynced(joiner, joiner.number);
            }
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Connector/J's failover URL over the three nodes, in order: the first that answers takes the writes. */
    public String jdbcUrl() {
        return "jdbc:mariadb:sequential://"
                + nodes.stream().map(node -> "127.0.0.1:" + node.sqlPort).collect(Collectors.joining(","))
                + "/" + DATABASE;
    }

    /** The node (1 to 3) the application writes to now: the first in the URL's order that runs. */
    public int writer() {
        return nodes.stream()
                .filter(node -> node.process != null && node.process.isAlive())
                .findFirst()
                .orElseThrow()
                .number;
    }

    /** Kills the node at once ({@code kill -9}): its connections are cut mid-transaction. */
    public void kill(int number) {
        Node node = nodes.get(number - 1);
        node.process.destroyForcibly();
        try {
            node.process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a killed node again; it rejoins the others and catches up. */
    public void restart(int number) throws IOException {
        Node node = nodes.get(number - 1);
        run(node, false);
        awaitSynced(node, (int) nodes.stream().filter(n -> n.process.isAlive()).count());
    }

    /** A statement's tab-separated answer from one node, as root over its socket. */
    public String query(int number, String sql) {
        return admin(nodes.get(number - 1), sql);
    }

    private void install(Node node) throws IOException {
        Path data = node.home.resolve("data");
        List<String> command = new ArrayList<>(List.of(
                "mariadb-install-db",
                "--no-defaults",
                "--datadir=" + data,
                "--auth-root-authentication-method=socket",
                "--skip-test-db"));
        if (asRoot()) {
            command.add("--user=mysql");
            giveToMysql(node.home);
        }
        Process install = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (waitFor(install) != 0) {
            throw new IllegalStateException("mariadb-install-db failed for node " + node.number + ":\n" + output);
        }
    }

    private void run(Node node, boolean bootstrap) throws IOException {
        String members =
                nodes.stream().map(member -> "127.0.0.1:" + member.groupPort).collect(Collectors.joining(","));
        List<String> command = new ArrayList<>(List.of(
                SERVER.toString(),
                "--no-defaults",
                "--datadir=" + node.home.resolve("data"),
                "--socket=" + node.socket(),
                "--pid-file=" + node.home.resolve("mysqld.pid"),
                "--log-error=" + node.log(),
                "--port=" + node.sqlPort,
                "--bind-address=127.0.0.1",
                "--binlog-format=ROW",
                "--default-storage-engine=InnoDB",
                "--innodb-autoinc-lock-mode=2",
                "--innodb-buffer-pool-size=128M",
                "--innodb-flush-log-at-trx-commit=2",
                "--log-bin-trust-function-creators=ON",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci",
                "--wsrep-on=ON",
                "--wsrep-provider=" + PROVIDER,
                "--wsrep-cluster-name=csirt_desk_ha",
                "--wsrep-cluster-address=gcomm://" + members,
                "--wsrep-node-name=n" + node.number,
                "--wsrep-node-address=127.0.0.1:" + node.groupPort,
                "--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:" + node.groupPort
                        + ";ist.recv_addr=127.0.0.1:" + node.istPort + ";gcache.size=64M",
                "--wsrep-sst-method=rsync",
                "--wsrep-sst-receive-address=127.0.0.1:" + node.sstPort));
        if (asRoot()) {
            command.add("--user=mysql");
        }
        if (bootstrap) {
            command.add("--wsrep-new-cluster");
        }
        node.process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        node.home.resolve("console.log").toFile()))
                .start();
    }

    /** Waits until the node is synced with a cluster of at least {@code members} nodes. */
    private void awaitSynced(Node node, int members) {
        long deadline = System.nanoTime() + READY.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!node.process.isAlive()) {
                throw new IllegalStateException("Galera node " + node.number + " ended" + logTail(node));
            }
            if (Files.exists(node.socket())) {
                try {
                    last = admin(
                            node,
                            "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME IN "
                                    + "('WSREP_LOCAL_STATE_COMMENT', 'WSREP_CLUSTER_SIZE') ORDER BY VARIABLE_NAME");
                    List<String> values = last.lines().toList();
                    if (values.size() == 2
                            && Integer.parseInt(values.get(0).strip()) >= members
                            && values.get(1).strip().equals("Synced")) {
                        return;
                    }
                } catch (IllegalStateException notAnsweringYet) {
                    // The socket exists a moment before the server takes connections, and during a state transfer.
                    last = notAnsweringYet.getMessage();
                }
            }
            Api.pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException(
                "Galera node " + node.number + " was not synced within " + READY + ": " + last + logTail(node));
    }

    private String admin(Node node, String sql) {
        try {
            Process client = new ProcessBuilder(
                            "mariadb", "--no-defaults", "-uroot", "--socket=" + node.socket(), "-N", "-B", "-e", sql)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (waitFor(client) != 0) {
                throw new IllegalStateException("node " + node.number + " refused: " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int waitFor(Process process) {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void giveToMysql(Path folder) throws IOException {
        UserPrincipal mysql =
                folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("mysql");
        Files.setOwner(folder, mysql);
    }

    private String logTail(Node node) {
        try {
            List<String> lines =
                    Files.exists(node.log()) ? Files.readAllLines(node.log(), StandardCharsets.UTF_8) : List.of();
            return "\n--- " + node.log() + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return " (its log " + node.log() + " cannot be read: " + e + ")";
        }
    }

    @Override
    public void close() {
        nodes.stream().filter(node -> node.process != null).forEach(node -> node.process.destroyForcibly());
        for (Node node : nodes) {
            if (node.process != null) {
                waitFor(node.process);
            }
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
