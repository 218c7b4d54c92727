package org.csirtdesk.security.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
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
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every operation of the API, as its OpenAPI document lists them, called by nobody, by one user of each role,
 * with harmless requests (ids that do not exist, empty bodies): nobody hears 401, a role that may not 403, a
 * role that may neither. The table below is the policy (docs/security.md); an operation the application has and
 * the table lacks fails the test with its name, and so does a row the application no longer has.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RoleMatrixIT {

    private static final String CSIRT = "csirt";
    private static final String COORDINATOR = "coordinator";
    private static final String OMB = "omb";
    private static final String ROD = "rod";
    private static final String ADMIN = "admin";
    private static final Set<String> STAFF = Set.of(CSIRT, COORDINATOR);
    private static final Set<String> CAMPAIGN_READERS = Set.of(CSIRT, COORDINATOR, OMB);
    private static final Set<String> SITE_READERS = Set.of(CSIRT, COORDINATOR, OMB, ROD);
    private static final Set<String> OPERATORS = Set.of(CSIRT, COORDINATOR, ADMIN);
    private static final Set<String> EVERYONE_SIGNED_IN = Set.of(CSIRT, COORDINATOR, OMB, ROD, ADMIN);
    /** The monitoring endpoints: a bearer token of their source, never a user. */
    private static final Set<String> MONITORING = Set.of("monitoring token");
    /** Open to everyone: signing in to the desk (DeskSignInIT tests it). */
    private static final Set<String> OPEN = Set.of("anyone");

    /** Who may call what: "METHOD path template" and the roles, any one of which lets the caller through. */
    static final Map<String, Set<String>> POLICY = new LinkedHashMap<>();

    static {
        allow(
                STAFF,
                "GET /api/tickets",
                "POST /api/tickets",
                "POST /api/tickets/bulk",
                "GET /api/tickets/{id}",
                "PATCH /api/tickets/{id}",
                "POST /api/tickets/{id}/correspondence",
                "POST /api/tickets/{id}/comments",
                "POST /api/tickets/{id}/take",
                "POST /api/tickets/{id}/steal",
                "POST /api/tickets/{id}/status",
                "POST /api/tickets/{id}/links",
                "DELETE /api/tickets/{id}/links/{incident}",
                "POST /api/tickets/{id}/references",
                "DELETE /api/tickets/{id}/references/{other}",
                "POST /api/tickets/{id}/merge",
                "GET /api/tickets/{id}/history",
                "GET /api/queues",
                "GET /api/queues/{queue}",
                "GET /api/searches",
                "POST /api/searches",
                "PUT /api/searches/{id}",
                "DELETE /api/searches/{id}");
        allow(
                STAFF,
                "POST /api/tickets/{id}/replies",
                "GET /api/tickets/{id}/mails",
                "GET /api/tickets/{id}/mails/{mail}/attachments/{position}",
                "GET /api/tickets/{id}/mails/{mail}/raw",
                "GET /api/tickets/{id}/templates",
                "POST /api/tickets/{id}/history/{entry}/reply",
                "POST /api/tickets/{id}/history/{entry}/forward");
        allow(Set.of(ADMIN), "POST /api/queues/{queue}/custom-fields");
        allow(
                STAFF,
                "GET /api/findings",
                "GET /api/exposures",
                "GET /api/vulnerabilities",
                "GET /api/vulnerabilities/{id}",
                "GET /api/vulnerabilities/{id}/events");
        allow(MONITORING, "POST /api/alerts/alertmanager", "POST /api/alerts/pakiti", "POST /api/alerts/argo");
        allow(
                OPERATORS,
                "GET /api/outbox",
                "GET /api/outbox/states",
                "GET /api/outbox/unreachable",
                "GET /api/schedule",
                "POST /api/sites/refresh");

        allow(
                CAMPAIGN_READERS,
                "GET /api/campaigns",
                "GET /api/campaigns/{id}",
                "GET /api/campaigns/{id}/timeline",
                "GET /api/campaigns/{id}/cases",
                "GET /api/cases/{id}",
                "GET /api/cases/{id}/events");
        allow(
                STAFF,
                "POST /api/campaigns",
                "PUT /api/campaigns/{id}",
                "POST /api/campaigns/{id}/heads-up",
                "POST /api/campaigns/{id}/start",
                "POST /api/campaigns/{id}/close",
                "POST /api/cases/{id}/extension",
                "POST /api/cases/{id}/acceptance",
                "POST /api/cases/{id}/recommendation",
                "POST /api/cases/{id}/site-response",
                "POST /api/cases/{id}/answer",
                "POST /api/suspensions/{id}/verification");
        allow(
                CAMPAIGN_READERS,
                "GET /api/campaigns/{id}/exposure",
                "GET /api/campaigns/{id}/case-lines",
                "GET /api/cases");
        allow(STAFF, "POST /api/campaigns/{id}/cases");
        allow(Set.of(OMB, CSIRT), "POST /api/campaigns/{id}/omb-authorisation");
        allow(Set.of(OMB), "POST /api/cases/{id}/veto");
        allow(Set.of(COORDINATOR), "POST /api/cases/{id}/suspension");
        allow(Set.of(ROD), "POST /api/suspensions/{id}/reinstatement-request");

        allow(
                SITE_READERS,
                "GET /api/suspensions",
                "GET /api/suspensions/{id}",
                "GET /api/sites",
                "GET /api/sites/{name}",
                "GET /api/sites/refresh",
                "GET /api/sites/{name}/status-changes",
                "GET /api/ngis",
                "GET /api/status-changes",
                "GET /api/status-changes/{id}");
        allow(Set.of(COORDINATOR), "POST /api/sites/{name}/status-changes", "POST /api/status-changes/{id}/withdraw");
        allow(STAFF, "POST /api/status-changes/{id}/check");

        allow(EVERYONE_SIGNED_IN, "GET /api/exercise/clock");
        allow(Set.of(CSIRT, ADMIN), "POST /api/exercise/clock");
        allow(Set.of(ADMIN), "POST /api/users", "GET /api/users", "GET /api/users/{name}/changes");
        // Everyone may change their own password (the matrix patches the caller's own record); the rest needs admin.
        allow(EVERYONE_SIGNED_IN, "PATCH /api/users/{name}");
        // Everyone may sign themselves out everywhere (the matrix names the caller's own record); others need admin.
        allow(EVERYONE_SIGNED_IN, "DELETE /api/users/{name}/sessions");
        // The owner picker: who may own tickets, for those who work them and for admins.
        allow(OPERATORS, "GET /api/users/owners");
        allow(OPEN, "GET /api/session/providers");

        // SEC01: staff only (docs/incidents.md).
        allow(
                STAFF,
                "GET /api/incident-reports/{id}/triage",
                "POST /api/incident-reports/{id}/triage",
                "GET /api/incident-reports/{id}/related",
                "GET /api/tickets/{id}/indicators",
                "POST /api/tickets/{id}/indicators",
                "DELETE /api/tickets/{id}/indicators/{indicator}",
                "GET /api/incidents",
                "POST /api/incidents",
                "GET /api/incidents/{id}",
                "PUT /api/incidents/{id}/coordinator",
                "GET /api/incidents/{id}/sites",
                "POST /api/incidents/{id}/sites",
                "POST /api/incidents/{id}/sites/{site}/milestones",
                "POST /api/incidents/{id}/sites/{site}/requests",
                "POST /api/incidents/{id}/announcements",
                "POST /api/incidents/{id}/closure",
                "GET /api/incidents/{id}/closures",
                "GET /api/incidents/{id}/closures/{closure}/attachment",
                "GET /api/incidents/{id}/indicators.csv",
                "GET /api/incidents/{id}/indicators.stix.json");
        // The six-monthly report: staff and the operations board.
        allow(
                CAMPAIGN_READERS,
                "GET /api/reports/activity",
                "GET /api/reports/activity.csv",
                "GET /api/reports/activity.json");
        allow(OPEN, "GET /api/session", "POST /api/session", "DELETE /api/session");
        // Everyone may read their own record (the matrix reads the caller's own); another's needs admin (ApiUsersIT).
        allow(EVERYONE_SIGNED_IN, "GET /api/users/{name}");
    }

    private static void allow(Set<String> roles, String... operations) {
        for (String operation : operations) {
            if (POLICY.put(operation, roles) != null) {
                throw new IllegalStateException(operation + " is twice in the table");
            }
        }
    }

    /** A caller of the matrix: nobody, or a user holding one role. */
    private record Caller(String name, String role, Api api) {

        boolean anonymous() {
            return role == null;
        }

        @Override
        public String toString() {
            return anonymous() ? "nobody signed in" : role;
        }
    }

    /** One operation of the OpenAPI document. */
    private record Operation(String method, String path, String summary, String contentType) {

        String key() {
            return method + " " + path;
        }

        /** "confirm a suspension (POST /api/cases/{id}/suspension)" */
        String described() {
            String what = summary == null
                    ? "call it"
                    : summary.substring(0, 1).toLowerCase(Locale.ROOT) + summary.substring(1);
            return what + " (" + key() + ")";
        }
    }

    private static final int FAILURES_PER_ADDRESS = 8;

    @ArquillianResource
    URL deployment;

    private Api anonymous;

    @Deployment(testable = false)
    static WebArchive application() throws SQLException {
        TestDatabase.freshApplicationDatabase();
        // The exercise mode, so that moving the clock is refused for the role and for nothing else; a short
        // sign-in window, so that the throttle's test leaves no counts to the others, and a low limit per address.
        return Deployments.war(Map.of(
                "csirt.site.registry",
                "embedded",
                "csirt.site.status-change",
                "embedded",
                "exercise.mode",
                "true",
                "csirt.security.sign-in.window",
                "PT10S",
                "csirt.security.sign-in.max-failures-per-address",
                String.valueOf(FAILURES_PER_ADDRESS)));
    }

    @BeforeEach
    void client() {
        anonymous = new Api(deployment);
    }

    @Test
    @DisplayName("every operation of /openapi is in the role table, and every row of the table is an operation")
    void theTableCoversTheApiExactly() {
        Set<String> documented =
                new TreeSet<>(operations().stream().map(Operation::key).toList());
        assertThat(new TreeSet<>(documented))
                .as("operations of /openapi missing from RoleMatrixIT.POLICY")
                .isSubsetOf(POLICY.keySet());
        assertThat(new TreeSet<>(POLICY.keySet()))
                .as("rows of RoleMatrixIT.POLICY that /openapi does not list")
                .isSubsetOf(documented);
    }

    @TestFactory
    Stream<DynamicTest> eachRoleIsLetThroughWhereTheTableSaysAndRefusedElsewhere() {
        List<Caller> callers = new ArrayList<>();
        callers.add(new Caller(null, null, anonymous));
        for (String role : TestUsers.ROLES) {
            String name = "matrix-" + role;
            callers.add(new Caller(name, role, TestUsers.withRoles(anonymous, name, List.of(role))));
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation operation : operations()) {
            Set<String> allowed = POLICY.get(operation.key());
            if (allowed == null) {
                continue;
            }
            for (Caller caller : callers) {
                tests.add(test(operation, allowed, caller));
            }
        }
        return tests.stream();
    }

    private DynamicTest test(Operation operation, Set<String> allowed, Caller caller) {
        if (allowed == OPEN) {
            // 401 is allowed here: it is the sign-in endpoints' own answer (no desk session, wrong password), not a
            // refusal.
            return dynamicTest(caller + " may " + operation.described() + ": open, it is where one signs in", () -> {
                Answer answer = call(operation, caller);
                assertThat(answer.status()).as(answer.body()).isNotEqualTo(403).isLessThan(500);
            });
        }
        if (allowed == MONITORING) {
            return dynamicTest(caller + " may not " + operation.described() + ": it takes a monitoring token", () -> {
                Answer answer = call(operation, caller);
                assertThat(answer.status()).as(answer.body()).isEqualTo(401);
                assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
            });
        }
        if (caller.anonymous()) {
            return dynamicTest(caller + " may not " + operation.described() + ": 401", () -> {
                Answer answer = call(operation, caller);
                assertThat(answer.status()).as(answer.body()).isEqualTo(401);
                assertThat(answer.header("WWW-Authenticate")).isEqualTo("Basic realm=\"csirt-desk\"");
                assertThat(answer.contentType()).isEqualTo("application/problem+json");
            });
        }
        if (!allowed.contains(caller.role())) {
            return dynamicTest(caller + " may not " + operation.described() + ": 403", () -> {
                Answer answer = call(operation, caller);
                assertThat(answer.status()).as(answer.body()).isEqualTo(403);
                assertThat(answer.contentType()).isEqualTo("application/problem+json");
                assertThat(answer.json().getString("detail"))
                        .contains(caller.name())
                        .contains(allowed.iterator().next());
            });
        }
        return dynamicTest(caller + " may " + operation.described() + ": neither 401 nor 403", () -> {
            Answer answer = call(operation, caller);
            assertThat(answer.status()).as(answer.body()).isNotIn(401, 403).isLessThan(500);
        });
    }

    @Test
    @DisplayName(
            "the role check comes before the body: nobody signed in hears 401 and an omb user 403, whatever they send")
    void theRoleIsCheckedBeforeTheBodyIsRead() {
        Api omb = TestUsers.withRoles(anonymous, "matrix-omb", List.of(OMB));
        for (String body : List.of("not json at all", "{\"queue\": 42, \"unknown\": true}", "")) {
            assertThat(anonymous.post("api/tickets", body).status()).as(body).isEqualTo(401);
            assertThat(omb.post("api/tickets", body).status()).as(body).isEqualTo(403);
            assertThat(omb.post("api/cases/999999999/suspension", body).status())
                    .as(body)
                    .isEqualTo(403);
        }
    }

    @Test
    @DisplayName(
            "beyond five wrong passwords for a user, or " + FAILURES_PER_ADDRESS + " from one address, each wrong "
                    + "attempt is answered 429 with Retry-After, and the right password still signs in, by Basic and by the form")
    void failedSignInsAreSlowedAndNobodyIsLockedOut() {
        TestUsers.withRoles(anonymous, "matrix-throttled", List.of(CSIRT));
        Api csirt = TestUsers.withRoles(anonymous, "matrix-csirt", List.of(CSIRT));
        Api wrong = anonymous.as("matrix-throttled", "not the password of this user");
        for (int i = 0; i < 5; i++) {
            assertThat(wrong.get("api/tickets").status()).isEqualTo(401);
        }
        Answer slowed = wrong.get("api/tickets");
        assertThat(slowed.status()).as(slowed.body()).isEqualTo(429);
        assertThat(slowed.contentType()).isEqualTo("application/problem+json");
        assertThat(slowed.json().getString("detail")).contains("too many failed sign-ins");
        assertThat(Integer.parseInt(slowed.header("Retry-After"))).isBetween(1, 10);
        // The form is slowed as Basic is; asked before the right password, since a success clears the name's failures.
        Answer wrongForm = anonymous.post("api/session", "{\"name\": \"matrix-throttled\", \"password\": \"a guess\"}");
        assertThat(wrongForm.status()).as(wrongForm.body()).isEqualTo(429);
        assertThat(wrongForm.header("Retry-After")).isNotNull();
        assertThat(wrongForm.header("Set-Cookie")).isNull();
        assertThat(anonymous
                        .as("matrix-throttled", TestUsers.PASSWORD)
                        .get("api/tickets")
                        .status())
                .as("the right password is never refused")
                .isEqualTo(200);
        Answer form = anonymous.post(
                "api/session", "{\"name\": \"matrix-throttled\", \"password\": \"" + TestUsers.PASSWORD + "\"}");
        assertThat(form.status())
                .as("the desk's sign-in form too: " + form.body())
                .isEqualTo(200);

        for (int i = 0; i < FAILURES_PER_ADDRESS; i++) {
            anonymous.as("matrix-guess-" + i, "a guess").get("api/tickets");
        }
        assertThat(anonymous.as("matrix-guess-x", "a guess").get("api/tickets").status())
                .as("a wrong attempt from an address with too many failures")
                .isEqualTo(429);
        assertThat(csirt.get("api/tickets").status())
                .as("another user's right password from that address")
                .isEqualTo(200);
    }

    @Test
    @DisplayName(
            "a change made with the desk's session cookie needs the session's X-CSRF-Token, and the roles apply to sessions as to Basic")
    void aSessionsChangesNeedItsCsrfTokenAndItsRoles() {
        TestUsers.withRoles(anonymous, "matrix-csirt", List.of(CSIRT));
        TestUsers.withRoles(anonymous, "matrix-omb", List.of(OMB));
        String ticket = "{\"queue\": \"incidents\", \"subject\": \"Made through the desk\"}";
        Map<String, String> csirt = session("matrix-csirt");
        Answer withoutToken = anonymous.post("api/tickets", ticket, Map.of("Cookie", csirt.get("Cookie")));
        assertThat(withoutToken.status()).as(withoutToken.body()).isEqualTo(403);
        assertThat(withoutToken.json().getString("detail")).contains("X-CSRF-Token");
        assertThat(anonymous.post("api/tickets", ticket, csirt).status()).isEqualTo(201);

        Answer omb = anonymous.post("api/tickets", ticket, session("matrix-omb"));
        assertThat(omb.status()).as(omb.body()).isEqualTo(403);
        assertThat(omb.json().getString("detail")).contains("matrix-omb", "csirt");
        Answer nobody = anonymous.post("api/tickets", ticket, Map.of("X-Requested-With", "csirt-desk"));
        assertThat(nobody.status()).isEqualTo(401);
        assertThat(nobody.header("WWW-Authenticate"))
                .as("the desk's pages are sent to the form")
                .startsWith("Form ");
    }

    /** The headers of a desk session's changes: its cookie and its CSRF token. */
    private Map<String, String> session(String name) {
        Answer signedIn = anonymous.post(
                "api/session", "{\"name\": \"" + name + "\", \"password\": \"" + TestUsers.PASSWORD + "\"}");
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        String cookie = signedIn.header("Set-Cookie");
        return Map.of(
                "Cookie",
                cookie.substring(0, cookie.indexOf(';')),
                "X-CSRF-Token",
                signedIn.json().getString("csrfToken"));
    }

    private Answer call(Operation operation, Caller caller) {
        String path = operation
                .path()
                .substring(1)
                .replace(
                        "{name}",
                        operation.path().startsWith("/api/users/") && !caller.anonymous()
                                ? caller.name()
                                : "no-such-site")
                .replace("{queue}", "no-such-queue")
                .replaceAll("\\{[a-z]+}", "999999999");
        boolean hasBody = operation.contentType() != null;
        return caller.api()
                .send(
                        operation.method(),
                        path,
                        hasBody ? operation.contentType() : null,
                        hasBody ? "{}" : null,
                        Map.of());
    }

    /** Every path and method of the OpenAPI document, with the type of its request body if it has one. */
    private List<Operation> operations() {
        Answer document = anonymous.send("GET", "openapi", null, null, Map.of("Accept", "application/json"));
        assertThat(document.status()).as(document.body()).isEqualTo(200);
        List<Operation> operations = new ArrayList<>();
        JsonObject paths = document.json().getJsonObject("paths");
        for (String path : paths.keySet()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : List.of("get", "put", "post", "delete", "patch")) {
                if (!item.containsKey(method)) {
                    continue;
                }
                JsonObject operation = item.getJsonObject(method);
                JsonObject body = operation.containsKey("requestBody")
                        ? operation.getJsonObject("requestBody").getJsonObject("content")
                        : null;
                String type = body == null || body.isEmpty()
                        ? null
                        : body.keySet().iterator().next();
                operations.add(new Operation(
                        method.toUpperCase(Locale.ROOT), path, operation.getString("summary", null), type));
            }
        }
        return operations;
    }
}
