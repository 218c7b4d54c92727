package org.csirtdesk.security.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.csirtdesk.support.Browser;
import org.csirtdesk.support.Deployments;
import org.csirtdesk.support.OidcProvider;
import org.csirtdesk.support.OidcProvider.Person;
import org.csirtdesk.support.OidcProvider.Token;
import org.csirtdesk.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Sign-in with OpenID Connect against a real provider in the test JVM ({@link OidcProvider}), walked as a
 * browser walks it: the desk sends it to the provider, the provider back with a code, the desk checks
 * everything and starts a session. Each way the answer can be wrong is refused, with a page and no session.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OidcSignInIT {

    static final String CLIENT_ID = "csirt-desk";
    static final String CLIENT_SECRET = "the desk's client secret";
    static final String CSIRT = "urn:mace:egi.eu:group:csirt:role=member#aai.egi.eu";
    static final String COORDINATOR = "urn:mace:egi.eu:group:csirt:role=coordinator#aai.egi.eu";
    static final Person CARLA =
            new Person("8a2f00c1@egi.eu", "carla", List.of("urn:mace:egi.eu:group:other", CSIRT, COORDINATOR));
    static final OidcProvider PROVIDER = OidcProvider.start(CLIENT_ID, CLIENT_SECRET);

    @ArquillianResource
    URL deployment;

    private URI desk;
    private HttpBrowser browser;

    @Deployment(testable = false)
    static WebArchive application() throws SQLException {
        TestDatabase.freshApplicationDatabase();
        return Deployments.war(Map.of(
                "csirt.site.registry",
                "embedded",
                "csirt.site.status-change",
                "embedded",
                "csirt.security.oidc.issuer",
                PROVIDER.issuer(),
                "csirt.security.oidc.client-id",
                CLIENT_ID,
                "csirt.security.oidc.client-secret",
                CLIENT_SECRET,
                "csirt.security.oidc.roles.csirt",
                CSIRT,
                "csirt.security.oidc.roles.coordinator",
                COORDINATOR + ",urn:mace:egi.eu:group:coo"));
    }

    @AfterAll
    static void stop() {
        PROVIDER.close();
    }

    @BeforeEach
    void newBrowser() {
        desk = URI.create("http://127.0.0.1:" + deployment.getPort() + "/");
        browser = new HttpBrowser();
    }

    /** A browser without scripts: one cookie jar; redirects followed by the test, one at a time. */
    static final class HttpBrowser {
        final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        final HttpClient client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        HttpResponse<String> get(URI uri) {
            try {
                return client.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(30))
                                .header("Accept", "text/html, application/json")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        HttpResponse<String> send(HttpRequest request) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        static URI location(HttpResponse<String> response) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
            return response.uri()
                    .resolve(response.headers().firstValue("Location").orElseThrow());
        }

        /** Where a signed-in answer sends the browser on: its refresh, from the desk's own page. */
        static URI onwards(HttpResponse<String> response) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            Matcher refresh = Pattern.compile("<meta http-equiv=\"refresh\" content=\"0; url=([^\"]+)\">")
                    .matcher(response.body());
            assertThat(refresh.find()).as(response.body()).isTrue();
            return response.uri().resolve(refresh.group(1).replace("&amp;", "&"));
        }
    }

    /** To the provider and back: the answer of the desk's callback. */
    private HttpResponse<String> signIn(Person person, Token token, String next) {
        PROVIDER.signInNext(person, token);
        URI atProvider =
                HttpBrowser.location(browser.get(desk.resolve("login/oidc" + (next == null ? "" : "?next=" + next))));
        URI callback = HttpBrowser.location(browser.get(atProvider));
        return browser.get(callback);
    }

    private JsonObject json(HttpResponse<String> response) {
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    private void assertNoSession() {
        assertThat(browser.get(desk.resolve("api/session")).statusCode())
                .as("no session")
                .isEqualTo(401);
    }

    @Test
    void theSignInPageLearnsOfTheProvider() {
        HttpResponse<String> providers = browser.get(desk.resolve("api/session/providers"));
        assertThat(providers.statusCode()).isEqualTo(200);
        try (var reader = Json.createReader(new StringReader(providers.body()))) {
            JsonObject provider = reader.readArray().getJsonObject(0);
            assertThat(provider.getString("id")).isEqualTo("oidc");
            assertThat(provider.getString("label")).isEqualTo("EGI Check-in");
            assertThat(provider.getString("start")).isEqualTo("/login/oidc");
        }
    }

    @Test
    void aPersonWithEntitlementsIsSignedInWithTheMappedRolesAndActsUnderTheirSub() {
        HttpResponse<String> answer = signIn(CARLA, Token.GOOD, "/desk/campaigns.html%3Ftab%3Dopen");
        assertThat(HttpBrowser.onwards(answer)).isEqualTo(desk.resolve("/desk/campaigns.html?tab=open"));
        assertThat(answer.body()).contains("Welcome, carla.");

        Map<String, String> asked = PROVIDER.lastAuthorization();
        assertThat(asked)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", CLIENT_ID)
                .containsEntry("code_challenge_method", "S256")
                .containsEntry(
                        "redirect_uri", desk.resolve("/login/oidc/callback").toString())
                .containsEntry("scope", "openid profile email eduperson_entitlement");
        assertThat(asked.get("state")).hasSize(43);
        assertThat(asked.get("nonce")).hasSize(43).isNotEqualTo(asked.get("state"));

        HttpResponse<String> session = browser.get(desk.resolve("api/session"));
        assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
        JsonObject signedIn = json(session);
        assertThat(signedIn.getString("name")).isEqualTo("oidc:" + CARLA.sub());
        assertThat(signedIn.getJsonArray("roles").getValuesAs(JsonString.class))
                .extracting(JsonString::getString)
                .containsExactlyInAnyOrder("csirt", "coordinator");

        HttpResponse<String> created = browser.send(HttpRequest.newBuilder(desk.resolve("api/tickets"))
                .header("Content-Type", "application/json")
                .header("X-CSRF-Token", signedIn.getString("csrfToken"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"queue\": \"incidents\", \"subject\": \"Signed in with Check-in\"}"))
                .build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json(created).getJsonNumber("id").longValue();
        JsonArray history;
        try (var reader = Json.createReader(new StringReader(
                browser.get(desk.resolve("api/tickets/" + id + "/history")).body()))) {
            history = reader.readArray();
        }
        assertThat(history.getJsonObject(0).getString("actor")).isEqualTo("oidc:" + CARLA.sub());

        HttpResponse<String> signedOut = browser.send(HttpRequest.newBuilder(desk.resolve("api/session"))
                .header("X-CSRF-Token", signedIn.getString("csrfToken"))
                .header("Accept", "application/json")
                .DELETE()
                .build());
        assertThat(signedOut.statusCode()).as(signedOut.body()).isEqualTo(200);
        URI atProvider = URI.create(json(signedOut).getString("providerSignOut"));
        assertThat(atProvider.toString()).startsWith(PROVIDER.issuer() + "/logout?");
        assertNoSession();
        assertThat(HttpBrowser.location(browser.get(atProvider)))
                .as("the provider sends the browser back to the desk")
                .isEqualTo(desk.resolve("/login.html?signed-out"));
        assertThat(PROVIDER.lastSignOut())
                .containsEntry("client_id", CLIENT_ID)
                .containsEntry(
                        "post_logout_redirect_uri",
                        desk.resolve("/login.html?signed-out").toString());
    }

    @Test
    void inChromiumTheSignInPageOffersTheProviderAndComesBackSignedIn() {
        PROVIDER.signInNext(CARLA, Token.GOOD);
        try (Browser chromium = new Browser(desk)) {
            chromium.open("/login.html?next=/api/session");
            chromium.waitFor(By.linkText("Sign in with EGI Check-in")).click();
            new WebDriverWait(chromium.driver(), Duration.ofSeconds(20))
                    .until(d -> d.getCurrentUrl().endsWith("/api/session"));
            assertThat(chromium.driver().findElement(By.tagName("body")).getText())
                    .contains("\"name\":\"oidc:" + CARLA.sub() + "\"")
                    .contains("\"roles\":[\"coordinator\",\"csirt\"]");

            chromium.open("/desk/queues.html");
            chromium.waitForVisible(By.xpath("//button[normalize-space()='Sign out']"))
                    .click();
            new WebDriverWait(chromium.driver(), Duration.ofSeconds(20))
                    .until(d -> d.getCurrentUrl().endsWith("/login.html?signed-out"));
            assertThat(chromium.waitForVisible(By.id("signed-out")).getText()).isEqualTo("You are signed out.");
            assertThat(PROVIDER.lastSignOut().get("id_token_hint"))
                    .as("signed out at the provider too")
                    .isNotBlank();
        }
    }

    @Test
    void entitlementsOnlyInUserinfoAreFoundThere() {
        HttpBrowser.onwards(signIn(CARLA, Token.ENTITLEMENTS_IN_USERINFO_ONLY, null));
        assertThat(json(browser.get(desk.resolve("api/session"))).getJsonArray("roles"))
                .hasSize(2);
    }

    @Test
    void anotherSiteIsNeverTheNextPage() {
        assertThat(HttpBrowser.onwards(signIn(CARLA, Token.GOOD, "https://evil.example/")))
                .isEqualTo(desk.resolve("/"));
        newBrowser();
        assertThat(HttpBrowser.onwards(signIn(CARLA, Token.GOOD, "//evil.example/")))
                .isEqualTo(desk.resolve("/"));
    }

    @Test
    void aForeignOrReusedStateIsRefused() {
        PROVIDER.signInNext(CARLA, Token.GOOD);
        URI atProvider = HttpBrowser.location(browser.get(desk.resolve("login/oidc")));
        URI callback = HttpBrowser.location(browser.get(atProvider));
        HttpResponse<String> foreign = browser.get(OidcProvider.withState(callback, "a state of another sign-in"));
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(foreign.body()).contains("start the sign-in again");
        assertNoSession();
        assertThat(HttpBrowser.onwards(browser.get(callback)))
                .as("the real answer still works")
                .isEqualTo(desk.resolve("/"));
        HttpResponse<String> replayed = new HttpBrowser().get(callback);
        assertThat(replayed.statusCode()).as("an answer is used once").isEqualTo(400);
        HttpResponse<String> again = browser.get(callback);
        assertThat(again.statusCode()).as("even in the same browser").isEqualTo(400);

        HttpBrowser other = new HttpBrowser();
        PROVIDER.signInNext(CARLA, Token.GOOD);
        URI elsewhere =
                HttpBrowser.location(browser.get(HttpBrowser.location(browser.get(desk.resolve("login/oidc")))));
        assertThat(other.get(elsewhere).statusCode())
                .as("a callback in another browser")
                .isEqualTo(400);
        assertThat(other.get(desk.resolve("api/session")).statusCode()).isEqualTo(401);
    }

    @Test
    void anIdTokenThatFailsACheckIsRefused() {
        for (Token token : List.of(
                Token.WRONG_NONCE, Token.WRONG_AUDIENCE, Token.EXPIRED, Token.UNSIGNED, Token.SIGNED_BY_ANOTHER_KEY)) {
            newBrowser();
            HttpResponse<String> refused = signIn(CARLA, token, null);
            assertThat(refused.statusCode()).as(token + ": " + refused.body()).isEqualTo(401);
            assertThat(refused.body())
                    .as(token.toString())
                    .contains("ID token is not valid")
                    .contains("/login.html");
            assertNoSession();
        }
    }

    @Test
    void aPersonWithoutAMappedEntitlementIsToldSoAndGetsNoSession() {
        HttpResponse<String> refused = signIn(
                new Person("77aa@egi.eu", "mallory<script>", List.of("urn:mace:egi.eu:group:other")), Token.GOOD, null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body())
                .contains("none of your eduperson_entitlement values gives a role")
                .contains("mallory&lt;script&gt;")
                .doesNotContain("<script>");
        assertNoSession();
    }

    @Test
    void pendingSignInsAreCappedAndTheOldestGoFirst() throws SQLException {
        int cap = 10_000;
        try (Connection connection =
                        DriverManager.getConnection(TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM pending_sign_ins");
            // As if someone had started the cap's worth of sign-ins and never come back, within the sign-in time.
            StringBuilder filler = new StringBuilder("INSERT INTO pending_sign_ins (state, browser_sha256, nonce,"
                    + " code_verifier, redirect_uri, next_page, started_at, authorization_request) VALUES ");
            for (int i = 0; i < cap; i++) {
                filler.append(i == 0 ? "" : ",")
                        .append("('filler-")
                        .append(i)
                        .append("', UNHEX(SHA2('b', 256)), 'n', 'v', 'https://desk/cb', '/',"
                                + " UTC_TIMESTAMP(6) - INTERVAL 300 SECOND + INTERVAL ")
                        .append(i)
                        .append(" MICROSECOND, 'https://idp/auth')");
            }
            statement.execute(filler.toString());

            assertThat(HttpBrowser.onwards(signIn(CARLA, Token.GOOD, null)))
                    .as("a sign-in started with the table full goes through")
                    .isEqualTo(desk.resolve("/"));
            try (ResultSet left = statement.executeQuery(
                    "SELECT COUNT(*), SUM(state = 'filler-0'), SUM(state = 'filler-1') FROM pending_sign_ins")) {
                left.next();
                assertThat(left.getInt(1))
                        .as("at the cap when it started, one less now that it was taken")
                        .isEqualTo(cap - 1);
                assertThat(left.getInt(2)).as("the oldest went").isZero();
                assertThat(left.getInt(3)).as("the next oldest stays").isOne();
            }
            statement.execute("DELETE FROM pending_sign_ins");
        }
    }
}
