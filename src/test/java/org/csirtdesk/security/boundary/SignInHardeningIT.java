package org.csirtdesk.security.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.Api.Answer;
import org.csirtdesk.support.Browser;
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
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a hostile user tries on the sign-in (issue 20): a sign-in link that sends the user to another site, an
 * {@code Origin: null} sign-in, a desk page asked for with path parameters, and locking others out with failed
 * sign-ins, directly or through a forged proxy header. The test's own address, 127.0.0.1, is the trusted proxy;
 * 127.0.0.2 is a peer that is not.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignInHardeningIT {

    private static final String USER = "hardened-user";
    private static final int FAILURES_PER_ADDRESS = 4;

    @ArquillianResource
    URL deployment;

    private Api anonymous;

    @Deployment(testable = false)
    static WebArchive application() throws SQLException {
        TestDatabase.freshApplicationDatabase();
        return Deployments.war(Map.of(
                "csirt.site.registry",
                "embedded",
                "csirt.site.status-change",
                "embedded",
                "csirt.security.trusted-proxies",
                "127.0.0.1",
                "csirt.security.sign-in.max-failures-per-address",
                String.valueOf(FAILURES_PER_ADDRESS),
                "csirt.security.sign-in.window",
                "PT2M"));
    }

    @BeforeEach
    void user() {
        anonymous = new Api(deployment);
        TestUsers.withRoles(anonymous, USER, List.of("csirt"));
    }

    @Test
    @DisplayName("the sign-in page goes on only to a page of the desk or the API of its own origin, whatever control "
            + "characters, backslashes, schemes or encodings the next parameter holds")
    void theSignInPageNeverSendsTheUserToAnotherSite() {
        String[] hostile = {
            "/%09/evil.example/x",
            "/%0a/evil.example/x",
            "/%0d/evil.example/x",
            "/%0D%0A/evil.example/x",
            "%09//evil.example/x",
            "/%5C/evil.example/x",
            "%5C%5Cevil.example/x",
            "/%5Cevil.example/x",
            "//evil.example/x",
            "%2F%2Fevil.example/x",
            "/%2F/evil.example/x",
            "https:evil.example/x",
            "https://evil.example/desk/x",
            "http:%2F%2Fevil.example/desk/",
            "javascript:alert(1)",
            "/%2509/evil.example/x",
            "%252F%252Fevil.example/x",
            "/desk/..%2F..%2Flogin.html",
            "/desk/%2e%2e/%2e%2e/login.html",
            "/login.html",
            "/%00/evil.example",
            "%20//evil.example/x",
            "/%E2%80%8B/evil.example/x",
            "http://127.0.0.1:" + deployment.getPort() + "@evil.example/desk/"
        };
        // Compared up to the path: the desk's pages write their filters into the query once they run. A hostile
        // target is dropped and the user lands on the own desk of the role (csirt: the Today page).
        String own = anonymous.base().resolve("/desk/home.html").toString();
        try (Browser browser = new Browser(anonymous.base())) {
            for (String next : hostile) {
                browser.open("/login.html?next=" + next);
                browser.waitFor(By.name("name")).sendKeys(USER);
                browser.driver().findElement(By.name("password")).sendKeys(TestUsers.PASSWORD);
                browser.driver()
                        .findElement(By.cssSelector("button[type=submit]"))
                        .click();
                // A dropped target goes through "/", whose page asks for the session before it moves on: the
                // address is read once it has.
                String landing = anonymous.base().resolve("/").toString();
                new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                        .until(d -> !d.getCurrentUrl().contains("/login.html")
                                && !d.getCurrentUrl().equals(landing));
                assertThat(browser.driver().getCurrentUrl().replaceFirst("[?#].*$", ""))
                        .as("next=" + next)
                        .isEqualTo(own);
            }
            browser.open("/login.html?next=%2Fdesk%2Fsites.html%3Fq%3Dab%23top");
            browser.waitFor(By.name("name")).sendKeys(USER);
            browser.driver().findElement(By.name("password")).sendKeys(TestUsers.PASSWORD);
            browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> !d.getCurrentUrl().contains("/login.html"));
            assertThat(browser.driver().getCurrentUrl().replaceFirst("[?#].*$", ""))
                    .as("a page of the desk is kept")
                    .isEqualTo(anonymous.base().resolve("/desk/sites.html").toString());
        }
    }

    @Test
    @DisplayName("a sign-in with Origin: null is refused as from another site (403), not as a wrong password")
    void aSignInFromTheNullOriginIsForbidden() {
        Answer refused = anonymous.post(
                "api/session",
                "{\"name\": \"" + USER + "\", \"password\": \"" + TestUsers.PASSWORD + "\"}",
                Map.of("Origin", "null"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.header("Set-Cookie")).isNull();
    }

    @Test
    @DisplayName(
            "a desk page asked for with path parameters or an encoded name still sends whoever is not signed in to the sign-in page")
    void pathParametersDoNotSkipTheSignIn() {
        for (String page : new String[] {
            "desk/queues.html;x=1",
            "desk/queues.html;jsessionid=1",
            "desk/%71ueues.html",
            "desk/js/../queues.html",
            "desk/users.html;.js",
            "desk/"
        }) {
            Answer answer = anonymous.get(page);
            assertThat(answer.status()).as(page).isEqualTo(302);
            assertThat(answer.header("Location")).as(page).contains("/login.html?next=");
        }
        assertThat(anonymous.get("desk/js/desk.js").status())
                .as("the scripts stay public")
                .isEqualTo(200);
    }

    @Test
    @DisplayName("failed sign-ins with random names from an address lock nobody out: the right password works from "
            + "there, by Basic and by the form, and only wrong attempts are asked to wait")
    void randomNameFailuresLockNobodyOut() {
        Map<String, String> from = Map.of("X-Forwarded-For", "203.0.113.10");
        for (int i = 0; i < FAILURES_PER_ADDRESS; i++) {
            assertThat(anonymous
                            .send("GET", "api/tickets", null, null, withBasic(from, "random-" + i, "a guess"))
                            .status())
                    .isEqualTo(401);
        }
        Answer slowed = anonymous.send("GET", "api/tickets", null, null, withBasic(from, "random-x", "a guess"));
        assertThat(slowed.status()).as(slowed.body()).isEqualTo(429);
        assertThat(slowed.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(slowed.header("Retry-After"))).isPositive();

        Answer right = anonymous.send("GET", "api/tickets", null, null, withBasic(from, USER, TestUsers.PASSWORD));
        assertThat(right.status())
                .as("the right password from the throttled address: " + right.body())
                .isEqualTo(200);
        Answer form = anonymous.post(
                "api/session", "{\"name\": \"" + USER + "\", \"password\": \"" + TestUsers.PASSWORD + "\"}", from);
        assertThat(form.status()).as(form.body()).isEqualTo(200);
    }

    @Test
    @DisplayName(
            "the trusted proxy's X-Forwarded-For names the client; the same header from a peer that is no trusted proxy is ignored")
    void theProxyHeaderCountsOnlyFromTheTrustedProxy() throws IOException {
        for (int i = 0; i <= FAILURES_PER_ADDRESS; i++) {
            anonymous.send(
                    "GET",
                    "api/tickets",
                    null,
                    null,
                    withBasic(Map.of("X-Forwarded-For", "203.0.113.20"), "guess-" + i, "x"));
        }
        assertThat(anonymous
                        .send(
                                "GET",
                                "api/tickets",
                                null,
                                null,
                                withBasic(Map.of("X-Forwarded-For", "203.0.113.20"), "guess-y", "x"))
                        .status())
                .isEqualTo(429);
        assertThat(anonymous
                        .send(
                                "GET",
                                "api/tickets",
                                null,
                                null,
                                withBasic(Map.of("X-Forwarded-For", "203.0.113.21"), "guess-y", "x"))
                        .status())
                .as("another client behind the same proxy")
                .isEqualTo(401);
        assertThat(anonymous
                        .send(
                                "GET",
                                "api/tickets",
                                null,
                                null,
                                withBasic(Map.of("Forwarded", "for=203.0.113.20"), "guess-z", "x"))
                        .status())
                .as("Forwarded names the same client")
                .isEqualTo(429);

        for (int i = 0; i <= FAILURES_PER_ADDRESS; i++) {
            assertThat(statusFromUntrustedPeer("198.51.100." + i, "untrusted-" + i))
                    .isIn(401, 429);
        }
        assertThat(statusFromUntrustedPeer("198.51.100.99", "untrusted-y"))
                .as("a peer that is no trusted proxy is counted by its own address, whatever header it sends")
                .isEqualTo(429);
    }

    private static Map<String, String> withBasic(Map<String, String> headers, String name, String password) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Authorization", Api.basic(name, password));
        return all;
    }

    /** A wrong sign-in sent from 127.0.0.2 (a peer that is no trusted proxy) with a forged X-Forwarded-For. */
    private int statusFromUntrustedPeer(String forwardedFor, String name) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress("127.0.0.2", 0));
            socket.connect(new InetSocketAddress("127.0.0.1", deployment.getPort()), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/tickets HTTP/1.1\r\nHost: 127.0.0.1:" + deployment.getPort() + "\r\nAuthorization: "
                            + Api.basic(name, "a guess") + "\r\nX-Forwarded-For: " + forwardedFor
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }
}
