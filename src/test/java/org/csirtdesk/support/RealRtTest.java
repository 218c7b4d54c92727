package org.csirtdesk.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.csirtdesk.ticket.entity.Lifecycle;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real RT 5 prepared by the shipped setup (rt/): RT-IR's queues with the application's lifecycles, the custom
 * fields, the application's user working through REST2, RT's mail out and rt-mailgate's mail in, and a setup script
 * that changes nothing the second time. One RT for the class: starting one takes several seconds.
 */
class RealRtTest {

    private static final List<String> CUSTOM_FIELDS = List.of("Site", "CVE", "TLP", "EGI Tag", "CSIRT Desk Ticket");

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static RealRt rt;

    @BeforeAll
    static void start() {
        assumeTrue(RealRt.installed(), "Debian's request-tracker5 is not installed");
        rt = RealRt.start();
    }

    @AfterAll
    static void close() {
        if (rt != null) {
            rt.close();
        }
    }

    @Test
    void theFourQueuesHaveTheirLifecyclesAndCustomFields() {
        for (Queue queue : Queue.values()) {
            JsonObject found = rt.get("queue/" + queue.displayName().replace(" ", "%20"));
            assertThat(found.getString("Lifecycle")).isEqualTo(rtName(queue.lifecycle()));
            assertThat(found.getJsonArray("TicketCustomFields").stream()
                            .map(field -> field.asJsonObject().getString("name"))
                            .toList())
                    .as(queue.displayName())
                    .containsExactlyInAnyOrderElementsOf(CUSTOM_FIELDS);
        }
    }

    @Test
    void aNewTicketStartsInItsLifecyclesInitialStatusAndMovesOnlyAsTheApplicationAllows() {
        for (Queue queue : Queue.values()) {
            String id = created(rt.post(
                    "ticket",
                    Json.createObjectBuilder()
                            .add("Queue", queue.displayName())
                            .add("Subject", "first status of " + queue.displayName())
                            .build()));
            assertThat(rt.get("ticket/" + id).getString("Status"))
                    .as(queue.displayName())
                    .isEqualTo(queue.lifecycle().initial().label());
        }
        String countermeasure = created(rt.post(
                "ticket",
                Json.createObjectBuilder()
                        .add("Queue", "Countermeasures")
                        .add("Subject", "block 192.0.2.1")
                        .build()));
        JsonValue refused = rt.put(
                "ticket/" + countermeasure,
                Json.createObjectBuilder().add("Status", "pending removal").build());
        assertThat(refused.toString()).contains("You can't change status");
        rt.put(
                "ticket/" + countermeasure,
                Json.createObjectBuilder().add("Status", "active").build());
        assertThat(rt.get("ticket/" + countermeasure).getString("Status")).isEqualTo("active");
    }

    @Test
    void theLifecycleSnippetIsTheApplicationsTransitionTable() {
        String printed = rt.perl("use JSON::PP; my $l = RT->Config->Get('Lifecycles');"
                + " print 'json=', JSON::PP->new->canonical->encode({ map { $_ => $l->{$_} }"
                + " qw(incident_reports incidents investigations countermeasures) }), \"\\n\";");
        String json = printed.lines()
                .filter(line -> line.startsWith("json="))
                .findFirst()
                .orElseThrow()
                .substring("json=".length());
        JsonObject lifecycles;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            lifecycles = reader.readObject();
        }
        for (Lifecycle lifecycle : Lifecycle.values()) {
            JsonObject inRt = lifecycles.getJsonObject(rtName(lifecycle));
            Map<String, Set<String>> transitions = new TreeMap<>();
            inRt.getJsonObject("transitions").forEach((from, to) -> {
                if (!from.isEmpty()) {
                    transitions.put(from, strings(to.asJsonArray()));
                }
            });
            Map<String, Set<String>> expected = new TreeMap<>();
            lifecycle
                    .statuses()
                    .forEach(from -> expected.put(
                            from.label(),
                            lifecycle.allowedFrom(from).stream()
                                    .map(Status::label)
                                    .collect(Collectors.toCollection(TreeSet::new))));
            assertThat(transitions).as(lifecycle.name()).isEqualTo(expected);
            assertThat(strings(inRt.getJsonObject("transitions").getJsonArray("")))
                    .as(lifecycle.name() + " creation")
                    .containsExactly(lifecycle.initial().label());
            assertThat(inRt.getJsonObject("defaults").getString("on_create"))
                    .isEqualTo(lifecycle.initial().label());
            Set<String> working = new TreeSet<>(strings(inRt.getJsonArray("initial")));
            working.addAll(strings(inRt.getJsonArray("active")));
            assertThat(working)
                    .as(lifecycle.name() + " initial and active")
                    .isEqualTo(labels(lifecycle.statuses().stream()
                            .filter(Lifecycle::isActive)
                            .toList()));
            assertThat(strings(inRt.getJsonArray("inactive")))
                    .as(lifecycle.name() + " inactive")
                    .isEqualTo(labels(lifecycle.statuses().stream()
                            .filter(status -> !Lifecycle.isActive(status))
                            .toList()));
            for (String key :
                    List.of("initial", "active", "inactive", "defaults", "transitions", "rights", "actions")) {
                assertThat(inRt).as(lifecycle.name()).containsKey(key);
            }
        }
    }

    @Test
    void theApplicationsUserCreatesWithCustomFieldsAndCorrespondsAndRtMailsTheRequestor() throws Exception {
        HttpResponse<String> created = asApplication(
                "POST",
                "ticket",
                Json.createObjectBuilder()
                        .add("Queue", "Investigations")
                        .add("Subject", "CVE-2026-0001 at SITE-A")
                        .add("Requestor", "admin@site-a.example")
                        .add(
                                "CustomFields",
                                Json.createObjectBuilder()
                                        .add("Site", "SITE-A")
                                        .add("CVE", "CVE-2026-0001")
                                        .add("TLP", "AMBER")
                                        .add("EGI Tag", "EGI-20261207-01")
                                        .add("CSIRT Desk Ticket", "4711"))
                        .build());
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created(read(created.body()));
        Map<String, List<String>> fields = rt.get("ticket/" + id).getJsonArray("CustomFields").stream()
                .map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(field -> field.getString("name"), field -> field.getJsonArray("values")
                        .getValuesAs(JsonString::getString)));
        assertThat(fields)
                .containsEntry("Site", List.of("SITE-A"))
                .containsEntry("CVE", List.of("CVE-2026-0001"))
                .containsEntry("TLP", List.of("AMBER"))
                .containsEntry("EGI Tag", List.of("EGI-20261207-01"))
                .containsEntry("CSIRT Desk Ticket", List.of("4711"));

        HttpResponse<String> corresponded = asApplication(
                "POST",
                "ticket/" + id + "/correspond",
                Json.createObjectBuilder()
                        .add("Content", "Please patch your worker nodes.")
                        .add("ContentType", "text/plain")
                        .build());
        assertThat(corresponded.statusCode()).isEqualTo(201);

        String tag = "[" + rt.rtname() + " #" + id + "]";
        assertThat(rt.sentMails())
                .filteredOn(mail -> mail.subject().startsWith(tag + " CVE-2026-0001 at SITE-A"))
                .singleElement()
                .satisfies(mail -> {
                    assertThat(mail.recipients()).containsExactly("admin@site-a.example");
                    assertThat(mail.from()).isEqualTo("rt@csirt-test.example");
                    assertThat(mail.body()).contains("Please patch your worker nodes.");
                });
    }

    @Test
    void aReplyByMailFromAnUnknownAddressIsFiledAsCorrespondence() {
        String id = created(rt.post(
                "ticket",
                Json.createObjectBuilder()
                        .add("Queue", "Investigations")
                        .add("Subject", "Suspicious logins at SITE-B")
                        .add("Requestor", "admin@site-b.example")
                        .build()));
        String mail = "From: Somebody Else <stranger@elsewhere.example>\r\n"
                + "To: rt@csirt-test.example\r\n"
                + "Subject: Re: [" + rt.rtname() + " #" + id + "] Suspicious logins at SITE-B\r\n"
                + "Message-ID: <reply-" + id + "@elsewhere.example>\r\n"
                + "Date: Mon, 07 Dec 2026 15:00:00 +0000\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "\r\n"
                + "We have reinstalled the host.\r\n";

        assertThat(rt.mailgate("Investigations", "correspond", mail.getBytes(StandardCharsets.UTF_8)))
                .isZero();

        List<JsonObject> history = rt.get(
                        "ticket/" + id + "/history?fields=Type,Creator&fields[Creator]=EmailAddress&per_page=100")
                .getJsonArray("items")
                .getValuesAs(JsonObject.class);
        assertThat(history)
                .filteredOn(transaction -> transaction.getString("Type").equals("Correspond"))
                .singleElement()
                .satisfies(transaction -> assertThat(
                                transaction.getJsonObject("Creator").getString("EmailAddress"))
                        .isEqualTo("stranger@elsewhere.example"));
    }

    @Test
    void theSetupScriptChangesNothingTheSecondTime() throws Exception {
        String before = sha256(rt.databaseFile());
        String output = rt.setup("--user", rt.user(), "--password", rt.password());
        assertThat(output.lines().filter(line -> !line.startsWith("[")))
                .isNotEmpty()
                .allMatch(line -> line.startsWith("exists: "), "only 'exists:' lines");
        assertThat(sha256(rt.databaseFile())).isEqualTo(before);
    }

    private static HttpResponse<String> asApplication(String method, String path, JsonObject body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(rt.url().resolve("REST/2.0/" + path))
                        .header("Authorization", "token " + rt.token())
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String created(JsonValue answer) {
        return answer.asJsonObject().getString("id");
    }

    private static JsonObject read(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static String rtName(Lifecycle lifecycle) {
        return lifecycle.name().toLowerCase(Locale.ROOT);
    }

    private static Set<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString::getString).stream().collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> labels(List<Status> statuses) {
        return (statuses.isEmpty() ? EnumSet.noneOf(Status.class) : EnumSet.copyOf(statuses))
                .stream().map(Status::label).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String sha256(java.nio.file.Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
