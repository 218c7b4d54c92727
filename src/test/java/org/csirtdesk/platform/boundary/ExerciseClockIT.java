package org.csirtdesk.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * The exercise mode's clock: moved forward through the API, it is the time of everything the application
 * records afterwards; it never goes back, and a move that makes no sense is refused with the reason.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ExerciseClockIT {

    @ArquillianResource
    URL deployment;

    private Api api;

    @Deployment(testable = false)
    static WebArchive application() throws SQLException {
        TestDatabase.freshApplicationDatabase();
        return Deployments.war(Map.of("exercise.mode", "true"));
    }

    @BeforeEach
    void client() {
        api = TestUsers.everyRole(new Api(deployment));
    }

    @Test
    void movingTheClockMovesTheTimeOfWhatIsRecordedAfterwards() {
        JsonObject before = api.get("api/exercise/clock").json();
        assertThat(before.getBoolean("exerciseMode")).isTrue();
        Duration aheadBefore = Duration.parse(before.getString("ahead"));

        Answer moved = api.post("api/exercise/clock", "{\"advanceBy\": \"P3D\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(Duration.parse(moved.json().getString("ahead"))).isEqualTo(aheadBefore.plusDays(3));
        assertThat(moved.json().getString("movedBy")).isEqualTo(TestUsers.EVERY_ROLE);

        Instant expected = Instant.now().plus(aheadBefore).plus(3, ChronoUnit.DAYS);
        JsonObject ticket = api.post("api/tickets", "{\"queue\": \"incidents\", \"subject\": \"Rehearsal\"}")
                .json();
        assertThat(Instant.parse(ticket.getString("createdAt"))).isCloseTo(expected, within(1, ChronoUnit.MINUTES));

        Instant target = Instant.parse(moved.json().getString("now")).plus(2, ChronoUnit.HOURS);
        JsonObject to =
                api.post("api/exercise/clock", "{\"to\": \"" + target + "\"}").json();
        assertThat(Instant.parse(to.getString("now"))).isCloseTo(target, within(1, ChronoUnit.MINUTES));
    }

    @Test
    void timeNeverGoesBackAndANonsensicalMoveIsRefusedWithTheReason() {
        Answer past = api.post("api/exercise/clock", "{\"to\": \"2020-01-01T00:00:00Z\"}");
        assertThat(past.status()).isEqualTo(409);
        assertThat(past.contentType()).isEqualTo("application/problem+json");
        assertThat(past.json().getString("detail")).contains("only moves forward");
        for (String body : new String[] {
            "{\"advanceBy\": \"-PT1H\"}",
            "{\"advanceBy\": \"PT0S\"}",
            "{\"advanceBy\": \"soon\"}",
            "{\"advanceBy\": \"P400D\"}",
            "{}",
            "{\"advanceBy\": \"P1D\", \"to\": \"2030-01-01T00:00:00Z\"}",
            "{\"to\": \"tomorrow\"}",
            "{\"advance\": \"P1D\"}"
        }) {
            Answer refused = api.post("api/exercise/clock", body);
            assertThat(refused.status()).as(body + " -> " + refused.body()).isEqualTo(400);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
        }
    }
}
