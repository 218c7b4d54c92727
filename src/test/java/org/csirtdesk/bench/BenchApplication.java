package org.csirtdesk.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application as the benchmarks run it: started by {@code payara/run --no-build} on a port of 127.0.0.1
 * with the given environment, its output in a log under target/bench, and the waits and timings they share.
 */
final class BenchApplication {

    private static final Pattern LAST_DURATION = Pattern.compile("\"lastDurationMillis\":(\\d+)");

    private final URI url;
    private final Path log;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private BenchApplication(URI url, Path log, Process process) {
        this.url = url;
        this.log = log;
        this.process = process;
    }

    /** Starts the application and waits until {@code /health/ready} answers, at most 180 s. */
    static BenchApplication start(Path root, int port, String logName, Map<String, String> environment) throws Exception {
        Path log = root.resolve("target/bench/" + logName);
        ProcessBuilder builder = new ProcessBuilder(root.resolve("payara/run").toString(), "--no-build")
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> settings = new HashMap<>(environment);
        settings.put("PORT", String.valueOf(port));
        builder.environment().putAll(settings);
        BenchApplication application = new BenchApplication(URI.create("http://127.0.0.1:" + port + "/"), log,
                builder.start());
        application.awaitReady();
        return application;
    }

    URI url() {
        return url;
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
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
            Thread.sleep(250);
        }
        stop();
        throw new IllegalStateException("not ready in 180 s; see " + log);
    }

    /** Waits for the registry refresh that runs seconds after start, and answers its own recorded duration. */
    long awaitFirstRefresh() throws Exception {
        for (int i = 0; i < 600; i++) {
            String state = get("api/sites/refresh").body();
            Matcher duration = LAST_DURATION.matcher(state);
            if (state.contains("\"lastSuccessAt\"") && duration.find()) {
                return Long.parseLong(duration.group(1));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the first registry refresh did not end in 60 s");
    }

    HttpResponse<String> get(String path) {
        return send(http, HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(30)).build());
    }

    void stop() throws InterruptedException {
        process.destroy();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static long timed(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
