package org.csirtdesk.desk.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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

    @Deployment(testable = false)
    static WebArchive application() throws SQLException {
        TestDatabase.freshApplicationDatabase();
        return Deployments.war(Map.of("csirt.security.initial-admin", ADMIN + ":" + ADMIN_PASSWORD));
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
                .steps();
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
            assertThat(browser.consoleErrors()).isEmpty();
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
            assertThat(browser.consoleErrors()).isEmpty();
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
}
