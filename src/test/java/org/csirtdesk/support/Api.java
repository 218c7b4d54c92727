package org.csirtdesk.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small HTTP client for the API under test: JSON in, status, headers and JSON out. */
public final class Api {

    /** One answer. */
    public record Answer(int status, Map<String, java.util.List<String>> headers, String body) {

        public JsonObject json() {
            return (JsonObject) structure();
        }

        public JsonArray array() {
            return (JsonArray) structure();
        }

        private JsonStructure structure() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    /** Sent with every request unless the call gives the same header itself. */
    private final Map<String, String> always;

    /** Arquillian hands out the machine's address; the server listens on loopback only. */
    public Api(URL deployment) {
        this(URI.create("http://127.0.0.1:" + deployment.getPort() + "/"));
    }

    public Api(URI base) {
        this(base, Map.of());
    }

    private Api(URI base, Map<String, String> always) {
        this.base = base;
        this.always = always;
    }

    /** The same API, each request signed in as {@code user} with HTTP Basic. */
    public Api as(String user, String password) {
        return new Api(base, Map.of("Authorization", basic(user, password)));
    }

    /** The Authorization header of HTTP Basic, for clients of their own (the benchmarks'). */
    public static String basic(String user, String password) {
        return "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public URI base() {
        return base;
    }

    public Answer get(String path) {
        return send(request(path).GET(), Map.of());
    }

    public Answer post(String path, String json) {
        return post(path, json, Map.of());
    }

    public Answer post(String path, String json, Map<String, String> headers) {
        return send(
                request(path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)),
                headers);
    }

    public Answer send(String method, String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = request(path)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request, headers);
    }

    /** A body given as bytes, which need not be text in any encoding (the tests of invalid UTF-8). */
    public Answer sendBytes(String method, String path, String contentType, byte[] body, Map<String, String> headers) {
        return send(
                request(path)
                        .header("Content-Type", contentType)
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(body)),
                headers);
    }

    /** A body of undeclared length, sent chunked. */
    public Answer postChunked(String path, String json) {
        byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return send(
                request(path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))),
                Map.of());
    }

    public Answer patch(String path, String json, String ifMatch) {
        return send(
                "PATCH",
                path,
                "application/merge-patch+json",
                json,
                ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
    }

    /** Reads a JSON object until it meets the condition: the server's heartbeats work in the background. */
    public JsonObject await(String path, java.util.function.Predicate<JsonObject> condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        JsonObject last = get(path).json();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " did not get there within " + limit + ": " + last);
            }
            pause(Duration.ofMillis(250));
            last = get(path).json();
        }
        return last;
    }

    /**
     * Refreshes the site registry and waits up to 30 s until a refresh has succeeded: 409 says the scheduled first
     * one is running, and until it ends no site is known.
     */
    public void refreshSites() {
        Answer refresh = post("api/sites/refresh", "");
        if (refresh.status() != 200 && refresh.status() != 409) {
            throw new AssertionError("refreshing the sites: " + refresh);
        }
        await(
                "api/sites/refresh",
                state -> state.containsKey("lastSuccessAt") && !state.isNull("lastSuccessAt"),
                Duration.ofSeconds(30));
    }

    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Answer delete(String path) {
        return send(request(path).DELETE(), Map.of());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofSeconds(30));
    }

    /** {@code Expect: 100-continue} is the client's to send; the JDK refuses it as a plain header. */
    private Answer send(HttpRequest.Builder request, Map<String, String> headers) {
        always.forEach((name, value) -> {
            if (headers.keySet().stream().noneMatch(name::equalsIgnoreCase)) {
                request.header(name, value);
            }
        });
        headers.forEach((name, value) -> {
            if (name.equalsIgnoreCase("Expect")) {
                request.expectContinue(true);
            } else {
                request.header(name, value);
            }
        });
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The outbox's messages of one ticket and kind (letter), as the signed-in user reads them. */
    public java.util.List<JsonObject> outbox(long ticket, String kind) {
        return get("api/outbox?size=500&ticket=" + ticket + "&kind=" + kind).array().stream()
                .map(jakarta.json.JsonValue::asJsonObject)
                .toList();
    }

    /** Waits up to 30 s until the ticket has {@code count} messages of the kind in the outbox, and answers them. */
    public java.util.List<JsonObject> awaitOutbox(long ticket, String kind, int count) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (outbox(ticket, kind).size() < count && System.nanoTime() < until) {
            pause(Duration.ofMillis(250));
        }
        java.util.List<JsonObject> messages = outbox(ticket, kind);
        if (messages.size() != count) {
            throw new AssertionError(kind + ": expected " + count + " messages in the outbox of ticket " + ticket
                    + ", found " + messages.size() + ": " + messages);
        }
        return messages;
    }
}
