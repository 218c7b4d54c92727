package org.csirtdesk.security.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.file.Path;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Signing in to the desk: the sign-in page in a real Chromium, the session cookie's flags, the CSRF token every
 * change made with the cookie must carry, sign-in from another site refused, and the security headers.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeskSignInIT {

    static final String ADMIN = "first-admin";
    static final String ADMIN_PASSWORD = "first admin's password: 12+ chars";
    static final String DUTY = "duty-officer";
    static final String DUTY_PASSWORD = "the duty officer's password";

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
                "csirt.security.initial-admin",
                ADMIN + ":" + ADMIN_PASSWORD));
    }

    @BeforeEach
    void users() {
        anonymous = new Api(deployment);
        TestUsers.add(anonymous.as(ADMIN, ADMIN_PASSWORD), DUTY, DUTY_PASSWORD, List.of("csirt", "coordinator"), null);
    }

    @Test
    void aWrongPasswordIsSaidInWordsAndTheRightOneGoesOnToTheWantedPage() {
        try (Browser browser = new Browser(anonymous.base())) {
            browser.open("/login.html?next=/api/session");
            browser.waitFor(By.name("name")).sendKeys(DUTY);
            browser.driver().findElement(By.name("password")).sendKeys("not the password");
            browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
            browser.waitForText("the user name or password is wrong");
            assertThat(browser.driver().getCurrentUrl()).contains("/login.html");

            browser.signIn(DUTY, DUTY_PASSWORD, "/api/session");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/api/session");
            assertThat(browser.driver().findElement(By.tagName("body")).getText())
                    .contains("\"name\":\"" + DUTY + "\"")
                    .contains("\"roles\":[\"coordinator\",\"csirt\"]");

            browser.open("/login.html?next=//evil.example/");
            browser.waitFor(By.name("name")).sendKeys(DUTY);
            browser.driver().findElement(By.name("password")).sendKeys(DUTY_PASSWORD);
            browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(20))
                    .until(d -> !d.getCurrentUrl().contains("/login.html"));
            assertThat(browser.driver().getCurrentUrl())
                    .as("no sign-in link sends a user to another site")
                    .startsWith(anonymous.base().resolve("/desk/").toString());
        }
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteAndEveryChangeNeedsTheSessionsToken() {
        Answer signedIn =
                anonymous.post("api/session", "{\"name\": \"" + DUTY + "\", \"password\": \"" + DUTY_PASSWORD + "\"}");
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        String cookie = signedIn.header("Set-Cookie");
        assertThat(cookie)
                .startsWith("CSIRT_DESK_SESSION=")
                .contains("HttpOnly")
                .containsIgnoringCase("SameSite=Strict");
        String token = signedIn.json().getString("csrfToken");
        Map<String, String> withCookie = Map.of("Cookie", cookie.substring(0, cookie.indexOf(';')));

        JsonObject session =
                anonymous.send("GET", "api/session", null, null, withCookie).json();
        assertThat(session.getString("name")).isEqualTo(DUTY);
        assertThat(session.getString("csrfToken")).isEqualTo(token);

        Answer withoutToken = anonymous.send("DELETE", "api/session", null, null, withCookie);
        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(withoutToken.contentType()).startsWith("application/problem+json");
        assertThat(withoutToken.json().getString("detail")).contains("X-CSRF-Token");
        Answer wrongToken = anonymous.send(
                "DELETE",
                "api/session",
                null,
                null,
                Map.of("Cookie", withCookie.get("Cookie"), "X-CSRF-Token", token + "x"));
        assertThat(wrongToken.status()).isEqualTo(403);
        assertThat(anonymous.send("GET", "api/session", null, null, withCookie).status())
                .as("a refused change leaves the session as it was")
                .isEqualTo(200);

        Answer signedOut = anonymous.send(
                "DELETE", "api/session", null, null, Map.of("Cookie", withCookie.get("Cookie"), "X-CSRF-Token", token));
        assertThat(signedOut.status()).isEqualTo(200);
        assertThat(signedOut.json().containsKey("providerSignOut"))
                .as("a password session has no provider to leave")
                .isFalse();
        Answer after = anonymous.send("GET", "api/session", null, null, withCookie);
        assertThat(after.status()).isEqualTo(401);
    }

    @Test
    void aSignInPostedFromAnotherSiteIsRefusedAndStartsNoSession() {
        Answer refused = anonymous.post(
                "api/session",
                "{\"name\": \"" + DUTY + "\", \"password\": \"" + DUTY_PASSWORD + "\"}",
                Map.of("Origin", "http://evil.example"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Set-Cookie")).isNull();

        Answer wrong = anonymous.post("api/session", "{\"name\": \"" + DUTY + "\", \"password\": \"wrong password\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("Set-Cookie")).isNull();
        Answer missing = anonymous.post("api/session", "{\"name\": \"\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("\"field\":\"name\"").contains("\"field\":\"password\"");
    }

    @Test
    void theDesksRequestsAreChallengedToTheFormAndApiClientsToBasic() {
        assertThat(anonymous.get("api/session").header("WWW-Authenticate")).isEqualTo("Basic realm=\"csirt-desk\"");
        assertThat(anonymous
                        .send("GET", "api/session", null, null, Map.of("X-Requested-With", "csirt-desk"))
                        .header("WWW-Authenticate"))
                .startsWith("Form ");
        assertThat(anonymous.as(DUTY, DUTY_PASSWORD).get("api/users/" + DUTY).status())
                .isEqualTo(200);
    }

    @Test
    void anAdminAddsAUserWithAGeneratedPasswordOnTheUsersPageAndDisablingItEndsItsSession() {
        try (Browser browser = new Browser(anonymous.base())) {
            browser.signIn(ADMIN, ADMIN_PASSWORD, "/desk/users.html");
            browser.waitForText(DUTY);
            browser.waitFor(By.xpath("//button[normalize-space()='Add a user']"))
                    .click();
            WebElement form = browser.waitFor(By.cssSelector("form.card"));
            form.findElement(By.name("name")).sendKeys("gina");
            form.findElement(By.name("email")).sendKeys("gina@csirt.example");
            form.findElement(By.xpath(".//button[normalize-space()='Generate a password']"))
                    .click();
            browser.waitForText("Shown once more after adding the user");
            String password = browser.driver()
                    .findElement(By.cssSelector("form.card input[name=password]"))
                    .getAttribute("value");
            assertThat(password).hasSize(20);
            browser.driver()
                    .findElement(By.cssSelector("form.card input[value=rod]"))
                    .click();
            browser.driver()
                    .findElement(By.xpath("//button[normalize-space()='Add the user']"))
                    .click();
            browser.waitForText("Added gina");
            assertThat(browser.driver()
                            .findElement(By.cssSelector("section.card kbd"))
                            .getText())
                    .isEqualTo(password);
            browser.screenshot(Path.of("docs/screenshots/users.png"));

            Answer signedIn = anonymous.post("api/session", "{\"name\": \"gina\", \"password\": \"" + password + "\"}");
            assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
            assertThat(signedIn.json().getJsonArray("roles").toString()).isEqualTo("[\"csirt\",\"rod\"]");
            String cookie = signedIn.header("Set-Cookie");
            Map<String, String> ginasCookie = Map.of("Cookie", cookie.substring(0, cookie.indexOf(';')));

            browser.waitFor(By.xpath("//td[normalize-space()='gina']")).click();
            browser.waitFor(By.xpath("//button[normalize-space()='Disable']")).click();
            browser.waitForText("Disabled gina");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> d.findElement(By.id("user-changes")).getText().contains(ADMIN + ": disabled"));
            assertThat(browser.driver().findElement(By.id("user-changes")).getText())
                    .contains(ADMIN + ": added with roles [csirt, rod]")
                    .doesNotContain(password);
            assertThat(anonymous
                            .send("GET", "api/session", null, null, ginasCookie)
                            .status())
                    .as("the disabled user's session ended")
                    .isEqualTo(401);
            assertThat(anonymous
                            .as(ADMIN, ADMIN_PASSWORD)
                            .get("api/users/gina")
                            .json()
                            .getBoolean("enabled"))
                    .isFalse();
        }
    }

    @Test
    void signOutEverywhereEndsEverySessionOfTheUserFromTheirOwnPageOrAnAdmins() {
        Map<String, String> laptop = sessionOf(DUTY, DUTY_PASSWORD);
        try (Browser browser = new Browser(anonymous.base())) {
            browser.signIn(DUTY, DUTY_PASSWORD, "/desk/users.html");
            browser.waitFor(By.xpath("//section[@id='your-sessions']//button[normalize-space()='Sign out everywhere']"))
                    .click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> d.getCurrentUrl().contains("/login.html"));
            assertThat(anonymous.send("GET", "api/session", null, null, laptop).status())
                    .as("the session on the other computer ended too")
                    .isEqualTo(401);
        }

        Map<String, String> lostPhone = sessionOf(DUTY, DUTY_PASSWORD);
        try (Browser browser = new Browser(anonymous.base())) {
            browser.signIn(ADMIN, ADMIN_PASSWORD, "/desk/users.html");
            browser.waitFor(By.xpath("//td[normalize-space()='" + DUTY + "']")).click();
            browser.waitFor(By.xpath("//form[.//h3[normalize-space()='" + DUTY
                            + "']]//button[normalize-space()='Sign out everywhere']"))
                    .click();
            browser.waitForText("Signed " + DUTY + " out everywhere: 1 desk session(s) ended");
            assertThat(anonymous
                            .send("GET", "api/session", null, null, lostPhone)
                            .status())
                    .isEqualTo(401);
            assertThat(browser.driver().getCurrentUrl())
                    .as("the admin's own session goes on")
                    .contains("/desk/users.html");
        }
    }

    private Map<String, String> sessionOf(String name, String password) {
        Answer signedIn =
                anonymous.post("api/session", "{\"name\": \"" + name + "\", \"password\": \"" + password + "\"}");
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        String cookie = signedIn.header("Set-Cookie");
        Map<String, String> session = Map.of("Cookie", cookie.substring(0, cookie.indexOf(';')));
        assertThat(anonymous.send("GET", "api/session", null, null, session).status())
                .isEqualTo(200);
        return session;
    }

    @Test
    void theDesksPagesSendWhoeverIsNotSignedInToTheSignInPageAndBack() {
        Answer page = anonymous.get("desk/queues.html?queue=investigations");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).endsWith("/login.html?next=%2Fdesk%2Fqueues.html%3Fqueue%3Dinvestigations");
        assertThat(anonymous.get("desk/js/desk.js").status())
                .as("the scripts stay public")
                .isEqualTo(200);
        assertThat(anonymous.get("api/session/providers").status())
                .as(
                        "the sign-in page's providers are open: a 401 there made the browser ask for a password over the page")
                .isEqualTo(200);
        try (Browser browser = new Browser(anonymous.base())) {
            browser.open("/desk/queues.html?queue=investigations");
            browser.waitFor(By.id("signin"));
            browser.signIn(DUTY, DUTY_PASSWORD, "/desk/queues.html?queue=investigations");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/desk/queues.html?queue=investigations");
        }
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        for (String path : new String[] {"login.html", "desk/desk.css", "api/session"}) {
            Answer answer = anonymous.get(path);
            assertThat(answer.header("Content-Security-Policy"))
                    .as(path)
                    .contains("script-src 'self'")
                    .contains("frame-ancestors 'none'");
            assertThat(answer.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
        }
    }
}
