package org.csirtdesk.incident.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.csirtdesk.incident.boundary.IncidentSteps.advance;
import static org.csirtdesk.incident.boundary.IncidentSteps.now;
import static org.csirtdesk.incident.boundary.IncidentSteps.only;
import static org.csirtdesk.incident.boundary.IncidentSteps.strings;
import static org.csirtdesk.incident.boundary.IncidentSteps.values;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.Api.Answer;
import org.csirtdesk.support.Deployments;
import org.csirtdesk.support.Scenario;
import org.csirtdesk.support.TestDatabase;
import org.csirtdesk.support.TestUsers;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A security incident of SEC01 through the running application, driven by the exercise clock: reports triaged
 * (rejected, a new incident, linked by shared indicators), tags taken by many triages at once, the coordinator and
 * the stalled incident, the announcement, updates and TLP:RED, an affected site, the export of the indicators, and
 * the closure. The steps share the incident and run in order, as time does.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IncidentIT {

    static final String ADMIN = "admin";
    static final String PASSWORD = "a password of the incident IT";
    static final ZoneId CSIRT_ZONE = ZoneId.of("Europe/Amsterdam");
    static final List<String> LISTS =
            List.of("site-security-contacts@mailman.egi.eu", "ngi-security-contacts@mailman.egi.eu", "csirt@egi.eu");
    static final String ATTACKER = "198.51.100.7";
    static final String LOADER = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final int CONCURRENT = 12;

    /** What the earlier steps learnt. */
    private LocalDate day;

    private long incident;
    private String tag;

    @ArquillianResource
    URL deployment;

    private Api anonymous;
    private Api csirt;
    private Api coordinator;
    private Api omb;

    @Deployment(testable = false)
    static WebArchive application() throws SQLException {
        TestDatabase.freshApplicationDatabase();
        return Deployments.war(Map.ofEntries(
                Map.entry("csirt.site.registry", "embedded"),
                Map.entry("exercise.mode", "true"),
                Map.entry("csirt.incidents.stalled-check", "PT1S"),
                Map.entry("csirt.security.initial-admin", ADMIN + ":" + PASSWORD)));
    }

    @BeforeEach
    void clients() {
        anonymous = new Api(deployment);
        Api admin = anonymous.as(ADMIN, PASSWORD);
        TestUsers.namedAfterRoles(admin, PASSWORD, List.of("csirt", "coordinator", "omb"), role -> role + "-user");
        csirt = anonymous.as("csirt-user", PASSWORD);
        coordinator = anonymous.as("coordinator-user", PASSWORD);
        omb = anonymous.as("omb-user", PASSWORD);
    }

    @TestFactory
    @DisplayName("SEC01: one incident from the triage of its reports to its closure, step by step")
    Stream<DynamicTest> oneIncidentThroughTheProcedure() {
        return new Scenario()
                .step(
                        "SEC01-tag, SEC01-related: a report is rejected, another opens EGI-YYYYMMDD-01, a third is linked to it by shared indicators",
                        this::triage)
                .step(
                        "SEC01-tag: " + CONCURRENT
                                + " reports triaged into new incidents at the same moment get distinct tags, 02 to "
                                + (CONCURRENT + 1) + ", without a gap",
                        this::tagsUnderConcurrency)
                .step(
                        "SEC01-coordinator: the coordinator is appointed with a reason; a quiet incident is stalled and its coordinator told once per stall",
                        this::coordinatorAndStall)
                .step(
                        "SEC01-announce, SEC01-tlp: the announcement and updates go to the three lists with the indicators; TLP:RED only to named recipients",
                        this::announcementsAndTlp)
                .step(
                        "An affected site gets its Investigation under the incident, addressed to its contacts from GOCDB",
                        this::affectedSite)
                .step(
                        "IoC export: the incident's indicators as CSV and as a STIX 2.1 bundle with its TLP; added and removed by hand",
                        this::iocExport)
                .step(
                        "SEC01-announce, SEC01-tlp: the closure report goes to the lists, is kept with its attachment, and resolves the incident",
                        this::closure)
                .step(
                        "SEC01-coordinator: the list's stalled filter counts toward its size only incidents that match, "
                                + "however many newer ones do not",
                        this::stalledFilterBeforeTheLimit)
                .steps();
    }

    private void triage() {
        // A quiet morning tomorrow, so that the day cannot turn while the tags are taken.
        Instant morning = LocalDate.now(CSIRT_ZONE)
                .plusDays(1)
                .atTime(LocalTime.of(10, 0))
                .atZone(CSIRT_ZONE)
                .toInstant();
        assertThat(csirt.post("api/exercise/clock", "{\"to\": \"" + morning + "\"}")
                        .status())
                .isEqualTo(200);
        day = LocalDate.ofInstant(morning, CSIRT_ZONE);

        long spam = report("Cheap watches", "Buy now at https://watches.example.com");
        assertThat(anonymous.get("api/incident-reports/" + spam + "/triage").status())
                .isEqualTo(401);
        assertThat(omb.get("api/incident-reports/" + spam + "/triage").status()).isEqualTo(403);
        Answer noReason = csirt.post("api/incident-reports/" + spam + "/triage", "{\"decision\": \"reject\"}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");
        Answer rejected = csirt.post(
                "api/incident-reports/" + spam + "/triage", "{\"decision\": \"reject\", \"reason\": \"spam\"}");
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().getString("reportStatus")).isEqualTo("rejected");
        assertThat(csirt.post(
                                "api/incident-reports/" + spam + "/triage",
                                "{\"decision\": \"reject\", \"reason\": \"spam\"}")
                        .status())
                .isEqualTo(409);

        long first = report(
                "Compromised UI at SITE-A",
                "Dear CSIRT, ui01.site-a.org was entered over SSH from " + ATTACKER
                        + "; the attacker fetched http://evil-c2.net/l.sh, sha256 " + LOADER
                        + ", and used CVE-2024-1086.");
        JsonObject triage =
                csirt.get("api/incident-reports/" + first + "/triage").json();
        assertThat(triage.getBoolean("triageable")).isTrue();
        assertThat(values(triage.getJsonArray("indicators")))
                .contains(ATTACKER, "evil-c2.net", LOADER, "CVE-2024-1086");
        assertThat(values(csirt.get("api/tickets/" + first + "/indicators").array()))
                .isEqualTo(values(triage.getJsonArray("indicators")));
        assertThat(triage.getJsonArray("decisions").stream()
                        .map(d -> d.asJsonObject().getString("decision"))
                        .toList())
                .containsExactly("reject", "link", "new");
        Answer opened = csirt.post(
                "api/incident-reports/" + first + "/triage",
                "{\"decision\": \"new\", "
                        + "\"title\": \"SSH intrusion and rootkit\", \"coordinator\": \"coordinator-user\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(200);
        JsonObject created = opened.json().getJsonObject("incident");
        incident = created.getJsonNumber("id").longValue();
        tag = created.getString("tag");
        assertThat(tag).isEqualTo("EGI-" + DateTimeFormatter.BASIC_ISO_DATE.format(day) + "-01");
        assertThat(created.getString("subject")).isEqualTo("[" + tag + "] SSH intrusion and rootkit");
        assertThat(created.getString("coordinator")).isEqualTo("coordinator-user");
        assertThat(opened.json().getString("reportStatus")).isEqualTo("open");
        assertThat(values(csirt.get("api/tickets/" + incident + "/indicators").array()))
                .contains(ATTACKER, LOADER);

        long second = report(
                "Odd logins at SITE-B",
                "We saw logins from 198.51.100[.]7 to ce.site-b.org, and a download "
                        + "from hxxp://evil-c2[.]net/l.sh. Also 203.0.113.50.");
        JsonArray related =
                coordinator.get("api/incident-reports/" + second + "/related").array();
        assertThat(related).isNotEmpty();
        assertThat(related.getJsonObject(0).getJsonNumber("incident").longValue())
                .isEqualTo(incident);
        assertThat(related.getJsonObject(0).getString("tag")).isEqualTo(tag);
        assertThat(values(related.getJsonObject(0).getJsonArray("shared")))
                .containsExactlyInAnyOrder(ATTACKER, "evil-c2.net", "http://evil-c2.net/l.sh");
        assertThat(csirt.post(
                                "api/incident-reports/" + second + "/triage",
                                "{\"decision\": \"link\", \"reason\": \"same attacker\"}")
                        .body())
                .contains("incident");
        Answer linked = csirt.post(
                "api/incident-reports/" + second + "/triage",
                "{\"decision\": \"link\", \"incident\": " + incident + ", \"reason\": \"same attacking IP and C2\"}");
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        assertThat(values(linked.json().getJsonArray("shared"))).contains(ATTACKER);
        assertThat(csirt.get("api/tickets/" + second + "/history").body())
                .contains("same attacking IP and C2", "shared indicators", ATTACKER);
        assertThat(values(csirt.get("api/tickets/" + incident + "/indicators").array()))
                .contains("203.0.113.50");
        assertThat(csirt.get("api/incidents/" + incident)
                        .json()
                        .getJsonArray("reports")
                        .getJsonNumber(1)
                        .longValue())
                .isEqualTo(second);

        long quoting =
                report("Re: " + tag.toLowerCase(java.util.Locale.ROOT) + " our logs", "Here are our logs, as asked.");
        JsonArray quoted =
                csirt.get("api/incident-reports/" + quoting + "/triage").json().getJsonArray("quoted");
        assertThat(quoted).hasSize(1);
        assertThat(quoted.getJsonObject(0).getString("tag")).isEqualTo(tag);
    }

    private void tagsUnderConcurrency() throws Exception {
        List<Long> reports = IntStream.range(0, CONCURRENT)
                .mapToObj(i -> report("Report " + i, "host" + i + ".site.org"))
                .toList();
        ExecutorService threads = Executors.newFixedThreadPool(CONCURRENT);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (long report : reports) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return csirt.post("api/incident-reports/" + report + "/triage", "{\"decision\": \"new\"}");
                }));
            }
            start.countDown();
            List<String> tags = new ArrayList<>();
            for (Future<Answer> answer : answers) {
                Answer done = answer.get();
                assertThat(done.status()).as(done.body()).isEqualTo(200);
                tags.add(done.json().getJsonObject("incident").getString("tag"));
            }
            String prefix = "EGI-" + DateTimeFormatter.BASIC_ISO_DATE.format(day) + "-";
            assertThat(tags).doesNotHaveDuplicates().allMatch(t -> t.startsWith(prefix));
            assertThat(tags.stream()
                            .map(t -> Integer.parseInt(t.substring(prefix.length())))
                            .sorted()
                            .toList())
                    .isEqualTo(IntStream.rangeClosed(2, CONCURRENT + 1).boxed().toList());
        } finally {
            threads.shutdownNow();
        }
    }

    private void coordinatorAndStall() {
        Answer notStaff = csirt.send(
                "PUT",
                "api/incidents/" + incident + "/coordinator",
                "application/json",
                "{\"coordinator\": \"omb-user\", \"reason\": \"holiday\"}",
                Map.of());
        assertThat(notStaff.status()).isEqualTo(400);
        assertThat(notStaff.body()).contains("coordinator", "neither the role csirt nor coordinator");
        Answer appointed = csirt.send(
                "PUT",
                "api/incidents/" + incident + "/coordinator",
                "application/json",
                "{\"coordinator\": \"csirt-user\", \"reason\": \"coordinator-user is on leave\"}",
                Map.of());
        assertThat(appointed.status()).as(appointed.body()).isEqualTo(200);
        assertThat(appointed.json().getString("coordinator")).isEqualTo("csirt-user");
        assertThat(appointed.json().getBoolean("stalled")).isFalse();
        assertThat(csirt.get("api/tickets/" + incident + "/history").body()).contains("coordinator-user is on leave");

        advance(csirt, "P2DT1H");
        JsonObject stalled =
                csirt.await("api/incidents/" + incident, view -> view.getBoolean("stalled"), Duration.ofSeconds(10));
        assertThat(Instant.parse(stalled.getString("stalledSince")))
                .isEqualTo(Instant.parse(stalled.getString("lastActivityAt")).plus(Duration.ofDays(2)));
        csirt.awaitOutbox(incident, "sec01-stalled", 1);
        Api.pause(Duration.ofSeconds(3));
        JsonObject letter = only(csirt.outbox(incident, "sec01-stalled"));
        assertThat(strings(letter, "to")).containsExactly("csirt@csirt.example");
        assertThat(letter.getString("subject")).contains(tag, "Stalled");
        assertThat(csirt.get("api/incidents?stalled=true").array().stream()
                        .map(v -> v.asJsonObject().getString("tag")))
                .contains(tag);

        assertThat(csirt.post("api/tickets/" + incident + "/comments", "{\"content\": \"Asked SITE-A for news.\"}")
                        .status())
                .isEqualTo(200);
        assertThat(csirt.get("api/incidents/" + incident).json().getBoolean("stalled"))
                .isFalse();
        advance(csirt, "P2DT1H");
        csirt.await("api/incidents/" + incident, view -> view.getBoolean("stalled"), Duration.ofSeconds(10));
        csirt.awaitOutbox(incident, "sec01-stalled", 2);
    }

    private void announcementsAndTlp() {
        Answer announced = csirt.post(
                "api/incidents/" + incident + "/announcements",
                "{\"kind\": \"announcement\", "
                        + "\"text\": \"Two sites were entered over SSH; a rootkit was installed.\"}");
        assertThat(announced.status()).as(announced.body()).isEqualTo(200);
        JsonObject letter = only(csirt.outbox(incident, "sec01-announcement"));
        assertThat(strings(letter, "to")).containsExactlyInAnyOrderElementsOf(LISTS);
        assertThat(letter.getString("tlp")).isEqualTo("AMBER");
        assertThat(letter.getString("subject")).contains("[" + tag + "]", "TLP:AMBER");
        assertThat(letter.getString("body")).contains(tag, "Two sites were entered", ATTACKER, LOADER, "4 hours");
        assertThat(csirt.post(
                                "api/incidents/" + incident + "/announcements",
                                "{\"kind\": \"announcement\", \"text\": \"x\"}")
                        .status())
                .isEqualTo(409);

        Answer redToLists = csirt.post(
                "api/incidents/" + incident + "/announcements",
                "{\"kind\": \"update\", " + "\"text\": \"The account used was alice@site-a.\", \"tlp\": \"RED\"}");
        assertThat(redToLists.status()).isEqualTo(409);
        assertThat(redToLists.contentType()).startsWith("application/problem+json");
        assertThat(redToLists.body()).contains("TLP:RED", "named recipients", "to");
        Answer redNamingAList = csirt.post(
                "api/incidents/" + incident + "/announcements",
                "{\"kind\": \"update\", "
                        + "\"text\": \"The account used was alice@site-a.\", \"tlp\": \"RED\", \"to\": [\"csirt@egi.eu\", \"sec@site-a.org\"]}");
        assertThat(redNamingAList.status()).isEqualTo(409);
        assertThat(redNamingAList.body()).contains("csirt@egi.eu");
        assertThat(csirt.outbox(incident, "sec01-update")).isEmpty();
        Answer redNamed = csirt.post(
                "api/incidents/" + incident + "/announcements",
                "{\"kind\": \"update\", "
                        + "\"text\": \"The account used was alice@site-a.\", \"tlp\": \"RED\", \"to\": [\"sec@site-a.org\"]}");
        assertThat(redNamed.status()).as(redNamed.body()).isEqualTo(200);
        Answer update = csirt.post(
                "api/incidents/" + incident + "/announcements",
                "{\"kind\": \"update\", " + "\"text\": \"A third site found the loader.\", \"indicators\": false}");
        assertThat(update.status()).as(update.body()).isEqualTo(200);
        List<JsonObject> updates = csirt.outbox(incident, "sec01-update");
        assertThat(updates).hasSize(2);
        JsonObject red = updates.stream()
                .filter(m -> m.getString("tlp").equals("RED"))
                .findFirst()
                .orElseThrow();
        assertThat(strings(red, "to")).containsExactly("sec@site-a.org");
        JsonObject amber = updates.stream()
                .filter(m -> m.getString("tlp").equals("AMBER"))
                .findFirst()
                .orElseThrow();
        assertThat(strings(amber, "to")).containsExactlyInAnyOrderElementsOf(LISTS);
        assertThat(amber.getString("subject")).contains("Update 2");
        assertThat(amber.getString("body")).doesNotContain(LOADER);
    }

    private void affectedSite() {
        Answer refresh = csirt.post("api/sites/refresh", "");
        assertThat(refresh.status()).as(refresh.body()).isIn(200, 409);
        csirt.await("api/sites/PtujRPC", site -> site.containsKey("name"), Duration.ofSeconds(60));
        Answer added = csirt.post(
                "api/incidents/" + incident + "/sites",
                "{\"site\": \"PtujRPC\", " + "\"discoveredAt\": \"" + now(csirt).minus(Duration.ofHours(3))
                        + "\", \"reason\": \"loader found on ui.ptujrpc.si\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        long investigation = added.json().getJsonNumber("investigation").longValue();
        JsonObject ticket = csirt.get("api/tickets/" + investigation).json();
        assertThat(ticket.getString("queue")).isEqualTo("investigations");
        assertThat(ticket.getString("site")).isEqualTo("PtujRPC");
        assertThat(ticket.getString("subject")).startsWith(tag);
        assertThat(ticket.getJsonArray("requestors")).isNotEmpty();
        assertThat(ticket.toString()).contains(String.valueOf(incident));
        assertThat(csirt.post("api/incidents/" + incident + "/sites", "{\"site\": \"PtujRPC\"}")
                        .status())
                .isEqualTo(409);
        Answer unknown = csirt.post("api/incidents/" + incident + "/sites", "{\"site\": \"Atlantis\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("site", "registry");
        assertThat(csirt.get("api/incidents/" + incident)
                        .json()
                        .getJsonArray("affectedSites")
                        .getJsonObject(0)
                        .getString("site"))
                .isEqualTo("PtujRPC");
    }

    private void iocExport() {
        Answer added = csirt.post(
                "api/tickets/" + incident + "/indicators",
                "{\"type\": \"md5\", "
                        + "\"value\": \"D41D8CD98F00B204E9800998ECF8427E\", \"note\": \"the rootkit's module\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(added.json().getString("value")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        Answer invalid =
                csirt.post("api/tickets/" + incident + "/indicators", "{\"type\": \"ipv4\", \"value\": \"300.1.1.1\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("value");
        Answer plain = csirt.post(
                "api/tickets",
                Json.createObjectBuilder()
                        .add("queue", "incidents")
                        .add("subject", "An Incidents ticket outside SEC01")
                        .add("content", "Seen from " + ATTACKER)
                        .build()
                        .toString());
        assertThat(plain.status()).as(plain.body()).isEqualTo(201);
        long notSec01 = plain.json().getJsonNumber("id").longValue();
        Answer refused = csirt.post(
                "api/tickets/" + notSec01 + "/indicators",
                "{\"type\": \"md5\", " + "\"value\": \"D41D8CD98F00B204E9800998ECF8427E\"}");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.body()).contains("indicators are kept for Incident Reports and SEC01 incidents");
        assertThat(csirt.get("api/tickets/" + notSec01 + "/indicators").status())
                .isEqualTo(404);
        long other = csirt.get("api/tickets/" + incident + "/indicators").array().stream()
                .map(JsonValue::asJsonObject)
                .filter(i -> i.getString("value").equals("203.0.113.50"))
                .findFirst()
                .orElseThrow()
                .getJsonNumber("id")
                .longValue();
        assertThat(csirt.delete("api/tickets/" + incident + "/indicators/" + other + "?reason=a%20scanner")
                        .status())
                .isEqualTo(200);

        Answer csv = csirt.get("api/incidents/" + incident + "/indicators.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body())
                .startsWith("incident,type,value,tlp,added_at,source")
                .contains(tag + ",ipv4," + ATTACKER + ",TLP:AMBER", "md5,d41d8cd98f00b204e9800998ecf8427e")
                .doesNotContain("203.0.113.50");
        Answer stix = csirt.get("api/incidents/" + incident + "/indicators.stix.json");
        assertThat(stix.status()).isEqualTo(200);
        assertThat(stix.contentType()).startsWith("application/stix+json");
        JsonObject bundle = stix.json();
        assertThat(bundle.getString("type")).isEqualTo("bundle");
        List<JsonObject> objects = bundle.getJsonArray("objects").stream()
                .map(JsonValue::asJsonObject)
                .toList();
        assertThat(objects).anySatisfy(o -> assertThat(o.getString("pattern", ""))
                .isEqualTo("[ipv4-addr:value = '" + ATTACKER + "']"));
        assertThat(objects).anySatisfy(o -> assertThat(o.getString("id"))
                .isEqualTo("marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"));
        assertThat(objects).anySatisfy(o -> assertThat(o.getString("type")).isEqualTo("vulnerability"));
        assertThat(stix.body()).doesNotContain("203.0.113.50");
    }

    private void closure() {
        Answer red =
                csirt.post("api/incidents/" + incident + "/closure", "{\"report\": \"Closed.\", \"tlp\": \"RED\"}");
        assertThat(red.status()).isEqualTo(409);
        assertThat(red.body()).contains("TLP:RED");
        String file = Base64.getEncoder().encodeToString("SITE-A's own report".getBytes(StandardCharsets.UTF_8));
        Answer closed = csirt.post(
                "api/incidents/" + incident + "/closure",
                Json.createObjectBuilder()
                        .add("report", "Root cause: a stolen SSH key. Lessons learnt: rotate keys.")
                        .add(
                                "attachment",
                                Json.createObjectBuilder()
                                        .add("filename", "site-a.txt")
                                        .add("contentType", "text/plain")
                                        .add("content", file))
                        .build()
                        .toString());
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        JsonObject letter = only(csirt.outbox(incident, "sec01-closure"));
        assertThat(strings(letter, "to")).containsExactlyInAnyOrderElementsOf(LISTS);
        assertThat(letter.getString("subject")).contains(tag, "Closure report");
        assertThat(letter.getString("body")).contains("stolen SSH key", "site-a.txt");
        JsonObject view = csirt.get("api/incidents/" + incident).json();
        assertThat(view.getString("status")).isEqualTo("resolved");
        long investigation = view.getJsonArray("affectedSites")
                .getJsonObject(0)
                .getJsonNumber("investigation")
                .longValue();
        assertThat(csirt.get("api/tickets/" + investigation).json().getString("status"))
                .isEqualTo("resolved");
        JsonObject kept =
                csirt.get("api/incidents/" + incident + "/closures").array().getJsonObject(0);
        assertThat(kept.getString("report")).contains("stolen SSH key");
        Answer attachment = csirt.get(kept.getString("attachmentUrl").substring(1));
        assertThat(attachment.status()).isEqualTo(200);
        assertThat(attachment.body()).isEqualTo("SITE-A's own report");
        assertThat(csirt.get("api/tickets/" + incident + "/history").body()).contains("Lessons learnt");
        assertThat(csirt.post("api/incidents/" + incident + "/closure", "{\"report\": \"again\"}")
                        .status())
                .isEqualTo(409);
    }

    private void stalledFilterBeforeTheLimit() {
        List<Long> quiet = List.of(open("Quiet incident 1"), open("Quiet incident 2"));
        advance(csirt, "P2DT1H");
        List<Long> fresh = List.of(open("Fresh incident 1"), open("Fresh incident 2"), open("Fresh incident 3"));

        JsonArray stalled = csirt.get("api/incidents?stalled=true&size=2").array();
        assertThat(stalled.stream()
                        .map(v -> v.asJsonObject().getJsonNumber("id").longValue()))
                .containsExactly(quiet.get(1), quiet.get(0));
        assertThat(stalled.stream().map(v -> v.asJsonObject().getBoolean("stalled")))
                .containsOnly(true);
        JsonArray notStalled = csirt.get("api/incidents?stalled=false&size=3").array();
        assertThat(notStalled.stream()
                        .map(v -> v.asJsonObject().getJsonNumber("id").longValue()))
                .containsExactly(fresh.get(2), fresh.get(1), fresh.get(0));
    }

    private long open(String title) {
        Answer opened = csirt.post(
                "api/incidents",
                "{\"title\": \"" + title + "\", \"tlp\": \"AMBER\", " + "\"coordinator\": \"coordinator-user\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return opened.json().getJsonNumber("id").longValue();
    }

    private long report(String subject, String text) {
        Answer created = csirt.post(
                "api/tickets",
                Json.createObjectBuilder()
                        .add("queue", "incident-reports")
                        .add("subject", subject)
                        .add("content", text)
                        .build()
                        .toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().getJsonNumber("id").longValue();
    }
}
