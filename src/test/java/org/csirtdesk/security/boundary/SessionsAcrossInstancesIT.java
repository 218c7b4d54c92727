package org.csirtdesk.security.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.Api.Answer;
import org.csirtdesk.support.ApplicationProcess;
import org.csirtdesk.support.TestDatabase;
import org.csirtdesk.support.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two instances of the application on one database, as behind a load balancer without sticky sessions: a desk
 * session made on one works on the other, and whatever ends it on one ends it on both; the sign-in throttle counts
 * the failures of both together.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionsAcrossInstancesIT {

    private static final String PART = "two_instances";

    private final ApplicationProcess[] instances = new ApplicationProcess[2];
    private DataSource database;
    private Api admin;

    /** A signed-in desk session as a browser holds it. */
    private record Session(String cookie, String csrfToken) {

        Map<String, String> headers() {
            return Map.of("Cookie", cookie);
        }

        Map<String, String> changing() {
            return Map.of("Cookie", cookie, DeskAuthentication.CSRF_HEADER, csrfToken);
        }
    }

    @BeforeAll
    void startBoth() throws Exception {
        database = TestDatabase.fresh(PART);
        Path root = Path.of("").toAbsolutePath();
        for (int i = 0; i < 2; i++) {
            Path tmp = root.resolve("target/" + PART + "/tmp-" + "AB".charAt(i));
            Files.createDirectories(tmp);
            Map<String, String> environment = new HashMap<>();
            environment.put("DB_URL", TestDatabase.url(TestDatabase.scratch(PART)));
            environment.put("DB_USER", TestDatabase.USER);
            environment.put("DB_PASSWORD", TestDatabase.PASSWORD);
            environment.put("JAVA_OPTS", "-Xmx384m -XX:TieredStopAtLevel=1 -Djava.io.tmpdir=" + tmp);
            instances[i] = ApplicationProcess.launch(
                    root,
                    ApplicationProcess.freePort(),
                    root.resolve("target/" + PART + "/instance-" + "AB".charAt(i) + ".log"),
                    environment);
            // payara/run builds its launcher the first time: the second instance starts once that is done.
            instances[i].awaitLaunched();
        }
        for (ApplicationProcess instance : instances) {
            instance.awaitReady();
        }
        admin = anonymous(0).as(TestUsers.ADMIN, TestUsers.PASSWORD);
    }

    @AfterAll
    void stopBoth() throws SQLException {
        for (ApplicationProcess instance : instances) {
            if (instance != null) {
                instance.stop();
            }
        }
        TestDatabase.drop(PART);
    }

    @Test
    void aSessionMadeOnOneInstanceWorksOnTheOtherAndSigningOutThereEndsItOnBoth() throws SQLException {
        user("ann");
        Session session = signIn(0, "ann");

        Answer read = anonymous(1).send("GET", "api/session", null, null, session.headers());
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().getString("name")).isEqualTo("ann");
        assertThat(read.json().getString("csrfToken")).isEqualTo(session.csrfToken());

        String ticket = "{\"queue\": \"incident-reports\", \"subject\": \"Scan\", \"content\": \"SSH from 192.0.2.1\"}";
        Answer withoutToken = anonymous(1).send("POST", "api/tickets", "application/json", ticket, session.headers());
        assertThat(withoutToken.status()).isEqualTo(403);
        Answer created = anonymous(1).send("POST", "api/tickets", "application/json", ticket, session.changing());
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        // What a dump of the database shows: the token's hash, never the token or the CSRF token.
        try (Connection db = database.getConnection();
                PreparedStatement rows =
                        db.prepareStatement("SELECT COUNT(*) FROM desk_sessions WHERE user_name = 'ann'"
                                + " AND token_sha256 = UNHEX(SHA2(?, 256))")) {
            rows.setString(1, session.cookie().substring(session.cookie().indexOf('=') + 1));
            assertThat(count(rows)).isEqualTo(1);
        }

        Answer signedOut = anonymous(1).send("DELETE", "api/session", null, null, session.changing());
        assertThat(signedOut.status()).as(signedOut.body()).isEqualTo(200);
        assertThat(signedOut.header("Set-Cookie")).contains("Max-Age=0");
        for (int i = 0; i < 2; i++) {
            assertThat(anonymous(i)
                            .send("GET", "api/session", null, null, session.headers())
                            .status())
                    .as("signed out on B, the session is refused on " + "AB".charAt(i))
                    .isEqualTo(401);
        }
    }

    @Test
    void disablingAUserEndsTheirSessionsOnBothInstancesAtOnce() {
        user("bea");
        Session onA = signIn(0, "bea");
        Session onB = signIn(1, "bea");
        Answer disabled = admin.patch("api/users/bea", "{\"enabled\": false}", null);
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        for (Session session : List.of(onA, onB)) {
            for (int i = 0; i < 2; i++) {
                assertThat(anonymous(i)
                                .send("GET", "api/session", null, null, session.headers())
                                .status())
                        .as("the disabled user's session on " + "AB".charAt(i))
                        .isEqualTo(401);
            }
        }
    }

    @Test
    void signingOutEverywhereEndsEverySessionOfTheUser() {
        user("cid");
        Session first = signIn(0, "cid");
        Session second = signIn(1, "cid");
        Session third = signIn(0, "cid");
        Answer everywhere = anonymous(1).send("DELETE", "api/session?everywhere=true", null, null, second.changing());
        assertThat(everywhere.status()).as(everywhere.body()).isEqualTo(200);
        assertThat(anonymous(0)
                        .send("GET", "api/session", null, null, first.headers())
                        .status())
                .isEqualTo(401);
        assertThat(anonymous(0)
                        .send("GET", "api/session", null, null, third.headers())
                        .status())
                .isEqualTo(401);

        Session again = signIn(1, "cid");
        Answer byAdmin = admin.send("DELETE", "api/users/cid/sessions", null, null, Map.of());
        assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(200);
        assertThat(byAdmin.json().getInt("ended")).isEqualTo(1);
        assertThat(anonymous(0)
                        .send("GET", "api/session", null, null, again.headers())
                        .status())
                .isEqualTo(401);
        Answer notHers = anonymous(0)
                .as("ann", TestUsers.PASSWORD)
                .send("DELETE", "api/users/cid/sessions", null, null, Map.of());
        assertThat(notHers.status()).isIn(401, 403);
    }

    @Test
    void anExpiredSessionIsRefused() throws SQLException {
        user("dan");
        Session session = signIn(0, "dan");
        try (Connection db = database.getConnection();
                PreparedStatement expire = db.prepareStatement(
                        "UPDATE desk_sessions SET expires_at = '2026-01-01 00:00:00' WHERE user_name = 'dan'")) {
            assertThat(expire.executeUpdate()).isEqualTo(1);
        }
        assertThat(anonymous(1)
                        .send("GET", "api/session", null, null, session.headers())
                        .status())
                .isEqualTo(401);
    }

    @Test
    void theSignInThrottleCountsTheFailuresOfBothInstancesTogether() {
        user("eve");
        String wrong = "{\"name\": \"eve\", \"password\": \"not her password\"}";
        // Five failures are allowed per name (csirt.security.sign-in.max-failures): three on A, two on B.
        for (int i = 0; i < 5; i++) {
            Answer failed = anonymous(i % 2).post("api/session", wrong);
            assertThat(failed.status())
                    .as("failure " + (i + 1) + ": " + failed.body())
                    .isEqualTo(401);
        }
        Answer sixth = anonymous(1).post("api/session", wrong);
        assertThat(sixth.status()).as(sixth.body()).isEqualTo(429);
        assertThat(sixth.header("Retry-After")).isNotNull();
        assertThat(signIn(0, "eve").csrfToken())
                .as("the right password still signs in")
                .isNotEmpty();
    }

    private Api anonymous(int instance) {
        return new Api(instances[instance].url());
    }

    private void user(String name) {
        Answer added = TestUsers.add(admin, name, TestUsers.PASSWORD, List.of("csirt"), null);
        assertThat(added.status()).as(added.body()).isEqualTo(201);
    }

    private Session signIn(int instance, String name) {
        Answer signedIn = anonymous(instance)
                .post("api/session", "{\"name\": \"" + name + "\", \"password\": \"" + TestUsers.PASSWORD + "\"}");
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        String cookie = signedIn.header("Set-Cookie");
        assertThat(cookie)
                .startsWith("CSIRT_DESK_SESSION=")
                .contains("HttpOnly")
                .contains("SameSite=Strict");
        return new Session(
                cookie.substring(0, cookie.indexOf(';')), signedIn.json().getString("csrfToken"));
    }

    private static long count(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
