package org.csirtdesk.support;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}, which ./run-tests installs) in a child
 * process, sending its webhooks to the application with a bearer token. It listens on 127.0.0.1 only, its
 * cluster listener is off, and it keeps its state in a temporary folder removed on close. Alerts are given to
 * it through its own API, as Prometheus would.
 */
public final class Alertmanager implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
    private static final Duration READY = Duration.ofSeconds(20);

    private final Path home;
    private final Path log;
    private final URI api;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Alertmanager(Path home, Path log, int port, Process process) {
        this.home = home;
        this.log = log;
        this.api = URI.create("http://127.0.0.1:" + port + "/");
        this.process = process;
    }

    /** Starts one that sends webhooks to {@code webhook} with {@code token}, and waits until it is ready. */
    public static Alertmanager start(URI webhook, String token) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(
                    BINARY + " is missing: ./run-tests installs Debian's prometheus-alertmanager");
        }
        int port = freePort();
        Path log = Files.createDirectories(Path.of("target"))
                .resolve("alertmanager-" + port + ".log")
                .toAbsolutePath();
        Path home = Files.createTempDirectory("alertmanager");
        Path config = Files.writeString(home.resolve("alertmanager.yml"), config(webhook, token));
        Process process = new ProcessBuilder(
                        BINARY.toString(),
                        "--config.file=" + config,
                        "--storage.path=" + home.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--cluster.listen-address=")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Alertmanager alertmanager = new Alertmanager(home, log, port, process);
        try {
            alertmanager.awaitReady();
        } catch (RuntimeException e) {
            alertmanager.close();
            throw e;
        }
        return alertmanager;
    }

    /**
     * One route to the application, grouped as an EGI CSIRT Alertmanager would group vulnerable hosts, with
     * timings short enough that a test sees a webhook within seconds. {@code max_alerts: 0} sends every alert
     * of a group. The URL and token are written as JSON strings, which YAML reads as double-quoted scalars,
     * so no character of theirs can change the YAML's structure.
     */
    private static String config(URI webhook, String token) {
        return """
                route:
                  receiver: csirt-desk
                  group_by: [cve, site]
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: csirt-desk
                    webhook_configs:
                      - url: %s
                        send_resolved: true
                        max_alerts: 0
                        http_config:
                          authorization:
                            type: Bearer
                            credentials: %s
                """.formatted(Json.createValue(webhook.toString()), Json.createValue(token));
    }

    /** Alerts firing since {@code startsAt}, one per set of labels. */
    public void fire(List<Map<String, String>> labelSets, Instant startsAt) {
        post(labelSets, "startsAt", startsAt);
    }

    /**
     * The alerts with these labels, resolved at {@code endsAt} (not in the future). Alertmanager merges them
     * with the firing ones it holds, which keep their {@code startsAt}.
     */
    public void resolve(List<Map<String, String>> labelSets, Instant endsAt) {
        post(labelSets, "endsAt", endsAt);
    }

    private void post(List<Map<String, String>> labelSets, String time, Instant at) {
        JsonArrayBuilder alerts = Json.createArrayBuilder();
        for (Map<String, String> labels : labelSets) {
            alerts.add(Json.createObjectBuilder()
                    .add("labels", Json.createObjectBuilder(Map.<String, Object>copyOf(labels)))
                    .add(
                            "annotations",
                            Json.createObjectBuilder()
                                    .add(
                                            "summary",
                                            "EGI-Critical " + labels.getOrDefault("cve", "vulnerability") + " on "
                                                    + labels.getOrDefault("hostname", "a host")))
                    .add(time, at.toString()));
        }
        HttpResponse<String> answer = send(HttpRequest.newBuilder(api.resolve("api/v2/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(alerts.build().toString()))
                .build());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(
                    "Alertmanager refused the alerts: " + answer.statusCode() + " " + answer.body() + logTail());
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Alertmanager ended with " + process.exitValue() + logTail());
            }
            try {
                if (send(HttpRequest.newBuilder(api.resolve("-/ready")).GET().build())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (UncheckedIOException notListeningYet) {
                // It opens its port a moment after it starts.
            }
            Api.pause(Duration.ofMillis(100));
        }
        throw new IllegalStateException("Alertmanager was not ready within " + READY + logTail());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "\n--- " + log + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return " (its log " + log + " cannot be read: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
