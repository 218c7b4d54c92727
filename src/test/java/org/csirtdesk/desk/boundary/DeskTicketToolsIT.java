package org.csirtdesk.desk.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URL;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.Api.Answer;
import org.csirtdesk.support.Browser;
import org.csirtdesk.support.Deployments;
import org.csirtdesk.support.Scenario;
import org.csirtdesk.support.SmtpServer;
import org.csirtdesk.support.TestDatabase;
import org.csirtdesk.support.TestUsers;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The desk's ticket tools in Chromium: a ticket created by hand (its refusals next to their fields), the typed
 * editors of contacts and custom fields (a conflict reloads), and the bulk change of selected tickets from the queue
 * list (all or nothing).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeskTicketToolsIT {

    private static final String ADMIN = "tools-admin";
    private static final String ADMIN_PASSWORD = "the tools admin's password";
    private static final String DUTY = "carol";
    private static final String DUTY_PASSWORD = "carol's duty password";

    @ArquillianResource
    URL deployment;

    private Api staff;
    private long incident;
    private long created;

    private static final String LIST = "all-sites@lists.example";

    static SmtpServer smtp;

    @Deployment(testable = false)
    static WebArchive application() throws SQLException {
        TestDatabase.freshApplicationDatabase();
        smtp = SmtpServer.start(Set.of());
        return Deployments.war(Map.ofEntries(
                Map.entry("csirt.security.initial-admin", ADMIN + ":" + ADMIN_PASSWORD),
                Map.entry("csirt.mail.smtp.host", "127.0.0.1"),
                Map.entry("csirt.mail.smtp.port", String.valueOf(smtp.port())),
                Map.entry("csirt.mail.smtp.security", "none"),
                Map.entry("csirt.mail.smtp.timeout", "PT5S"),
                Map.entry("csirt.mail.send-interval", "PT1S"),
                Map.entry("csirt.mail.list-addresses", LIST)));
    }

    @AfterAll
    static void stopSmtp() {
        if (smtp != null) {
            smtp.close();
        }
    }

    /** The copies the SMTP server received for an address, once there are {@code count}. */
    private static List<MimeMessage> receivedBy(String address, int count) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<MimeMessage> copies = smtp.received().stream()
                    .filter(m -> {
                        try {
                            return Stream.of(m.getAllRecipients())
                                    .anyMatch(r -> r.toString().equalsIgnoreCase(address));
                        } catch (MessagingException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
            if (copies.size() >= count || System.nanoTime() > until) {
                return copies;
            }
            Api.pause(Duration.ofMillis(200));
        }
    }

    /** A mail to the ticket as rt-mailgate posts it, with one attachment. */
    private void mailIn(long ticket, String from, String messageId) {
        String mail = """
                From: %s
                To: abuse@egi.eu
                Subject: Re: [CSIRT #%d] logins
                Message-ID: %s
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="part"

                --part
                Content-Type: text/plain; charset=utf-8

                Here are the logs of the suspicious logins.
                --part
                Content-Type: text/plain; name="auth.log"
                Content-Disposition: attachment; filename="auth.log"

                Dec  7 03:12:44 ui sshd[811]: Accepted password for root from 203.0.113.9
                --part--
                """.formatted(from, ticket, messageId).replace("\n", "\r\n");
        String form = "--form\r\nContent-Disposition: form-data; name=\"queue\"\r\n\r\nincident-reports\r\n"
                + "--form\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\ncorrespond\r\n"
                + "--form\r\nContent-Disposition: form-data; name=\"message\"; filename=\"mail.eml\"\r\n"
                + "Content-Type: message/rfc822\r\n\r\n" + mail + "\r\n--form--\r\n";
        Answer answer = new Api(deployment)
                .send("POST", "REST/1.0/NoAuth/mail-gateway", "multipart/form-data; boundary=form", form, Map.of());
        assertThat(answer.body()).as("the gateway's answer").startsWith("ok - mail #");
    }

    private void prepare() {
        Api admin = new Api(deployment).as(ADMIN, ADMIN_PASSWORD);
        TestUsers.add(admin, DUTY, DUTY_PASSWORD, List.of("csirt"), null);
        staff = new Api(deployment).as(DUTY, DUTY_PASSWORD);
        incident = ticket("{\"queue\": \"incidents\", \"subject\": \"Compromised UI at SITE-T\"}");
    }

    private long ticket(String json) {
        Answer answer = staff.post("api/tickets", json);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().getJsonNumber("id").longValue();
    }

    private JsonObject read(long id) {
        return staff.get("api/tickets/" + id).json();
    }

    private Browser signedIn(String next) {
        Browser browser = new Browser(new Api(deployment).base());
        browser.signIn(DUTY, DUTY_PASSWORD, next);
        return browser;
    }

    private static <T> T waitUntil(Browser browser, Function<WebDriver, T> condition) {
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(condition);
    }

    /** The console's errors but the refusals the page expects and shows (an unknown site, the 412 of a conflict). */
    private static List<String> scriptErrors(Browser browser) {
        return browser.consoleErrors().stream()
                .filter(e -> !e.contains("Failed to load resource"))
                .toList();
    }

    private static String errorOf(Browser browser, String field) {
        return browser.driver()
                .findElement(By.cssSelector("label[data-field='" + field + "'] .field-error"))
                .getText();
    }

    @TestFactory
    @DisplayName("The desk's ticket tools: create by hand, editors, bulk change")
    Stream<DynamicTest> theTicketTools() {
        return new Scenario()
                .step("Prepared: a user and an incident", this::prepare)
                .step(
                        "A ticket created by hand shows the API's refusals next to their fields, then opens",
                        this::aTicketCreatedByHandShowsRefusalsByFieldThenOpens)
                .step(
                        "Requestors, Cc and custom fields are edited in place; a concurrent change reloads",
                        this::contactsAndCustomFieldsAreEditedAndAConflictReloads)
                .step(
                        "Selected tickets change together, or none does when one cannot",
                        this::selectedTicketsChangeTogetherOrNone)
                .step(
                        "A message of the history is answered (threaded to its mail) and forwarded with its files",
                        this::aMessageIsAnsweredAndForwardedWithItsFiles)
                .step(
                        "A ticket refers to another of any queue from its Links card; the other shows it; removed again",
                        this::aTicketRefersToAnotherFromItsLinksCard)
                .step(
                        "Each mail's entry threads to that very mail; a merged ticket's entries keep their mails",
                        this::eachEntryAnswersItsOwnMailAlsoOnTheSurvivorOfAMerge)
                .steps();
    }

    private void aTicketRefersToAnotherFromItsLinksCard() {
        long report = ticket("{\"queue\": \"incident-reports\", \"subject\": \"Scans from 192.0.2.7\"}");
        try (Browser browser = signedIn("/desk/ticket.html?id=" + report)) {
            WebElement form = browser.waitFor(By.id("refer"));
            form.findElement(By.name("ticket")).sendKeys("#" + report);
            form.findElement(By.cssSelector("button[type=submit]")).click();
            browser.waitForText("a ticket cannot refer to itself");

            form = browser.waitFor(By.id("refer"));
            WebElement number = form.findElement(By.name("ticket"));
            number.clear();
            number.sendKeys(String.valueOf(incident));
            form.findElement(By.cssSelector("button[type=submit]")).click();
            browser.waitForText("#" + report + " refers to #" + incident);
            waitUntil(
                    browser,
                    d -> d.findElements(By.cssSelector("ul.refers-to li")).size() == 1);
            assertThat(browser.driver()
                            .findElement(By.cssSelector("ul.refers-to li"))
                            .getText())
                    .contains("Compromised UI at SITE-T");
            assertThat(read(report).getJsonArray("incidents")).isEmpty();

            browser.open("/desk/ticket.html?id=" + incident);
            waitUntil(
                    browser,
                    d -> d.findElements(By.cssSelector("ul.referred-to-by li")).size() == 1);
            assertThat(browser.driver()
                            .findElement(By.cssSelector("ul.referred-to-by li"))
                            .getText())
                    .contains("Scans from 192.0.2.7");

            browser.open("/desk/ticket.html?id=" + report);
            browser.waitFor(By.id("unrefer-" + incident)).click();
            browser.waitForText("#" + report + " no longer refers to #" + incident);
            waitUntil(
                    browser, d -> d.findElements(By.cssSelector("ul.refers-to")).isEmpty());
            assertThat(read(incident).getJsonArray("referredToBy")).isEmpty();
            assertThat(scriptErrors(browser)).isEmpty();
        }
    }

    private void aTicketCreatedByHandShowsRefusalsByFieldThenOpens() {
        try (Browser browser = signedIn("/desk/queues.html?queue=investigations")) {
            browser.waitFor(By.id("new-ticket")).click();
            waitUntil(browser, d -> d.getCurrentUrl().contains("/desk/new-ticket.html?queue=investigations"));
            WebElement subject = browser.waitFor(By.id("subject"));
            assertThat(new Select(browser.driver().findElement(By.id("queue")))
                            .getFirstSelectedOption()
                            .getText())
                    .isEqualTo("Investigations");
            assertThat(browser.driver()
                            .findElement(By.cssSelector("label[data-field=incident]"))
                            .getText())
                    .contains("required");
            assertThat(browser.all(By.cssSelector("input[type=datetime-local][name='Discovered At']")))
                    .as("a date-time field gets a date-time input")
                    .hasSize(1);

            subject.sendKeys("Compromised UI at SITE-T: the site's investigation");
            browser.driver().findElement(By.id("requestors")).sendKeys("security@site-t.example, nobody");
            browser.driver().findElement(By.id("create")).click();
            waitUntil(browser, d -> !errorOf(browser, "requestors").isEmpty());
            assertThat(errorOf(browser, "requestors")).contains("nobody");

            WebElement requestors = browser.driver().findElement(By.id("requestors"));
            requestors.clear();
            requestors.sendKeys("security@site-t.example");
            browser.driver().findElement(By.name("IP")).sendKeys("192.0.2.44");
            browser.driver().findElement(By.id("create")).click();
            waitUntil(browser, d -> !errorOf(browser, "incident").isEmpty());
            assertThat(errorOf(browser, "incident")).contains("exactly one incident");

            new Select(browser.driver().findElement(By.id("incident"))).selectByValue(String.valueOf(incident));
            new Select(browser.driver().findElement(By.id("owner"))).selectByValue(DUTY);
            new Select(browser.driver().findElement(By.id("tlp"))).selectByValue("RED");
            browser.driver().findElement(By.id("site")).sendKeys("SITE-T");
            browser.driver().findElement(By.id("content")).sendKeys("Opened by hand after a phone call.");
            browser.driver().findElement(By.id("create")).click();
            waitUntil(browser, d -> d.getCurrentUrl().contains("/desk/ticket.html?id="));
            created = Long.parseLong(browser.driver().getCurrentUrl().replaceAll(".*id=", ""));
            browser.waitForText("[CSIRT #" + created + "]");
        }
        JsonObject ticket = read(created);
        assertThat(ticket.getString("queue")).isEqualTo("investigations");
        assertThat(ticket.getString("owner")).isEqualTo(DUTY);
        assertThat(ticket.getString("tlp")).isEqualTo("RED");
        assertThat(ticket.getString("site")).isEqualTo("SITE-T");
        assertThat(ticket.getJsonArray("incidents").getJsonNumber(0).longValue())
                .isEqualTo(incident);
        assertThat(ticket.getJsonObject("customFields").getString("IP")).isEqualTo("192.0.2.44");
        assertThat(ticket.getJsonArray("requestors").getString(0)).isEqualTo("security@site-t.example");
    }

    private void contactsAndCustomFieldsAreEditedAndAConflictReloads() {
        try (Browser browser = signedIn("/desk/ticket.html?id=" + created)) {
            WebElement addCc = browser.waitFor(By.cssSelector("#cc-add input"));
            addCc.sendKeys("not-an-address");
            browser.driver().findElement(By.cssSelector("#cc-add button")).click();
            waitUntil(browser, d -> d.findElement(By.cssSelector("#cc-add .field-error"))
                    .getText()
                    .contains("not an e-mail address"));

            addCc = browser.driver().findElement(By.cssSelector("#cc-add input"));
            addCc.clear();
            addCc.sendKeys("ngi-security@ngi.example");
            browser.driver().findElement(By.cssSelector("#cc-add button")).click();
            waitUntil(browser, d -> d.findElement(By.id("cc-list")).getText().contains("ngi-security@ngi.example"));
            browser.driver()
                    .findElement(By.cssSelector("#requestors-list button[title='Remove security@site-t.example']"))
                    .click();
            waitUntil(browser, d -> d.findElements(By.cssSelector("#requestors-list li"))
                    .isEmpty());

            WebElement ip = browser.driver().findElement(By.cssSelector("#custom-fields input[name=IP]"));
            ip.clear();
            ip.sendKeys("192.0.2.45");
            browser.driver()
                    .findElement(By.cssSelector("#custom-fields button[type=submit]"))
                    .click();
            waitUntil(browser, d -> "192.0.2.45"
                    .equals(read(created).getJsonObject("customFields").getString("IP", "")));

            JsonObject now = read(created);
            assertThat(now.getJsonArray("requestors")).isEmpty();
            assertThat(now.getJsonArray("cc").getString(0)).isEqualTo("ngi-security@ngi.example");

            // Someone else changes the ticket behind the page: the next edit is refused, said, and the page reloads.
            Answer behind = staff.patch(
                    "api/tickets/" + created,
                    "{\"subject\": \"Renamed by someone else\"}",
                    "\"" + now.getJsonNumber("version").longValue() + "\"");
            assertThat(behind.status()).as(behind.body()).isEqualTo(200);
            WebElement add = browser.driver().findElement(By.cssSelector("#requestors-add input"));
            add.sendKeys("admin@site-t.example");
            browser.driver()
                    .findElement(By.cssSelector("#requestors-add button"))
                    .click();
            waitUntil(browser, d -> browser.toasts().stream().anyMatch(t -> t.contains("Someone changed")));
            browser.waitForText("Renamed by someone else");
            assertThat(read(created).getJsonArray("requestors"))
                    .as("nothing changed")
                    .isEmpty();
            assertThat(scriptErrors(browser)).isEmpty();
        }
    }

    private void selectedTicketsChangeTogetherOrNone() {
        long pending = ticket("""
                {"queue": "countermeasures", "subject": "Block SITE-T's UI (a)", "incident": %d}""".formatted(incident));
        long active = ticket("""
                {"queue": "countermeasures", "subject": "Block SITE-T's UI (b)", "incident": %d}""".formatted(incident));
        assertThat(staff.post("api/tickets/" + active + "/status", "{\"status\": \"active\", \"reason\": \"on\"}")
                        .status())
                .isEqualTo(200);
        long another = ticket("""
                {"queue": "investigations", "subject": "Second site", "incident": %d}""".formatted(incident));

        try (Browser browser = signedIn("/desk/queues.html?queue=countermeasures&sort=id")) {
            browser.waitFor(By.cssSelector("table.tickets tbody tr"));
            browser.waitFor(By.id("select-all")).click();
            waitUntil(browser, d -> d.findElement(By.id("bulk")).getText().contains("2 selected"));
            new Select(browser.driver().findElement(By.cssSelector("#bulk select[name=status]")))
                    .selectByValue("pending removal");
            browser.driver()
                    .findElement(By.cssSelector("#bulk input[name=reason]"))
                    .sendKeys("lifted");
            browser.driver()
                    .findElement(By.cssSelector("#bulk button[type=submit]"))
                    .click();
            WebElement refused = browser.waitFor(By.cssSelector("#bulk-result.bad"));
            assertThat(refused.getText()).contains("nothing was changed").contains("#" + pending);
            assertThat(read(active).getString("status")).isEqualTo("active");

            browser.open("/desk/queues.html?queue=investigations&sort=id");
            browser.waitFor(By.cssSelector("table.tickets tbody tr[data-id='" + another + "']"));
            browser.driver()
                    .findElement(By.cssSelector("tr[data-id='" + created + "'] td.pick input"))
                    .click();
            // j moves to the next row, x selects it.
            new Actions(browser.driver()).sendKeys("j").sendKeys("x").perform();
            waitUntil(browser, d -> d.findElement(By.id("bulk")).getText().contains("2 selected"));
            new Select(browser.driver().findElement(By.cssSelector("#bulk select[name=owner]"))).selectByValue(DUTY);
            new Select(browser.driver().findElement(By.cssSelector("#bulk select[name=status]")))
                    .selectByValue("resolved");
            browser.driver()
                    .findElement(By.cssSelector("#bulk input[name=reason]"))
                    .sendKeys("contained");
            browser.driver()
                    .findElement(By.cssSelector("#bulk input[name=comment]"))
                    .sendKeys("both sites clean");
            browser.driver()
                    .findElement(By.cssSelector("#bulk button[type=submit]"))
                    .click();
            WebElement done = browser.waitFor(By.cssSelector("#bulk-result.ok"));
            assertThat(done.getText()).contains("2 ticket(s)").contains("resolved");
            assertThat(scriptErrors(browser)).isEmpty();
        }
        for (long id : List.of(created, another)) {
            JsonObject ticket = read(id);
            assertThat(ticket.getString("status")).isEqualTo("resolved");
            assertThat(ticket.getString("owner")).isEqualTo(DUTY);
            assertThat(staff.get("api/tickets/" + id + "/history").array().getValuesAs(JsonObject.class))
                    .extracting(h -> h.getString("content", ""))
                    .contains("both sites clean");
        }
    }

    private void aMessageIsAnsweredAndForwardedWithItsFiles() throws Exception {
        String reporter = "reporter@site-t.example";
        String reportsMessageId = "<tools-it-logs@site-t.example>";
        long report = ticket("""
                {"queue": "incident-reports", "subject": "Suspicious logins on ui.site-t.example",
                 "requestors": ["%s"], "content": "We see logins from 203.0.113.9."}""".formatted(reporter));
        mailIn(report, reporter, reportsMessageId);
        List<JsonObject> history =
                staff.get("api/tickets/" + report + "/history").array().getValuesAs(JsonObject.class);
        long mailEntry = history.stream()
                .filter(h -> h.getString("actor").equals("mail:" + reporter))
                .findFirst()
                .orElseThrow()
                .getJsonNumber("id")
                .longValue();
        long created = history.get(0).getJsonNumber("id").longValue();

        // The API's refusals: a list, a change rather than a message, TLP:RED without the confirmation.
        Answer toList = staff.post(
                "api/tickets/" + report + "/history/" + mailEntry + "/forward", "{\"to\": [\"" + LIST + "\"]}");
        assertThat(toList.status()).as(toList.body()).isEqualTo(409);
        assertThat(toList.body()).contains("\"to\"").contains("mailing list");
        assertThat(staff.post("api/tickets/" + report + "/history/" + mailEntry + "/forward", "{\"to\": []}")
                        .status())
                .isEqualTo(400);
        long red = ticket("""
                {"queue": "incident-reports", "subject": "Red report", "tlp": "RED", "content": "red text"}""");
        long redEntry = staff.get("api/tickets/" + red + "/history")
                .array()
                .getJsonObject(0)
                .getJsonNumber("id")
                .longValue();
        Answer unconfirmed = staff.post(
                "api/tickets/" + red + "/history/" + redEntry + "/forward", "{\"to\": [\"cert@peer.example\"]}");
        assertThat(unconfirmed.status()).as(unconfirmed.body()).isEqualTo(409);
        assertThat(unconfirmed.body()).contains("confirmRed");
        Answer confirmed = staff.post(
                "api/tickets/" + red + "/history/" + redEntry + "/forward",
                "{\"to\": [\"cert@peer.example\"], \"confirmRed\": true}");
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(201);
        assertThat(receivedBy("cert@peer.example", 1)).hasSize(1);
        Answer statusChange = staff.post(
                "api/tickets/" + report + "/history/" + (created + 999999) + "/forward",
                "{\"to\": [\"cert@peer.example\"]}");
        assertThat(statusChange.status()).isEqualTo(404);

        try (Browser browser = signedIn("/desk/ticket.html?id=" + report)) {
            WebElement mail = browser.waitFor(By.cssSelector("li[data-entry='" + mailEntry + "']"));
            mail.findElement(By.cssSelector("button.forward")).click();
            WebElement dialog = browser.waitFor(By.cssSelector("dialog.forward"));
            dialog.findElement(By.name("to")).sendKeys(LIST);
            dialog.findElement(By.cssSelector("button[type=submit]")).click();
            waitUntil(browser, d -> errorOf(browser, "to").contains("mailing list"));
            WebElement to = dialog.findElement(By.name("to"));
            to.clear();
            to.sendKeys("cert@peer.example");
            dialog.findElement(By.name("note")).sendKeys("The logs SITE-T sent us.");
            dialog.findElement(By.cssSelector("button[type=submit]")).click();
            waitUntil(browser, d -> browser.toasts().stream()
                    .anyMatch(t -> t.contains("Forwarded to cert@peer.example")));
            browser.waitForText("Forwarded to cert@peer.example");

            browser.driver()
                    .findElement(By.cssSelector("li[data-entry='" + mailEntry + "'] button.reply-to"))
                    .click();
            waitUntil(browser, d -> d.findElement(By.id("reply-body"))
                    .getAttribute("value")
                    .contains("> Here are the logs"));
            assertThat(browser.driver().findElement(By.id("replying-to")).getText())
                    .contains(reporter);
            browser.driver().findElement(By.id("reply-body")).sendKeys("Thank you, we are looking at them.");
            browser.driver()
                    .findElement(By.cssSelector("#reply button[type=submit]"))
                    .click();
            waitUntil(browser, d -> browser.toasts().stream().anyMatch(t -> t.contains("Reply queued to " + reporter)));
            assertThat(scriptErrors(browser)).isEmpty();
        }

        List<MimeMessage> forwards = receivedBy("cert@peer.example", 2);
        MimeMessage forwarded = forwards.get(forwards.size() - 1);
        assertThat(forwarded.getSubject()).contains("Fwd:").contains("[CSIRT #" + report + "]");
        MimeMultipart parts = (MimeMultipart) forwarded.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat((String) parts.getBodyPart(0).getContent())
                .contains("The logs SITE-T sent us.")
                .contains("From: " + reporter)
                .contains("Here are the logs");
        assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("auth.log");
        assertThat(new String(parts.getBodyPart(1).getInputStream().readAllBytes()))
                .contains("Accepted password for root");

        MimeMessage reply = receivedBy(reporter, 1).get(0);
        assertThat(SmtpServer.header(reply, "In-Reply-To")).isEqualTo(reportsMessageId);
        assertThat(staff.get("api/tickets/" + report + "/history").array().getValuesAs(JsonObject.class))
                .extracting(h -> h.getString("content", ""))
                .anyMatch(c -> c.startsWith("Forwarded to cert@peer.example: the correspondence of")
                        && c.contains("with 1 attachment(s)"));
    }

    /** The correspondence the sender's mails made, in the history's order. */
    private List<Long> entriesBy(long ticket, String sender) {
        return staff.get("api/tickets/" + ticket + "/history").array().getValuesAs(JsonObject.class).stream()
                .filter(h -> h.getString("actor").equals("mail:" + sender)
                        && h.getString("type").equals("correspond"))
                .map(h -> h.getJsonNumber("id").longValue())
                .toList();
    }

    private void eachEntryAnswersItsOwnMailAlsoOnTheSurvivorOfAMerge() {
        String sender = "admin@site-u.example";
        long merged = ticket("""
                {"queue": "incident-reports", "subject": "Scans from ui.site-u.example",
                 "requestors": ["%s"], "content": "Scans seen."}""".formatted(sender));
        // Two mails of one sender at once: each entry is paired with its own mail, not the nearest in time.
        mailIn(merged, sender, "<first@site-u.example>");
        mailIn(merged, sender, "<second@site-u.example>");
        List<Long> entries = entriesBy(merged, sender);
        assertThat(entries).hasSize(2);
        for (int i = 0; i < 2; i++) {
            Answer reply = staff.post(
                    "api/tickets/" + merged + "/history/" + entries.get(i) + "/reply", "{\"content\": \"Noted.\"}");
            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
            assertThat(reply.json().getString("inReplyTo"))
                    .isEqualTo(i == 0 ? "<first@site-u.example>" : "<second@site-u.example>");
        }

        long survivor = ticket("""
                {"queue": "incident-reports", "subject": "Scans at SITE-U", "content": "Same scans."}""");
        Answer merge = staff.post("api/tickets/" + merged + "/merge", "{\"into\": " + survivor + "}");
        assertThat(merge.status()).as(merge.body()).isEqualTo(200);

        // On the survivor's URL, the merged ticket's entry is found with its own ticket's mail.
        Answer forward = staff.post(
                "api/tickets/" + survivor + "/history/" + entries.get(1) + "/forward",
                "{\"to\": [\"cert@peer.example\"]}");
        assertThat(forward.status()).as(forward.body()).isEqualTo(201);
        assertThat(forward.json().getInt("attachments")).isEqualTo(1);
        Answer reply = staff.post(
                "api/tickets/" + survivor + "/history/" + entries.get(0) + "/reply",
                "{\"content\": \"Both tickets are one now.\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().getString("inReplyTo")).isEqualTo("<first@site-u.example>");

        // Another ticket's entry is not the survivor's: not found, as are the merged ticket's from elsewhere.
        long incidentsFirst = staff.get("api/tickets/" + incident + "/history")
                .array()
                .getJsonObject(0)
                .getJsonNumber("id")
                .longValue();
        Answer foreign = staff.post(
                "api/tickets/" + survivor + "/history/" + incidentsFirst + "/forward",
                "{\"to\": [\"cert@peer.example\"]}");
        assertThat(foreign.status()).as(foreign.body()).isEqualTo(404);
        assertThat(staff.post(
                                "api/tickets/" + incident + "/history/" + entries.get(0) + "/reply",
                                "{\"content\": \"Wrong ticket.\"}")
                        .status())
                .isEqualTo(404);
    }
}
