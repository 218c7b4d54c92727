package org.csirtdesk.site.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.Api.Answer;
import org.csirtdesk.support.Deployments;
import org.csirtdesk.support.GocdbServer;
import org.csirtdesk.support.TestDatabase;
import org.csirtdesk.support.TestUsers;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Status changes asked of the operators on duty: a letter in the outbox, written with the request, and the
 * change confirmed when the operators have made it in GOCDB and GOCDB shows it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperatorRequestIT {

    private static final String OPERATORS = "manager-central-operator-on-duty@operators.example";
    private static GocdbServer gocdb;

    @ArquillianResource
    URL deployment;

    private Api api;

    @Deployment(testable = false)
    static WebArchive application() throws SQLException {
        TestDatabase.freshApplicationDatabase();
        gocdb = GocdbServer.start();
        return Deployments.war(Map.of(
                "csirt.site.registry",
                "gocdb",
                "csirt.site.status-change",
                "operator-request",
                "csirt.site.operators-address",
                OPERATORS,
                "csirt.gocdb.url",
                gocdb.url(),
                "csirt.gocdb.token",
                "test-token",
                "csirt.site.status-check-seconds",
                "1"));
    }

    @AfterAll
    static void stopGocdb() {
        gocdb.close();
    }

    @BeforeEach
    void refreshed() {
        api = TestUsers.everyRole(new Api(deployment));
        for (int attempt = 0; attempt < 50 && api.post("api/sites/refresh", "").status() == 409; attempt++) {
            Api.pause(Duration.ofMillis(200));
        }
    }

    private long ticket(String subject) {
        return api.post("api/tickets", "{\"queue\": \"incidents\", \"subject\": \"" + subject + "\"}")
                .json()
                .getJsonNumber("id")
                .longValue();
    }

    @Test
    @DisplayName("SEC03-4.6: reinstatement asked of the operators, Uncertified confirmed by reading GOCDB back")
    void reinstatementThroughTheOperatorsIsConfirmedWhenGocdbShowsIt() {
        long ticket = ticket("Reinstatement of PtujRPC");
        assertThat(api.get("api/sites/PtujRPC").json().getString("certificationStatus"))
                .isEqualTo("Suspended");
        Answer requested = api.post(
                "api/sites/PtujRPC/status-changes",
                "{\"targetStatus\": \"Uncertified\", "
                        + "\"reason\": \"ROD request: CSIRT verified the site is patched\", \"ticket\": " + ticket
                        + "}");
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        long id = requested.json().getJsonNumber("id").longValue();
        assertThat(requested.json().getString("state")).isEqualTo("submitted");

        JsonArray letters = api.get("api/outbox?ticket=" + ticket).array();
        assertThat(letters).hasSize(1);
        JsonObject letter = letters.getJsonObject(0);
        assertThat(letter.getString("kind")).isEqualTo("status-change-request");
        assertThat(letter.getJsonArray("to").getString(0)).isEqualTo(OPERATORS);
        assertThat(letter.getString("subject"))
                .as("as it is sent: the tag, and the ticket's TLP label at the end")
                .startsWith("[CSIRT #" + ticket + "] Please set PtujRPC to Uncertified in GOCDB [TLP:")
                .containsOnlyOnce("[TLP:");
        assertThat(letter.getString("body"))
                .contains("Current status: Suspended")
                .contains("New status:     Uncertified")
                .contains("ROD request: CSIRT verified the site is patched");
        assertThat(letter.getString("messageId")).matches("<[0-9a-f]{32}@csirt-desk\\.local>");

        // Nothing is confirmed while GOCDB still shows the old status.
        Api.pause(Duration.ofMillis(2_500));
        JsonObject waiting = api.get("api/status-changes/" + id).json();
        assertThat(waiting.getString("state")).isEqualTo("submitted");
        assertThat(waiting.getString("lastCheckedAt")).isNotBlank();
        assertThat(waiting.getJsonNumber("ageSeconds").longValue()).isGreaterThanOrEqualTo(2);

        gocdb.setStatus("PtujRPC", "Uncertified");
        JsonObject confirmed = api.await(
                "api/status-changes/" + id,
                change -> change.getString("state").equals("confirmed"),
                Duration.ofSeconds(15));
        assertThat(confirmed.getString("changedInRegistryBy")).contains("Operator on duty");
        assertThat(api.get("api/sites/PtujRPC").json().getString("certificationStatus"))
                .isEqualTo("Uncertified");
        assertThat(api.get("api/outbox?ticket=" + ticket).array()).hasSize(1);
    }

    @Test
    void aWithdrawnRequestTellsTheOperatorsAndIsNeverConfirmed() {
        long ticket = ticket("Suspension of SSC");
        Answer requested = api.post(
                "api/sites/SSC/status-changes",
                "{\"targetStatus\": \"Suspended\", " + "\"reason\": \"not patched\", \"ticket\": " + ticket + "}");
        long id = requested.json().getJsonNumber("id").longValue();
        Answer noReason = api.post("api/status-changes/" + id + "/withdraw", "{}");
        assertThat(noReason.status()).isEqualTo(400);
        Answer withdrawn =
                api.post("api/status-changes/" + id + "/withdraw", "{\"reason\": \"the site patched in time\"}");
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(withdrawn.json().getString("state")).isEqualTo("withdrawn");
        assertThat(api.get("api/outbox?ticket=" + ticket).array().getValuesAs(JsonObject.class))
                .extracting(letter -> letter.getString("kind"))
                .containsExactly("status-change-withdrawn", "status-change-request");
        assertThat(api.post("api/status-changes/" + id + "/withdraw", "{\"reason\": \"again\"}")
                        .status())
                .isEqualTo(409);
        assertThat(api.get("api/status-changes?state=open").array()).isEmpty();
        assertThat(api.get("api/sites/SSC").json().getString("certificationStatus"))
                .isEqualTo("Certified");
    }
}
