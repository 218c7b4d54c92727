package org.csirtdesk.desk.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The desk for each role, in a real Chromium on the demo data: where each role lands after signing in and what its
 * menu offers, every page each role may see at a phone's 390 px and a laptop's 1366x768 without horizontal scrolling
 * or a console error, a page refused without an uncaught error, the folded menu, and the smaller defects of issue
 * 21 (the icon, the triage page's campaign route and select, the Reports page's period in an exercise).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeskLayoutIT {

    static final String PASSWORD = "a password of the desk layout IT";
    static final Set<String> STAFF = Set.of("csirt", "coordinator");
    static final String SITE = "PtujRPC";

    @ArquillianResource
    URL deployment;

    private Api anonymous;
    private Api csirt;

    private static long ticket;
    private static long campaign;
    private static long incident;
    private static long monitoringReport;

    @Deployment(testable = false)
    static WebArchive application() throws SQLException {
        TestDatabase.freshApplicationDatabase();
        return Deployments.war(Map.of(
                "csirt.mode",
                "demo",
                "csirt.site.registry",
                "embedded",
                "csirt.site.status-change",
                "embedded",
                "exercise.mode",
                "true"));
    }

    @BeforeEach
    void usersAndData() {
        anonymous = new Api(deployment);
        TestUsers.namedAfterRoles(
                anonymous.as(TestUsers.ADMIN, TestUsers.PASSWORD), PASSWORD, TestUsers.ROLES, DeskLayoutIT::user);
        csirt = anonymous.as(user("csirt"), PASSWORD);
        if (campaign != 0) {
            return;
        }
        List<JsonObject> reports = csirt.get("api/tickets?queue=incident-reports&status=new,open&size=50")
                .json()
                .getJsonArray("items")
                .getValuesAs(JsonObject.class);
        monitoringReport = reports.stream()
                .filter(r -> r.getString("subject").startsWith("Pakiti:"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the demo data's monitoring report is missing: " + reports))
                .getJsonNumber("id")
                .longValue();
        ticket = csirt.get("api/tickets?queue=investigations&q=at+PtujRPC")
                .json()
                .getJsonArray("items")
                .getJsonObject(0)
                .getJsonNumber("id")
                .longValue();

        Answer report = csirt.post(
                "api/tickets",
                Json.createObjectBuilder()
                        .add("queue", "incident-reports")
                        .add("subject", "Compromised user interface at SSC, entered over SSH from 198.51.100.7")
                        .add("requestors", Json.createArrayBuilder().add("security@ssc.si"))
                        .add("content", "We found ui.ssc.si entered over SSH from 198.51.100.7 this morning.")
                        .build()
                        .toString());
        assertThat(report.status()).as(report.body()).isEqualTo(201);
        Answer triaged = csirt.post(
                "api/incident-reports/" + report.json().getJsonNumber("id") + "/triage",
                "{\"decision\": \"new\", \"title\": \"SSH intrusion at SSC with a title long enough to wrap on a phone\"}");
        assertThat(triaged.status()).as(triaged.body()).isEqualTo(200);
        incident = triaged.json().getJsonObject("incident").getJsonNumber("id").longValue();

        Answer drafted = csirt.post(
                "api/campaigns",
                "{\"title\": \"Batch system flaw: stop the service where it is not patched\", \"vulnerabilities\": "
                        + "[\"CVE-2026-52001\"], \"advisory\": \"Advisory EGI-SVG-2026-52001.\","
                        + " \"severeInterruption\": true, \"sites\": [\"" + SITE + "\"]}");
        assertThat(drafted.status()).as(drafted.body()).isEqualTo(201);
        campaign = drafted.json().getJsonNumber("id").longValue();
    }

    static String user(String role) {
        return "desk-" + role;
    }

    /** Every page of the desk, with the roles it is for (docs/security.md's table, read by the pages' API calls). */
    private List<Page> pages() {
        Set<String> board = Set.of("csirt", "coordinator", "omb");
        Set<String> readers = Set.of("csirt", "coordinator", "omb", "rod");
        return List.of(
                new Page("/desk/home.html", STAFF),
                new Page("/desk/queues.html", STAFF),
                new Page("/desk/new-ticket.html?queue=investigations", STAFF),
                new Page(
                        "/desk/search.html?query="
                                + java.net.URLEncoder.encode(
                                        "queue = incidents OR text ~ kernel", java.nio.charset.StandardCharsets.UTF_8),
                        STAFF),
                new Page("/desk/ticket.html?id=" + ticket, STAFF),
                new Page("/desk/campaigns.html", board),
                new Page("/desk/campaign.html?id=" + campaign, board),
                new Page("/desk/sites.html", readers),
                new Page("/desk/site.html?name=" + SITE, readers),
                new Page("/desk/suspensions.html?state=all", readers),
                new Page("/desk/findings.html", STAFF),
                new Page("/desk/incidents.html", STAFF),
                new Page("/desk/incidents.html?tab=reports", STAFF),
                new Page("/desk/incident.html?id=" + incident, STAFF),
                new Page("/desk/triage.html?report=" + monitoringReport, STAFF),
                new Page("/desk/reports.html", board),
                new Page("/desk/users.html", Set.copyOf(TestUsers.ROLES)));
    }

    record Page(String path, Set<String> roles) {}

    record Landing(String role, String home, List<String> menu, String refused) {}

    @Test
    @Order(1)
    @DisplayName(
            "Each role lands on its own page after signing in and from \"/\", its menu offers only what it may see,"
                    + " and a page not for it says so without an uncaught error")
    void eachRoleLandsOnItsOwnPageAndItsMenuOffersOnlyWhatItMaySee() {
        List<String> staffMenu = List.of(
                "Today", "Queues", "Search", "Campaigns", "Sites", "Suspensions", "Findings", "Incidents", "Reports");
        List<Landing> landings = List.of(
                new Landing("csirt", "/desk/home.html", staffMenu, "/desk/users.html"),
                new Landing("coordinator", "/desk/home.html", staffMenu, "/desk/users.html"),
                new Landing(
                        "omb",
                        "/desk/campaigns.html",
                        List.of("Campaigns", "Sites", "Suspensions", "Reports"),
                        "/desk/queues.html"),
                new Landing("rod", "/desk/suspensions.html", List.of("Sites", "Suspensions"), "/desk/campaigns.html"),
                new Landing("admin", "/desk/users.html", List.of("Users"), "/desk/sites.html"));
        for (Landing landing : landings) {
            try (Browser browser = new Browser(anonymous.base())) {
                browser.open("/login.html");
                WebElement form = browser.waitFor(By.id("signin"));
                form.findElement(By.name("name")).sendKeys(user(landing.role()));
                form.findElement(By.name("password")).sendKeys(PASSWORD);
                form.findElement(By.cssSelector("button[type=submit]")).click();
                new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                        .until(d -> d.getCurrentUrl().endsWith(landing.home()));
                settle(browser);
                assertThat(menu(browser)).as(landing.role()).isEqualTo(landing.menu());
                assertThat(browser.driver().findElement(By.cssSelector("a.who")).getAttribute("href"))
                        .as("everyone reaches the page where they change their own password")
                        .endsWith("/desk/users.html#your-password");
                assertThat(browser.consoleErrors())
                        .as(landing.role() + " on " + landing.home())
                        .isEmpty();

                browser.open("/");
                new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                        .until(d -> d.getCurrentUrl().endsWith(landing.home()));

                browser.open(landing.refused());
                settle(browser);
                if (landing.refused().equals("/desk/users.html")) {
                    browser.waitFor(By.id("your-password"));
                    assertThat(browser.all(By.xpath("//button[normalize-space()='Add a user']")))
                            .isEmpty();
                } else {
                    browser.waitForText("Not for your roles");
                    assertThat(browser.driver()
                                    .findElement(By.linkText("Go to your desk"))
                                    .getAttribute("href"))
                            .endsWith(landing.home());
                }
                assertThat(browser.consoleErrors())
                        .as(landing.role() + " on " + landing.refused() + ": no uncaught error")
                        .isEmpty();
                if (landing.role().equals("omb")) {
                    browser.open("/desk/campaigns.html");
                    assertThat(browser.waitFor(By.id("omb-decisions")).getText())
                            .contains("Waiting for the OMB", "Authorise the service stop of", "#" + campaign);
                }
            }
        }
    }

    @Test
    @Order(2)
    @DisplayName("Every page each role may see fits a 390 px phone and a 1366x768 laptop: no horizontal scrolling,"
            + " no console error; on the phone the menu folds and the lists stack their rows")
    void everyPageFitsAPhoneAndALaptopForEveryRoleThatMaySeeIt() {
        List<String> problems = new ArrayList<>();
        for (String role : TestUsers.ROLES) {
            try (Browser browser = new Browser(anonymous.base())) {
                browser.signIn(user(role), PASSWORD, "/desk/users.html");
                browser.consoleErrors();
                for (Page page : pages()) {
                    if (!page.roles().contains(role)) {
                        continue;
                    }
                    for (int[] size : new int[][] {{390, 844}, {1366, 768}}) {
                        browser.viewport(size[0], size[1], size[0] < 500);
                        browser.open(page.path());
                        settle(browser);
                        String where = role + " on " + page.path() + " at " + size[0] + "x" + size[1];
                        @SuppressWarnings("unchecked")
                        List<Long> widths = (List<Long>)
                                browser.script("return [document.documentElement.scrollWidth, window.innerWidth]");
                        if (widths.get(0) > Math.min(widths.get(1), size[0])) {
                            problems.add(where + ": the page is " + widths.get(0) + " px wide ("
                                    + widest(browser, size[0]) + ")");
                        }
                        browser.consoleErrors().forEach(error -> problems.add(where + ": " + error));
                        if (role.equals("csirt") && size[0] < 500) {
                            // For a person's look at the phone's pages; not kept.
                            browser.screenshot(Path.of(
                                    "target",
                                    "screenshots",
                                    "phone" + page.path().replaceAll("[^a-z0-9]+", "-") + ".png"));
                        }
                    }
                }
                browser.desktopViewport();
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    @Order(3)
    @DisplayName("On a phone the menu folds behind a button, the lists stack their rows with each column's name, and a"
            + " skip link leads keyboard users past the menu")
    void onAPhoneTheMenuFoldsAndListsStack() {
        try (Browser browser = new Browser(anonymous.base())) {
            browser.signIn(user("csirt"), PASSWORD, "/desk/queues.html?queue=investigations");
            browser.viewport(390, 844, true);
            browser.open("/desk/queues.html?queue=investigations");
            settle(browser);
            WebElement nav = browser.driver().findElement(By.cssSelector("header.top nav"));
            assertThat(nav.isDisplayed()).isFalse();
            WebElement menu = browser.driver().findElement(By.cssSelector("header.top button.menu"));
            menu.click();
            assertThat(nav.isDisplayed()).isTrue();
            assertThat(menu.getAttribute("aria-expanded")).isEqualTo("true");
            assertThat(nav.findElement(By.linkText("Campaigns")).isDisplayed()).isTrue();
            menu.click();
            assertThat(browser.script("return getComputedStyle(document.querySelector('table.list thead')).display"))
                    .isEqualTo("none");
            assertThat(browser.script("return [...document.querySelector('table.list tbody tr').children]"
                            + ".map(cell => cell.dataset.label).join(',')"))
                    .asString()
                    .contains("Subject");
            browser.screenshot(Path.of("docs/screenshots/queues-phone.png"));

            browser.desktopViewport();
            browser.open("/desk/queues.html");
            settle(browser);
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
            WebElement skip = browser.driver().switchTo().activeElement();
            assertThat(skip.getText()).isEqualTo("Skip to the content");
            assertThat(skip.isDisplayed()).isTrue();
            skip.sendKeys(Keys.ENTER);
            assertThat(browser.driver().switchTo().activeElement().getAttribute("id"))
                    .isEqualTo("main");
        }
    }

    @Test
    @Order(4)
    @DisplayName("The icon is served; a monitoring report's triage page offers a campaign, and its select of incidents"
            + " keeps to its card; the demo's reports stay")
    void smallerDefects() {
        Answer icon = anonymous.get("favicon.ico");
        assertThat(icon.status()).isEqualTo(200);
        assertThat(icon.contentType()).startsWith("image/");

        try (Browser browser = new Browser(anonymous.base())) {
            browser.signIn(user("csirt"), PASSWORD, "/desk/incidents.html?tab=reports");
            assertThat(browser.waitFor(By.cssSelector("#reports tr[data-id='" + monitoringReport + "']"))
                            .getText())
                    .contains("monitoring");
            browser.open("/desk/triage.html?report=" + monitoringReport);
            WebElement route = browser.waitFor(By.id("campaign-route"));
            assertThat(route.getText()).contains("Monitoring reported it");
            route.findElement(By.xpath(".//button[normalize-space()='Draft a campaign…']"))
                    .click();
            WebElement draft = browser.waitForVisible(By.cssSelector("dialog.draft"));
            assertThat(draft.findElement(By.name("vulnerabilities")).getAttribute("value"))
                    .isEqualTo("CVE-2021-4034");
            assertThat(draft.findElement(By.name("incidentReport")).getAttribute("value"))
                    .isEqualTo(String.valueOf(monitoringReport));
            draft.findElement(By.xpath(".//button[normalize-space()='Cancel']")).click();

            @SuppressWarnings("unchecked")
            List<Number> edges =
                    (List<Number>) browser.script("const select = document.querySelector('#link-chosen select');"
                            + " return [select.getBoundingClientRect().right,"
                            + " select.closest('.card').getBoundingClientRect().right];");
            assertThat(edges.get(0).doubleValue())
                    .as("the select of incidents keeps to its card")
                    .isLessThanOrEqualTo(edges.get(1).doubleValue());
        }
    }

    @Test
    @Order(5)
    @DisplayName("An API refusal with a field is said once, not twice")
    void aRefusalIsSaidOnce() {
        try (Browser browser = new Browser(anonymous.base())) {
            browser.signIn(user("csirt"), PASSWORD, "/desk/campaigns.html");
            browser.waitFor(By.xpath("//button[normalize-space()='New campaign']"))
                    .click();
            WebElement draft = browser.waitForVisible(By.cssSelector("dialog.draft"));
            draft.findElement(By.name("title")).sendKeys("No advisory");
            draft.findElement(By.name("vulnerabilities")).sendKeys("CVE-2026-52002");
            draft.findElement(By.cssSelector("button[type=submit]")).click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> !draft.findElement(By.cssSelector("p.field-error"))
                            .getText()
                            .isBlank());
            String said = draft.findElement(By.cssSelector("p.field-error")).getText();
            assertThat(said).as(said).doesNotContain(" — ");
        }
    }

    @Test
    @Order(6)
    @DisplayName("Today, a CSIRT officer's start: a site's reply shows up without a reload, with a notice")
    void todayShowsANewReplyWithoutAReload() {
        try (Browser browser = new Browser(anonymous.base())) {
            browser.signIn(user("csirt"), PASSWORD, "/desk/home.html");
            settle(browser);
            assertThat(browser.waitFor(By.id("waiting")).getText()).doesNotContain("#" + ticket + " ");
            assertThat(browser.all(By.id("new-replies"))).isEmpty();
            mailIn(
                    ticket,
                    "admin@ptujrpc.si",
                    "Re: [CSIRT #" + ticket + "] CVE-2024-1086 at PtujRPC",
                    "We rebooted into the patched kernel this morning.");
            assertThat(csirt.get("api/tickets/" + ticket).json().getBoolean("waitingForCsirt"))
                    .isTrue();
            WebElement notice = new WebDriverWait(browser.driver(), Duration.ofSeconds(75))
                    .until(d -> d.findElements(By.id("new-replies")).stream()
                            .findFirst()
                            .orElse(null));
            assertThat(notice.getText()).contains("#" + ticket, "CVE-2024-1086 at PtujRPC");
            assertThat(browser.driver()
                            .findElement(By.cssSelector("#waiting tr[data-id='" + ticket + "']"))
                            .getText())
                    .contains("site responded");
            assertThat(browser.consoleErrors()).isEmpty();
            browser.screenshot(Path.of("docs/screenshots/home.png"));
        }
    }

    /** A mail to the ticket as rt-mailgate posts it. */
    private void mailIn(long ticket, String from, String subject, String text) {
        String mail = """
                From: %s
                To: abuse@egi.eu
                Subject: %s
                Message-ID: <desk-layout-it-%d@example>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8

                %s
                """.formatted(from, subject, ticket, text).replace("\n", "\r\n");
        String form = "--form\r\nContent-Disposition: form-data; name=\"queue\"\r\n\r\nincident-reports\r\n"
                + "--form\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\ncorrespond\r\n"
                + "--form\r\nContent-Disposition: form-data; name=\"message\"; filename=\"mail.eml\"\r\n"
                + "Content-Type: message/rfc822\r\n\r\n" + mail + "\r\n--form--\r\n";
        Answer answer = anonymous.send(
                "POST", "REST/1.0/NoAuth/mail-gateway", "multipart/form-data; boundary=form", form, Map.of());
        assertThat(answer.body()).as("the gateway's answer").startsWith("ok - mail #");
    }

    @Test
    @Order(7)
    @DisplayName("The Reports page's default period ends on the application's today, which an exercise moves ahead")
    void theReportsPeriodFollowsTheApplicationsClock() {
        Instant ahead = Instant.now().plus(Duration.ofDays(40));
        Answer moved = csirt.post("api/exercise/clock", "{\"to\": \"" + ahead + "\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        Instant now = Instant.parse(csirt.get("api/exercise/clock").json().getString("now"));
        try (Browser browser = new Browser(anonymous.base())) {
            browser.signIn(user("csirt"), PASSWORD, "/desk/reports.html");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> d.getCurrentUrl().contains("to="));
            assertThat(browser.driver().getCurrentUrl())
                    .endsWith("to=" + LocalDate.ofInstant(now, ZoneId.systemDefault()));
        }
    }

    /** The menu's entries, in order. */
    private static List<String> menu(Browser browser) {
        return browser.all(By.cssSelector("header.top nav a")).stream()
                .map(a -> a.getAttribute("textContent").strip())
                .toList();
    }

    /** Waits until the page drew its content (no "Loading…" left), and a little more for its late requests. */
    private static void settle(Browser browser) {
        browser.asyncScript("const done = arguments[arguments.length - 1]; const started = Date.now();"
                + " const ready = () => { const main = document.getElementById('main');"
                + " return document.readyState === 'complete' && main && main.children.length > 0"
                + " && !/Loading|Counting/.test(main.textContent); };"
                + " const wait = () => ready() || Date.now() - started > 15000 ? setTimeout(done, 400) : setTimeout(wait, 100);"
                + " wait();");
    }

    /** What sticks out furthest on the right: the culprit of a page wider than the screen. */
    private static String widest(Browser browser, int width) {
        return String.valueOf(browser.script(
                "let worst = null, right = arguments[0];"
                        + " for (const e of document.querySelectorAll('body *')) { const r = e.getBoundingClientRect().right;"
                        + " if (r > right) { right = r; worst = e; } }"
                        + " return worst ? worst.tagName + '.' + worst.className + ' ' + Math.round(right) + ' px: '"
                        + " + (worst.textContent || '').slice(0, 60) : 'nothing';",
                width));
    }
}
