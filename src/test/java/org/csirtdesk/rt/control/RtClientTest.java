package org.csirtdesk.rt.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.csirtdesk.rt.entity.RtChange;
import org.csirtdesk.rt.entity.RtFile;
import org.csirtdesk.rt.entity.RtMessage;
import org.csirtdesk.rt.entity.RtQueue;
import org.csirtdesk.rt.entity.RtTicket;
import org.csirtdesk.rt.entity.RtTicketDraft;
import org.csirtdesk.rt.entity.RtTransaction;
import org.csirtdesk.rt.entity.RtUpdate;
import org.csirtdesk.ticket.entity.Queue;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST2 client against a real HTTP server on 127.0.0.1 that answers as RT 5.0.3 did (the recorded bodies of
 * rt-rest2-examples.md in {@code src/test/resources/rt/}). Each test is named after the quirk of RT it covers.
 */
class RtClientTest {

    private static final String TOKEN = "1-42-0123456789abcdef0123456789abcdef";
    private static final String COOKIE = "RT_SID_rt-anchor.19080";

    /** What the fake RT answers: status, body, headers. */
    record Answer(int status, String body, Map<String, String> headers) {
        static Answer json(int status, String body) {
            return new Answer(status, body, Map.of());
        }

        Answer with(String header, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(header, value);
            return new Answer(status, body, all);
        }
    }

    /** One request the fake RT got. */
    record Seen(
            String method,
            String path,
            String rawPath,
            Map<String, List<String>> query,
            Map<String, String> headers,
            String body) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        String parameter(String name) {
            List<String> values = query.get(name);
            return values == null ? null : values.get(0);
        }

        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }
    }

    interface Route {
        Answer answer(Seen request) throws Exception;
    }

    private HttpServer server;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private RtSettings settings;
    private RtClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        settings = settings("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        settings.token = Optional.of(TOKEN);
        client = new RtClient(settings);
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    // ---- authentication

    @Test
    void tokenIsSentAsAuthorizationTokenHeaderWithReferer() {
        on("GET /REST/2.0/rt", request -> ok(fixture("rt")));

        assertThat(client.version()).isEqualTo("5.0.3+dfsg-3~deb12u6");

        Seen request = seen.get(0);
        assertThat(request.header("Authorization")).isEqualTo("token " + TOKEN);
        assertThat(request.header("Referer")).isEqualTo(base() + "/");
        assertThat(request.header("Cookie")).isNull();
    }

    @Test
    void cookieLoginPostsTheFormOnceAndSendsTheCookieAndRefererOnEveryRequest() {
        useCookieLogin();
        on("POST /NoAuth/Login.html", request -> loggedIn("s1"));
        on("GET /REST/2.0/rt", request -> ok(fixture("rt")));
        on("PUT /REST/2.0/ticket/2037", request -> ok(fixture("update-accepted")));

        client.version();
        client.update(2037, Map.of("Status", "open"));

        assertThat(seen)
                .extracting(Seen::method, Seen::path)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("POST", "/NoAuth/Login.html"),
                        org.assertj.core.groups.Tuple.tuple("GET", "/REST/2.0/rt"),
                        org.assertj.core.groups.Tuple.tuple("PUT", "/REST/2.0/ticket/2037"));
        Seen login = seen.get(0);
        assertThat(login.body())
                .contains("user=desk")
                .contains("pass=s%C3%A9cret+%26+more")
                .contains("next=");
        for (Seen request : seen.subList(1, 3)) {
            assertThat(request.header("Cookie")).isEqualTo(COOKIE + "=s1");
            // RT 5.0.3 refuses cookie-authenticated writes without it (cross-site request forgery).
            assertThat(request.header("Referer")).isEqualTo(base() + "/");
            assertThat(request.header("Authorization")).isNull();
        }
    }

    @Test
    void expiredSessionCookieIsRenewedOnceOn401() {
        useCookieLogin();
        AtomicInteger logins = new AtomicInteger();
        on("POST /NoAuth/Login.html", request -> loggedIn("s" + logins.incrementAndGet()));
        on(
                "GET /REST/2.0/rt",
                request -> (COOKIE + "=s1").equals(request.header("Cookie"))
                        ? Answer.json(401, fixture("unauthorized"))
                        : ok(fixture("rt")));

        assertThat(client.version()).startsWith("5.0.3");
        assertThat(logins).hasValue(2);
        assertThat(seen.get(seen.size() - 1).header("Cookie")).isEqualTo(COOKIE + "=s2");
    }

    @Test
    void unauthorizedAfterAFreshLoginIsUnavailable() {
        useCookieLogin();
        AtomicInteger logins = new AtomicInteger();
        on("POST /NoAuth/Login.html", request -> loggedIn("s" + logins.incrementAndGet()));
        on("GET /REST/2.0/ticket/1", request -> Answer.json(401, fixture("unauthorized")));

        assertThatThrownBy(() -> client.ticket(1))
                .isInstanceOfSatisfying(
                        RtUnavailable.class, e -> assertThat(e.maybeDone()).isFalse())
                .hasMessageContaining("401");
        assertThat(logins).hasValue(2);
    }

    @Test
    void wrongPasswordAnswersTheLoginPageAgainAndIsUnavailable() {
        useCookieLogin();
        // RT answers a failed login with its login page (200) and an anonymous session.
        on("POST /NoAuth/Login.html", request -> new Answer(
                        200, "<html>Your username or password is incorrect</html>", Map.of())
                .with("Set-Cookie", COOKIE + "=anonymous; path=/; HttpOnly"));

        assertThatThrownBy(() -> client.version())
                .isInstanceOfSatisfying(
                        RtUnavailable.class, e -> assertThat(e.maybeDone()).isFalse())
                .hasMessageContaining("refused the login of desk");
        assertThat(seen).hasSize(1);
    }

    @Test
    void unauthorizedTokenIsUnavailableWithoutTryingAgain() {
        on("GET /REST/2.0/ticket/1", request -> Answer.json(401, fixture("unauthorized")));

        assertThatThrownBy(() -> client.ticket(1)).isInstanceOf(RtUnavailable.class);
        assertThat(seen).hasSize(1);
    }

    // ---- create

    @Test
    void createAnswersTheIdThatRtGivesAsAStringAndSendsDueInUtcWhateverRtsZone() {
        settings.timezone = "Europe/Amsterdam";
        on("POST /REST/2.0/ticket", request -> Answer.json(201, fixture("ticket-created"))
                .with("Location", "/REST/2.0/ticket/2037"));

        long id = client.create(new RtTicketDraft(
                "Investigations",
                "Phishing wave against finance",
                List.of("alice@example.com"),
                List.of("soc@example.com"),
                Instant.parse("2026-12-01T11:00:00.750Z"),
                "Several users received a credential-phishing mail.",
                null,
                Map.of("Classification", "Spam"),
                List.of(2030L)));

        assertThat(id).isEqualTo(2037);
        JsonObject body = seen.get(0).json();
        assertThat(body.getString("Queue")).isEqualTo("Investigations");
        // RT::Ticket::Create reads Due as ISO in UTC, whatever the user's zone (measured on RT 5.0.3 in Amsterdam).
        assertThat(body.getString("Due")).isEqualTo("2026-12-01 11:00:00");
        assertThat(body.getJsonArray("Requestor").getString(0)).isEqualTo("alice@example.com");
        assertThat(body.getJsonArray("Cc").getString(0)).isEqualTo("soc@example.com");
        assertThat(body.getString("ContentType")).isEqualTo("text/plain");
        assertThat(body.getJsonObject("CustomFields").getString("Classification"))
                .isEqualTo("Spam");
        assertThat(body.getJsonArray("MemberOf").getJsonNumber(0).longValue()).isEqualTo(2030);
        assertThat(seen.get(0).header("Content-Type")).startsWith("application/json");
    }

    @Test
    void createTakesTheIdFromLocationWhenTheBodyHasNone() {
        on("POST /REST/2.0/ticket", request -> new Answer(201, "", Map.of("Location", "/REST/2.0/ticket/2038")));

        assertThat(client.create(draft("Incident Reports"))).isEqualTo(2038);
    }

    @Test
    void createInAnUnknownQueueIsRefusedWith403NotNotFound() {
        on("POST /REST/2.0/ticket", request -> Answer.json(403, fixture("create-unknown-queue")));

        assertThatThrownBy(() -> client.create(draft("NoSuchQueue"))).isInstanceOfSatisfying(RtRefused.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(403);
            assertThat(e.messages()).containsExactly("No permission to create tickets in the queue 'NoSuchQueue'");
        });
    }

    @Test
    void serverErrorOnCreateIsUnavailableAndMaybeDone() {
        on("POST /REST/2.0/ticket", request -> Answer.json(500, "<h1>Internal Server Error</h1>"));

        assertThatThrownBy(() -> client.create(draft("Incident Reports")))
                .isInstanceOfSatisfying(
                        RtUnavailable.class, e -> assertThat(e.maybeDone()).isTrue());
    }

    @Test
    void readTimeoutAfterTheCreateWasSentIsUnavailableAndMaybeDone() {
        settings.timeout = Duration.ofMillis(300);
        on("POST /REST/2.0/ticket", request -> {
            Thread.sleep(1500);
            return Answer.json(201, fixture("ticket-created"));
        });

        assertThatThrownBy(() -> client.create(draft("Incident Reports")))
                .isInstanceOfSatisfying(
                        RtUnavailable.class, e -> assertThat(e.maybeDone()).isTrue());
        assertThat(seen).hasSize(1);
    }

    @Test
    void connectionRefusedIsUnavailableAndSurelyNotDone() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        RtSettings nowhere = settings("http://127.0.0.1:" + closedPort);
        nowhere.token = Optional.of(TOKEN);
        RtClient unreachable = new RtClient(nowhere);
        try {
            assertThatThrownBy(() -> unreachable.create(draft("Incident Reports")))
                    .isInstanceOfSatisfying(
                            RtUnavailable.class, e -> assertThat(e.maybeDone()).isFalse());
        } finally {
            unreachable.close();
        }
    }

    // ---- read

    @Test
    void ticketIsCleanedOfRtsQuirks() {
        on("GET /REST/2.0/ticket/2037", request -> ok(fixture("ticket-2037")).with("ETag", "\"12310\""));
        on("GET /REST/2.0/queue/5", request -> ok(fixture("queue-investigations")));

        RtTicket ticket = client.ticket(2037);

        // A numeric top-level id, string ids in the nested references, the queue by its number only.
        assertThat(ticket.id()).isEqualTo(2037);
        assertThat(ticket.queue()).isEqualTo("Investigations");
        assertThat(ticket.status()).isEqualTo("new");
        assertThat(ticket.subject()).isEqualTo("Phishing wave against finance");
        assertThat(ticket.owner()).as("RT's Nobody").isNull();
        assertThat(ticket.due()).contains(Instant.parse("2026-12-01T12:00:00Z"));
        assertThat(ticket.lastUpdated()).isEqualTo(Instant.parse("2026-11-22T14:02:03Z"));
        assertThat(ticket.requestors()).containsExactly("alice@example.com");
        assertThat(ticket.cc()).containsExactly("soc@example.com");
        assertThat(ticket.customFields())
                .containsEntry("Classification", List.of("Spam"))
                .containsEntry("Response Due", List.of("2026-11-30T09:00:00Z"));
        assertThat(ticket.memberOf()).isEmpty();
        assertThat(ticket.etag()).isEqualTo("\"12310\"");
    }

    @Test
    void unsetDueDate1970IsEmptyAndParentLinksAreMemberOf() {
        on("GET /REST/2.0/ticket/2040", request -> ok(fixture("ticket-2040-derived")));
        on("GET /REST/2.0/queue/5", request -> ok(fixture("queue-investigations")));
        on("GET /REST/2.0/user/bob", request -> ok(fixture("user-bob-derived")));

        RtTicket ticket = client.ticket(2040);

        assertThat(ticket.due()).isEmpty();
        assertThat(ticket.owner()).isEqualTo("adapter");
        assertThat(ticket.memberOf()).containsExactly(2030L, 2031L);
        assertThat(ticket.cc()).isEmpty();
        // A user whose name is no address is looked up once; a mail user's name is the address.
        assertThat(ticket.requestors()).containsExactly("bob@example.org", "carol@example.org");
    }

    @Test
    void queueNamesAndUsersAreLookedUpOnce() {
        on("GET /REST/2.0/ticket/2040", request -> ok(fixture("ticket-2040-derived")));
        on("GET /REST/2.0/queue/5", request -> ok(fixture("queue-investigations")));
        on("GET /REST/2.0/user/bob", request -> ok(fixture("user-bob-derived")));

        client.ticket(2040);
        client.ticket(2040);

        assertThat(seen)
                .extracting(Seen::path)
                .filteredOn(path -> !path.startsWith("/REST/2.0/ticket/"))
                .containsExactly("/REST/2.0/queue/5", "/REST/2.0/user/bob");
    }

    @Test
    void missingTicketIsRefusedNotFound() {
        on("GET /REST/2.0/ticket/999999", request -> Answer.json(404, fixture("not-found")));

        assertThatThrownBy(() -> client.ticket(999999))
                .isInstanceOfSatisfying(
                        RtRefused.class, e -> assertThat(e.notFound()).isTrue());
    }

    // ---- update

    @Test
    void updateWhoseMessagesSayChangedPassesWithoutReadingBack() {
        on("PUT /REST/2.0/ticket/2037", request -> ok(fixture("update-accepted")));

        client.update(
                2037,
                RtUpdate.of()
                        .status("open")
                        .owner("adapter")
                        .due(Instant.parse("2026-12-05T17:00:00Z"))
                        .customField("Classification", "System Compromise")
                        .with("Priority", 70));

        assertThat(seen).hasSize(1);
        JsonObject body = seen.get(0).json();
        assertThat(body.getString("Due")).isEqualTo("2026-12-05 17:00:00");
        assertThat(body.getInt("Priority")).isEqualTo(70);
        assertThat(body.getJsonObject("CustomFields").getString("Classification"))
                .isEqualTo("System Compromise");
    }

    @Test
    void updateSendsDueInUtcButDateCustomFieldsInRtsZone() {
        settings.timezone = "Europe/Amsterdam";
        on("PUT /REST/2.0/ticket/2037", request -> ok("[]"));

        client.update(
                2037,
                RtUpdate.of()
                        .due(Instant.parse("2026-12-05T17:00:00Z"))
                        .with("CustomFields", Map.of("Response Due", Instant.parse("2026-11-30T08:00:00Z"))));

        JsonObject body = seen.get(0).json();
        assertThat(body.getString("Due")).isEqualTo("2026-12-05 17:00:00");
        // A DateTime custom field is read by RT in its user's zone (RT::CustomField::_CanonicalizeValueDateTime).
        assertThat(body.getJsonObject("CustomFields").getString("Response Due")).isEqualTo("2026-11-30 09:00:00");
    }

    @Test
    void invalidStatusAnsweredWith200IsRefusedWithRtsWords() {
        on("PUT /REST/2.0/ticket/2037", request -> ok(fixture("update-invalid-status")));

        assertThatThrownBy(() -> client.update(2037, Map.of("Status", "no-such-status")))
                .isInstanceOfSatisfying(RtRefused.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(200);
                    assertThat(e.stale()).isFalse();
                    assertThat(e.messages())
                            .containsExactly(
                                    "Ticket 2037: Status 'no-such-status' isn't a valid status for this ticket.");
                });
    }

    @Test
    void forbiddenLifecycleTransitionAnsweredWith200IsRefused() {
        on(
                "PUT /REST/2.0/ticket/662",
                request -> ok(
                        "[\"Ticket 662: You can't change status from 'pending activation' to 'pending removal'.\"]"));

        assertThatThrownBy(() -> client.update(662, Map.of("Status", "pending removal")))
                .isInstanceOfSatisfying(
                        RtRefused.class, e -> assertThat(e.messages().get(0)).contains("You can't change status"));
    }

    @Test
    void newValueThatContainsRefusalWordsIsStillAChangeMade() {
        on(
                "PUT /REST/2.0/ticket/2037",
                request -> ok("[\"Ticket 2037: Subject changed from 'x' to 'Could not reach host: invalid'\"]"));

        client.update(2037, Map.of("Subject", "Could not reach host: invalid"));

        assertThat(seen).hasSize(1);
    }

    @Test
    void unknownMessageMakesItReadTheTicketBackAndRefuseWhatDidNotChange() {
        on("PUT /REST/2.0/ticket/2037", request -> ok("[\"Ticket 2037: something RT says in a new version\"]"));
        on("GET /REST/2.0/ticket/2037", request -> ok(fixture("ticket-2037")));
        on("GET /REST/2.0/queue/5", request -> ok(fixture("queue-investigations")));

        assertThatThrownBy(() -> client.update(2037, Map.of("Status", "open")))
                .isInstanceOfSatisfying(
                        RtRefused.class, e -> assertThat(e.messages()).contains("Status is 'new', not 'open'"));
    }

    @Test
    void unknownMessageWithTheChangeVisibleOnReadBackPasses() {
        on("PUT /REST/2.0/ticket/2037", request -> ok("[\"Ticket 2037: something RT says in a new version\"]"));
        on("GET /REST/2.0/ticket/2037", request -> ok(fixture("ticket-2037")));
        on("GET /REST/2.0/queue/5", request -> ok(fixture("queue-investigations")));

        client.update(2037, Map.of("Status", "new"));
    }

    @Test
    void staleIfMatchIs412RefusedAsStale() {
        on(
                "PUT /REST/2.0/ticket/2037",
                request -> "\"12310\"".equals(request.header("If-Match"))
                        ? Answer.json(412, fixture("precondition-failed"))
                        : ok("[]"));

        assertThatThrownBy(
                        () -> client.update(2037, RtUpdate.of().status("open").ifMatch("\"12310\"")))
                .isInstanceOfSatisfying(
                        RtRefused.class, e -> assertThat(e.stale()).isTrue());
    }

    // ---- messages

    @Test
    void correspondAnswersTheTransactionIdFromLocation() {
        on("POST /REST/2.0/ticket/2037/correspond", request -> Answer.json(201, fixture("correspond-added"))
                .with("Location", "/REST/2.0/transaction/12313"));

        long transaction = client.correspond(
                2037,
                new RtMessage(
                        "Re: Phishing wave against finance",
                        "We are investigating. Please do not click the link.",
                        null,
                        null,
                        5));

        assertThat(transaction).isEqualTo(12313);
        JsonObject body = seen.get(0).json();
        assertThat(body.getString("Content")).isEqualTo("We are investigating. Please do not click the link.");
        assertThat(body.getString("ContentType")).isEqualTo("text/plain");
        assertThat(body.getString("Subject")).isEqualTo("Re: Phishing wave against finance");
        assertThat(body.containsKey("Status")).isFalse();
        assertThat(body.getInt("TimeTaken")).isEqualTo(5);
    }

    @Test
    void commentAnswersTheTransactionIdFromLocation() {
        on("POST /REST/2.0/ticket/2037/comment", request -> Answer.json(201, fixture("comment-added"))
                .with("Location", "/REST/2.0/transaction/12319"));

        assertThat(client.comment(2037, RtMessage.text("Internal note: blocked sender domain at the gateway.")))
                .isEqualTo(12319);
    }

    @Test
    void serverErrorOnCorrespondIsMaybeDone() {
        on("POST /REST/2.0/ticket/2037/correspond", request -> Answer.json(502, "Bad Gateway"));

        assertThatThrownBy(() -> client.correspond(2037, RtMessage.text("x")))
                .isInstanceOfSatisfying(
                        RtUnavailable.class, e -> assertThat(e.maybeDone()).isTrue());
    }

    // ---- search

    @Test
    void changesSinceAsksTicketSqlInRtsZoneOrderedByLastUpdatedAndWalksPagesUntilEmpty() {
        settings.timezone = "Europe/Amsterdam";
        List<RtChange> all = List.of(
                new RtChange(2037, Instant.parse("2026-11-22T14:02:03Z")),
                new RtChange(2040, Instant.parse("2026-11-22T14:05:00Z")),
                new RtChange(2041, Instant.parse("2026-11-22T15:00:00Z")));
        // RT leaves total and pages null when the user may not see all: the client walks until an empty page.
        on("GET /REST/2.0/tickets", request -> ok(page(all, request, 2, false)));

        List<RtChange> changes = client.changesSince(
                Instant.parse("2026-11-22T14:00:00.900Z"), List.of("Incident Reports", "Investigations"), 10);

        assertThat(changes).containsExactlyElementsOf(all);
        assertThat(seen).hasSize(3);
        Seen first = seen.get(0);
        assertThat(first.parameter("query"))
                .isEqualTo("(Queue = 'Incident Reports' OR Queue = 'Investigations')"
                        + " AND LastUpdated >= '2026-11-22 15:00:00'");
        assertThat(first.query().get("orderby")).containsExactly("LastUpdated", "id");
        assertThat(first.query().get("order")).containsExactly("ASC", "ASC");
        assertThat(first.parameter("fields")).isEqualTo("LastUpdated");
        assertThat(seen).extracting(request -> request.parameter("page")).containsExactly("1", "2", "3");
        assertThat(client.changesSince(Instant.EPOCH, List.of(), 10)).containsExactlyElementsOf(all);
    }

    @Test
    void changesSinceStopsAtTheLastPageWhenRtCountsAndAtTheLimit() {
        List<RtChange> all = List.of(
                new RtChange(1, Instant.parse("2026-11-22T14:00:00Z")),
                new RtChange(2, Instant.parse("2026-11-22T14:00:01Z")),
                new RtChange(3, Instant.parse("2026-11-22T14:00:02Z")));
        on("GET /REST/2.0/tickets", request -> ok(page(all, request, 2, true)));

        assertThat(client.changesSince(Instant.EPOCH, List.of("Incidents"), 10)).containsExactlyElementsOf(all);
        assertThat(seen).hasSize(2);

        seen.clear();
        assertThat(client.changesSince(Instant.EPOCH, List.of("Incidents"), 2))
                .containsExactlyElementsOf(all.subList(0, 2));
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).parameter("per_page")).isEqualTo("2");
    }

    @Test
    void badTicketSqlIsRefusedWith400AndRtsPerlError() {
        on("GET /REST/2.0/tickets", request -> Answer.json(400, fixture("search-bad-ticketsql")));

        assertThatThrownBy(() -> client.changesSince(Instant.EPOCH, List.of("Incidents"), 10))
                .isInstanceOfSatisfying(RtRefused.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.messages().get(0)).startsWith("Incomplete query");
                });
    }

    @Test
    void findByFieldQuotesTheValueAndTakesTheStringId() {
        on("GET /REST/2.0/tickets", request -> ok(fixture("search-ids")));

        assertThat(client.findByField("CSIRT Desk Ticket", "desk-42+a@b")).contains(2037L);

        assertThat(seen.get(0).parameter("query")).isEqualTo("CF.{CSIRT Desk Ticket} = 'desk-42+a@b'");
    }

    @Test
    void findByFieldFindsNothingInAnEmptyPage() {
        on(
                "GET /REST/2.0/tickets",
                request -> ok("{\"count\":0,\"items\":[],\"page\":1,\"pages\":0," + "\"per_page\":1,\"total\":0}"));

        assertThat(client.findByField("CSIRT Desk Ticket", "42")).isEmpty();
    }

    @Test
    void findByFieldRefusesValuesItCouldOnlyQuoteWrong() {
        assertThatThrownBy(() -> client.findByField("CSIRT Desk Ticket", "x' OR id > '0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.findByField("CSIRT Desk Ticket", "back\\slash"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.findByField("Evil} = 'x' OR CF.{Y", "1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(seen).isEmpty();
    }

    // ---- history and content

    @Test
    void historyWithNullTotalsIsWalkedUntilAnEmptyPageAndFilteredAfterATransaction() {
        JsonArray items = Json.createReader(new StringReader(fixture("history-fields")))
                .readObject()
                .getJsonArray("items");
        on("GET /REST/2.0/ticket/2037/history", request -> ok(historyPage(items, request, 5)));

        List<RtTransaction> history = client.history(2037, 12316);

        assertThat(seen).extracting(request -> request.parameter("page")).containsExactly("1", "2", "3", "4");
        assertThat(seen.get(0).parameter("fields")).isEqualTo("Type,Creator,Created,Field,OldValue,NewValue");
        assertThat(seen.get(0).parameter("per_page")).isEqualTo("100");
        assertThat(history)
                .extracting(RtTransaction::id)
                .containsExactly(12318L, 12319L, 12320L, 12321L, 12322L, 12323L, 12324L, 12325L, 12326L);
        assertThat(history.get(0))
                .isEqualTo(new RtTransaction(
                        12318,
                        "Status",
                        "adapter",
                        Instant.parse("2026-11-22T14:02:05Z"),
                        "Status",
                        "open",
                        "stalled"));
        assertThat(history.get(7).field()).as("a custom field by its id").isEqualTo("2");
    }

    @Test
    void contentIsTheTextPlainPartOfTheTransaction() {
        on("GET /REST/2.0/transaction/12313/attachments", request -> ok(fixture("transaction-attachments")));

        assertThat(client.content(12313)).isEqualTo("We are investigating. Please do not click the link.");
        assertThat(seen.get(0).parameter("fields")).contains("Content");
    }

    @Test
    void filesAreTheNamedPartsReadOneByOneWithTheirBytesFromBase64() {
        on(
                "GET /REST/2.0/transaction/12314/attachments",
                request -> ok(request.parameter("page").equals("1") ? """
                                {"items": [
                                  {"id": "8176", "type": "attachment", "Filename": ""},
                                  {"id": "8177", "type": "attachment", "Filename": "sample.bin"}],
                                 "per_page": 100, "count": 2, "total": null, "page": 1, "pages": null}""" : """
                                {"items": [], "per_page": 100, "count": 0, "total": null, "page": 2, "pages": null}"""));
        // RT's encode_base64 breaks lines every 76 characters.
        on("GET /REST/2.0/attachment/8177", request -> ok("""
                {"id": 8177, "Filename": "sample.bin", "ContentType": "application/octet-stream",
                 "Content": "AAECA/9N\\nWg==\\n"}"""));

        List<RtFile> files = client.files(12314);

        assertThat(files).hasSize(1);
        assertThat(files.get(0).filename()).isEqualTo("sample.bin");
        assertThat(files.get(0).contentType()).isEqualTo("application/octet-stream");
        assertThat(files.get(0).content()).containsExactly(0, 1, 2, 3, 0xff, 'M', 'Z');
        assertThat(seen).extracting(Seen::path).doesNotContain("/REST/2.0/attachment/8176");
    }

    // ---- queues and users

    @Test
    void queueTellsLifecycleAndTheTicketCustomFieldsThatApply() {
        on("GET /REST/2.0/queue/Incident Reports", request -> ok(fixture("queue-investigations")));

        Optional<RtQueue> queue = client.queue("Incident Reports");

        assertThat(queue)
                .contains(new RtQueue(
                        5, "Investigations", "default", false, java.util.Set.of("Classification", "Response Due")));
        assertThat(seen.get(0).rawPath()).isEqualTo("/REST/2.0/queue/Incident%20Reports");
    }

    @Test
    void unknownQueueIsEmpty() {
        on("GET /REST/2.0/queue/Countermeasures", request -> Answer.json(404, fixture("not-found")));

        assertThat(client.queue("Countermeasures")).isEmpty();
    }

    @Test
    void userHasItsNumericIdNameAndAddress() {
        on("GET /REST/2.0/user/bob", request -> ok(fixture("user-bob-derived")));

        assertThat(client.user("bob")).isEqualTo(new org.csirtdesk.rt.entity.RtUser(44, "bob", "bob@example.org"));
    }

    @Test
    void aUserRtWillNotShowIsARefusalNotAnOutage() {
        // RT's answer when the asking user lacks the right to see users: the record without its fields.
        on("GET /REST/2.0/user/staff", request -> Answer.json(200, "{\"_hyperlinks\": []}"));

        assertThatThrownBy(() -> client.user("staff"))
                .isInstanceOf(RtRefused.class)
                .hasMessageContaining("does not show user staff");
    }

    // ---- fault tolerance and settings

    @Test
    void faultToleranceExceptionsReachTheCallerAsUnavailable() {
        assertThat(RtFailureTranslation.translated("create", new CircuitBreakerOpenException("open"))
                        .maybeDone())
                .as("circuit open: nothing was sent")
                .isFalse();
        assertThat(RtFailureTranslation.translated("create", new TimeoutException("late"))
                        .maybeDone())
                .as("timed out while under way")
                .isTrue();
    }

    @Test
    void settingsCheckListsWhatIsMissingAndMapsTheQueues() {
        RtSettings empty = settings(null);
        assertThat(empty.check())
                .hasSize(2)
                .anySatisfy(problem -> assertThat(problem).contains("csirt.rt.url"))
                .anySatisfy(problem -> assertThat(problem).contains("csirt.rt.token"));
        empty.url = Optional.of("https://rt.example.org/");
        empty.user = Optional.of("desk");
        assertThat(empty.check()).singleElement().asString().contains("csirt.rt.password");
        empty.password = Optional.of("x");
        empty.timezone = "Mars/Olympus";
        assertThat(empty.check()).singleElement().asString().contains("csirt.rt.timezone");
        empty.timezone = "UTC";
        assertThat(empty.check()).isEmpty();
        assertThat(empty.url().toString()).isEqualTo("https://rt.example.org");

        empty.incidentsQueue = "Incidents (EGI)";
        assertThat(empty.queueName(Queue.INCIDENTS)).isEqualTo("Incidents (EGI)");
        assertThat(empty.queueOf("Incidents (EGI)")).contains(Queue.INCIDENTS);
        assertThat(empty.queueOf("Incidents")).isEmpty();
        assertThat(empty.queueOf("Countermeasures")).contains(Queue.COUNTERMEASURES);
    }

    // ---- the fake RT

    private void useCookieLogin() {
        settings.token = Optional.empty();
        settings.user = Optional.of("desk");
        settings.password = Optional.of("sécret & more");
    }

    private Answer loggedIn(String sessionId) {
        return new Answer(
                302,
                "",
                Map.of("Location", base() + "/", "Set-Cookie", COOKIE + "=" + sessionId + "; path=/; HttpOnly"));
    }

    private static Answer ok(String body) {
        return Answer.json(200, body);
    }

    private void on(String methodAndPath, Route route) {
        routes.put(methodAndPath, route);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static RtSettings settings(String url) {
        RtSettings settings = new RtSettings();
        settings.url = Optional.ofNullable(url);
        settings.token = Optional.empty();
        settings.user = Optional.empty();
        settings.password = Optional.empty();
        settings.timezone = "UTC";
        settings.incidentReportsQueue = "Incident Reports";
        settings.incidentsQueue = "Incidents";
        settings.investigationsQueue = "Investigations";
        settings.countermeasuresQueue = "Countermeasures";
        settings.pollInterval = Duration.ofSeconds(10);
        settings.timeout = Duration.ofSeconds(5);
        settings.workers = 4;
        return settings;
    }

    private static RtTicketDraft draft(String queue) {
        return new RtTicketDraft(queue, "minimal", List.of("bob@example.com"), null, null, "body", null, null, null);
    }

    /** A page of a ticket search as RT writes it, {@code counted} or with null total and pages. */
    private static String page(List<RtChange> all, Seen request, int rtPageSize, boolean counted) {
        int perPage = Math.min(rtPageSize, Integer.parseInt(request.parameter("per_page")));
        int page = Integer.parseInt(request.parameter("page"));
        JsonArrayBuilder items = Json.createArrayBuilder();
        all.stream()
                .skip((long) (page - 1) * perPage)
                .limit(perPage)
                .forEach(change -> items.add(Json.createObjectBuilder()
                        .add("LastUpdated", change.lastUpdated().toString())
                        .add("id", String.valueOf(change.id()))
                        .add("type", "ticket")
                        .add("_url", "http://127.0.0.1:19080/REST/2.0/ticket/" + change.id())));
        JsonArray built = items.build();
        return Json.createObjectBuilder()
                .add("count", built.size())
                .add("items", built)
                .add("page", page)
                .add("pages", counted ? Json.createValue((all.size() + perPage - 1) / perPage) : JsonValue.NULL)
                .add("per_page", perPage)
                .add("total", counted ? Json.createValue(all.size()) : JsonValue.NULL)
                .build()
                .toString();
    }

    /** A page of history: RT shows at most {@code rtPageSize} items here, with null total and pages. */
    private static String historyPage(JsonArray items, Seen request, int rtPageSize) {
        int page = Integer.parseInt(request.parameter("page"));
        JsonArrayBuilder shown = Json.createArrayBuilder();
        items.stream().skip((long) (page - 1) * rtPageSize).limit(rtPageSize).forEach(shown::add);
        JsonArray built = shown.build();
        return Json.createObjectBuilder()
                .add("total", JsonValue.NULL)
                .add("items", built)
                .add("per_page", rtPageSize)
                .add("pages", JsonValue.NULL)
                .add("count", built.size())
                .add("page", page)
                .build()
                .toString();
    }

    private static String fixture(String name) {
        try (InputStream in = RtClientTest.class.getResourceAsStream("/rt/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("no fixture rt/" + name + ".json");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> query = new LinkedHashMap<>();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            if (rawQuery != null) {
                for (String pair : rawQuery.split("&")) {
                    String[] parts = pair.split("=", 2);
                    query.computeIfAbsent(decode(parts[0]), key -> new ArrayList<>())
                            .add(parts.length > 1 ? decode(parts[1]) : "");
                }
            }
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            Seen request = new Seen(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawPath(),
                    query,
                    headers,
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            seen.add(request);
            Route route = routes.get(request.method() + " " + request.path());
            Answer answer;
            try {
                answer = route == null ? Answer.json(404, fixture("not-found")) : route.answer(request);
            } catch (Exception e) {
                answer = Answer.json(599, e.toString());
            }
            answer.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            if (!answer.headers().containsKey("Content-Type")) {
                exchange.getResponseHeaders().add("Content-Type", "application/json; charset=\"utf-8\"");
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
