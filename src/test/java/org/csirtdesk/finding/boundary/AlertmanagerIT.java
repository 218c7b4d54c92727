package org.csirtdesk.finding.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.csirtdesk.support.Alertmanager;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.Api.Answer;
import org.csirtdesk.support.Deployments;
import org.csirtdesk.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real Prometheus Alertmanager, given alerts through its own API as Prometheus would, delivers its webhooks
 * to the application with its bearer token: firing alerts become findings and make the site vulnerable,
 * resolved ones clear it, and a host named without a site finds its site through the registry.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AlertmanagerIT {

    private static final String TOKEN = "alertmanager-it-token-0123456789abcdef";
    private static final String CVE = "CVE-2024-1086";
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    @ArquillianResource
    URL deployment;

    private Api api;

    @Deployment(testable = false)
    static WebArchive application() throws SQLException {
        TestDatabase.fresh("it");
        return Deployments.war(Map.of("csirt.site.registry", "embedded", "csirt.site.status-change", "embedded",
                "csirt.alerts.alertmanager.token-sha256", FindingsIT.sha256(TOKEN)));
    }

    @BeforeEach
    void refreshed() {
        api = new Api(deployment);
        Answer refresh = api.post("api/sites/refresh", "");
        assertThat(refresh.status()).as(refresh.body()).isIn(200, 409);
    }

    @Test
    void firingAndResolvedAlertsBecomeFindingsAndClearTheSite() throws Exception {
        Instant startsAt = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        List<Map<String, String>> ptuj = List.of(labels(CVE, "PtujRPC", "wn01.ptujrpc.si"),
                labels(CVE, "PtujRPC", "wn02.ptujrpc.si"));
        Map<String, String> hostOnly = labels("CVE-2021-4034", null, "ce01.izolamrf.si");
        try (Alertmanager alertmanager = Alertmanager.start(api.base().resolve("api/alerts/alertmanager"), TOKEN)) {
            alertmanager.fire(ptuj, startsAt);
            alertmanager.fire(List.of(hostOnly), startsAt);

            JsonObject found = api.await("api/findings?vulnerability=" + CVE + "&source=alertmanager&open=true",
                    page -> page.getInt("total") == 2, DELIVERY);
            for (JsonObject finding : found.getJsonArray("items").getValuesAs(JsonObject.class)) {
                assertThat(finding.getString("site")).isEqualTo("PtujRPC");
                assertThat(Instant.parse(finding.getString("observedAt"))).isEqualTo(startsAt);
                assertThat(finding.getString("ref")).as("Alertmanager's fingerprint").isNotBlank();
            }
            JsonObject exposure = onlyExposure(CVE);
            assertThat(exposure.getString("state")).isEqualTo("VULNERABLE");
            assertThat(exposure.getJsonArray("hosts").getValuesAs(JsonString.class)).extracting(JsonString::getString)
                    .containsExactly("wn01.ptujrpc.si", "wn02.ptujrpc.si");
            JsonObject placed = api.await("api/findings?vulnerability=CVE-2021-4034", page -> page.getInt("total") == 1,
                    DELIVERY).getJsonArray("items").getJsonObject(0);
            assertThat(placed.getString("site")).isEqualTo("Izola MRF");
            assertThat(placed.getBoolean("siteKnown")).isTrue();

            alertmanager.resolve(ptuj, startsAt, Instant.now().truncatedTo(ChronoUnit.SECONDS));
            api.await("api/findings?vulnerability=" + CVE + "&open=false", page -> page.getInt("total") == 2, DELIVERY);
            assertThat(onlyExposure(CVE).getString("state")).isEqualTo("CLEAR");
        }
        long report = api.get("api/vulnerabilities/" + CVE).json().getJsonNumber("reportTicket").longValue();
        assertThat(api.get("api/tickets/" + report + "/history").array().getValuesAs(JsonObject.class))
                .anySatisfy(entry -> assertThat(entry.getString("content", "")).contains("wn01.ptujrpc.si"));
    }

    @Test
    void aWrongTokenIsRefusedAndStoresNothing() {
        Answer refused = api.post("api/alerts/alertmanager", FindingsIT.webhook("firing", "CVE-2026-2001", "PtujRPC",
                "wn01.ptujrpc.si", "2026-11-21T06:15:00Z", null, "fp"), Map.of("Authorization", "Bearer wrong"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(api.get("api/findings?vulnerability=CVE-2026-2001").json().getInt("total")).isZero();
    }

    private JsonObject onlyExposure(String cve) {
        return api.get("api/exposures?vulnerability=" + cve).json().getJsonArray("items").getJsonObject(0);
    }

    private static Map<String, String> labels(String cve, String site, String hostname) {
        return site == null
                ? Map.of("alertname", "EGICriticalVulnerability", "cve", cve, "hostname", hostname, "severity", "critical")
                : Map.of("alertname", "EGICriticalVulnerability", "cve", cve, "site", site, "hostname", hostname,
                "severity", "critical");
    }
}
