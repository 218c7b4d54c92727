package org.csirtdesk.ticket.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.Api.Answer;
import org.csirtdesk.support.Deployments;
import org.csirtdesk.support.TestDatabase;
import org.csirtdesk.support.TestUsers;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ticket API end to end: the built WAR on Payara Micro against the real MariaDB, over HTTP. One class,
 * so one server start (each Arquillian class starts its own JVM).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TicketApiIT {

    private static final String PROBLEM = "application/problem+json";

    @ArquillianResource
    URL deployment;

    private Api api;

    /** The WAR the build made, on a freshly created database, with the tests' first admin. */
    @Deployment(testable = false)
    static WebArchive application() throws SQLException {
        TestDatabase.freshApplicationDatabase();
        return Deployments.war();
    }

    @BeforeEach
    void client() {
        api = TestUsers.everyRole(new Api(deployment));
        Api admin = new Api(deployment).as(TestUsers.ADMIN, TestUsers.PASSWORD);
        TestUsers.add(admin, "alice", TestUsers.PASSWORD, List.of("csirt"), null);
        TestUsers.add(admin, "bob", TestUsers.PASSWORD, List.of("coordinator"), null);
    }

    private JsonObject create(String json) {
        Answer answer = api.post("api/tickets", json);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json();
    }

    private JsonObject incident(String subject) {
        return create("{\"queue\": \"incidents\", \"subject\": \"" + subject + "\"}");
    }

    private JsonObject child(String queue, long incident, String site) {
        return create("{\"queue\": \"" + queue + "\", \"subject\": \"child\", \"incident\": " + incident
                + ", \"site\": \"" + site + "\"}");
    }

    private JsonObject read(long id) {
        return api.get("api/tickets/" + id).json();
    }

    private Answer status(long id, String status) {
        return api.post("api/tickets/" + id + "/status", "{\"status\": \"" + status + "\", \"reason\": \"test\"}");
    }

    private static void assertProblem(Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith(PROBLEM);
        JsonObject problem = answer.json();
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).isNotBlank();
        if (field != null) {
            assertThat(problem.getJsonArray("errors").getValuesAs(JsonObject.class))
                    .extracting(error -> error.getString("field"))
                    .contains(field);
        }
    }

    @Test
    void theClockCannotBeMovedOutsideExerciseMode() {
        Answer refused = api.post("api/exercise/clock", "{\"advanceBy\": \"P1D\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.json().getString("detail")).contains("EXERCISE_MODE=true");
        assertThat(api.get("api/exercise/clock").json().getBoolean("exerciseMode"))
                .isFalse();
    }

    @Test
    void createReadAndTheSubjectTag() {
        Answer created = api.post("api/tickets", """
                {"queue": "Incident Reports", "subject": "Suspicious logins", "requestors": ["Reporter@Site-A.example"],
                 "cc": ["ngi@ngi.example"], "due": "2026-12-01T12:00:00+01:00", "tlp": "TLP:WHITE", "site": "SITE-A",
                 "customFields": {"How Reported": "Email", "IP": "192.0.2.7"}, "content": "We see logins"}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonObject ticket = created.json();
        long id = ticket.getJsonNumber("id").longValue();
        assertThat(created.header("Location")).endsWith("/api/tickets/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        assertThat(ticket.getString("tag")).isEqualTo("[CSIRT #" + id + "]");
        assertThat(ticket.getString("queue")).isEqualTo("incident-reports");
        assertThat(ticket.getString("status")).isEqualTo("new");
        assertThat(ticket.getString("tlp")).isEqualTo("CLEAR");
        assertThat(ticket.getString("due")).isEqualTo("2026-12-01T11:00:00Z");
        assertThat(ticket.getJsonArray("requestors").getString(0)).isEqualTo("reporter@site-a.example");
        assertThat(ticket.getJsonObject("customFields").getString("How Reported"))
                .isEqualTo("Email");
        assertThat(ticket.getJsonArray("allowedStatuses").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString)
                .containsExactly("open", "resolved", "rejected");

        Answer again = api.get("api/tickets/" + id);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("ETag")).isEqualTo("\"0\"");
        assertThat(again.json().getString("subject")).isEqualTo("Suspicious logins");
        JsonObject first = api.get("api/tickets/" + id + "/history").array().getJsonObject(0);
        assertThat(first.getString("type")).isEqualTo("create");
        assertThat(first.getString("content")).isEqualTo("We see logins");
        assertThat(first.getString("actor")).isEqualTo(TestUsers.EVERY_ROLE);
    }

    @Test
    void updateNeedsTheCurrentETagAndRecordsEachField() {
        long id = incident("to update").getJsonNumber("id").longValue();
        assertProblem(api.patch("api/tickets/" + id, "{\"owner\": \"alice\"}", null), 428, null);
        assertProblem(api.patch("api/tickets/" + id, "{\"owner\": \"alice\"}", "\"7\""), 412, null);

        Answer updated = api.patch("api/tickets/" + id, """
                {"owner": "alice", "tlp": "red", "cc": ["noc@ngi.example"], "customFields": {"Description": "kernel"}}""", "\"0\"");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.header("ETag")).isEqualTo("\"1\"");
        assertThat(updated.json().getString("owner")).isEqualTo("alice");
        assertProblem(api.patch("api/tickets/" + id, "{\"owner\": \"bob\"}", "\"0\""), 412, null);

        Answer cleared =
                api.patch("api/tickets/" + id, "{\"owner\": null, \"customFields\": {\"Description\": null}}", "\"1\"");
        assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
        assertThat(cleared.json().containsKey("owner")).isFalse();
        assertThat(cleared.json().getJsonObject("customFields")).isEmpty();

        List<JsonObject> history =
                api.get("api/tickets/" + id + "/history").array().getValuesAs(JsonObject.class);
        assertThat(history)
                .extracting(h -> h.getString("type") + ":" + h.getString("field", "") + ":"
                        + h.getString("oldValue", "") + "->" + h.getString("newValue", ""))
                .containsExactly(
                        "create::->",
                        "owner:owner:->alice",
                        "field:tlp:AMBER->RED",
                        "field:cc:->noc@ngi.example",
                        "field:cf.Description:->kernel",
                        "owner:owner:alice->",
                        "field:cf.Description:kernel->");
    }

    @Test
    void anOwnerIsAnEnabledUserWhoWorksTickets() {
        Api admin = new Api(deployment).as(TestUsers.ADMIN, TestUsers.PASSWORD);
        TestUsers.add(admin, "omb-only", TestUsers.PASSWORD, List.of("omb"), null);
        TestUsers.add(admin, "gone", TestUsers.PASSWORD, List.of("csirt"), null);
        assertThat(admin.patch("api/users/gone", "{\"enabled\": false}", null).status())
                .isEqualTo(200);
        long id = incident("to own").getJsonNumber("id").longValue();

        Answer unknown = api.patch("api/tickets/" + id, "{\"owner\": \"duty@csirt.example\"}", "\"0\"");
        assertProblem(unknown, 400, "owner");
        assertThat(unknown.body()).contains("not a user");
        Answer noTicketRole = api.patch("api/tickets/" + id, "{\"owner\": \"omb-only\"}", "\"0\"");
        assertProblem(noTicketRole, 400, "owner");
        assertThat(noTicketRole.body()).contains("neither role csirt nor coordinator");
        Answer disabled = api.patch("api/tickets/" + id, "{\"owner\": \"gone\"}", "\"0\"");
        assertProblem(disabled, 400, "owner");
        assertThat(disabled.body()).contains("disabled");
        assertProblem(
                api.post("api/tickets", "{\"queue\": \"incidents\", \"subject\": \"x\", \"owner\": \"nobody\"}"),
                400,
                "owner");
        assertThat(read(id).containsKey("owner")).as("nothing stored").isFalse();

        Answer given = api.patch("api/tickets/" + id, "{\"owner\": \"bob\"}", "\"0\"");
        assertThat(given.status()).as(given.body()).isEqualTo(200);
        assertThat(given.json().getString("owner")).isEqualTo("bob");
        Answer cleared = api.patch("api/tickets/" + id, "{\"owner\": \"\"}", "\"1\"");
        assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
        assertThat(cleared.json().containsKey("owner")).isFalse();
        assertThat(create("{\"queue\": \"incidents\", \"subject\": \"owned\", \"owner\": \"alice\"}")
                        .getString("owner"))
                .isEqualTo("alice");

        List<JsonObject> owners = api.get("api/users/owners").array().getValuesAs(JsonObject.class);
        assertThat(owners)
                .extracting(owner -> owner.getString("name"))
                .contains("alice", "bob", TestUsers.EVERY_ROLE)
                .doesNotContain("omb-only", "gone", TestUsers.ADMIN);
        assertThat(owners.get(0).containsKey("email")).isFalse();
    }

    @Test
    @DisplayName("a bulk change reaches every ticket or none; a refusal names each ticket that cannot take it")
    void bulkChangesEveryTicketOrNone() {
        long incident = incident("bulk").getJsonNumber("id").longValue();
        long first =
                child("investigations", incident, "SITE-A").getJsonNumber("id").longValue();
        long second =
                child("investigations", incident, "SITE-B").getJsonNumber("id").longValue();
        long countermeasure =
                child("countermeasures", incident, "SITE-B").getJsonNumber("id").longValue();

        Answer refused = api.post("api/tickets/bulk", """
                {"ids": [%d, %d, %d], "owner": "alice", "status": "resolved", "reason": "patched",
                 "comment": "closed together"}""".formatted(first, second, countermeasure));
        assertProblem(refused, 409, "ids[2]");
        assertThat(refused.json().getString("detail")).contains("nothing was changed");
        assertThat(refused.body()).contains("#" + countermeasure).contains("pending activation");
        assertThat(read(first).getString("status")).as("nothing changed").isEqualTo("open");
        assertThat(read(first).containsKey("owner")).isFalse();
        assertThat(api.get("api/tickets/" + first + "/history").array()).hasSize(2);

        assertProblem(
                api.post("api/tickets/bulk", "{\"ids\": [%d, 999999], \"comment\": \"x\"}".formatted(first)),
                400,
                "ids[1]");
        assertProblem(api.post("api/tickets/bulk", "{\"ids\": [], \"comment\": \"x\"}"), 400, "ids");
        assertProblem(
                api.post(
                        "api/tickets/bulk",
                        "{\"ids\": "
                                + java.util.stream.LongStream.rangeClosed(1, 201)
                                        .boxed()
                                        .toList() + ", \"comment\": \"x\"}"),
                400,
                "ids");
        assertProblem(
                api.post("api/tickets/bulk", "{\"ids\": [%d], \"status\": \"resolved\"}".formatted(first)),
                400,
                "reason");
        assertProblem(api.post("api/tickets/bulk", "{\"ids\": [%d]}".formatted(first)), 400, "owner");
        assertProblem(
                api.post("api/tickets/bulk", "{\"ids\": [%d], \"owner\": \"nobody-here\"}".formatted(first)),
                400,
                "owner");
        assertProblem(
                api.post(
                        "api/tickets/bulk",
                        "{\"ids\": [%d], \"status\": \"gone\", \"reason\": \"x\"}".formatted(first)),
                400,
                "status");

        Answer changed = api.post("api/tickets/bulk", """
                {"ids": [%d, %d, %d], "owner": "alice", "status": "resolved", "reason": "patched",
                 "comment": "closed together"}""".formatted(second, first, second));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().getInt("count")).isEqualTo(2);
        assertThat(changed.json().getJsonArray("tickets").getValuesAs(JsonObject.class))
                .extracting(t ->
                        t.getJsonNumber("id").longValue() + ":" + t.getString("status") + ":" + t.getString("owner"))
                .containsExactly(second + ":resolved:alice", first + ":resolved:alice");
        assertThat(api.get("api/tickets/" + first + "/history").array().getValuesAs(JsonObject.class))
                .extracting(h -> h.getString("type") + ":" + h.getString("newValue", h.getString("content", "")))
                .containsSubsequence("owner:alice", "status:resolved", "comment:closed together");

        Answer released = api.post("api/tickets/bulk", "{\"ids\": [%d, %d], \"owner\": \"\"}".formatted(first, second));
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        assertThat(read(second).containsKey("owner")).isFalse();
    }

    @Test
    void takeOnlyWhatNobodyOwnsAndStealOnPurpose() {
        Api alice = new Api(deployment).as("alice", TestUsers.PASSWORD);
        long id = incident("to take").getJsonNumber("id").longValue();

        Answer taken = alice.send("POST", "api/tickets/" + id + "/take", null, null, Map.of());
        assertThat(taken.status()).as(taken.body()).isEqualTo(200);
        assertThat(taken.json().getString("owner")).isEqualTo("alice");
        assertThat(alice.send("POST", "api/tickets/" + id + "/take", null, null, Map.of())
                        .status())
                .as("taking one's own ticket again changes nothing")
                .isEqualTo(200);

        Answer refused = api.send("POST", "api/tickets/" + id + "/take", null, null, Map.of());
        assertProblem(refused, 409, "owner");
        assertThat(refused.body()).contains("owned by alice").contains("steal");
        assertThat(read(id).getString("owner")).isEqualTo("alice");

        assertProblem(
                api.send("POST", "api/tickets/" + id + "/steal", null, null, Map.of("If-Match", "\"0\"")), 412, null);
        Answer stolen = api.send("POST", "api/tickets/" + id + "/steal", null, null, Map.of("If-Match", "\"1\""));
        assertThat(stolen.status()).as(stolen.body()).isEqualTo(200);
        assertThat(stolen.json().getString("owner")).isEqualTo(TestUsers.EVERY_ROLE);

        assertThat(api.get("api/tickets/" + id + "/history").array().getValuesAs(JsonObject.class))
                .extracting(h -> h.getString("type") + ":" + h.getString("actor") + ":" + h.getString("oldValue", "")
                        + "->" + h.getString("newValue", ""))
                .containsExactly(
                        "create:" + TestUsers.EVERY_ROLE + ":->",
                        "owner:alice:->alice",
                        "owner:" + TestUsers.EVERY_ROLE + ":alice->" + TestUsers.EVERY_ROLE);
    }

    @Test
    void badInputGetsAProblemNamingTheFieldAndStoresNothing() {
        long before =
                api.get("api/tickets?size=1").json().getJsonNumber("total").longValue();
        assertProblem(api.post("api/tickets", "{\"queue\": \"General\", \"subject\": \"x\"}"), 400, "queue");
        assertProblem(
                api.post("api/tickets", "{\"queue\": \"incidents\", \"subject\": \"x\", \"priority\": 1}"),
                400,
                "priority");
        assertProblem(api.post("api/tickets", "{\"queue\": \"incidents\", \"subject\": \"\"}"), 400, "subject");
        assertProblem(
                api.post("api/tickets", "{\"queue\": \"incidents\", \"subject\": \"x\", \"due\": \"tomorrow\"}"),
                400,
                "due");
        assertProblem(
                api.post("api/tickets", "{\"queue\": \"incidents\", \"subject\": \"x\", \"tlp\": \"PINK\"}"),
                400,
                "tlp");
        assertProblem(
                api.post(
                        "api/tickets",
                        "{\"queue\": \"incidents\", \"subject\": \"x\", \"requestors\": [\"a@b.example\", \"nobody\"]}"),
                400,
                "requestors[1]");
        assertProblem(
                api.post(
                        "api/tickets",
                        "{\"queue\": \"incidents\", \"subject\": \"x\", \"customFields\": {\"Colour\": \"red\"}}"),
                400,
                "customFields.Colour");
        assertProblem(
                api.post(
                        "api/tickets",
                        "{\"queue\": \"incidents\", \"subject\": \"x\", \"customFields\": {\"Resolution\": \"shrug\"}}"),
                400,
                "customFields.Resolution");
        assertProblem(api.post("api/tickets", "{\"queue\": \"incidents\", "), 400, null);
        assertProblem(api.post("api/tickets", "[1, 2]"), 400, null);
        assertProblem(api.post("api/tickets", ""), 400, null);
        assertProblem(api.send("POST", "api/tickets", "text/plain", "queue=incidents", Map.of()), 415, null);
        String huge = "{\"queue\": \"incidents\", \"subject\": \"x\", \"content\": \"" + "a".repeat(2_000_000) + "\"}";
        assertProblem(api.post("api/tickets", huge, Map.of("Expect", "100-continue")), 413, null);
        assertProblem(api.postChunked("api/tickets", huge), 413, null);
        assertProblem(api.patch("api/tickets/1", "{\"status\": \"resolved\"}", "*"), 400, "status");
        assertThat(api.get("api/tickets?size=1").json().getJsonNumber("total").longValue())
                .isEqualTo(before);
    }

    @Test
    void unknownThingsAreProblemsToo() {
        assertProblem(api.get("api/tickets/999999999"), 404, null);
        assertProblem(api.get("api/no-such-resource"), 404, null);
        assertProblem(api.get("api/queues/general"), 404, null);
        assertProblem(api.get("api/tickets?sort=priority"), 400, "sort");
        assertProblem(api.get("api/tickets?size=100000"), 400, null);
        assertProblem(api.get("api/tickets?dueBefore=soon"), 400, "dueBefore");
        assertProblem(api.delete("api/tickets/1"), 405, null);
    }

    @Test
    void anIllegalTransitionIsRefusedWithTheAllowedOnes() {
        long incident = incident("lifecycle").getJsonNumber("id").longValue();
        long investigation =
                child("investigations", incident, "SITE-L").getJsonNumber("id").longValue();
        Answer refused = status(investigation, "rejected");
        assertProblem(refused, 409, "status");
        assertThat(refused.json().getString("detail")).contains("'resolved'");
        long countermeasure =
                child("countermeasures", incident, "SITE-L").getJsonNumber("id").longValue();
        assertProblem(status(countermeasure, "pending removal"), 409, "status");
        assertThat(status(countermeasure, "active").json().getString("status")).isEqualTo("active");
        assertProblem(status(countermeasure, "resolved"), 409, "status");
        assertThat(read(countermeasure).getString("status")).isEqualTo("active");
    }

    @Test
    @DisplayName(
            "RT-IR: resolving an incident resolves its open children, a report still under another open incident excepted")
    void resolvingAnIncidentClosesItsChildren() {
        long incident = incident("to resolve").getJsonNumber("id").longValue();
        long other = incident("still open").getJsonNumber("id").longValue();
        long investigation =
                child("investigations", incident, "SITE-R").getJsonNumber("id").longValue();
        long countermeasure =
                child("countermeasures", incident, "SITE-R").getJsonNumber("id").longValue();
        status(countermeasure, "active");
        long report = child("incident-reports", incident, "SITE-R")
                .getJsonNumber("id")
                .longValue();
        long sharedReport = child("incident-reports", incident, "SITE-R")
                .getJsonNumber("id")
                .longValue();
        assertThat(api.post("api/tickets/" + sharedReport + "/links", "{\"incident\": " + other + "}")
                        .status())
                .isEqualTo(200);
        long alreadyResolved =
                child("investigations", incident, "SITE-R").getJsonNumber("id").longValue();
        status(alreadyResolved, "resolved");

        assertThat(status(incident, "resolved").status()).isEqualTo(200);
        assertThat(read(investigation).getString("status")).isEqualTo("resolved");
        assertThat(read(countermeasure).getString("status")).isEqualTo("removed");
        assertThat(read(report).getString("status")).isEqualTo("resolved");
        assertThat(read(sharedReport).getString("status")).isEqualTo("new");
        List<JsonObject> history =
                api.get("api/tickets/" + investigation + "/history").array().getValuesAs(JsonObject.class);
        assertThat(history.get(history.size() - 1).getString("content"))
                .isEqualTo("incident #" + incident + " was resolved");
    }

    @Test
    @DisplayName("RT-IR: reopening a child reopens its incident")
    void reopeningAChildReopensItsIncident() {
        long incident = incident("to reopen").getJsonNumber("id").longValue();
        long investigation =
                child("investigations", incident, "SITE-O").getJsonNumber("id").longValue();
        status(incident, "resolved");
        assertThat(read(investigation).getString("status")).isEqualTo("resolved");
        assertThat(status(investigation, "open").status()).isEqualTo(200);
        assertThat(read(incident).getString("status")).isEqualTo("open");
        List<JsonObject> history =
                api.get("api/tickets/" + incident + "/history").array().getValuesAs(JsonObject.class);
        assertThat(history.get(history.size() - 1).getString("content"))
                .isEqualTo("reopened because #" + investigation + " was reopened");
    }

    @Test
    @DisplayName("RT-IR link rules: reports to many incidents, investigations and countermeasures to exactly one")
    void linkRules() {
        long first = incident("first").getJsonNumber("id").longValue();
        long second = incident("second").getJsonNumber("id").longValue();
        assertProblem(
                api.post("api/tickets", "{\"queue\": \"investigations\", \"subject\": \"orphan\"}"), 400, "incident");
        assertProblem(
                api.post("api/tickets", "{\"queue\": \"countermeasures\", \"subject\": \"orphan\"}"), 400, "incident");

        long report = create("{\"queue\": \"incident-reports\", \"subject\": \"report\"}")
                .getJsonNumber("id")
                .longValue();
        assertProblem(
                api.post(
                        "api/tickets",
                        "{\"queue\": \"investigations\", \"subject\": \"x\", \"incident\": " + report + "}"),
                400,
                "incident");
        assertThat(api.post("api/tickets/" + report + "/links", "{\"incident\": " + first + "}")
                        .status())
                .isEqualTo(200);
        Answer both = api.post("api/tickets/" + report + "/links", "{\"incident\": " + second + "}");
        assertThat(both.json().getJsonArray("incidents").toString()).isEqualTo("[" + first + "," + second + "]");
        assertThat(api.delete("api/tickets/" + report + "/links/" + first)
                        .json()
                        .getJsonArray("incidents")
                        .toString())
                .isEqualTo("[" + second + "]");
        assertProblem(api.delete("api/tickets/" + report + "/links/" + first), 404, null);

        long investigation =
                child("investigations", first, "SITE-K").getJsonNumber("id").longValue();
        Answer moved = api.post("api/tickets/" + investigation + "/links", "{\"incident\": " + second + "}");
        assertThat(moved.json().getJsonArray("incidents").toString()).isEqualTo("[" + second + "]");
        assertProblem(api.delete("api/tickets/" + investigation + "/links/" + second), 409, "incident");
        assertProblem(api.post("api/tickets/" + first + "/links", "{\"incident\": " + second + "}"), 409, "incident");

        assertThat(api.get("api/tickets?incident=" + second + "&sort=id")
                        .json()
                        .getJsonArray("items")
                        .getValuesAs(JsonObject.class))
                .extracting(t -> t.getJsonNumber("id").longValue())
                .containsExactly(report, investigation);
        List<JsonObject> history =
                api.get("api/tickets/" + second + "/history").array().getValuesAs(JsonObject.class);
        assertThat(history)
                .extracting(h -> h.getString("type") + " " + h.getString("newValue", ""))
                .contains("link #" + report, "link #" + investigation);
    }

    @Test
    @DisplayName("RT's \"refers to\": a plain link between tickets of any queues, in both histories, refused cleanly")
    void referencesBetweenAnyTwoTickets() {
        long incident = id(incident("refers: incident"));
        long report = id(create("{\"queue\": \"incident-reports\", \"subject\": \"refers: report\"}"));
        long other = id(create("{\"queue\": \"incident-reports\", \"subject\": \"refers: other report\"}"));

        Answer referred = api.post("api/tickets/" + report + "/references", "{\"ticket\": " + incident + "}");
        assertThat(referred.status()).as(referred.body()).isEqualTo(200);
        assertThat(referred.json().getJsonArray("refersTo").toString()).isEqualTo("[" + incident + "]");
        assertThat(referred.json().getJsonArray("incidents").toString())
                .as("a reference is not membership")
                .isEqualTo("[]");
        long version = referred.json().getJsonNumber("version").longValue();
        Answer again = api.post("api/tickets/" + report + "/references", "{\"ticket\": " + incident + "}");
        assertThat(again.json().getJsonNumber("version").longValue())
                .as("referring again changes nothing")
                .isEqualTo(version);
        api.post("api/tickets/" + other + "/references", "{\"ticket\": " + incident + "}");
        assertThat(read(incident).getJsonArray("referredToBy").toString()).isEqualTo("[" + report + "," + other + "]");
        assertThat(api.get("api/tickets/" + incident + "/history").array().getValuesAs(JsonObject.class))
                .extracting(
                        h -> h.getString("type") + " " + h.getString("field", "") + " " + h.getString("newValue", ""))
                .contains("link referred to by #" + report, "link referred to by #" + other);

        assertProblem(api.post("api/tickets/" + report + "/references", "{}"), 400, "ticket");
        assertProblem(api.post("api/tickets/" + report + "/references", "{\"ticket\": \"x\"}"), 400, null);
        assertProblem(api.post("api/tickets/" + report + "/references", "{\"ticket\": " + report + "}"), 400, "ticket");
        assertProblem(api.post("api/tickets/" + report + "/references", "{\"ticket\": 99999999}"), 400, "ticket");
        assertProblem(api.post("api/tickets/99999999/references", "{\"ticket\": " + report + "}"), 404, null);
        assertProblem(
                api.post(
                        "api/tickets/" + report + "/references",
                        "{\"ticket\": " + other + "}",
                        Map.of("If-Match", "\"0\"")),
                412,
                null);
        long merged = id(create("{\"queue\": \"incident-reports\", \"subject\": \"refers: merged\"}"));
        api.post("api/tickets/" + merged + "/merge", "{\"into\": " + other + "}");
        assertProblem(api.post("api/tickets/" + report + "/references", "{\"ticket\": " + merged + "}"), 409, "ticket");

        Answer removed = api.delete("api/tickets/" + report + "/references/" + incident);
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().getJsonArray("refersTo").toString()).isEqualTo("[]");
        assertProblem(api.delete("api/tickets/" + report + "/references/" + incident), 404, null);
        assertThat(read(incident).getJsonArray("referredToBy").toString()).isEqualTo("[" + other + "]");
        assertThat(api.get("api/tickets/" + report + "/history").array().getValuesAs(JsonObject.class))
                .extracting(
                        h -> h.getString("type") + " " + h.getString("field", "") + " " + h.getString("oldValue", ""))
                .contains("unlink refers to #" + incident);
    }

    private static long id(JsonObject ticket) {
        return ticket.getJsonNumber("id").longValue();
    }

    private static boolean absent(JsonObject json, String key) {
        return !json.containsKey(key) || json.isNull(key);
    }

    @Test
    @DisplayName("Merge: the survivor answers for the merged ticket, shows both histories and unites the contacts")
    void mergeKeepsBothHistoriesAndTheSurvivorAnswers() {
        long first = id(incident("merge: first incident"));
        long second = id(incident("merge: second incident"));
        long survivor = id(create("""
                {"queue": "incident-reports", "subject": "odd logins", "requestors": ["a@site-m.example"]}"""));
        long merged = id(create("""
                {"queue": "incident-reports", "subject": "ssh logins", "requestors": ["b@site-m.example"],
                 "cc": ["noc@ngi-m.example"], "content": "Seen on ui.site-m.example"}"""));
        api.post("api/tickets/" + survivor + "/links", "{\"incident\": " + first + "}");
        api.post("api/tickets/" + merged + "/links", "{\"incident\": " + second + "}");
        api.post("api/tickets/" + merged + "/comments", "{\"content\": \"phoned the site\", \"timeWorked\": 20}");

        assertProblem(api.post("api/tickets/" + merged + "/merge", "{}"), 400, "into");
        assertProblem(api.post("api/tickets/" + merged + "/merge", "{\"into\": " + merged + "}"), 400, "into");
        assertProblem(api.post("api/tickets/" + merged + "/merge", "{\"into\": 99999999}"), 400, "into");
        assertProblem(api.post("api/tickets/" + merged + "/merge", "{\"into\": " + first + "}"), 409, "into");
        assertProblem(api.post("api/tickets/99999999/merge", "{\"into\": " + survivor + "}"), 404, null);
        assertProblem(
                api.post(
                        "api/tickets/" + merged + "/merge",
                        "{\"into\": " + survivor + "}",
                        Map.of("If-Match", "\"0\"")),
                412,
                null);

        Answer done = api.post("api/tickets/" + merged + "/merge", "{\"into\": " + survivor + "}");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        JsonObject after = done.json();
        assertThat(id(after)).isEqualTo(survivor);
        assertThat(after.getJsonArray("requestors").toString())
                .isEqualTo("[\"a@site-m.example\",\"b@site-m.example\"]");
        assertThat(after.getJsonArray("cc").toString()).isEqualTo("[\"noc@ngi-m.example\"]");
        assertThat(after.getJsonArray("incidents").toString()).isEqualTo("[" + first + "," + second + "]");
        assertThat(after.getJsonArray("merged").toString()).isEqualTo("[" + merged + "]");
        assertThat(after.getJsonNumber("timeWorked").longValue()).isEqualTo(20);

        JsonObject asked = read(merged);
        assertThat(id(asked)).isEqualTo(survivor);
        assertThat(asked.getJsonNumber("mergedFrom").longValue()).isEqualTo(merged);
        assertThat(absent(read(survivor), "mergedFrom")).isTrue();

        List<JsonObject> history =
                api.get("api/tickets/" + survivor + "/history").array().getValuesAs(JsonObject.class);
        assertThat(history)
                .extracting(h -> h.getJsonNumber("ticket").longValue() + " " + h.getString("type"))
                .contains(merged + " create", survivor + " create", merged + " merge", survivor + " merge")
                .contains(merged + " comment");
        assertThat(history)
                .isSortedAccordingTo((a, b) -> Long.compare(
                        a.getJsonNumber("id").longValue(), b.getJsonNumber("id").longValue()));
        assertThat(api.get("api/tickets/" + merged + "/history").array())
                .isEqualTo(api.get("api/tickets/" + survivor + "/history").array());
        assertThat(api.get("api/tickets?q=ssh%20logins").json().getInt("total"))
                .as("left out of searches")
                .isZero();
        assertThat(ids(String.valueOf(merged), null))
                .as("its number finds the survivor, as in RT's search box")
                .containsExactly(survivor);
        assertThat(ids("id = " + merged, null))
                .as("id = N is the ticket itself")
                .isEmpty();
        assertThat(api.get("api/tickets?incident=" + second).json().getJsonArray("items"))
                .extracting(t -> t.asJsonObject().getJsonNumber("id").longValue())
                .containsExactly(survivor);

        assertProblem(api.post("api/tickets/" + merged + "/comments", "{\"content\": \"late\"}"), 409, "id");
        assertProblem(api.post("api/tickets/" + merged + "/merge", "{\"into\": " + survivor + "}"), 409, "into");
        long third = id(create("{\"queue\": \"incident-reports\", \"subject\": \"third\"}"));
        assertProblem(api.post("api/tickets/" + third + "/merge", "{\"into\": " + merged + "}"), 409, "into");
    }

    @Test
    @DisplayName("Merge: an incident with tickets under it is refused, an empty one merges and is linked to no more")
    void anIncidentWithChildrenIsNotMergedAway() {
        long busy = id(incident("merge: busy incident"));
        long survivor = id(incident("merge: surviving incident"));
        long empty = id(incident("merge: empty incident"));
        child("investigations", busy, "SITE-N");
        Answer refused = api.post("api/tickets/" + busy + "/merge", "{\"into\": " + survivor + "}");
        assertProblem(refused, 409, "id");
        assertThat(refused.json().getString("detail")).contains("has tickets under it");
        assertThat(api.post("api/tickets/" + empty + "/merge", "{\"into\": " + survivor + "}")
                        .status())
                .isEqualTo(200);
        long report = id(create("{\"queue\": \"incident-reports\", \"subject\": \"late report\"}"));
        Answer linked = api.post("api/tickets/" + report + "/links", "{\"incident\": " + empty + "}");
        assertProblem(linked, 409, "incident");
        assertThat(linked.json().getString("detail")).contains("was merged into #" + survivor);
    }

    @Test
    @DisplayName("Time worked: on replies and comments, 0 to 1440 minutes, summed per ticket and per incident")
    void timeWorkedIsSummedPerTicketAndPerIncident() {
        long incident = id(incident("time worked"));
        long investigation = id(child("investigations", incident, "SITE-W"));
        api.post("api/tickets/" + incident + "/comments", "{\"content\": \"briefing\", \"timeWorked\": 10}");
        Answer replied = api.post(
                "api/tickets/" + investigation + "/correspondence", "{\"content\": \"patch\", \"timeWorked\": 25}");
        assertThat(replied.status()).as(replied.body()).isEqualTo(200);
        api.post("api/tickets/" + investigation + "/comments", "{\"content\": \"no time said\"}");
        assertProblem(
                api.post("api/tickets/" + investigation + "/comments", "{\"content\": \"x\", \"timeWorked\": 1441}"),
                400,
                "timeWorked");
        assertProblem(
                api.post("api/tickets/" + investigation + "/comments", "{\"content\": \"x\", \"timeWorked\": -1}"),
                400,
                "timeWorked");

        JsonObject child = read(investigation);
        assertThat(child.getJsonNumber("timeWorked").longValue()).isEqualTo(25);
        assertThat(absent(child, "incidentTimeWorked")).isTrue();
        JsonObject parent = read(incident);
        assertThat(parent.getJsonNumber("timeWorked").longValue()).isEqualTo(10);
        assertThat(parent.getJsonNumber("incidentTimeWorked").longValue()).isEqualTo(35);
        assertThat(api.get("api/tickets/" + investigation + "/history").array().getValuesAs(JsonObject.class))
                .extracting(h -> h.getString("type") + (absent(h, "timeWorked") ? "" : " " + h.getInt("timeWorked")))
                .containsExactly("create", "link", "correspond 25", "comment");
    }

    @Test
    void correspondenceAndCommentsGoToTheHistoryInOrder() {
        long report = create("{\"queue\": \"incident-reports\", \"subject\": \"talk\"}")
                .getJsonNumber("id")
                .longValue();
        Answer replied =
                api.post("api/tickets/" + report + "/correspondence", "{\"content\": \"Thank you for the report\"}");
        assertThat(replied.status()).isEqualTo(200);
        assertThat(replied.json().getString("status")).isEqualTo("open");
        api.post("api/tickets/" + report + "/comments", "{\"content\": \"internal note\"}");
        assertProblem(api.post("api/tickets/" + report + "/comments", "{\"content\": \"\"}"), 400, "content");
        assertProblem(
                api.post(
                        "api/tickets/" + report + "/comments", "{\"content\": \"stale\"}", Map.of("If-Match", "\"0\"")),
                412,
                null);
        List<JsonObject> history =
                api.get("api/tickets/" + report + "/history").array().getValuesAs(JsonObject.class);
        assertThat(history)
                .extracting(h -> h.getString("type"))
                .containsExactly("create", "correspond", "status", "comment");
        assertThat(history.get(3).getString("content")).isEqualTo("internal note");
    }

    @Test
    void searchFiltersSortsAndPages() {
        String site = "SEARCH-" + UUID.randomUUID().toString().substring(0, 8);
        long incident = incident("search parent").getJsonNumber("id").longValue();
        for (int day = 1; day <= 7; day++) {
            create("{\"queue\": \"investigations\", \"subject\": \"day " + day + " 100%\", \"incident\": " + incident
                    + ", \"site\": \"" + site + "\", \"due\": \"2026-12-0" + day + "T12:00:00Z\", \"tlp\": \""
                    + (day % 2 == 0 ? "RED" : "AMBER") + "\", \"requestors\": [\"day" + day + "@" + site.toLowerCase()
                    + ".example\"]}");
        }
        String base = "api/tickets?queue=investigations&status=open&site=" + site;
        JsonObject page = api.get(base + "&sort=-due&size=3&page=2").json();
        assertThat(page.getInt("total")).isEqualTo(7);
        assertThat(page.getJsonArray("items").getValuesAs(JsonObject.class))
                .extracting(t -> t.getString("subject"))
                .containsExactly("day 4 100%", "day 3 100%", "day 2 100%");
        assertThat(api.get(base + "&dueBefore=2026-12-03T00:00:00Z&dueAfter=2026-12-02T00:00:00Z")
                        .json()
                        .getInt("total"))
                .isEqualTo(1);
        assertThat(api.get(base + "&tlp=red").json().getInt("total")).isEqualTo(3);
        assertThat(api.get(base + "&requestor=DAY5@" + site.toLowerCase() + ".example")
                        .json()
                        .getInt("total"))
                .isEqualTo(1);
        assertThat(api.get(base + "&q=5%20100%25").json().getInt("total")).isEqualTo(1);
        assertThat(api.get(base + "&q=%25").json().getInt("total")).isEqualTo(7);
        assertThat(api.get(base + "&status=resolved").json().getInt("total")).isEqualTo(7);
        assertThat(api.get("api/tickets?status=resolved&site=" + site).json().getInt("total"))
                .isZero();
        assertThat(api.get("api/tickets?queue=incidents,investigations&site=" + site + "&page=9")
                        .json()
                        .getJsonArray("items"))
                .isEmpty();
    }

    @Test
    void searchByQueryWithFullTextAndSavedSearches() {
        String site = "FT-" + UUID.randomUUID().toString().substring(0, 8);
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        long incident = incident("full text parent").getJsonNumber("id").longValue();
        long keys = child("investigations", incident, site).getJsonNumber("id").longValue();
        long scan = create("{\"queue\": \"incident-reports\", \"subject\": \"scan " + word + "\", \"site\": \"" + site
                        + "\", \"cc\": [\"noc@" + site.toLowerCase() + ".example\"]}")
                .getJsonNumber("id")
                .longValue();
        api.post("api/tickets/" + keys + "/correspondence", "{\"content\": \"We found stolen ssh keys " + word + "\"}");
        api.post("api/tickets/" + keys + "/comments", "{\"content\": \"kernel " + word + " rebuilt\"}");

        assertThat(ids("text ~ \"" + word + "\"", "id")).containsExactly(keys, scan);
        assertThat(ids(word + " AND \"ssh keys\"", null)).containsExactly(keys);
        assertThat(ids(word + " AND (queue = incident-reports OR text ~ kernel)", "-id"))
                .containsExactly(scan, keys);
        assertThat(ids(word + " AND NOT cc ~ noc@", null)).containsExactly(keys);
        assertThat(ids("site = " + site + " AND queue != investigations", null)).containsExactly(scan);
        assertThat(ids(String.valueOf(scan), null)).containsExactly(scan);

        Answer bad = api.get("api/tickets?query=" + encode("owner = alice AND (site = x"));
        assertProblem(bad, 400, "query");
        assertThat(bad.json().getJsonArray("errors").getJsonObject(0).getString("reason"))
                .isEqualTo("at position 28: expected ')' to close the '(' at position 19, found the end of the query");
        assertProblem(api.get("api/tickets?query=" + encode("colour = red")), 400, "query");
        assertProblem(api.get("api/tickets?query=" + encode("text ~ \"a b\"")), 400, "query");

        Api alice = new Api(deployment).as("alice", TestUsers.PASSWORD);
        Api bob = new Api(deployment).as("bob", TestUsers.PASSWORD);
        String name = "mine " + word;
        Answer saved = alice.post(
                "api/searches", "{\"name\": \"" + name + "\", \"query\": \"" + word + "\", \"sort\": \"-id\"}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        long id = saved.json().getJsonNumber("id").longValue();
        assertThat(searchNames(bob)).doesNotContain(name);
        assertProblem(alice.post("api/searches", "{\"name\": \"" + name + "\", \"query\": \"x = 1\"}"), 400, "query");
        assertProblem(alice.post("api/searches", "{\"name\": \"" + name + "\", \"query\": \"abc\"}"), 409, "name");
        assertProblem(
                alice.post("api/searches", "{\"name\": \"\", \"query\": \"abc\", \"sort\": \"colour\"}"), 400, "sort");

        Answer shared = alice.send(
                "PUT",
                "api/searches/" + id,
                "application/json",
                "{\"name\": \"shared " + word + "\", \"query\": \"" + word + " AND queue = investigations\","
                        + " \"shared\": true}",
                Map.of());
        assertThat(shared.status()).as(shared.body()).isEqualTo(200);
        assertThat(searchNames(bob)).contains("shared " + word);
        JsonObject seen = bob.get("api/searches").array().getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getJsonNumber("id").longValue() == id)
                .findFirst()
                .orElseThrow();
        assertThat(seen.getBoolean("mine")).isFalse();
        assertThat(seen.getString("owner")).isEqualTo("alice");
        assertThat(ids(seen.getString("query"), null)).containsExactly(keys);
        assertProblem(
                bob.send(
                        "PUT",
                        "api/searches/" + id,
                        "application/json",
                        "{\"name\": \"x\", \"query\": \"abc\"}",
                        Map.of()),
                403,
                null);
        assertProblem(bob.delete("api/searches/" + id), 403, null);
        assertThat(alice.delete("api/searches/" + id).status()).isEqualTo(204);
        assertProblem(alice.delete("api/searches/" + id), 404, null);
    }

    @Test
    void aFullTextSearchCountsUpToAThousandMatchesPastThePageAndSaysThereAreMore() throws SQLException {
        String word = "zm" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        // 1,052 tickets at once by SQL (the API would take half a minute); MariaDB's sequence engine numbers them.
        try (Connection db = DriverManager.getConnection(TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD);
                PreparedStatement insert = db.prepareStatement(
                        "INSERT INTO tickets (queue, subject, status, tlp, created_at, updated_at, version)"
                                + " SELECT 'INCIDENT_REPORTS', CONCAT('bulk ', ?, ' ', seq), 'NEW', 'AMBER', NOW(6),"
                                + " NOW(6), 0 FROM seq_1_to_1052")) {
            insert.setString(1, word);
            insert.executeUpdate();
        }
        JsonObject first =
                api.get("api/tickets?query=" + encode(word) + "&sort=-id").json();
        assertThat(first.getJsonArray("items")).hasSize(50);
        assertThat(first.getJsonArray("items").getJsonObject(0).getString("subject"))
                .isEqualTo("bulk " + word + " 1052");
        assertThat(first.getJsonNumber("total").longValue()).isEqualTo(1_000);
        assertThat(first.getBoolean("more")).isTrue();

        JsonObject twentyFirst = api.get("api/tickets?query=" + encode(word) + "&sort=-id&page=21")
                .json();
        assertThat(twentyFirst.getJsonNumber("total").longValue()).isEqualTo(1_052);
        assertThat(twentyFirst.getBoolean("more")).isFalse();
        assertThat(twentyFirst.getJsonArray("items")).hasSize(50);

        JsonObject pastTheEnd =
                api.get("api/tickets?query=" + encode(word) + "&page=40").json();
        assertThat(pastTheEnd.getJsonArray("items")).isEmpty();
        assertThat(pastTheEnd.getJsonNumber("total").longValue()).isEqualTo(1_052);
        assertThat(pastTheEnd.getBoolean("more")).isFalse();

        JsonObject byField = api.get("api/tickets?query=" + encode("queue = incident-reports"))
                .json();
        assertThat(byField.getBoolean("more"))
                .as("a search without full text counts exactly")
                .isFalse();
    }

    private List<Long> ids(String query, String sort) {
        Answer answer = api.get("api/tickets?query=" + encode(query) + (sort == null ? "" : "&sort=" + sort));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(t -> t.getJsonNumber("id").longValue())
                .toList();
    }

    private static List<String> searchNames(Api user) {
        return user.get("api/searches").array().getValuesAs(JsonObject.class).stream()
                .map(s -> s.getString("name"))
                .toList();
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void queuesDescribeTheirLifecyclesFieldsAndCounts() {
        List<JsonObject> queues = api.get("api/queues").array().getValuesAs(JsonObject.class);
        assertThat(queues)
                .extracting(q -> q.getString("id"))
                .containsExactly("incident-reports", "incidents", "investigations", "countermeasures");
        JsonObject countermeasures = queues.get(3);
        assertThat(countermeasures
                        .getJsonObject("transitions")
                        .getJsonArray("active")
                        .toString())
                .isEqualTo("[\"pending removal\",\"removed\"]");
        assertThat(countermeasures.getString("incidentLinks")).isEqualTo("exactly-one");
        Answer defined = api.post(
                "api/queues/investigations/custom-fields",
                "{\"name\": \"Severity\", \"type\": \"select\", \"options\": [\"critical\", \"high\"]}");
        assertThat(defined.status()).as(defined.body()).isEqualTo(201);
        assertProblem(
                api.post("api/queues/investigations/custom-fields", "{\"name\": \"Severity\", \"type\": \"text\"}"),
                409,
                "name");
        assertProblem(
                api.post("api/queues/investigations/custom-fields", "{\"name\": \"Colour\", \"type\": \"select\"}"),
                400,
                "options");
        assertProblem(
                api.post("api/queues/investigations/custom-fields", "{\"name\": \"Colour\", \"type\": \"number\"}"),
                400,
                "type");
        assertThat(api.get("api/queues/investigations")
                        .json()
                        .getJsonArray("customFields")
                        .getValuesAs(JsonObject.class))
                .extracting(f -> f.getString("name"))
                .contains("IP", "Discovered At", "Severity");
    }

    @Test
    void healthMetricsAndOpenApi() {
        Answer ready = api.get("health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("\"database\"");
        // Production defaults with nothing configured: GOCDB and the operators on duty, and the gap is named.
        assertThat(ready.body()).contains("\"site-registry\"").contains("csirt.site.operators-address");
        assertThat(api.get("health/live").status()).isEqualTo(200);
        Answer metrics = api.get("metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("csirt_tickets").contains("tickets_create_seconds");
        Answer openapi = api.send("GET", "openapi", null, null, Map.of("Accept", "application/json"));
        assertThat(openapi.status()).isEqualTo(200);
        JsonObject paths = openapi.json().getJsonObject("paths");
        assertThat(paths.keySet())
                .contains(
                        "/api/tickets",
                        "/api/tickets/{id}",
                        "/api/tickets/{id}/status",
                        "/api/tickets/{id}/correspondence",
                        "/api/tickets/{id}/comments",
                        "/api/tickets/{id}/links",
                        "/api/tickets/{id}/links/{incident}",
                        "/api/tickets/{id}/history",
                        "/api/queues",
                        "/api/queues/{queue}",
                        "/api/queues/{queue}/custom-fields",
                        "/api/sites",
                        "/api/sites/{name}",
                        "/api/sites/refresh",
                        "/api/sites/{name}/status-changes",
                        "/api/status-changes/{id}",
                        "/api/ngis",
                        "/api/outbox");
        assertThat(paths.getJsonObject("/api/tickets").getJsonObject("post").toString())
                .contains("examples");
    }
}
