package org.csirtdesk.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application as its users start it: {@code payara/run --no-build} as a process of its own on a port of
 * 127.0.0.1, with the given environment (DB_URL, MicroProfile Config keys as environment variables, ...), its output
 * (the launcher's and, with {@code --verbose}, Payara's) in a log file of its own. For the benchmarks and for the
 * tests that need the application as a real process: several instances on one database, a restart.
 */
public final class ApplicationProcess implements AutoCloseable {

    private static final Pattern LAST_DURATION = Pattern.compile("\"lastDurationMillis\":(\\d+)");
    /** What the launcher prints when it hands over to Payara: payara/run has built what it needed. */
    private static final String LAUNCHED = "Starting Payara Micro on";

    private static final Duration LAUNCHED_WITHIN = Duration.ofSeconds(180);

    private final URI url;
    private final Path log;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private ApplicationProcess(URI url, Path log, Process process) {
        this.url = url;
        this.log = log;
        this.process = process;
    }

    /** Starts the application and waits until {@code /health/ready} answers. */
    public static ApplicationProcess start(Path root, int port, Path log, Map<String, String> environment)
            throws IOException {
        ApplicationProcess application = launch(root, port, log, environment);
        application.awaitReady();
        return application;
    }

    /**
     * Starts the application without waiting for it. Several instances start faster side by side; the first of a
     * checkout should be {@link #awaitLaunched() launched} before the next, since payara/run builds its launcher once.
     */
    public static ApplicationProcess launch(Path root, int port, Path log, Map<String, String> environment)
            throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(root.resolve("payara/run").toString(), "--no-build", "--verbose")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> settings = new HashMap<>(environment);
        settings.put("PORT", String.valueOf(port));
        // Every endpoint asks for a user: unless the caller names its own first admin, the tests' one.
        settings.putIfAbsent("CSIRT_SECURITY_INITIAL_ADMIN", TestUsers.initialAdmin());
        builder.environment().putAll(settings);
        return new ApplicationProcess(URI.create("http://127.0.0.1:" + port + "/"), log, builder.start());
    }

    /** A port of 127.0.0.1 that nothing listened on a moment ago. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public URI url() {
        return url;
    }

    public Path log() {
        return log;
    }

    /** Waits until payara/run has handed over to Payara: whatever it had to build is built. */
    public void awaitLaunched() throws IOException {
        long deadline = System.nanoTime() + LAUNCHED_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains(LAUNCHED)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("payara/run ended; see " + log);
            }
            pause(100);
        }
        stop();
        throw new IllegalStateException(
                "payara/run did not start Payara in " + LAUNCHED_WITHIN.toSeconds() + " s; see " + log);
    }

    /**
     * Waits until {@code /health/ready} answers 200, as long as payara/run waits for it: a loaded machine may take
     * minutes, and payara/run gives up by itself when Payara stops making progress.
     */
    public void awaitReady() {
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("payara/run ended; see " + log);
            }
            try {
                if (get("health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IllegalStateException notListeningYet) {
                // Payara opens its port late in its start.
            }
            pause(250);
        }
    }

    /**
     * Waits for the registry refresh that runs seconds after start, and answers its own recorded duration.
     *
     * @param reader signed in as a user who may read the sites
     */
    public long awaitFirstRefresh(Api reader) {
        for (int i = 0; i < 600; i++) {
            String state = reader.get("api/sites/refresh").body();
            Matcher duration = LAST_DURATION.matcher(state);
            if (state.contains("\"lastSuccessAt\"") && duration.find()) {
                return Long.parseLong(duration.group(1));
            }
            pause(100);
        }
        throw new IllegalStateException("the first registry refresh did not end in 60 s");
    }

    public HttpResponse<String> get(String path) {
        try {
            return http.send(
                    HttpRequest.newBuilder(url.resolve(path))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops it as Ctrl-C would (SIGTERM: the launcher stops Payara, which ends its transactions and timers) and
     * waits until it has.
     */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                // The launcher did not stop Payara in time: its JVM goes too, not left running on its port.
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Kills it as a crash would ({@code kill -9}): Payara's JVM first, the one serving, then the launcher; nothing is
     * ended in order. Answers when the JVM is gone.
     */
    public void kill() {
        List<ProcessHandle> payara = process.descendants().toList();
        payara.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        for (ProcessHandle jvm : payara) {
            jvm.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
