package org.csirtdesk.site.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.sql.SQLException;
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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The zero-setup run's registry: the sample sites of GOCDB's fixtures, seeded from GOCDB-format XML in the
 * WAR, and status changes made in the embedded registry and confirmed by reading it back.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EmbeddedRegistryIT {

    @ArquillianResource
    URL deployment;

    private Api api;

    @Deployment(testable = false)
    static WebArchive application() throws SQLException {
        TestDatabase.freshApplicationDatabase();
        return Deployments.war(Map.of("csirt.site.registry", "embedded", "csirt.site.status-change", "embedded"));
    }

    @BeforeEach
    void refreshed() {
        api = TestUsers.everyRole(new Api(deployment));
        api.refreshSites();
    }

    private long ticket(String subject) {
        Answer incident = api.post("api/tickets", "{\"queue\": \"incidents\", \"subject\": \"" + subject + "\"}");
        return incident.json().getJsonNumber("id").longValue();
    }

    private Answer requestChange(String site, String target, String reason, Long ticket) {
        return api.post(
                "api/sites/" + site.replace(" ", "%20") + "/status-changes",
                "{\"targetStatus\": \"" + target + "\", \"reason\": \"" + reason + "\""
                        + (ticket == null ? "" : ", \"ticket\": " + ticket) + "}");
    }

    @Test
    void theSampleSitesAreThereWithTheContactsTheProceduresWriteTo() {
        JsonObject page = api.get("api/sites").json();
        assertThat(page.getInt("total")).isEqualTo(4);
        JsonObject ptuj = api.get("api/sites/PtujRPC").json();
        assertThat(ptuj.getString("ngi")).isEqualTo("NGI_SI");
        assertThat(ptuj.getString("timeZone")).isEqualTo("Europe/Ljubljana");
        JsonObject contacts = ptuj.getJsonObject("procedureContacts");
        assertThat(contacts.getJsonArray("administrators").getValuesAs(JsonString.class))
                .extracting(JsonString::getString)
                .containsExactly("admin@ptujrpc.si");
        assertThat(contacts.getString("siteSecurity")).isEqualTo("csirt@ptujrpc.si");
        assertThat(contacts.getJsonArray("ngiSecurity").getString(0)).isEqualTo("ngi-si-security@swing-grid.si");
        assertThat(contacts.getString("administratorsConfirmedAt")).isNotBlank();
        assertThat(ptuj.getJsonArray("hosts")).hasSize(3);

        JsonObject byHost = api.get("api/sites?host=WN01.PtujRPC.si").json();
        assertThat(byHost.getJsonArray("items").getJsonObject(0).getString("name"))
                .isEqualTo("PtujRPC");
        assertThat(api.get("api/sites?host=unknown.example").json().getInt("total"))
                .isZero();
        assertThat(api.get("api/sites?q=ljub")
                        .json()
                        .getJsonArray("items")
                        .getJsonObject(0)
                        .getString("name"))
                .isEqualTo("grid-ljubljana-uni");
        assertThat(api.get("api/ngis")
                        .array()
                        .getJsonObject(0)
                        .getJsonArray("securityOfficers")
                        .getString(0))
                .isEqualTo("dante.meloni@ssc.si");
        JsonObject registry = api.get("api/sites/refresh").json();
        assertThat(registry.getString("registry")).isEqualTo("embedded");
        assertThat(registry.getBoolean("degraded")).isFalse();
    }

    @Test
    @DisplayName("SEC03-4.5 and SEC03-4.6: suspension and reinstatement confirmed by reading the registry back")
    void suspensionAndReinstatementAreConfirmedByReadBack() {
        long ticket = ticket("Suspension of SSC");
        Answer suspended = requestChange("SSC", "Suspended", "EGI CSIRT: not patched against CVE-2024-1086", ticket);
        assertThat(suspended.status()).as(suspended.body()).isEqualTo(201);
        assertThat(suspended.header("Location")).contains("/api/status-changes/");
        JsonObject change = suspended.json();
        assertThat(change.getString("state")).isEqualTo("confirmed");
        assertThat(change.getString("fromStatus")).isEqualTo("Certified");
        assertThat(change.getString("changedInRegistryBy")).contains("embedded registry");
        assertThat(api.get("api/sites/SSC").json().getString("certificationStatus"))
                .isEqualTo("Suspended");
        assertThat(api.get("api/tickets/" + ticket + "/history").array().getValuesAs(JsonObject.class))
                .extracting(entry -> entry.getString("content", ""))
                .anyMatch(text -> text.startsWith("Requested GOCDB status Suspended for SSC"))
                .anyMatch(text -> text.startsWith("GOCDB shows SSC as Suspended"));

        Answer straightBack = requestChange("SSC", "Certified", "patched", ticket);
        assertThat(straightBack.status()).as(straightBack.body()).isEqualTo(409);
        assertThat(straightBack.json().getString("detail")).contains("Uncertified");
        assertThat(api.get("api/sites/SSC/status-changes").array()).hasSize(1);

        Answer reinstated = requestChange("SSC", "Uncertified", "ROD request: site verified by CSIRT", ticket);
        assertThat(reinstated.json().getString("state")).isEqualTo("confirmed");
        assertThat(api.get("api/sites/SSC").json().getString("certificationStatus"))
                .isEqualTo("Uncertified");
        // A refresh reads the embedded registry again: the changes were made there, not only in the copy.
        api.post("api/sites/refresh", "");
        assertThat(api.get("api/sites/SSC").json().getString("certificationStatus"))
                .isEqualTo("Uncertified");
        assertThat(api.get("api/status-changes?state=confirmed&site=SSC").array())
                .hasSize(2);
        assertThat(api.get("api/status-changes?state=open").array()).isEmpty();
    }

    @Test
    void badRequestsAreRefusedWithTheFieldAndChangeNothing() {
        Answer unknownSite = requestChange("NO-SUCH-SITE", "Suspended", "x", null);
        assertThat(unknownSite.status()).isEqualTo(404);
        assertThat(unknownSite.contentType()).startsWith("application/problem+json");
        Answer longReason = requestChange("grid-ljubljana-uni", "Suspended", "x".repeat(301), null);
        assertThat(longReason.status()).isEqualTo(400);
        assertThat(longReason.json().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("reason");
        Answer unknownTicket = requestChange("grid-ljubljana-uni", "Suspended", "x", 999_999L);
        assertThat(unknownTicket.status()).isEqualTo(404);
        Answer badStatus = api.get("api/sites?status=Dormant");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("status");
        assertThat(api.get("api/status-changes?state=later").status()).isEqualTo(400);
        assertThat(api.get("api/sites/grid-ljubljana-uni/status-changes").array())
                .isEmpty();
        assertThat(api.get("api/sites/grid-ljubljana-uni").json().getString("certificationStatus"))
                .isEqualTo("Certified");
    }
}
