package org.csirtdesk.support;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
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
 * A real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}) in a child process, configured to
 * send its webhooks to the application with a bearer token. It listens on 127.0.0.1 only, its cluster
 * listener is off, and it keeps its state in a temporary folder removed on close. Alerts are given to it
 * through its own API, as Prometheus would.
 */
public final class Alertmanager implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

    private final Path home;
    private final Path log;
    private final URI api;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Alertmanager(Path home, int port, Path log, Process process) {
        this.home = home;
        this.api = URI.create("http://127.0.0.1:" + port + "/");
        this.log = log;
        this.process = process;
    }

    /** Starts it, sending webhooks to {@code webhook} with {@code token}, and waits until it is ready. */
    public static Alertmanager start(URI webhook, String token) throws IOException {
        Path home = Files.createTempDirectory("alertmanager");
        int port = freePort();
        Path log = Path.of("target", "alertmanager-" + port + ".log").toAbsolutePath();
        Files.writeString(home.resolve("alertmanager.yml"), """
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
                """.formatted(webhook, token));
        Process process = new ProcessBuilder(BINARY.toString(),
                "--config.file=" + home.resolve("alertmanager.yml"),
                "--storage.path=" + home.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Alertmanager alertmanager = new Alertmanager(home, port, log, process);
        alertmanager.awaitReady();
        return alertmanager;
    }

    /** Alerts that fire from {@code startsAt}, each a set of labels. */
    public void fire(List<Map<String, String>> labelSets, Instant startsAt) {
        post(labelSets, startsAt, null);
    }

    /** The same alerts, resolved at {@code endsAt} (a time not in the future). */
    public void resolve(List<Map<String, String>> labelSets, Instant startsAt, Instant endsAt) {
        post(labelSets, startsAt, endsAt);
    }

    private void post(List<Map<String, String>> labelSets, Instant startsAt, Instant endsAt) {
        JsonArrayBuilder alerts = Json.createArrayBuilder();
        for (Map<String, String> labels : labelSets) {
            JsonObjectBuilder alert = Json.createObjectBuilder()
                    .add("labels", Json.createObjectBuilder(Map.<String, Object>copyOf(labels)))
                    .add("annotations", Json.createObjectBuilder().add("summary", "EGI-Critical "
                            + labels.getOrDefault("cve", "") + " on " + labels.getOrDefault("hostname", "")))
                    .add("startsAt", startsAt.toString())
                    .add("generatorURL", "http://127.0.0.1:9090/graph");
            if (endsAt != null) {
                alert.add("endsAt", endsAt.toString());
            }
            alerts.add(alert);
        }
        HttpResponse<String> answer = send(HttpRequest.newBuilder(api.resolve("api/v2/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(alerts.build().toString())).build());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("Alertmanager refused the alerts: " + answer.statusCode() + " " + answer.body()
                    + logTail());
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Alertmanager ended with " + process.exitValue() + logTail());
            }
            try {
                if (send(HttpRequest.newBuilder(api.resolve("-/ready")).GET().build()).statusCode() == 200) {
                    return;
                }
            } catch (UncheckedIOException notListeningYet) {
                // It binds its port a moment after it starts.
            }
            pause();
        }
        close();
        throw new IllegalStateException("Alertmanager was not ready within 20 s" + logTail());
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
            return "\n--- " + log + " ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return " (its log " + log + " cannot be read: " + e.getMessage() + ")";
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
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
