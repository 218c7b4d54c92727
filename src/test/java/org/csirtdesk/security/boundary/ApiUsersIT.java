package org.csirtdesk.security.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.Api.Answer;
import org.csirtdesk.support.Deployments;
import org.csirtdesk.support.Secrets;
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
 * The API's users through the running application: the first admin from configuration adds users, HTTP Basic
 * signs them in, a resource's role check lets the right ones through with 401 and 403 for the others, and what
 * was open (no Authorization header) and monitoring's bearer tokens work as before.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApiUsersIT {

    static final String ADMIN = "first-admin";
    static final String ADMIN_PASSWORD = "first admin's password: 12+ chars";
    static final String PAKITI_TOKEN = "pakiti-token-for-api-users-it-0123456789";
    static final long LOGIN_CACHE_SECONDS = 2;
    private static final String CHALLENGE = "Basic realm=\"csirt-desk\"";

    @ArquillianResource
    URL deployment;

    private Api anonymous;
    private Api admin;

    @Deployment(testable = false)
    static WebArchive application() throws SQLException {
        TestDatabase.freshApplicationDatabase();
        return Deployments.war(Map.of(
                "csirt.site.registry",
                "embedded",
                "csirt.site.status-change",
                "embedded",
                "csirt.security.initial-admin",
                ADMIN + ":" + ADMIN_PASSWORD,
                "csirt.security.login-cache-seconds",
                String.valueOf(LOGIN_CACHE_SECONDS),
                "csirt.alerts.pakiti.token-sha256",
                Secrets.sha256(PAKITI_TOKEN)));
    }

    @BeforeEach
    void clients() {
        anonymous = new Api(deployment);
        admin = anonymous.as(ADMIN, ADMIN_PASSWORD);
    }

    @Test
    void theFirstAdminAddsUsersAndEachRoleCheckLetsTheRightOnesThrough() {
        JsonObject first = admin.get("api/users/" + ADMIN).json();
        assertThat(strings(first.getJsonArray("roles"))).containsExactly("admin");
        assertThat(first.getString("createdBy")).isEqualTo("initial-admin");

        String password = "carla's long password";
        Answer added = admin.post(
                "api/users",
                "{\"name\": \"carla\", \"password\": \"" + password + "\", "
                        + "\"roles\": [\"csirt\"], \"email\": \"carla@csirt.example\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.header("Location")).endsWith("/api/users/carla");
        assertThat(added.json().keySet())
                .containsExactlyInAnyOrder("name", "roles", "email", "enabled", "createdAt", "createdBy");
        assertThat(added.body()).doesNotContain(password).doesNotContain("pbkdf2");
        assertThat(added.json().getString("createdBy")).isEqualTo(ADMIN);
        assertThat(added.json().getBoolean("enabled")).isTrue();
        assertThat(admin.post(
                                "api/users",
                                "{\"name\": \"omar\", \"password\": \"omar's long password\", "
                                        + "\"roles\": [\"omb\"]}")
                        .status())
                .isEqualTo(201);

        Api carla = anonymous.as("carla", password);
        Answer own = carla.get("api/users/carla");
        assertThat(own.status())
                .as("a csirt user passes the role check of its own record")
                .isEqualTo(200);
        assertThat(strings(own.json().getJsonArray("roles"))).containsExactly("csirt");
        Answer other = carla.get("api/users/omar");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().getString("detail")).contains("carla", "admin");

        Api omar = anonymous.as("omar", "omar's long password");
        Answer refused = omar.post(
                "api/users",
                "{\"name\": \"mallory\", \"password\": \"mallory's password\", " + "\"roles\": [\"admin\"]}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.json().getString("detail")).contains("omar", "the role admin");
        assertThat(admin.get("api/users/mallory").status()).as("nothing added").isEqualTo(404);

        JsonObject ticket = carla.post("api/tickets", "{\"queue\": \"incidents\", \"subject\": \"Signed in\"}")
                .json();
        JsonArray history = carla.get(
                        "api/tickets/" + ticket.getJsonNumber("id").longValue() + "/history")
                .array();
        assertThat(history.getJsonObject(0).getString("actor"))
                .as("history names the user")
                .isEqualTo("carla");
    }

    @Test
    void badInputNamesTheFieldAndThePasswordIsNeverEchoed() {
        String secret = "short pass";
        Answer invalid = admin.post(
                "api/users",
                "{\"name\": \"Bad Name\", \"password\": \"" + secret + "\", "
                        + "\"roles\": [\"csirt\", \"boss\"], \"email\": \"nowhere\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.contentType()).isEqualTo("application/problem+json");
        assertThat(invalid.json().getJsonArray("errors").getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("field"))
                .containsExactly("name", "password", "roles[1]", "email");
        assertThat(invalid.body()).doesNotContain(secret);
        assertThat(admin.post("api/users", "{\"name\": \"nora\", \"password\": \"nora's long password\"}")
                        .json()
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"))
                .isEqualTo("roles");
        assertThat(admin.post(
                                "api/users",
                                "{\"name\": \"nora\", \"password\": \"nora's long password\", "
                                        + "\"roles\": [\"rod\"], \"passwort\": \"x\"}")
                        .status())
                .as("an unknown member")
                .isEqualTo(400);

        String body = "{\"name\": \"rita\", \"password\": \"rita's long password\", \"roles\": [\"rod\"]}";
        assertThat(admin.post("api/users", body).status()).isEqualTo(201);
        Answer again = admin.post("api/users", body.replace("rita's", "another"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("name");
        assertThat(again.body()).doesNotContain("another long password");
    }

    @Test
    void wrongCredentialsAre401WithABasicChallengeAndSoIsNoHeader() {
        for (Answer wrong : List.of(
                anonymous.as(ADMIN, "not the password").get("api/tickets"),
                anonymous.as("nobody", ADMIN_PASSWORD).get("api/tickets"),
                anonymous.as("Bad Name", ADMIN_PASSWORD).get("api/tickets"),
                anonymous.send("GET", "api/tickets", null, null, Map.of("Authorization", "Basic not*base64")),
                anonymous.post("api/users", "{}"))) {
            assertThat(wrong.status()).as(wrong.body()).isEqualTo(401);
            assertThat(wrong.header("WWW-Authenticate")).isEqualTo(CHALLENGE);
            assertThat(wrong.contentType()).isEqualTo("application/problem+json");
            assertThat(wrong.body()).doesNotContain(ADMIN_PASSWORD);
        }

        Answer nobody = anonymous.get("api/tickets");
        assertThat(nobody.status())
                .as("no header is nobody, and tickets need a user")
                .isEqualTo(401);
        assertThat(nobody.header("WWW-Authenticate")).isEqualTo(CHALLENGE);
    }

    @Test
    void monitoringTokensWorkAsBeforeAndAUserCannotPostAlerts() {
        String csv = "tag,cve,site,host,os,arch,last_report\n"
                + "EGI-Critical,CVE-2026-3001,PtujRPC,wn01.ptujrpc.si,Linux,x86_64,2026-11-21 06:00:00\n";
        Answer posted = anonymous.send(
                "POST", "api/alerts/pakiti", "text/csv", csv, Map.of("Authorization", "Bearer " + PAKITI_TOKEN));
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        assertThat(posted.json().getInt("created")).isEqualTo(1);

        Answer user = admin.send("POST", "api/alerts/pakiti", "text/csv", csv, Map.of());
        assertThat(user.status())
                .as("alert endpoints take monitoring tokens only")
                .isEqualTo(401);
        Answer token = anonymous.send(
                "GET", "api/users/" + ADMIN, null, null, Map.of("Authorization", "Bearer " + PAKITI_TOKEN));
        assertThat(token.status())
                .as("a monitoring token is refused outside its endpoint")
                .isEqualTo(403);
    }

    @Test
    void aDisabledUserStopsWorkingOnceTheLoginCacheTimeHasPassed() throws SQLException {
        assertThat(admin.post(
                                "api/users",
                                "{\"name\": \"dora\", \"password\": \"dora's long password\", "
                                        + "\"roles\": [\"coordinator\"]}")
                        .status())
                .isEqualTo(201);
        Api dora = anonymous.as("dora", "dora's long password");
        assertThat(dora.get("api/users/dora").status()).isEqualTo(200);

        try (Connection connection = TestDatabase.connect();
                PreparedStatement disable = connection.prepareStatement(
                        "UPDATE " + TestDatabase.NAME + ".users SET enabled = FALSE WHERE name = ?")) {
            disable.setString(1, "dora");
            assertThat(disable.executeUpdate()).isEqualTo(1);
        }
        Api.pause(Duration.ofSeconds(LOGIN_CACHE_SECONDS).plusMillis(500));
        Answer refused = dora.get("api/users/dora");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(admin.get("api/users/dora").json().getBoolean("enabled")).isFalse();
    }

    @Test
    void anAdminListsAndChangesUsersAndADisabledUserIsRefusedAtOnce() {
        assertThat(admin.post(
                                "api/users",
                                "{\"name\": \"erik\", \"password\": \"erik's long password\", "
                                        + "\"roles\": [\"csirt\"], \"email\": \"erik@csirt.example\"}")
                        .status())
                .isEqualTo(201);
        Api erik = anonymous.as("erik", "erik's long password");
        assertThat(erik.get("api/users/erik").status()).isEqualTo(200);

        Answer list = admin.get("api/users");
        assertThat(list.status()).isEqualTo(200);
        List<String> names = list.array().getValuesAs(JsonObject.class).stream()
                .map(u -> u.getString("name"))
                .toList();
        assertThat(names).contains(ADMIN, "erik").isSorted();
        assertThat(list.body()).doesNotContain("pbkdf2");
        assertThat(erik.get("api/users").status()).as("only admins list users").isEqualTo(403);
        assertThat(anonymous.get("api/users").status()).isEqualTo(401);

        Answer changed =
                admin.patch("api/users/erik", "{\"roles\": [\"csirt\", \"coordinator\"], \"email\": null}", null);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(strings(changed.json().getJsonArray("roles"))).containsExactly("csirt", "coordinator");
        assertThat(changed.json().get("email")).as("removed").isIn(null, JsonValue.NULL);
        assertThat(strings(erik.get("api/users/erik").json().getJsonArray("roles")))
                .as("the new roles at once, cache or not")
                .containsExactly("csirt", "coordinator");

        Answer disabled = admin.patch("api/users/erik", "{\"enabled\": false}", null);
        assertThat(disabled.json().getBoolean("enabled")).isFalse();
        assertThat(erik.get("api/users/erik").status())
                .as("refused at once on this instance")
                .isEqualTo(401);
        assertThat(admin.patch("api/users/erik", "{\"enabled\": true, \"password\": \"erik's new password\"}", null)
                        .status())
                .isEqualTo(200);
        assertThat(erik.get("api/users/erik").status()).as("the old password").isEqualTo(401);
        assertThat(anonymous
                        .as("erik", "erik's new password")
                        .get("api/users/erik")
                        .status())
                .isEqualTo(200);

        Answer changes = admin.get("api/users/erik/changes");
        assertThat(changes.status()).as(changes.body()).isEqualTo(200);
        assertThat(changes.array().getValuesAs(JsonObject.class))
                .extracting(c -> c.getString("actor") + ": " + c.getString("summary"))
                .containsExactly(
                        ADMIN + ": added with roles [csirt]",
                        ADMIN + ": roles [csirt, coordinator], e-mail removed",
                        ADMIN + ": disabled",
                        ADMIN + ": enabled, a new password");
        assertThat(changes.body()).doesNotContain("erik's new password", "pbkdf2");
        assertThat(anonymous
                        .as("erik", "erik's new password")
                        .get("api/users/erik/changes")
                        .status())
                .as("only admins read what was done to a user")
                .isEqualTo(403);
        assertThat(admin.get("api/users/nobody-here/changes").status()).isEqualTo(404);
    }

    @Test
    void aUserChangesTheirOwnPasswordWithTheCurrentOneAndNothingElse() {
        assertThat(admin.post(
                                "api/users",
                                "{\"name\": \"fiona\", \"password\": \"fiona's long password\", "
                                        + "\"roles\": [\"rod\"]}")
                        .status())
                .isEqualTo(201);
        Api fiona = anonymous.as("fiona", "fiona's long password");

        Answer wrong = fiona.patch(
                "api/users/fiona",
                "{\"password\": \"fiona's new password\", " + "\"currentPassword\": \"not my password\"}",
                null);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("currentPassword");
        assertThat(wrong.body()).doesNotContain("not my password").doesNotContain("fiona's new password");
        Answer without = fiona.patch("api/users/fiona", "{\"password\": \"fiona's new password\"}", null);
        assertThat(without.status()).isEqualTo(400);
        Answer roles = fiona.patch("api/users/fiona", "{\"roles\": [\"admin\"]}", null);
        assertThat(roles.status()).as("no role for yourself").isEqualTo(403);
        Answer other = fiona.patch(
                "api/users/" + ADMIN,
                "{\"password\": \"fiona's new password\", " + "\"currentPassword\": \"fiona's long password\"}",
                null);
        assertThat(other.status()).as("no one else's password").isEqualTo(403);
        Answer shortOne = fiona.patch(
                "api/users/fiona",
                "{\"password\": \"too short\", " + "\"currentPassword\": \"fiona's long password\"}",
                null);
        assertThat(shortOne.status()).isEqualTo(400);
        assertThat(shortOne.json().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("password");

        Answer done = fiona.patch(
                "api/users/fiona",
                "{\"password\": \"fiona's new password\", " + "\"currentPassword\": \"fiona's long password\"}",
                null);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(anonymous
                        .as("fiona", "fiona's new password")
                        .get("api/users/fiona")
                        .status())
                .isEqualTo(200);
        assertThat(fiona.get("api/users/fiona").status()).isEqualTo(401);
    }

    @Test
    void badChangesNameTheFieldAndTheLastAdminStays() {
        Answer bad =
                admin.patch("api/users/" + ADMIN, "{\"enabled\": \"no\", \"roles\": \"csirt\", \"colour\": 1}", null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).isEqualTo("application/problem+json");
        assertThat(bad.json().getJsonArray("errors").getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("field"))
                .containsExactlyInAnyOrder("colour", "enabled", "roles");
        assertThat(admin.patch("api/users/nobody-here", "{\"enabled\": false}", null)
                        .status())
                .isEqualTo(404);

        Answer last = admin.patch("api/users/" + ADMIN, "{\"roles\": [\"csirt\"]}", null);
        assertThat(last.status()).as(last.body()).isEqualTo(409);
        assertThat(last.json().getString("detail")).contains("last enabled admin");
        assertThat(strings(admin.get("api/users/" + ADMIN).json().getJsonArray("roles")))
                .as("nothing changed")
                .containsExactly("admin");
        assertThat(admin.get("api/users/" + ADMIN + "/changes").body())
                .as("no change recorded")
                .doesNotContain("roles [csirt]");
    }

    @Test
    void theUsersEndpointsAreDocumented() {
        Answer openapi = anonymous.send("GET", "openapi", null, null, Map.of("Accept", "application/json"));
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.json().getJsonObject("paths").keySet()).contains("/api/users", "/api/users/{name}");
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }
}
