package org.csirtdesk.desk.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.Api.Answer;
import org.csirtdesk.support.Browser;
import org.csirtdesk.support.Deployments;
import org.csirtdesk.support.Scenario;
import org.csirtdesk.support.Secrets;
import org.csirtdesk.support.TestDatabase;
import org.csirtdesk.support.TestUsers;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A campaign worked in a real Chromium from the Findings page to suspension and reinstatement, each person with
 * their own role: csirt drafts it from the Incident Report and starts it, the exercise clock passes the deadline,
 * csirt recommends the suspension, the coordinator confirms it, the register shows the site, the ROD asks for it
 * back and csirt verifies. Each action is given a reason in the desk's dialog, and the case's history shows them
 * all. Actions a role may not take are not offered, and the API refuses them when the page forces them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeskCampaignIT {

    static final String PAKITI_TOKEN = "pakiti-token-for-the-desk-campaign-it-42";
    static final String ADMIN = "admin";
    static final String PASSWORD = "a password of the desk campaign IT";
    static final String CVE = "CVE-2026-51001";
    static final String OTHER_CVE = "CVE-2026-51777";
    static final String SITE = "PtujRPC";
    static final ZoneId CSIRT_ZONE = ZoneId.of("Europe/Amsterdam");
    static final Path SCREENSHOTS = Path.of("docs", "screenshots");

    static final String START_REASON =
            "EGI-SVG rated the batch system flaw critical; advisory approved by the duty officer";
    static final String RECOMMENDATION = "PtujRPC did not answer the ticket, two reminders or the final warning";
    static final String CONFIRMATION = "Recommended by CSIRT, no veto, deadline passed: suspend PtujRPC";
    static final String REQUEST = "PtujRPC upgraded the batch system to 2.4.7 on every worker node";
    static final String VERIFICATION = "Pakiti shows every PtujRPC host patched since this morning";

    private Browser browser;
    private long campaign;
    private ZonedDateTime advisoryAt;

    @ArquillianResource
    URL deployment;

    private Api anonymous;
    private Api csirt;

    @Deployment(testable = false)
    static WebArchive application() throws SQLException {
        TestDatabase.freshApplicationDatabase();
        return Deployments.war(Map.ofEntries(
                Map.entry("csirt.site.registry", "embedded"),
                Map.entry("csirt.site.status-change", "embedded"),
                Map.entry("csirt.site.status-check-seconds", "1"),
                Map.entry("exercise.mode", "true"),
                Map.entry("csirt.schedule.heartbeat", "PT1S"),
                Map.entry("csirt.holidays.country", "NL"),
                Map.entry("csirt.security.initial-admin", ADMIN + ":" + PASSWORD),
                Map.entry("csirt.alerts.pakiti.token-sha256", Secrets.sha256(PAKITI_TOKEN))));
    }

    @BeforeEach
    void clients() {
        anonymous = new Api(deployment);
        Api admin = anonymous.as(ADMIN, PASSWORD);
        TestUsers.namedAfterRoles(admin, PASSWORD, List.of("csirt", "coordinator", "omb", "rod"), role -> role);
        csirt = anonymous.as("csirt", PASSWORD);
        browser = new Browser(anonymous.base());
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @TestFactory
    @DisplayName(
            "SEC03 in the desk: one campaign from the findings to the site's reinstatement, in one browser, step by step")
    Stream<DynamicTest> oneCampaignInTheBrowser() {
        return new Scenario()
                .step(
                        "Findings: csirt drafts the campaign from the CVE's Incident Report; a site of another CVE is offered for triage",
                        this::csirtDraftsTheCampaignFromTheFindings)
                .step(
                        "The OMB is not offered the start, and the API refuses it when the page forces it (403, in words)",
                        this::theOmbIsNotOfferedTheStart)
                .step(
                        "SEC03-2.3: csirt starts the campaign with a reason; the advisory goes out",
                        this::csirtStartsTheCampaign)
                .step(
                        "SEC03-2.4, SEC03-2.5, SEC03-4.1: tickets, reminders and final warnings go out; at the deadline, without a recommendation, the case stays open",
                        this::theClockPassesTheDeadline)
                .step(
                        "SEC03-4.5: csirt's recommendation after the deadline makes the case wait for the coordinator; csirt is not offered the confirmation and is refused if it forces it",
                        this::csirtRecommendsTheSuspension)
                .step(
                        "SEC03-4.1, SEC03-4.5: the site is suspended only after the coordinator's confirmation; the register shows it",
                        this::theCoordinatorConfirms)
                .step(
                        "SEC03-4.6: the ROD asks for the site back, csirt verifies it, and GOCDB has it Uncertified, never Certified",
                        this::theRodGetsTheSiteBack)
                .step(
                        "SEC03-4.5, SEC03-4.6: the case's history shows every reason given in the desk, with who gave it",
                        this::theHistoryShowsEveryReason)
                .step(
                        "The campaign list and the site's page show the campaign, the site's case, ticket, suspension and status changes",
                        this::theListAndTheSitePageShowTheCampaign)
                .step(
                        "Findings triage: a site vulnerable to a related CVE is added by hand, with its reason, to a campaign not closed",
                        this::aSiteOfARelatedCveIsAddedToACampaign)
                .steps();
    }

    private void csirtDraftsTheCampaignFromTheFindings() {
        assertThat(csirt.post("api/sites/refresh", "").status()).isIn(200, 409);
        advisoryAt = quietWednesday();
        moveTo(advisoryAt.toInstant());
        pakiti(rows(CVE, "PtujRPC", "wn01.ptujrpc.si")
                + rows(CVE, "PtujRPC", "wn02.ptujrpc.si")
                + rows(CVE, "Izola MRF", "ce01.izolamrf.si")
                + rows(CVE, "SSC", "ui.ssc.si")
                + rows(CVE, "grid-ljubljana-uni", "ce.grid.uni-lj.si")
                + rows(OTHER_CVE, "SSC", "se.ssc.si")
                + rows(OTHER_CVE, "Izola MRF", "se01.izolamrf.si")
                + rows(OTHER_CVE, "Unlisted", "wn9.unlisted.example"));

        signIn("csirt", "/desk/findings.html");
        browser.waitFor(By.cssSelector("tr[data-vulnerability='" + OTHER_CVE + "']"))
                .findElement(By.cssSelector("button.link"))
                .click();
        browser.waitForText("se01.izolamrf.si");
        browser.waitForText("wn9.unlisted.example");
        browser.screenshot(SCREENSHOTS.resolve("findings.png"));

        browser.waitFor(By.cssSelector("tr[data-vulnerability='" + CVE + "'] button[data-action=draft]"))
                .click();
        WebElement form = browser.waitForVisible(By.cssSelector("dialog.draft form"));
        assertThat(form.findElement(By.name("vulnerabilities")).getAttribute("value"))
                .isEqualTo(CVE);
        assertThat(form.findElement(By.name("incidentReport")).getAttribute("value"))
                .isNotBlank();
        form.findElement(By.name("title")).clear();
        form.findElement(By.name("title")).sendKeys("Remote root in the batch system");
        form.findElement(By.name("advisoryLink")).sendKeys("https://advisories.egi.eu/51001");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        // The API's refusal in words, next to its field; the form stays open with what was typed.
        browser.waitForText("advisory: is required");
        assertThat(form.findElement(By.name("advisoryLink")).getAttribute("value"))
                .isEqualTo("https://advisories.egi.eu/51001");
        form.findElement(By.name("advisory"))
                .sendKeys("Advisory EGI-SVG-2026-51001: a remote root exploit in the batch "
                        + "system's daemons. Exploits are public.");
        form.findElement(By.name("recommendedAction"))
                .sendKeys("Update the batch system to 2.4.7 and restart its daemons.");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        campaign = awaitCampaignPage();
        JsonObject drafted = csirt.get("api/campaigns/" + campaign).json();
        assertThat(drafted.getJsonObject("cases").getInt("pending")).isEqualTo(4);
        assertThat(drafted.getString("state")).isEqualTo("draft");
    }

    private void theOmbIsNotOfferedTheStart() {
        signIn("omb", "/desk/campaign.html?id=" + campaign);
        browser.waitFor(By.cssSelector("tr[data-site='" + SITE + "']"));
        assertThat(browser.all(By.cssSelector("button[data-action=start]"))).isEmpty();
        assertThat(browser.all(By.cssSelector("button[data-action=recommend]"))).isEmpty();
        assertThat(browser.all(By.cssSelector("button[data-action=veto]"))).isNotEmpty();
        String refusal = force("/api/campaigns/" + campaign + "/start", "{\"reason\": \"forced\"}");
        assertThat(refusal).startsWith("403").contains("omb may not do this").contains("csirt");
        browser.waitForText("omb may not do this");
        assertThat(csirt.get("api/campaigns/" + campaign).json().getString("state"))
                .isEqualTo("draft");
    }

    private void csirtStartsTheCampaign() {
        signIn("csirt", "/desk/campaign.html?id=" + campaign);
        browser.waitFor(By.cssSelector("button[data-action=start]")).click();
        giveReason(START_REASON);
        browser.waitForText("Campaign started in");
        JsonObject started = csirt.get("api/campaigns/" + campaign).json();
        assertThat(started.getString("state")).isEqualTo("active");
        advisoryAt = Instant.parse(started.getString("advisoryAt")).atZone(CSIRT_ZONE);
        assertThat(awaitOutbox("sec03-advisory", 1)).hasSize(1);
        assertThat(csirt.get("api/tickets/" + started.getJsonNumber("incident").longValue() + "/history")
                        .body())
                .contains(START_REASON);
        browser.waitForText("r1/ticket");
    }

    private void theClockPassesTheDeadline() {
        moveTo(advisoryAt.plusDays(1).toInstant());
        pakiti("", "?site=SSC");
        assertThat(caseOf("SSC").getString("resolution")).isEqualTo("patched");
        moveTo(advisoryAt.plusDays(2).plusMinutes(1).toInstant());
        awaitOutbox("sec03-ticket", 3);
        moveTo(advisoryAt.plusDays(5).plusMinutes(1).toInstant());
        awaitOutbox("sec03-reminder", 3);
        moveTo(advisoryAt.plusDays(6).plusMinutes(1).toInstant());
        awaitOutbox("sec03-final-warning", 3);
        // Ten minutes past: SEC03-5.4 wants the final warning a full 24 hours before the confirmation.
        moveTo(advisoryAt.plusDays(7).plusMinutes(10).toInstant());
        long ptuj = caseOf(SITE).getJsonNumber("id").longValue();
        awaitText("api/cases/" + ptuj + "/events", "deadline_passed");
        assertThat(csirt.get("api/cases/" + ptuj).json().getString("state")).isEqualTo("open");

        JsonObject exposure =
                csirt.get("api/campaigns/" + campaign + "/exposure").json();
        assertThat(exposure.getJsonArray("days")).isNotEmpty();
        assertThat(exposure.getJsonArray("days").getJsonObject(0).getInt("vulnerable"))
                .isEqualTo(4);
        assertThat(exposure.getJsonArray("days").getJsonObject(1).getInt("vulnerable"))
                .as("SSC patched")
                .isEqualTo(3);
        assertThat(exposure.getJsonArray("days")
                        .getJsonObject(exposure.getJsonArray("days").size() - 1)
                        .getInt("vulnerable"))
                .isEqualTo(3);
        assertThat(exposure.getJsonArray("ngis").getJsonObject(0).getString("ngi"))
                .isEqualTo("NGI_SI");
        assertThat(exposure.getJsonArray("ngis").getJsonObject(0).getInt("cases"))
                .isEqualTo(4);
        assertThat(exposure.getJsonArray("ngis").getJsonObject(0).getInt("resolved"))
                .isEqualTo(1);
    }

    private void csirtRecommendsTheSuspension() {
        signIn("csirt", "/desk/campaign.html?id=" + campaign);
        caseButton("recommend").click();
        giveReason(RECOMMENDATION);
        browser.waitForText("Suspension of " + SITE + " recommended");
        assertThat(caseOf(SITE).getString("state")).isEqualTo("awaiting_confirmation");
        browser.waitFor(By.cssSelector("tr[data-site='" + SITE + "'] .badge.state-awaiting_confirmation"));
        assertThat(browser.all(By.cssSelector("button[data-action=confirm-suspension]")))
                .isEmpty();

        String refusal = force(
                "/api/cases/" + caseOf(SITE).getJsonNumber("id").longValue() + "/suspension",
                "{\"reason\": \"forced by csirt\"}");
        assertThat(refusal).startsWith("403").contains("csirt may not do this").contains("coordinator");
        browser.waitForText("csirt may not do this");
        assertThat(csirt.get("api/suspensions?state=all").array()).isEmpty();
    }

    private void theCoordinatorConfirms() {
        assertThat(csirt.get("api/sites/" + SITE).json().getString("certificationStatus"))
                .isEqualTo("Certified");
        signIn("coordinator", "/desk/campaign.html?id=" + campaign);
        caseButton("confirm-suspension").click();
        giveReason(CONFIRMATION);
        browser.waitForText("Suspension of " + SITE + " confirmed");
        JsonObject suspension = csirt.get("api/suspensions?state=all").array().getJsonObject(0);
        csirt.await(
                "api/suspensions/" + suspension.getJsonNumber("id").longValue(),
                s -> s.getString("state").equals("active"),
                Duration.ofSeconds(30));
        assertThat(csirt.get("api/sites/" + SITE).json().getString("certificationStatus"))
                .isEqualTo("Suspended");

        browser.open("/desk/campaign.html?id=" + campaign);
        browser.waitFor(By.cssSelector("tr[data-site='" + SITE + "'] .badge.state-suspended"));
        browser.waitFor(By.cssSelector("#per-ngi"));
        caseButton("history").click();
        browser.waitForText(CONFIRMATION);
        assertThat(browser.waitFor(By.cssSelector("tr[data-site='" + SITE + "']"))
                        .getText())
                .as("relative times follow the exercise clock")
                .doesNotContain("in 8 days")
                .contains("ago");
        browser.script("window.scrollTo(0, 0)");
        pause(Duration.ofSeconds(1));
        browser.screenshot(SCREENSHOTS.resolve("campaign.png"));

        browser.open("/desk/sites.html");
        browser.waitForText("grid-ljubljana-uni");
        browser.screenshot(SCREENSHOTS.resolve("sites.png"));

        browser.open("/desk/suspensions.html");
        browser.waitFor(By.cssSelector("tr[data-site='" + SITE + "']"));
        browser.waitForText(CONFIRMATION);
        assertThat(browser.all(By.cssSelector("button[data-action=reinstatement-request]")))
                .isEmpty();
    }

    private void theRodGetsTheSiteBack() {
        signIn("rod", "/desk/suspensions.html");
        browser.waitFor(By.cssSelector("tr[data-site='" + SITE + "'] button[data-action=reinstatement-request]"))
                .click();
        WebElement dialog = browser.waitForVisible(By.cssSelector("dialog.reason"));
        dialog.findElement(By.cssSelector("input[type=email]")).sendKeys("rod@ngi.si");
        giveReason(REQUEST);
        browser.waitForText("Reinstatement of " + SITE + " requested");
        browser.waitForText(REQUEST);
        browser.screenshot(SCREENSHOTS.resolve("suspensions.png"));
        assertThat(browser.all(By.cssSelector("button[data-action=verification]")))
                .isEmpty();

        signIn("csirt", "/desk/suspensions.html");
        browser.waitFor(By.cssSelector("tr[data-site='" + SITE + "'] button[data-action=verification]"))
                .click();
        giveReason(VERIFICATION);
        browser.waitForText(SITE + " approved");
        JsonObject suspension = csirt.get("api/suspensions?state=all").array().getJsonObject(0);
        csirt.await(
                "api/suspensions/" + suspension.getJsonNumber("id").longValue(),
                s -> s.getString("state").equals("reinstated"),
                Duration.ofSeconds(30));
        assertThat(csirt.get("api/sites/" + SITE).json().getString("certificationStatus"))
                .isEqualTo("Uncertified");
        browser.open("/desk/suspensions.html");
        browser.waitForText("No site is suspended now");
    }

    private void theHistoryShowsEveryReason() {
        browser.open("/desk/campaign.html?id=" + campaign);
        caseButton("history").click();
        for (String reason : List.of(RECOMMENDATION, CONFIRMATION, REQUEST, VERIFICATION)) {
            browser.waitForText(reason);
        }
        String history = browser.waitFor(By.cssSelector("tr.events")).getText();
        assertThat(history)
                .contains(
                        "recommended by csirt",
                        "suspension confirmed by coordinator",
                        "reinstatement requested by rod",
                        "reinstatement verified by csirt",
                        "reinstated by csirt-desk");
        browser.waitForText(START_REASON);
        assertThat(caseOf(SITE).getString("resolution")).isEqualTo("reinstated");
    }

    private void theListAndTheSitePageShowTheCampaign() {
        browser.open("/desk/campaigns.html");
        browser.waitForText("Remote root in the batch system");
        browser.waitForText(CVE);
        browser.screenshot(Path.of("target", "desk-campaigns.png"));

        browser.open("/desk/site.html?name=" + SITE);
        browser.waitForText("Whom SEC03 letters go to");
        browser.waitFor(By.cssSelector("a[href='/desk/campaign.html?id=" + campaign + "&site=" + SITE + "']"));
        browser.waitForText("Suspension of " + SITE + " (" + CVE + ")");
        browser.waitForText("Uncertified");
        String page = browser.driver().findElement(By.tagName("main")).getText();
        assertThat(page)
                .contains(
                        "admin@ptujrpc.si", "NGI_SI", "reinstated", CONFIRMATION, "Countermeasures", "Investigations");
        browser.screenshot(Path.of("target", "desk-site.png"));
    }

    private void aSiteOfARelatedCveIsAddedToACampaign() {
        Answer related = csirt.post(
                "api/campaigns",
                "{\"title\": \"Batch system, second flaw\", \"vulnerabilities\": "
                        + "[\"CVE-2026-51002\"], \"advisory\": \"Advisory EGI-SVG-2026-51002.\"}");
        assertThat(related.status()).as(related.body()).isEqualTo(201);
        long second = related.json().getJsonNumber("id").longValue();

        browser.open("/desk/findings.html");
        browser.waitFor(By.cssSelector("tr[data-vulnerability='" + OTHER_CVE + "']"))
                .findElement(By.cssSelector("button.link"))
                .click();
        browser.waitForText("se01.izolamrf.si");
        WebElement row = browser.all(By.cssSelector("table.inner tbody tr")).stream()
                .filter(tr -> tr.getText().contains("se01.izolamrf.si"))
                .findFirst()
                .orElseThrow();
        new Select(row.findElement(By.cssSelector("select"))).selectByValue(String.valueOf(second));
        giveReason("Izola MRF runs the same batch system build; CSIRT tracks it with the second flaw");
        browser.waitForText("Izola MRF added to campaign #" + second);

        JsonArray lines = csirt.get("api/campaigns/" + second + "/case-lines?site=Izola%20MRF")
                .array();
        assertThat(lines).hasSize(1);
        assertThat(lines.getJsonObject(0).getJsonObject("lastEvent").getString("detail"))
                .isEqualTo(
                        "added by hand: Izola MRF runs the same batch system build; CSIRT tracks it with the second flaw");
        Answer again =
                csirt.post("api/campaigns/" + second + "/cases", "{\"site\": \"Izola MRF\", \"reason\": \"twice\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("already has case");
        Answer unknown =
                csirt.post("api/campaigns/" + second + "/cases", "{\"site\": \"Unlisted\", \"reason\": \"x\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("not a site in GOCDB");
        assertThat(anonymous
                        .as("omb", PASSWORD)
                        .post("api/campaigns/" + second + "/cases", "{\"site\": \"PtujRPC\", \"reason\": \"x\"}")
                        .status())
                .isEqualTo(403);
    }

    // ------------------------------------------------------------------------------------------------------

    private void signIn(String user, String next) {
        browser.driver().manage().deleteAllCookies();
        browser.signIn(user, PASSWORD, next);
    }

    /** Fills the reason dialog that every decision opens, and confirms it. */
    private void giveReason(String reason) {
        WebElement dialog = browser.waitForVisible(By.cssSelector("dialog.reason"));
        dialog.findElement(By.tagName("textarea")).sendKeys(reason);
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private WebElement caseButton(String action) {
        return browser.waitFor(By.cssSelector("tr[data-site='" + SITE + "'] [data-action=" + action + "]"));
    }

    /**
     * Calls the API from the page's own session, as a user forcing an action the desk did not offer, and shows the
     * refusal as the desk does; answers the status and the words.
     */
    private String force(String path, String json) {
        return (String) browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                import('/desk/js/desk.js').then(desk => desk.api(arguments[0], { method: 'POST', body: arguments[1] })
                    .then(() => done('allowed'), e => { desk.showProblem(e); done(e.status + ' ' + e.words); }));""", path, json);
    }

    private long awaitCampaignPage() {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> d.getCurrentUrl().contains("/desk/campaign.html?id="));
        browser.waitFor(By.cssSelector("tr[data-site='" + SITE + "']"));
        String url = browser.driver().getCurrentUrl();
        return Long.parseLong(url.substring(url.indexOf("id=") + 3).split("&")[0]);
    }

    private JsonObject caseOf(String site) {
        JsonArray lines = csirt.get("api/campaigns/" + campaign + "/case-lines?site=" + site.replace(" ", "%20"))
                .array();
        assertThat(lines).hasSize(1);
        return lines.getJsonObject(0).getJsonObject("detail");
    }

    private void moveTo(Instant to) {
        Answer moved = csirt.post("api/exercise/clock", "{\"to\": \"" + to + "\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    }

    private Instant now() {
        return Instant.parse(csirt.get("api/exercise/clock").json().getString("now"));
    }

    private void pakiti(String rows) {
        pakiti(rows, "");
    }

    private void pakiti(String rows, String query) {
        Answer answer = anonymous.send(
                "POST",
                "api/alerts/pakiti" + query,
                "text/csv",
                "tag,cve,site,host,os,arch,last_report\n" + rows,
                Map.of("Authorization", "Bearer " + PAKITI_TOKEN));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private String rows(String cve, String site, String host) {
        String seen = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(now().minus(Duration.ofHours(2)).atOffset(ZoneOffset.UTC));
        return "EGI-Critical," + cve + "," + site + "," + host + ",\"AlmaLinux 9.3\",x86_64,\"" + seen + "\"\n";
    }

    private List<JsonObject> awaitOutbox(String kind, int count) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<JsonObject> messages = outbox(kind);
        while (messages.size() < count && System.nanoTime() < until) {
            pause(Duration.ofMillis(250));
            messages = outbox(kind);
        }
        assertThat(messages).as(kind).hasSizeGreaterThanOrEqualTo(count);
        return messages;
    }

    private List<JsonObject> outbox(String kind) {
        return csirt.get("api/outbox?size=500&kind=" + kind).array().stream()
                .map(JsonValue::asJsonObject)
                .toList();
    }

    private void awaitText(String path, String text) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!csirt.get(path).body().contains(text) && System.nanoTime() < until) {
            pause(Duration.ofMillis(250));
        }
        assertThat(csirt.get(path).body()).contains(text);
    }

    private static void pause(Duration duration) {
        Api.pause(duration);
    }

    /** A Wednesday at 10:00 in the CSIRT's zone, a day ahead at least, with no Dutch holiday or clock change in nine days. */
    static ZonedDateTime quietWednesday() {
        HolidayManager holidays = HolidayManager.getInstance(ManagerParameters.create("nl"));
        LocalDate day = LocalDate.now(CSIRT_ZONE).plusDays(2);
        while (day.getDayOfWeek() != DayOfWeek.WEDNESDAY
                || day.datesUntil(day.plusDays(9)).anyMatch(d -> holidays.isHoliday(d, HolidayType.PUBLIC_HOLIDAY))
                || !CSIRT_ZONE
                        .getRules()
                        .getOffset(day.atStartOfDay())
                        .equals(CSIRT_ZONE.getRules().getOffset(day.plusDays(9).atStartOfDay()))) {
            day = day.plusDays(1);
        }
        return day.atTime(LocalTime.of(10, 0)).atZone(CSIRT_ZONE);
    }
}
