package org.csirtdesk.finding.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.csirtdesk.support.Alertmanager;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.Api.Answer;
import org.csirtdesk.support.Deployments;
import org.csirtdesk.support.Secrets;
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
 * The application takes the webhooks of a real Prometheus Alertmanager, not only our idea of them: alerts
 * given to Alertmanager through its own API, as Prometheus would, arrive with its bearer token and become
 * findings that keep monitoring's start time and make their site vulnerable; a host named without a site is
 * placed at the site the registry lists it under; resolved alerts clear the findings and the site, and the
 * CVE's Incident Report names the hosts. A webhook with a wrong token is refused and changes nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AlertmanagerIT {

    private static final String TOKEN = "alertmanager-it-token-0123456789abcdef";
    private static final String CVE = "CVE-2024-1086";
    private static final String HOST_ONLY_CVE = "CVE-2021-4034";
    /** Alertmanager sends within about a second (group_wait, group_interval); the rest is the application's. */
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    @ArquillianResource
    URL deployment;

    private Api api;

    @Deployment(testable = false)
    static WebArchive application() throws SQLException {
        TestDatabase.freshApplicationDatabase();
        return Deployments.war(Map.of(
                "csirt.site.registry",
                "embedded",
                "csirt.site.status-change",
                "embedded",
                "csirt.alerts.alertmanager.token-sha256",
                Secrets.sha256(TOKEN)));
    }

    @BeforeEach
    void refreshed() {
        api = TestUsers.everyRole(new Api(deployment));
        Answer refresh = api.post("api/sites/refresh", "");
        assertThat(refresh.status()).as(refresh.body()).isIn(200, 409);
    }

    @Test
    void firingAlertsMakeTheSiteVulnerableAndResolvedOnesClearIt() throws IOException {
        // A day back, whole seconds: the findings must keep monitoring's time, not the time of delivery.
        Instant startsAt = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        List<Map<String, String>> ptuj =
                List.of(labels(CVE, "PtujRPC", "wn01.ptujrpc.si"), labels(CVE, "PtujRPC", "wn02.ptujrpc.si"));
        String ptujFindings = "api/findings?vulnerability=" + CVE + "&source=alertmanager";
        // Api hands out 127.0.0.1, where the server listens, rather than the address Arquillian reports.
        try (Alertmanager alertmanager = Alertmanager.start(api.base().resolve("api/alerts/alertmanager"), TOKEN)) {
            alertmanager.fire(ptuj, startsAt);
            alertmanager.fire(List.of(labels(HOST_ONLY_CVE, null, "ce01.izolamrf.si")), startsAt);

            List<JsonObject> firing = items(api.await(
                    ptujFindings,
                    page -> items(page).size() == 2 && items(page).stream().allMatch(AlertmanagerIT::open),
                    DELIVERY));
            assertThat(firing)
                    .extracting(finding -> finding.getString("host"))
                    .containsExactlyInAnyOrder("wn01.ptujrpc.si", "wn02.ptujrpc.si");
            assertThat(firing).allSatisfy(finding -> {
                assertThat(finding.getString("site")).isEqualTo("PtujRPC");
                assertThat(Instant.parse(finding.getString("observedAt"))).isEqualTo(startsAt);
            });
            JsonObject vulnerable = awaitPtujExposure("VULNERABLE");
            assertThat(vulnerable.getJsonArray("hosts").getValuesAs(JsonString.class))
                    .extracting(JsonString::getString)
                    .containsExactly("wn01.ptujrpc.si", "wn02.ptujrpc.si");

            JsonObject placed = items(api.await(
                            "api/findings?vulnerability=" + HOST_ONLY_CVE + "&source=alertmanager",
                            page -> items(page).size() == 1,
                            DELIVERY))
                    .get(0);
            assertThat(placed.getString("site")).isEqualTo("Izola MRF");
            assertThat(placed.getBoolean("siteKnown")).isTrue();

            alertmanager.resolve(ptuj, Instant.now().truncatedTo(ChronoUnit.SECONDS));
            api.await(
                    ptujFindings,
                    page -> items(page).size() == 2 && items(page).stream().noneMatch(AlertmanagerIT::open),
                    DELIVERY);
            awaitPtujExposure("CLEAR");
        }

        JsonObject vulnerability = api.get("api/vulnerabilities/" + CVE).json();
        assertThat(vulnerability.get("reportTicket"))
                .as(vulnerability.toString())
                .isInstanceOf(JsonNumber.class);
        long report = vulnerability.getJsonNumber("reportTicket").longValueExact();
        assertThat(api.get("api/tickets/" + report + "/history").array().getValuesAs(JsonObject.class))
                .anySatisfy(entry -> assertThat(entry.getString("content", "")).contains("wn01.ptujrpc.si"));
    }

    @Test
    void aWrongTokenIsRefusedAndChangesNothing() throws IOException {
        JsonObject before = api.get("api/findings").json();
        Answer refused = api.post(
                "api/alerts/alertmanager",
                fixture("alertmanager-webhook-v4.json"),
                Map.of("Authorization", "Bearer wrong"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        // The whole page, so that a refreshed lastSeenAt of an existing finding would show as well.
        assertThat(api.get("api/findings").json()).isEqualTo(before);
    }

    private JsonObject awaitPtujExposure(String state) {
        return ptujExposure(api.await(
                        "api/exposures?vulnerability=" + CVE,
                        page -> ptujExposure(page)
                                .filter(exposure -> state.equals(exposure.getString("state")))
                                .isPresent(),
                        DELIVERY))
                .orElseThrow();
    }

    private static Optional<JsonObject> ptujExposure(JsonObject page) {
        return items(page).stream()
                .filter(exposure -> "PtujRPC".equals(exposure.getString("site")))
                .findFirst();
    }

    private static List<JsonObject> items(JsonObject page) {
        return page.getJsonArray("items").getValuesAs(JsonObject.class);
    }

    /** JSON-B leaves out null properties, so an open finding may have no clearedAt at all. */
    private static boolean open(JsonObject finding) {
        return !finding.containsKey("clearedAt") || finding.isNull("clearedAt");
    }

    private static Map<String, String> labels(String cve, String site, String hostname) {
        return site == null
                ? Map.of(
                        "alertname",
                        "EGICriticalVulnerability",
                        "cve",
                        cve,
                        "hostname",
                        hostname,
                        "severity",
                        "critical")
                : Map.of(
                        "alertname",
                        "EGICriticalVulnerability",
                        "cve",
                        cve,
                        "site",
                        site,
                        "hostname",
                        hostname,
                        "severity",
                        "critical");
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = AlertmanagerIT.class.getResourceAsStream("/alerts/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture alerts/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
