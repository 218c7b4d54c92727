package org.csirtdesk.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests of a hostile or careless client (issue 20): each is refused with a 4xx problem+json that names the field,
 * carries the security headers and shows no internals, and is never a 500.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileRequestsIT {

    private static final String PROBLEM = "application/problem+json";

    @ArquillianResource
    URL deployment;

    private Api anonymous;
    private Api api;

    @Deployment(testable = false)
    static WebArchive application() throws SQLException {
        TestDatabase.freshApplicationDatabase();
        return Deployments.war();
    }

    @BeforeEach
    void client() {
        anonymous = new Api(deployment);
        api = TestUsers.everyRole(anonymous);
    }

    /** A refusal as every error answer must be; answers the problem document. */
    private static JsonObject assertRefused(Answer answer, int status, String what) {
        assertThat(answer.status()).as(what + ": " + answer.body()).isEqualTo(status);
        assertSafe(answer, what);
        JsonObject problem = answer.json();
        assertThat(problem.getInt("status")).as(what).isEqualTo(status);
        return problem;
    }

    /** problem+json with the security headers, and nothing of the libraries inside. */
    private static void assertSafe(Answer answer, String what) {
        assertThat(answer.status()).as(what + ": " + answer.body()).isBetween(400, 499);
        assertThat(answer.contentType()).as(what).startsWith(PROBLEM);
        assertThat(answer.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(answer.header("X-Frame-Options")).as(what).isEqualTo("DENY");
        assertThat(answer.header("Content-Security-Policy")).as(what).contains("default-src 'self'");
        assertThat(answer.body())
                .as(what)
                .doesNotContainIgnoringCase("exception")
                .doesNotContainIgnoringCase("parsson")
                .doesNotContainIgnoringCase("yasson")
                .doesNotContain("org.")
                .doesNotContain("jakarta.");
    }

    /**
     * Refused by Payara's HTTP layer before any filter of the application runs (a NUL or a climbing {@code ..%2F} in
     * the path): a bare 400 (or 404), which the application cannot dress; never a 500 and never a page of the application.
     */
    private static void assertRefusedByTheServer(Answer answer, String what) {
        assertThat(answer.status()).as(what + ": " + answer.body()).isIn(400, 404);
        assertThat(answer.body())
                .as(what)
                .doesNotContainIgnoringCase("exception")
                .doesNotContain("csirt");
    }

    private static void assertNamesField(JsonObject problem, String field, String reason) {
        assertThat(problem.getJsonArray("errors")).as(problem.toString()).isNotNull();
        assertThat(problem.getJsonArray("errors").getValuesAs(JsonObject.class)).anySatisfy(error -> {
            assertThat(error.getString("field")).isEqualTo(field);
            assertThat(error.getString("reason")).contains(reason);
        });
    }

    private long ticket() {
        Answer created = api.post("api/tickets", "{\"queue\": \"incidents\", \"subject\": \"hostile requests\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().getJsonNumber("id").longValue();
    }

    /** Every GET of the OpenAPI document that takes page or size, its path parameters filled with 1. */
    private List<String> listings() {
        Answer openapi = null;
        for (int attempt = 1; openapi == null; attempt++) {
            try {
                openapi = api.send("GET", "openapi", null, null, Map.of("Accept", "application/json"));
            } catch (IllegalStateException timeout) {
                // the document is built at its first request, which takes over 30 s on a loaded machine
                if (attempt == 5) {
                    throw timeout;
                }
            }
        }
        assertThat(openapi.status()).isEqualTo(200);
        List<String> listings = new ArrayList<>();
        openapi.json().getJsonObject("paths").forEach((path, item) -> {
            JsonObject get = item.asJsonObject().getJsonObject("get");
            if (get != null
                    && get.containsKey("parameters")
                    && get.getJsonArray("parameters").getValuesAs(JsonObject.class).stream()
                            .anyMatch(
                                    parameter -> parameter.getString("name", "").matches("page|size"))) {
                listings.add(path.replaceAll("\\{[^}]+}", "1").substring(1));
            }
        });
        return listings;
    }

    @Test
    void everyListingBoundsPageAndSizeWithA400() {
        List<String> listings = listings();
        assertThat(listings)
                .as("the listings of the OpenAPI document")
                .contains(
                        "api/tickets",
                        "api/sites",
                        "api/findings",
                        "api/exposures",
                        "api/campaigns",
                        "api/suspensions",
                        "api/outbox",
                        "api/status-changes",
                        "api/incidents",
                        "api/campaigns/1/cases",
                        "api/campaigns/1/case-lines");
        for (String listing : listings) {
            for (String wrong : List.of(
                    "page=1000000000",
                    "page=0",
                    "page=-1",
                    "page=x",
                    "page=99999999999999999999",
                    "size=0",
                    "size=1001",
                    "size=100000",
                    "size=2147483647")) {
                JsonObject problem = assertRefused(api.get(listing + "?" + wrong), 400, listing + "?" + wrong);
                assertNamesField(problem, wrong.substring(0, wrong.indexOf('=')), "from 1 to");
            }
            Answer last = api.get(listing + "?page=1000000&size=1000");
            assertThat(last.status())
                    .as(listing + " at the bounds: " + last.body())
                    .isIn(200, 404);
        }
    }

    @Test
    void aMergePatchThatIsNoObjectIsA400() {
        long id = ticket();
        for (String body : List.of("[]", "1", "\"x\"", "null", "[{\"owner\": \"bob\"}]")) {
            JsonObject problem = assertRefused(api.patch("api/tickets/" + id, body, "*"), 400, "PATCH " + body);
            assertNamesField(problem, "body", "must be a JSON object");
        }
        assertRefused(api.post("api/tickets", "[]"), 400, "a new ticket as an array");
        assertRefused(api.post("api/campaigns", "1"), 400, "a campaign as a number");
    }

    @Test
    void deepNestingIsA400SayingSoAndNoMore() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        JsonObject problem = assertRefused(
                api.post(
                        "api/tickets",
                        "{\"queue\": \"incidents\", \"subject\": \"x\", " + "\"customFields\": " + deep + "}"),
                400,
                "nested 100000 deep");
        assertNamesField(problem, "body", "nested too deep");
        assertRefused(
                api.patch("api/tickets/" + ticket(), "{\"customFields\": {\"IP\": " + deep + "}}", "*"),
                400,
                "a nested patch");
        assertRefused(api.post("api/tickets", "[".repeat(50_000)), 400, "nesting never closed");
    }

    @Test
    void aDuplicateKeyIsRefusedNamingIt() {
        JsonObject problem = assertRefused(
                api.post(
                        "api/tickets",
                        "{\"queue\": \"incidents\", \"subject\": \"x\", " + "\"queue\": \"countermeasures\"}"),
                400,
                "queue twice");
        assertNamesField(problem, "queue", "twice");
        long id = ticket();
        problem = assertRefused(
                api.patch(
                        "api/tickets/" + id,
                        "{\"customFields\": {\"IP\": \"192.0.2.1\", " + "\"IP\": \"192.0.2.2\"}}",
                        "*"),
                400,
                "a custom field twice");
        assertNamesField(problem, "customFields.IP", "twice");
    }

    @Test
    void aNulCharacterInAnyTextIsRefused() {
        JsonObject problem = assertRefused(
                api.post("api/tickets", "{\"queue\": \"incidents\", \"subject\": \"a\\u0000b\"}"),
                400,
                "NUL in a subject");
        assertNamesField(problem, "subject", "NUL");
        problem = assertRefused(
                api.post("api/incidents", "{\"title\": \"x\\u0000\"}"), 400, "NUL in an incident's title");
        assertNamesField(problem, "title", "NUL");
        problem = assertRefused(api.get("api/tickets?q=a%00b"), 400, "NUL in a query parameter");
        assertNamesField(problem, "q", "NUL");
        assertRefusedByTheServer(api.get("api/sites/A%00B"), "NUL in the path");
    }

    @Test
    void invalidUtf8IsRefusedNotReplaced() {
        byte[] prefix = "{\"queue\": \"incidents\", \"subject\": \"caf".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + 3];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xE9;
        body[prefix.length + 1] = '"';
        body[prefix.length + 2] = '}';
        JsonObject problem = assertRefused(
                api.sendBytes("POST", "api/tickets", "application/json", body, Map.of()),
                400,
                "Latin-1 in a UTF-8 body");
        assertNamesField(problem, "body", "UTF-8");
        assertThat(api.get("api/tickets?q=caf").json().getJsonNumber("total").longValue())
                .as("nothing half-stored")
                .isZero();
    }

    @Test
    void pathParametersEncodedSlashesAndOverlongIdsAreRefused() {
        long id = ticket();
        assertRefused(api.get("api/tickets/" + id + ";x=1"), 400, "a path parameter");
        assertRefused(api.get("api/tickets;x=1"), 400, "a path parameter on a listing");
        assertSafe(api.get("api/tickets/1%2F2"), "an encoded slash");
        assertRefusedByTheServer(api.get("api/tickets/..%2F..%2Fsites"), "an encoded climb");
        assertRefused(api.get("api/tickets/99999999999999999999999"), 404, "an id beyond a long");
        assertSafe(api.get("api/tickets/" + "9".repeat(5000)), "an id of 5000 digits");
        assertRefused(api.get("api/tickets/12abc"), 404, "an id that is no number");
    }

    @Test
    void otherRefusalsOfTheServerAreProblemsWithTheHeadersToo() {
        assertRefused(api.send("DELETE", "api/tickets", null, null, Map.of()), 405, "a method the path has not");
        assertRefused(
                api.send("POST", "api/tickets", "text/plain", "hello", Map.of()), 415, "a type the path reads not");
        assertRefused(api.get("api/no-such-thing"), 404, "no such resource");
        assertRefused(anonymous.get("api/tickets"), 401, "no credentials");
        assertRefused(
                anonymous.as(TestUsers.EVERY_ROLE, "a wrong password").get("api/tickets"), 401, "a wrong password");
        assertRefused(api.post("api/tickets", "{\"queue\": "), 400, "a body cut short");
        assertRefused(api.get("api/tickets?incident=abc"), 400, "an id that is no number in a query");
        JsonObject everyField = assertRefused(
                api.post(
                        "api/tickets",
                        "{\"queue\": \"General\", \"subject\": \" \", " + "\"tlp\": \"BLUE\", \"due\": \"tomorrow\"}"),
                400,
                "four bad fields");
        assertThat(everyField.getJsonArray("errors").getValuesAs(JsonObject.class))
                .extracting(error -> error.getString("field"))
                .containsExactlyInAnyOrder("queue", "subject", "tlp", "due");
    }

    @Test
    void anyOffsetIsAcceptedForInstantsEverywhere() {
        Answer ticket = api.post(
                "api/tickets",
                "{\"queue\": \"incidents\", \"subject\": \"offset\", " + "\"due\": \"2026-12-01T15:00:00+01:00\"}");
        assertThat(ticket.status()).as(ticket.body()).isEqualTo(201);
        assertThat(ticket.json().getString("due")).startsWith("2026-12-01T14:00");
        Answer search = api.get("api/tickets?dueBefore=2026-12-01T16:00:00%2B01:00&q=offset");
        assertThat(search.status()).as(search.body()).isEqualTo(200);
        assertThat(search.json().getJsonArray("items"))
                .extracting(JsonValue::toString)
                .hasSize(1);
    }
}
