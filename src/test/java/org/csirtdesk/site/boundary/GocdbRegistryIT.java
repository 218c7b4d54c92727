package org.csirtdesk.site.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.Api.Answer;
import org.csirtdesk.support.Deployments;
import org.csirtdesk.support.GocdbServer;
import org.csirtdesk.support.Scenario;
import org.csirtdesk.support.TestDatabase;
import org.csirtdesk.support.TestUsers;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The application against a GOCDB imitation that serves GOCDB's real formats over HTTP on loopback: paging,
 * scope, an error under HTTP 200, slowness, GOCDB down, and status changes through the portal form that take
 * effect only after a delay and are confirmed by reading GOCDB back.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GocdbRegistryIT {

    private static final String EXTENSION = "EGI_CSIRT_SUSPENSION_TICKET";
    private static GocdbServer gocdb;

    @ArquillianResource
    URL deployment;

    private Api api;

    @Deployment(testable = false)
    static WebArchive application() throws SQLException {
        TestDatabase.freshApplicationDatabase();
        gocdb = GocdbServer.start().pageSize(2);
        Map<String, String> configuration = new HashMap<>();
        configuration.put("csirt.site.registry", "gocdb");
        configuration.put("csirt.site.status-change", "portal");
        configuration.put("csirt.gocdb.url", gocdb.url());
        configuration.put("csirt.gocdb.token", "test-token");
        configuration.put("csirt.gocdb.timeout-seconds", "2");
        configuration.put("csirt.site.status-check-seconds", "1");
        configuration.put("csirt.site.ticket-extension", EXTENSION);
        // Fault tolerance at test speed and predictable: short retry delays; the circuit opens when the last 6
        // calls all failed (two refreshes against a GOCDB that is down) and closes again after 2 s.
        String http = "org.csirtdesk.site.control.GocdbHttp/";
        configuration.put(http + "read/Retry/delay", "100");
        configuration.put(http + "read/Retry/jitter", "50");
        configuration.put(http + "CircuitBreaker/delay", "2000");
        configuration.put(http + "CircuitBreaker/delayUnit", "MILLIS");
        configuration.put(http + "CircuitBreaker/requestVolumeThreshold", "6");
        configuration.put(http + "CircuitBreaker/failureRatio", "1.0");
        configuration.put(http + "Timeout/value", "5000");
        configuration.put(http + "Timeout/unit", "MILLIS");
        return Deployments.war(configuration);
    }

    @AfterAll
    static void stopGocdb() {
        gocdb.close();
    }

    /**
     * What each step starts with, as each ordered test did: its client, and GOCDB up and prompt whatever the step
     * before did to it.
     */
    private void clientAndGocdbUpAndPrompt() {
        api = TestUsers.everyRole(new Api(deployment));
        gocdb.down(false);
        gocdb.delay(Duration.ZERO);
    }

    private Answer refresh() {
        for (int attempt = 0; attempt < 50; attempt++) {
            Answer answer = api.post("api/sites/refresh", "");
            if (answer.status() != 409) {
                return answer;
            }
            Api.pause(Duration.ofMillis(200));
        }
        throw new AssertionError("a refresh kept running");
    }

    @TestFactory
    @DisplayName("The site registry against a GOCDB double: refreshes, failures and status changes, step by step")
    Stream<DynamicTest> theRegistryAgainstGocdb() {
        return new Scenario()
                .beforeEachStep(this::clientAndGocdbUpAndPrompt)
                .step(
                        "A refresh reads every part with scope=EGI and paging",
                        this::aRefreshReadsEveryPartWithScopeEgiAndPaging)
                .step(
                        "An error under HTTP 200 keeps the copy and raises a warning",
                        this::anErrorUnderHttp200KeepsTheCopyAndRaisesAWarning)
                .step(
                        "A part GOCDB cannot deliver keeps its old data while the rest is refreshed",
                        this::aPartGocdbCannotDeliverKeepsItsOldDataWhileTheRestIsRefreshed)
                .step("Two refreshes at once run once", this::twoRefreshesAtOnceRunOnce)
                .step(
                        "GOCDB down or slow changes nothing the procedures need",
                        this::gocdbDownOrSlowChangesNothingTheProceduresNeed)
                .step(
                        "SEC03-4.5: a suspension through GOCDB's portal is active only when GOCDB shows it",
                        this::aPortalSuspensionIsConfirmedOnlyWhenGocdbShowsIt)
                .step("A change GOCDB refuses fails with GOCDB's words", this::aChangeGocdbRefusesFailsWithGocdbsWords)
                .step(
                        "A deferred submission is retried once, never twice at the same time",
                        this::aDeferredSubmissionIsRetriedOnceNeverTwiceAtTheSameTime)
                .steps();
    }

    private void aRefreshReadsEveryPartWithScopeEgiAndPaging() {
        Answer refreshed = refresh();
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.json().getString("summary")).startsWith("4 sites");

        assertThat(api.get("api/sites/PtujRPC").json().getString("certificationStatus"))
                .isEqualTo("Suspended");
        assertThat(api.get("api/sites/Izola%20MRF").json().getString("certificationStatus"))
                .isEqualTo("Closed");
        JsonObject ssc = api.get("api/sites/SSC").json();
        assertThat(ssc.getJsonObject("procedureContacts")
                        .getJsonArray("administrators")
                        .getString(0))
                .isEqualTo("beth.westley@ssc.si");
        assertThat(ssc.getJsonObject("procedureContacts").getString("siteSecurity"))
                .isEqualTo("csirt@ssc.si");
        assertThat(ssc.getJsonObject("procedureContacts")
                        .getJsonArray("ngiSecurity")
                        .getString(0))
                .isEqualTo("ngi-si-security@swing-grid.si");
        assertThat(api.get("api/sites?host=ce01.izolamrf.si")
                        .json()
                        .getJsonArray("items")
                        .getJsonObject(0)
                        .getString("name"))
                .isEqualTo("Izola MRF");

        assertThat(gocdb.queries())
                .filteredOn(query -> query.contains("method=get_site&"))
                .allMatch(query -> query.contains("scope=EGI"))
                .anyMatch(query -> query.contains("next_cursor=0"))
                .anyMatch(query -> query.matches(".*next_cursor=[1-9].*"));
        assertThat(gocdb.queries())
                .filteredOn(query -> query.contains("method=get_roc_contacts"))
                .isNotEmpty()
                .noneMatch(query -> query.contains("scope="));
        assertThat(gocdb.authorizations()).contains("Bearer test-token");
        assertThat(api.get("api/sites/refresh").json().getBoolean("degraded")).isFalse();
    }

    private void anErrorUnderHttp200KeepsTheCopyAndRaisesAWarning() {
        String confirmedBefore = api.get("api/sites/SSC").json().getString("confirmedAt");
        gocdb.errorBodyNext(1, "<error>Database connection failed</error>");
        Answer refreshed = refresh();
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(502);
        assertThat(refreshed.contentType()).startsWith("application/problem+json");
        assertThat(refreshed.json().getString("detail")).contains("Database connection failed");

        JsonObject ssc = api.get("api/sites/SSC").json();
        assertThat(ssc.getString("confirmedAt")).isEqualTo(confirmedBefore);
        assertThat(api.get("api/sites").json().getInt("total")).isEqualTo(4);
        JsonObject registry = api.get("api/sites/refresh").json();
        assertThat(registry.getInt("consecutiveFailures")).isEqualTo(1);
        assertThat(registry.getString("lastError")).contains("Database connection failed");
        JsonObject health = api.get("health/ready").json();
        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(health.toString()).contains("warning").contains("Database connection failed");
        assertThat(refresh().status()).isEqualTo(200);
        assertThat(api.get("api/sites/refresh").json().getInt("consecutiveFailures"))
                .isZero();
    }

    private void aPartGocdbCannotDeliverKeepsItsOldDataWhileTheRestIsRefreshed() {
        String contactsBefore = api.get("api/sites/SSC").json().getString("contactsConfirmedAt");
        String siteBefore = api.get("api/sites/SSC").json().getString("confirmedAt");
        gocdb.failMethod("get_site_contacts", 500);
        Answer refreshed = refresh();
        gocdb.failMethod("get_site_contacts", 0);
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.json().getString("summary")).contains("not refreshed: site contacts");
        JsonObject ssc = api.get("api/sites/SSC").json();
        assertThat(ssc.getString("confirmedAt")).isNotEqualTo(siteBefore);
        assertThat(ssc.getString("contactsConfirmedAt")).isEqualTo(contactsBefore);
        assertThat(ssc.getJsonObject("procedureContacts").getJsonArray("administrators"))
                .hasSize(1);
        JsonObject registry = api.get("api/sites/refresh").json();
        assertThat(registry.getBoolean("degraded")).isTrue();
        assertThat(registry.getInt("consecutiveFailures")).isZero();
        assertThat(api.get("health/ready").body()).contains("unconfirmed");
        assertThat(refresh().status()).isEqualTo(200);
        assertThat(api.get("api/sites/refresh").json().getBoolean("degraded")).isFalse();
    }

    private void twoRefreshesAtOnceRunOnce() throws Exception {
        gocdb.delay(Duration.ofMillis(300));
        int before = gocdb.requests("get_site");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> api.post("api/sites/refresh", ""));
            var second = pool.submit(() -> api.post("api/sites/refresh", ""));
            assertThat(java.util.List.of(first.get().status(), second.get().status()))
                    .containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
            gocdb.delay(Duration.ZERO);
        }
        // One refresh pages get_site three times (two pages of two sites, then an empty one).
        assertThat(gocdb.requests("get_site") - before).isEqualTo(3);
    }

    private void gocdbDownOrSlowChangesNothingTheProceduresNeed() {
        gocdb.down(true);
        Answer down = refresh();
        assertThat(down.status()).as(down.body()).isEqualTo(502);
        int served = gocdb.requests();
        // The procedures' reads come from the copy: no call reaches GOCDB.
        for (String site : new String[] {"SSC", "PtujRPC", "grid-ljubljana-uni"}) {
            Answer read = api.get("api/sites/" + site);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().getJsonObject("procedureContacts").getString("siteSecurity"))
                    .isNotBlank();
        }
        assertThat(api.get("api/sites?host=ce01.izolamrf.si").json().getInt("total"))
                .isEqualTo(1);
        assertThat(gocdb.requests()).isEqualTo(served);
        assertThat(api.get("health/ready").json().getString("status")).isEqualTo("UP");
        assertThat(api.get("metrics").body())
                .contains("csirt_site_registry_consecutive_failures{mp_scope=\"application\"} 1");

        // Repeated failures open the circuit: the next refresh fails at once, without calling GOCDB.
        refresh();
        int beforeOpenCircuit = gocdb.requests();
        long start = System.nanoTime();
        assertThat(refresh().status()).isEqualTo(502);
        assertThat(gocdb.requests() - beforeOpenCircuit).isLessThanOrEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

        gocdb.down(false);
        gocdb.delay(Duration.ofSeconds(4));
        Api.pause(Duration.ofMillis(2_500));
        long slowStart = System.nanoTime();
        Answer slow = refresh();
        assertThat(slow.status()).as(slow.body()).isEqualTo(502);
        assertThat(Duration.ofNanos(System.nanoTime() - slowStart)).isLessThan(Duration.ofSeconds(30));
        gocdb.delay(Duration.ZERO);
        Api.pause(Duration.ofMillis(2_500));
        assertThat(refresh().status()).isEqualTo(200);
        assertThat(api.get("api/sites/refresh").json().getInt("consecutiveFailures"))
                .isZero();
    }

    private void aPortalSuspensionIsConfirmedOnlyWhenGocdbShowsIt() {
        long ticket = api.post("api/tickets", "{\"queue\": \"incidents\", \"subject\": \"CVE-2024-1086 campaign\"}")
                .json()
                .getJsonNumber("id")
                .longValue();
        gocdb.statusChangeDelay(Duration.ofSeconds(3));
        Answer requested = api.post(
                "api/sites/SSC/status-changes",
                "{\"targetStatus\": \"Suspended\", \"reason\": "
                        + "\"EGI CSIRT: not patched against CVE-2024-1086 by the deadline\", \"ticket\": " + ticket
                        + "}");
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        JsonObject change = requested.json();
        long id = change.getJsonNumber("id").longValue();
        assertThat(change.getString("channel")).isEqualTo("portal");
        assertThat(change.getString("state")).isEqualTo("submitted");
        assertThat(gocdb.requests("portal-form")).isEqualTo(1);
        assertThat(gocdb.requests("portal-submit")).isEqualTo(1);
        assertThat(api.get("api/sites/SSC").json().getString("certificationStatus"))
                .isEqualTo("Certified");
        JsonObject open = api.get("api/status-changes?state=open").array().getJsonObject(0);
        assertThat(open.getJsonNumber("id").longValue()).isEqualTo(id);
        assertThat(open.containsKey("ageSeconds")).isTrue();
        Answer second = api.post("api/sites/SSC/status-changes", "{\"targetStatus\": \"Closed\", \"reason\": \"x\"}");
        assertThat(second.status()).isEqualTo(409);

        JsonObject confirmed = api.await(
                "api/status-changes/" + id, c -> c.getString("state").equals("confirmed"), Duration.ofSeconds(15));
        assertThat(confirmed.getString("changedInRegistryBy")).startsWith("/C=");
        assertThat(gocdb.status("SSC")).isEqualTo("Suspended");
        assertThat(api.get("api/sites/SSC").json().getString("certificationStatus"))
                .isEqualTo("Suspended");
        assertThat(gocdb.extensions("SSC")).containsEntry(EXTENSION, "[CSIRT #" + ticket + "]");
        assertThat(api.get("api/tickets/" + ticket + "/history").array().getValuesAs(JsonObject.class))
                .extracting(entry -> entry.getString("content", ""))
                .anyMatch(text -> text.startsWith("GOCDB shows SSC as Suspended"));
        gocdb.statusChangeDelay(Duration.ZERO);
    }

    private void aChangeGocdbRefusesFailsWithGocdbsWords() {
        // The copy still says Certified; GOCDB has closed the site meanwhile and refuses any change.
        gocdb.setStatus("grid-ljubljana-uni", "Closed");
        Answer requested = api.post(
                "api/sites/grid-ljubljana-uni/status-changes",
                "{\"targetStatus\": \"Suspended\", \"reason\": \"not patched\"}");
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        JsonObject change = requested.json();
        assertThat(change.getString("state")).isEqualTo("failed");
        assertThat(change.getString("outcome")).contains("GOCDB");
        assertThat(api.get("api/status-changes?state=open&site=grid-ljubljana-uni")
                        .array())
                .isEmpty();
    }

    private void aDeferredSubmissionIsRetriedOnceNeverTwiceAtTheSameTime() throws Exception {
        int submitsBefore = gocdb.requests("portal-submit");
        gocdb.failNext(1, 503);
        Answer requested = api.post(
                "api/sites/PtujRPC/status-changes",
                "{\"targetStatus\": \"Uncertified\", \"reason\": \"ROD request: site verified\"}");
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        JsonObject change = requested.json();
        assertThat(change.getString("state")).as(requested.body()).isEqualTo("requested");
        assertThat(change.getInt("submitAttempts")).isEqualTo(1);
        assertThat(change.getString("lastSubmitError")).contains("503");
        long id = change.getJsonNumber("id").longValue();

        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var retries = new java.util.ArrayList<java.util.concurrent.Future<Answer>>();
            for (int i = 0; i < 4; i++) {
                retries.add(pool.submit(() -> api.post("api/status-changes/" + id + "/check", "")));
            }
            for (var retry : retries) {
                assertThat(retry.get().status()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        api.await("api/status-changes/" + id, c -> c.getString("state").equals("confirmed"), Duration.ofSeconds(15));
        assertThat(gocdb.requests("portal-submit") - submitsBefore).isEqualTo(1);
        assertThat(gocdb.status("PtujRPC")).isEqualTo("Uncertified");
    }
}
