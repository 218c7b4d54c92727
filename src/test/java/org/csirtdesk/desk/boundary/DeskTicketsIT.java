package org.csirtdesk.desk.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.Api.Answer;
import org.csirtdesk.support.Browser;
import org.csirtdesk.support.Deployments;
import org.csirtdesk.support.Scenario;
import org.csirtdesk.support.TestDatabase;
import org.csirtdesk.support.TestUsers;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The desk's Queues and Ticket pages in a real Chromium against the application: the queues with their counts, a
 * filter kept in the address, the keyboard, a reply from a template that reaches the outbox, a comment, the status
 * select offering only the lifecycle's transitions, a subject and a mail with {@code <script>} shown as text, an OMB
 * user refused. The API additions behind them (filters by NGI, campaign and waiting for CSIRT, mails, templates,
 * replies) are checked over HTTP in the same deployment. The screenshots in docs/screenshots come from here.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeskTicketsIT {

    private static final String ADMIN = "desk-admin";
    private static final String ADMIN_PASSWORD = "the desk admin's password";
    private static final String DUTY = "alice";
    private static final String DUTY_PASSWORD = "alice's duty password";
    private static final String COORDINATOR = "bob";
    private static final String BOARD = "omb-member";
    private static final String BOARD_PASSWORD = "the board member's password";
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String[] SITES = {"PtujRPC", "SSC", "Izola MRF", "grid-ljubljana-uni"};

    @ArquillianResource
    URL deployment;

    /** What the first step made. */
    private Api staff;

    private long incident;
    private long campaign;
    private long answered;
    private long scripted;

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

    /** Users, a campaign, 60 Investigations over four sites, a reply by mail with a quote and an attachment. */
    private void prepare() {
        Api anonymous = new Api(deployment);
        Api admin = anonymous.as(ADMIN, ADMIN_PASSWORD);
        TestUsers.add(admin, DUTY, DUTY_PASSWORD, List.of("csirt"), null);
        TestUsers.add(admin, BOARD, BOARD_PASSWORD, List.of("omb"), null);
        TestUsers.add(admin, COORDINATOR, DUTY_PASSWORD, List.of("coordinator"), null);
        staff = anonymous.as(DUTY, DUTY_PASSWORD);
        staff.await("api/sites/refresh", refresh -> refresh.containsKey("lastSuccessAt"), Duration.ofSeconds(60));

        Answer drafted = staff.post("api/campaigns", """
                {"title": "CVE-2026-31337 kernel privilege escalation", "vulnerabilities": ["CVE-2026-31337"],
                 "advisory": "A local user can become root through the kernel's netfilter module.",
                 "recommendedAction": "Update the kernel and reboot the worker nodes."}""");
        assertThat(drafted.status()).as(drafted.body()).isEqualTo(201);
        campaign = drafted.json().getJsonNumber("id").longValue();
        incident = drafted.json().getJsonNumber("incident").longValue();

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 60; i++) {
            String site = SITES[i % SITES.length];
            Instant due = now.plus(Duration.ofHours(6L * i - 30));
            String tlp = i % 5 == 0 ? "RED" : "AMBER";
            long id = ticket(
                    """
                    {"queue": "investigations", "subject": "CVE-2026-31337 on %s worker nodes (%d)", "incident": %d,
                     "tlp": "%s", "requestors": ["security@%s.example"], "due": "%s", "site": "%s",
                     "content": "Monitoring shows %s vulnerable to CVE-2026-31337."}""".formatted(site, i + 1, incident, tlp, site.toLowerCase().replace(' ', '-'), due, site, site));
            if (i == 9) {
                answered = id;
            }
        }
        scripted = ticket("""
                {"queue": "investigations", "subject": "%s in the subject", "incident": %d, "tlp": "GREEN",
                 "requestors": ["admin@ptujrpc.si"], "site": "PtujRPC", "due": "%s"}""".formatted(SCRIPT, incident, now.minus(Duration.ofDays(400))));
        mailIn(
                answered,
                "security@ssc.example",
                "Re: [CSIRT #" + answered + "] CVE-2026-31337",
                "We updated the kernel on all 40 worker nodes and rebooted them this morning.\n" + SCRIPT + "\n\n"
                        + "On Mon, 23 Nov 2026, EGI CSIRT <abuse@egi.eu> wrote:\n> Monitoring shows SSC vulnerable.\n> Please patch.\n",
                "correspondence");
        mailIn(
                answered,
                "curious@elsewhere.example",
                "Re: [CSIRT #" + answered + "] CVE-2026-31337",
                "Is SSC down? Our jobs fail there.",
                "review");
    }

    private long ticket(String json) {
        Answer created = staff.post("api/tickets", json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().getJsonNumber("id").longValue();
    }

    /** A mail to the ticket as rt-mailgate posts it, with a quoted history and an attachment; {@code becomes} is the gateway's word. */
    private void mailIn(long ticket, String from, String subject, String text, String becomes) {
        String mail = """
                From: %s
                To: abuse@egi.eu
                Subject: %s
                Message-ID: <desk-it-%d-%s@example>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="part"

                --part
                Content-Type: text/plain; charset=utf-8

                %s
                --part
                Content-Type: text/plain; name="uname.txt"
                Content-Disposition: attachment; filename="uname.txt"

                Linux wn01 6.12.9-amd64
                --part--
                """.formatted(from, subject, ticket, becomes, text).replace("\n", "\r\n");
        String form = "--form\r\nContent-Disposition: form-data; name=\"queue\"\r\n\r\nincident-reports\r\n"
                + "--form\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\ncorrespond\r\n"
                + "--form\r\nContent-Disposition: form-data; name=\"message\"; filename=\"mail.eml\"\r\n"
                + "Content-Type: message/rfc822\r\n\r\n" + mail + "\r\n--form--\r\n";
        Answer answer = new Api(deployment)
                .send("POST", "REST/1.0/NoAuth/mail-gateway", "multipart/form-data; boundary=form", form, Map.of());
        assertThat(answer.body())
                .as("the gateway's answer")
                .startsWith("ok - mail #")
                .contains(becomes + ", ticket #" + ticket);
    }

    private Browser signedIn(String name, String password) {
        Browser browser = new Browser(new Api(deployment).base());
        browser.signIn(name, password);
        return browser;
    }

    private static void rendered(Browser browser) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> Boolean.TRUE.equals(
                        browser.script("return performance.getEntriesByName('desk:rendered').length > 0")));
    }

    private static void press(Browser browser, String keys) {
        new Actions(browser.driver()).sendKeys(keys).perform();
    }

    @TestFactory
    @DisplayName("The desk's Queues and Ticket pages over one campaign's 60 Investigations, step by step")
    Stream<DynamicTest> theQueuesAndTicketPages() {
        return new Scenario()
                .step(
                        "Prepared: users, a campaign, 60 Investigations over four sites, a reply by mail with a quote and an attachment",
                        this::prepare)
                .step(
                        "The API filters by NGI, campaign and waiting for CSIRT, and marks the site responded",
                        this::theApiFiltersByNgiCampaignAndWaitingForCsirtAndMarksTheSiteResponded)
                .step(
                        "The queues show their counts, keep a filter in the address and open a ticket by keyboard",
                        this::theQueuesShowTheirCountsKeepAFilterInTheAddressAndOpenATicketByKeyboard)
                .step(
                        "The Search page finds by a query kept in the address, sorts by a header, saves a search and runs it again",
                        this::theSearchPageFindsSortsSavesAndRunsAgain)
                .step(
                        "A reply from a template goes to the outbox and the history, and a comment stays inside",
                        this::aReplyFromATemplateGoesToTheOutboxAndTheHistoryAndACommentStaysInside)
                .step(
                        "The status select offers only the lifecycle's transitions",
                        this::theStatusSelectOffersOnlyTheLifecyclesTransitions)
                .step(
                        "The owner is picked among those who work tickets, taken when nobody owns it and stolen after a "
                                + "confirmation; the history shows absolute times; printing leaves out the forms",
                        this::theOwnerIsPickedTakenAndStolenTheHistoryShowsAbsoluteTimesAndPrintsWithoutForms)
                .step(
                        "A ticket is linked to an incident picked or numbered, and unlinked; refusals in the API's words",
                        this::aTicketIsLinkedToAnIncidentPickedOrNumberedAndUnlinked)
                .step(
                        "A ticket is merged into another after a confirmation: the survivor answers for it, its page, "
                                + "its history and its mail; a campaign's incident is refused",
                        this::aTicketIsMergedIntoAnotherWhichAnswersForIt)
                .step(
                        "The minutes worked on a reply and a comment are summed on the ticket and its incident",
                        this::theMinutesWorkedOnARepliesAndCommentsAreSummed)
                .step(
                        "A script in a subject or a mail is shown as text and never runs",
                        this::aScriptInASubjectOrAMailIsShownAsTextAndNeverRuns)
                .step(
                        "An OMB user opening a ticket is told it is not for their roles",
                        this::anOmbUserOpeningATicketIsToldItIsNotForTheirRoles)
                .steps();
    }

    private void theApiFiltersByNgiCampaignAndWaitingForCsirtAndMarksTheSiteResponded() {
        JsonObject waiting = staff.get("api/tickets?queue=investigations&waitingForCsirt=true")
                .json();
        assertThat(waiting.getInt("total")).isEqualTo(1);
        assertThat(waiting.getJsonArray("items")
                        .getJsonObject(0)
                        .getJsonNumber("id")
                        .longValue())
                .isEqualTo(answered);
        assertThat(waiting.getJsonArray("items").getJsonObject(0).getBoolean("waitingForCsirt"))
                .isTrue();
        assertThat(staff.get("api/tickets?queue=investigations&waitingForCsirt=false")
                        .json()
                        .getInt("total"))
                .isEqualTo(60);
        assertThat(staff.get("api/tickets?queue=investigations&ngi=NGI_SI")
                        .json()
                        .getInt("total"))
                .isEqualTo(61);
        assertThat(staff.get("api/tickets?ngi=NGI_NOWHERE").json().getInt("total"))
                .isZero();
        assertThat(staff.get("api/tickets?campaign=" + campaign).json().getInt("total"))
                .as("the incident and its 61")
                .isEqualTo(62);
        assertThat(staff.get("api/tickets?campaign=" + (campaign + 1000)).json().getInt("total"))
                .isZero();
        assertThat(staff.get("api/tickets?waitingForCsirt=perhaps").status()).isEqualTo(400);

        JsonObject mail =
                staff.get("api/tickets/" + answered + "/mails").array().getJsonObject(0);
        assertThat(mail.getString("text")).startsWith("We updated the kernel").doesNotContain("Please patch");
        assertThat(mail.getString("quoted")).contains("> Please patch.");
        assertThat(mail.getJsonArray("attachments").getJsonObject(0).getString("filename"))
                .isEqualTo("uname.txt");
        Answer download = staff.get("api/tickets/" + answered + "/mails/" + mail.getInt("id") + "/attachments/1");
        assertThat(download.contentType()).startsWith("application/octet-stream");
        assertThat(download.body()).contains("Linux wn01");
        assertThat(staff.get("api/tickets/" + scripted + "/mails/" + mail.getInt("id") + "/attachments/1")
                        .status())
                .as("another ticket's attachment")
                .isEqualTo(404);

        Api board = new Api(deployment).as(BOARD, BOARD_PASSWORD);
        assertThat(board.get("api/tickets/" + answered + "/mails").status()).isEqualTo(403);
        assertThat(board.get("api/tickets/" + answered + "/templates").status()).isEqualTo(403);
        assertThat(board.post("api/tickets/" + answered + "/replies", "{\"content\": \"no\"}")
                        .status())
                .isEqualTo(403);
        assertThat(staff.get("api/outbox?ticket=" + answered).array())
                .extracting(m -> m.asJsonObject().getString("kind"))
                .doesNotContain("ticket-reply");
    }

    private void theQueuesShowTheirCountsKeepAFilterInTheAddressAndOpenATicketByKeyboard() {
        try (Browser browser = signedIn(DUTY, DUTY_PASSWORD)) {
            rendered(browser);
            List<WebElement> tabs = browser.all(By.cssSelector("nav.tabs a"));
            assertThat(tabs)
                    .extracting(WebElement::getText)
                    .containsExactly("Incident Reports 0", "Incidents 1", "Investigations 61", "Countermeasures 0");
            assertThat(browser.driver()
                            .findElement(By.cssSelector(".pager .range"))
                            .getText())
                    .isEqualTo("1–50 of 61");
            assertThat(browser.driver()
                            .findElement(By.cssSelector("table.tickets"))
                            .getText())
                    .contains("overdue")
                    .contains("site responded");
            browser.screenshot(Path.of("docs/screenshots/queues.png"));

            new Select(browser.driver().findElement(By.name("tlp"))).selectByValue("RED");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> d.getCurrentUrl().contains("tlp=RED")
                            && d.findElement(By.cssSelector(".pager .range"))
                                    .getText()
                                    .equals("1–12 of 12"));
            browser.driver().navigate().refresh();
            rendered(browser);
            assertThat(new Select(browser.driver().findElement(By.name("tlp")))
                            .getFirstSelectedOption()
                            .getText())
                    .isEqualTo("RED");
            assertThat(browser.all(By.cssSelector("table.tickets tbody tr")))
                    .hasSize(12)
                    .allSatisfy(row -> assertThat(row.getText()).contains("TLP:RED"));

            press(browser, "3");
            List<WebElement> rows = browser.all(By.cssSelector("table.tickets tbody tr"));
            String second = rows.get(1).getAttribute("data-id");
            press(browser, "j");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(5))
                    .until(d -> second.equals(d.findElement(By.cssSelector("table.tickets tr.selected"))
                            .getAttribute("data-id")));
            press(browser, "o");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> d.getCurrentUrl().endsWith("/desk/ticket.html?id=" + second));
            browser.waitForText("[CSIRT #" + second + "]");
        }
    }

    private void theSearchPageFindsSortsSavesAndRunsAgain() {
        try (Browser browser = signedIn(DUTY, DUTY_PASSWORD)) {
            browser.open("/desk/search.html");
            WebElement box = browser.waitFor(By.id("query"));
            box.sendKeys("text ~ vulnerable AND (site = SSC OR site = \"Izola MRF\")" + Keys.ENTER);
            By range = By.cssSelector(".pager .range");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> d.getCurrentUrl().contains("query=")
                            && !d.findElements(range).isEmpty()
                            && d.findElement(range).getText().equals("1–30 of 30"));
            assertThat(browser.all(By.cssSelector("table.results tbody tr")))
                    .allSatisfy(row -> assertThat(row.getText()).containsAnyOf("SSC", "Izola MRF"));

            browser.driver()
                    .findElement(By.cssSelector("th button[data-sort=id]"))
                    .click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> d.getCurrentUrl().contains("sort=id")
                            && ids(browser)
                                    .equals(ids(browser).stream().sorted().toList()));
            assertThat(browser.driver()
                            .findElement(By.cssSelector("th:has(button[data-sort=id])"))
                            .getAttribute("aria-sort"))
                    .isEqualTo("ascending");
            List<Long> ascending = ids(browser);
            assertThat(ascending).hasSize(30);
            browser.driver()
                    .findElement(By.cssSelector("th button[data-sort=id]"))
                    .click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> d.getCurrentUrl().contains("sort=-id")
                            && ids(browser).get(0).equals(ascending.get(29)));

            WebElement save = browser.waitFor(By.cssSelector("form.save-search"));
            save.findElement(By.name("name")).sendKeys("SSC and Izola");
            save.findElement(By.name("shared")).click();
            save.findElement(By.cssSelector("button")).click();
            browser.waitFor(By.cssSelector(".saved-searches ul.mine button.run"));
            browser.screenshot(Path.of("docs/screenshots/search.png"));

            browser.open("/desk/search.html");
            browser.waitFor(By.cssSelector(".saved-searches ul.mine button.run"))
                    .click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> d.getCurrentUrl().contains("sort=-id")
                            && !d.findElements(range).isEmpty()
                            && d.findElement(range).getText().equals("1–30 of 30"));
            assertThat(ids(browser).get(0)).isEqualTo(ascending.get(29));

            browser.driver()
                    .findElement(By.cssSelector(".saved-searches ul.mine button.edit"))
                    .click();
            WebElement edit = browser.waitFor(By.cssSelector("form.edit-search"));
            WebElement savedQuery = edit.findElement(By.name("query"));
            savedQuery.clear();
            savedQuery.sendKeys("text ~ vulnerable AND site = SSC");
            edit.findElement(By.name("shared")).click();
            edit.findElement(By.cssSelector("button[type=submit]")).click();
            browser.waitForText("Changed \"SSC and Izola\"");
            JsonObject edited = new Api(deployment)
                    .as(DUTY, DUTY_PASSWORD).get("api/searches").array().getValuesAs(JsonObject.class).stream()
                            .filter(search -> search.getString("name").equals("SSC and Izola"))
                            .findFirst()
                            .orElseThrow();
            assertThat(edited.getString("query")).isEqualTo("text ~ vulnerable AND site = SSC");
            assertThat(edited.getBoolean("shared")).as("unshared in the editor").isFalse();
            edit = browser.waitFor(By.cssSelector(".saved-searches ul.mine button.edit"));
            edit.click();
            edit = browser.waitFor(By.cssSelector("form.edit-search"));
            edit.findElement(By.name("shared")).click();
            edit.findElement(By.cssSelector("button[type=submit]")).click();
            browser.waitFor(By.cssSelector(".saved-searches ul.mine button.edit"));

            assertThat(browser.consoleErrors()).isEmpty();
            box = browser.waitFor(By.id("query"));
            box.clear();
            box.sendKeys("owner = alice AND (site = SSC" + Keys.ENTER);
            browser.waitForText("at position 30: expected ')'");
            assertThat(browser.consoleErrors())
                    .as("only the refused query's answer, which the browser logs")
                    .allSatisfy(error -> assertThat(error).contains("status of 400"));
        }
        Api board = new Api(deployment).as(COORDINATOR, DUTY_PASSWORD);
        assertThat(board.get("api/searches").array().getValuesAs(JsonObject.class))
                .extracting(search -> search.getString("name"))
                .contains("SSC and Izola");
    }

    /** The result rows' ticket numbers, read in one script so that a re-render cannot leave a stale element. */
    private static List<Long> ids(Browser browser) {
        Object ids = browser.script(
                "return [...document.querySelectorAll('table.results tbody tr')].map(row => row.dataset.id)");
        return ((List<?>) ids)
                .stream().map(id -> Long.valueOf(String.valueOf(id))).toList();
    }

    private void aReplyFromATemplateGoesToTheOutboxAndTheHistoryAndACommentStaysInside() {
        try (Browser browser = signedIn(DUTY, DUTY_PASSWORD)) {
            browser.open("/desk/ticket.html?id=" + answered);
            browser.waitForText("We updated the kernel");
            assertThat(browser.driver()
                            .findElement(By.cssSelector("details.quoted"))
                            .getAttribute("open"))
                    .isNull();
            assertThat(browser.driver()
                            .findElement(By.cssSelector("ul.attachments"))
                            .getText())
                    .contains("uname.txt");
            browser.screenshot(Path.of("docs/screenshots/ticket.png"));

            new Select(browser.driver().findElement(By.id("reply-template"))).selectByValue("reply-thanks-and-resolve");
            assertThat(browser.driver().findElement(By.id("reply-body")).getAttribute("value"))
                    .contains("Dear administrators of SSC")
                    .contains("considers this case resolved");
            browser.driver().findElement(By.id("reply-body")).sendKeys("\nWe will check the next scan too.");
            browser.driver()
                    .findElement(By.cssSelector("#reply button[type=submit]"))
                    .click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d -> browser.toasts().stream()
                    .anyMatch(t -> t.startsWith("Reply queued to security@ssc.example")));

            List<JsonObject> outbox =
                    staff.get("api/outbox?ticket=" + answered).array().getValuesAs(JsonObject.class);
            JsonObject reply = outbox.stream()
                    .filter(m -> m.getString("kind").equals("ticket-reply"))
                    .findFirst()
                    .orElseThrow();
            assertThat(reply.getString("body"))
                    .contains("considers this case resolved")
                    .contains("We will check the next scan too.");
            assertThat(reply.getString("subject")).startsWith("[CSIRT #" + answered + "]");
            assertThat(reply.getJsonArray("to").getString(0)).isEqualTo("security@ssc.example");
            assertThat(staff.get("api/tickets/" + answered + "/history").array().getValuesAs(JsonObject.class))
                    .anySatisfy(h -> assertThat(h.getString("type") + h.getString("content", ""))
                            .startsWith("correspond")
                            .contains("We will check the next scan too."));
            assertThat(staff.get("api/tickets/" + answered).json().getBoolean("waitingForCsirt"))
                    .isFalse();
            browser.waitForText("To security@ssc.example");

            new Select(browser.driver().findElement(By.id("comment-template"))).selectByValue("comment-site-phoned");
            browser.driver().findElement(By.id("comment-body")).sendKeys(" Marko, reboot done at 09:00.");
            browser.driver()
                    .findElement(By.cssSelector("#comment button[type=submit]"))
                    .click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> browser.toasts().contains("Comment added"));
            assertThat(staff.get("api/tickets/" + answered + "/history").array().getValuesAs(JsonObject.class))
                    .anySatisfy(h -> assertThat(h.getString("type") + h.getString("content", ""))
                            .startsWith("comment")
                            .contains("Marko, reboot done at 09:00."));
            assertThat(staff.get("api/outbox?ticket=" + answered).array())
                    .as("a comment is never mailed")
                    .hasSize(outbox.size());
        }
    }

    private void theStatusSelectOffersOnlyTheLifecyclesTransitions() {
        try (Browser browser = signedIn(DUTY, DUTY_PASSWORD)) {
            browser.open("/desk/ticket.html?id=" + incident);
            browser.waitFor(By.id("status"));
            List<String> offered = new Select(browser.driver().findElement(By.id("status")))
                    .getOptions().stream()
                            .map(o -> o.getAttribute("value"))
                            .filter(v -> !v.isEmpty())
                            .toList();
            assertThat(offered).containsExactlyInAnyOrder("resolved", "abandoned");

            browser.open("/desk/ticket.html?id=" + scripted);
            browser.waitFor(By.id("status"));
            new Select(browser.driver().findElement(By.id("status"))).selectByValue("resolved");
            browser.waitForVisible(By.cssSelector("dialog.reason textarea")).sendKeys("site patched, checked by hand");
            browser.driver()
                    .findElement(By.cssSelector("dialog.reason button[type=submit]"))
                    .click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> browser.toasts().contains("#" + scripted + " is resolved"));
            List<String> now = new Select(browser.driver().findElement(By.id("status")))
                    .getOptions().stream()
                            .map(o -> o.getAttribute("value"))
                            .filter(v -> !v.isEmpty())
                            .toList();
            assertThat(now).containsExactly("open");
        }
    }

    private void theOwnerIsPickedTakenAndStolenTheHistoryShowsAbsoluteTimesAndPrintsWithoutForms() {
        long id = ticket("""
                {"queue": "investigations", "subject": "Owners of SSC's case", "incident": %d,
                 "requestors": ["security@ssc.example"], "site": "SSC", "content": "SSC is vulnerable."}""".formatted(incident));
        try (Browser browser = signedIn(DUTY, DUTY_PASSWORD)) {
            browser.open("/desk/ticket.html?id=" + id);
            browser.waitFor(By.id("take"));
            assertThat(browser.all(By.id("steal"))).isEmpty();
            List<String> offered = new Select(browser.driver().findElement(By.id("owner")))
                    .getOptions().stream().map(o -> o.getAttribute("value")).toList();
            assertThat(offered).contains("", DUTY, COORDINATOR).doesNotContain(BOARD, ADMIN);

            // The history's times are absolute, the relative one beside them.
            WebElement created = browser.waitFor(By.cssSelector("ol.history time"));
            assertThat(created.getText()).contains(String.valueOf(Year.now()));
            assertThat(browser.driver()
                            .findElement(By.cssSelector("ol.history .ago"))
                            .getText())
                    .matches("\\(.*(ago|now).*\\)");

            press(browser, "t");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> browser.toasts().contains("You own #" + id));
            assertThat(staff.get("api/tickets/" + id).json().getString("owner")).isEqualTo(DUTY);

            new Select(browser.waitFor(By.id("owner"))).selectByValue(COORDINATOR);
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> browser.toasts().contains("Given to " + COORDINATOR));
            assertThat(staff.get("api/tickets/" + id).json().getString("owner")).isEqualTo(COORDINATOR);

            browser.waitFor(By.id("steal")).click();
            browser.waitForVisible(By.id("steal-confirm"));
            assertThat(staff.get("api/tickets/" + id).json().getString("owner"))
                    .as("not stolen before the confirmation")
                    .isEqualTo(COORDINATOR);
            browser.driver().findElement(By.id("steal-confirm")).click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> browser.toasts().contains("You own #" + id + ": taken from " + COORDINATOR));
            assertThat(staff.get("api/tickets/" + id).json().getString("owner")).isEqualTo(DUTY);
            browser.waitForText(DUTY + " changed owner from " + COORDINATOR + " to " + DUTY);

            // Printing: p prints; on paper the header, facts, contacts and history, none of the forms or buttons.
            browser.script("window.print = () => (window.printed = true)");
            press(browser, "p");
            assertThat(browser.script("return window.printed === true")).isEqualTo(true);
            browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
            try {
                assertThat(browser.driver()
                                .findElement(By.cssSelector(".ticket-head"))
                                .isDisplayed())
                        .isTrue();
                assertThat(browser.driver()
                                .findElement(By.cssSelector("dl.facts"))
                                .isDisplayed())
                        .isTrue();
                assertThat(browser.driver()
                                .findElement(By.cssSelector("ol.history"))
                                .isDisplayed())
                        .isTrue();
                assertThat(browser.driver().findElement(By.tagName("main")).getText())
                        .contains("Contacts", "security@ssc.example", "SSC is vulnerable.");
                assertThat(browser.all(By.cssSelector("main form, main button, main select, header.top")))
                        .noneMatch(WebElement::isDisplayed);
            } finally {
                browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
            }
        }
    }

    private void aTicketIsLinkedToAnIncidentPickedOrNumberedAndUnlinked() {
        long report = ticket("""
                {"queue": "incident-reports", "subject": "Odd ssh logins at SSC", "requestors": ["security@ssc.example"]}""");
        long other = ticket("""
                {"queue": "incidents", "subject": "Stolen ssh keys at several sites"}""");
        try (Browser browser = signedIn(DUTY, DUTY_PASSWORD)) {
            browser.open("/desk/ticket.html?id=" + report);
            browser.waitForText("No links.");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> new Select(d.findElement(By.cssSelector("#link select")))
                                    .getOptions()
                                    .size()
                            > 2);
            new Select(browser.driver().findElement(By.cssSelector("#link select")))
                    .selectByValue(String.valueOf(other));
            browser.driver()
                    .findElement(By.cssSelector("#link button[type=submit]"))
                    .click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> browser.toasts().contains("#" + report + " is under incident #" + other));
            browser.waitFor(By.id("unlink-" + report + "-" + other));

            browser.driver()
                    .findElement(By.cssSelector("#link input[name=number]"))
                    .sendKeys("#" + incident);
            browser.driver()
                    .findElement(By.cssSelector("#link button[type=submit]"))
                    .click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> browser.toasts().contains("#" + report + " is under incident #" + incident));
            assertThat(staff.get("api/tickets/" + report).json().getJsonArray("incidents"))
                    .extracting(v -> ((jakarta.json.JsonNumber) v).longValue())
                    .containsExactlyInAnyOrder(incident, other);

            browser.waitFor(By.id("unlink-" + report + "-" + other)).click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> browser.toasts().contains("#" + report + " is no longer under incident #" + other));
            assertThat(staff.get("api/tickets/" + report).json().getJsonArray("incidents"))
                    .extracting(v -> ((jakarta.json.JsonNumber) v).longValue())
                    .containsExactly(incident);
            assertThat(staff.get("api/tickets/" + other + "/history").array().getValuesAs(JsonObject.class))
                    .extracting(h -> h.getString("type") + " " + h.getString("newValue", h.getString("oldValue", "")))
                    .contains("link #" + report, "unlink #" + report);

            browser.waitFor(By.cssSelector("#link input[name=number]")).sendKeys(String.valueOf(answered));
            browser.driver()
                    .findElement(By.cssSelector("#link button[type=submit]"))
                    .click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d -> browser.toasts().stream()
                    .anyMatch(t -> t.contains("#" + answered + " is in Investigations, not in Incidents")));

            browser.open("/desk/ticket.html?id=" + answered);
            browser.waitFor(By.id("unlink-" + answered + "-" + incident)).click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> browser.toasts().stream().anyMatch(t -> t.contains("belongs to exactly one incident")));
            assertThat(staff.get("api/tickets/" + answered).json().getJsonArray("incidents"))
                    .hasSize(1);
        }
    }

    private void aTicketIsMergedIntoAnotherWhichAnswersForIt() {
        long survivor = ticket("""
                {"queue": "incident-reports", "subject": "Phishing mails at SSC", "requestors": ["security@ssc.example"]}""");
        long merged = ticket("""
                {"queue": "incident-reports", "subject": "Phishing mail seen at SSC", "requestors": ["admin@ssc.example"],
                 "content": "A phishing mail reached our users."}""");
        long otherIncident = ticket("""
                {"queue": "incidents", "subject": "Another incident"}""");
        Answer refused = staff.post("api/tickets/" + incident + "/merge", "{\"into\": " + otherIncident + "}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().getString("detail")).contains("is the incident of the campaign");

        try (Browser browser = signedIn(DUTY, DUTY_PASSWORD)) {
            browser.open("/desk/ticket.html?id=" + merged);
            browser.waitFor(By.cssSelector("#merge input[name=into]")).sendKeys(String.valueOf(survivor));
            browser.driver()
                    .findElement(By.cssSelector("#merge button[type=submit]"))
                    .click();
            browser.waitForVisible(By.id("merge-confirm"));
            assertThat(staff.get("api/tickets/" + merged)
                            .json()
                            .getJsonNumber("id")
                            .longValue())
                    .as("not merged before the confirmation")
                    .isEqualTo(merged);
            browser.driver().findElement(By.id("merge-confirm")).click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> d.getCurrentUrl().endsWith("/desk/ticket.html?id=" + survivor + "&from=" + merged));
            assertThat(browser.waitFor(By.id("merged-notice")).getText())
                    .contains("Ticket #" + merged + " was merged into this one");
            browser.waitForText("A phishing mail reached our users.");
            assertThat(browser.all(By.cssSelector("ol.history a.origin")))
                    .extracting(WebElement::getText)
                    .contains("from #" + merged);
            assertThat(browser.driver().findElement(By.tagName("main")).getText())
                    .contains("security@ssc.example", "admin@ssc.example");

            browser.open("/desk/ticket.html?id=" + merged);
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> d.getCurrentUrl().endsWith("/desk/ticket.html?id=" + survivor + "&from=" + merged));
            browser.waitFor(By.id("merged-notice"));
        }
        // A reply naming the merged ticket goes to the survivor.
        mailIn(
                survivor,
                "admin@ssc.example",
                "Re: [CSIRT #" + merged + "] Phishing mail seen at SSC",
                "We blocked the sender.",
                "correspondence");
    }

    private void theMinutesWorkedOnARepliesAndCommentsAreSummed() {
        long id = ticket("""
                {"queue": "investigations", "subject": "Time on SSC's case", "incident": %d,
                 "requestors": ["security@ssc.example"], "site": "SSC"}""".formatted(incident));
        long before = staff.get("api/tickets/" + incident)
                .json()
                .getJsonNumber("incidentTimeWorked")
                .longValue();
        try (Browser browser = signedIn(DUTY, DUTY_PASSWORD)) {
            browser.open("/desk/ticket.html?id=" + id);
            assertThat(browser.waitFor(By.id("time-worked")).getText()).isEqualTo("0 min");
            browser.driver().findElement(By.id("comment-body")).sendKeys("Phoned the site's admin.");
            browser.driver().findElement(By.id("comment-time")).sendKeys("15");
            browser.driver()
                    .findElement(By.cssSelector("#comment button[type=submit]"))
                    .click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> browser.toasts().contains("Comment added"));
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> d.findElement(By.id("time-worked")).getText().equals("15 min"));
            browser.waitForText("15 min worked");
            assertThat(browser.driver().findElement(By.id("comment-time")).getAttribute("value"))
                    .isEmpty();

            browser.driver().findElement(By.id("reply-body")).sendKeys("Please confirm the reboot.");
            browser.driver().findElement(By.id("reply-time")).sendKeys("10");
            browser.driver()
                    .findElement(By.cssSelector("#reply button[type=submit]"))
                    .click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> d.findElement(By.id("time-worked")).getText().equals("25 min"));

            browser.open("/desk/ticket.html?id=" + incident);
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d -> d.findElement(By.id("time-worked"))
                    .getText()
                    .contains((before + 25) + " min with the tickets under it"));
        }
        assertThat(staff.get("api/tickets/" + id + "/history").array().getValuesAs(JsonObject.class))
                .filteredOn(h -> h.containsKey("timeWorked") && !h.isNull("timeWorked"))
                .extracting(h -> h.getString("type") + " " + h.getInt("timeWorked"))
                .containsExactly("comment 15", "correspond 10");
    }

    private void aScriptInASubjectOrAMailIsShownAsTextAndNeverRuns() {
        try (Browser browser = signedIn(DUTY, DUTY_PASSWORD)) {
            browser.open("/desk/queues.html?queue=investigations&status=any&q="
                    + java.net.URLEncoder.encode("<script>", java.nio.charset.StandardCharsets.UTF_8));
            rendered(browser);
            browser.waitForText(SCRIPT + " in the subject");
            assertNoAlert(browser);
            assertThat(browser.all(By.cssSelector("main script"))).isEmpty();

            browser.open("/desk/ticket.html?id=" + scripted);
            browser.waitForText(SCRIPT + " in the subject");
            assertNoAlert(browser);
            browser.open("/desk/ticket.html?id=" + answered);
            browser.waitForText("this morning.\n" + SCRIPT);
            assertNoAlert(browser);
            assertThat(browser.all(By.cssSelector("main script"))).isEmpty();
        }
    }

    private static void assertNoAlert(Browser browser) {
        assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    private void anOmbUserOpeningATicketIsToldItIsNotForTheirRoles() {
        try (Browser browser = signedIn(BOARD, BOARD_PASSWORD)) {
            browser.open("/desk/ticket.html?id=" + answered);
            browser.waitForText("Not for your roles");
            assertThat(browser.driver().findElement(By.tagName("main")).getText())
                    .contains("csirt or coordinator")
                    .doesNotContain("We updated the kernel");
        }
    }
}
