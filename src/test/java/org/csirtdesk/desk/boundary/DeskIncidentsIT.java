package org.csirtdesk.desk.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The desk's incident pages in a real Chromium against the application (SEC01): a report from the Reports to triage
 * list triaged into a new incident, whose page shows its tag; a second report linked from the related suggestions;
 * an affected site; the announcement (its letter read back from the outbox); TLP:RED without named recipients
 * refused in words; an indicator added and the export downloaded; an OMB member not offered the pages; the
 * coordinator changed; the closure with a file; a report rejected. The steps
 * share one incident and one signed-in browser, and run in order. The screenshots in docs/screenshots come from here.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeskIncidentsIT {

    static final String ADMIN = "desk-admin";
    static final String ADMIN_PASSWORD = "the desk admin's password";
    static final String DUTY = "alice";
    static final String DUTY_PASSWORD = "alice's duty password";
    static final String DEPUTY = "bob";
    static final String BOARD = "omb-member";
    static final String BOARD_PASSWORD = "the board member's password";
    static final String ATTACKER = "198.51.100.7";
    static final String LOADER = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final List<String> LISTS =
            List.of("site-security-contacts@mailman.egi.eu", "ngi-security-contacts@mailman.egi.eu", "csirt@egi.eu");

    @ArquillianResource
    URL deployment;

    private Api staff;

    private Browser browser;
    private long incident;
    private String tag;

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
        Api anonymous = new Api(deployment);
        Api admin = anonymous.as(ADMIN, ADMIN_PASSWORD);
        TestUsers.add(admin, DUTY, DUTY_PASSWORD, List.of("csirt", "coordinator"), DUTY + "@csirt.example");
        TestUsers.add(admin, DEPUTY, DUTY_PASSWORD, List.of("coordinator"), DEPUTY + "@csirt.example");
        TestUsers.add(admin, BOARD, BOARD_PASSWORD, List.of("omb"), BOARD + "@csirt.example");
        staff = anonymous.as(DUTY, DUTY_PASSWORD);
        browser = new Browser(anonymous.base());
        browser.signIn(DUTY, DUTY_PASSWORD, "/desk/incidents.html");
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @TestFactory
    @DisplayName(
            "SEC01 in the desk: one incident from the triage of its report to its closure, in one signed-in browser, step by step")
    Stream<DynamicTest> oneIncidentInTheBrowser() {
        return new Scenario()
                .step(
                        "SEC01-tag: a report waiting for triage is made a new incident in the browser, whose page shows its EGI-YYYYMMDD-NN tag",
                        this::triageIntoANewIncident)
                .step(
                        "SEC01-related: a second report is linked to the incident from the related suggestions, with its shared indicators shown",
                        this::linkFromTheRelatedSuggestions)
                .step(
                        "An affected site is added with when it found the incident and why; its Investigation is linked from the incident",
                        this::addAnAffectedSite)
                .step(
                        "SEC01-announce: the announcement written in the browser is in the outbox, to the three lists, with the incident's TLP",
                        this::announce)
                .step(
                        "SEC01-tlp: an update at TLP:RED without named recipients is refused, and the page says why in words; nothing is sent",
                        this::redWithoutRecipientsIsRefusedInWords)
                .step(
                        "IoC export: an indicator added in the browser is in the CSV and the STIX 2.1 bundle the page links to; one removed with a reason is not",
                        this::indicatorsExported)
                .step(
                        "The list shows the incident with its TLP, coordinator and sites; an OMB member is not offered the Incidents page and is told why",
                        this::listAndRoles)
                .step(
                        "SEC01-coordinator: the coordinator is changed in the browser with a reason, which goes into the history",
                        this::changeTheCoordinator)
                .step(
                        "SEC01-announce: the closure report with the site's own report attached goes to the lists, keeps the file and resolves the incident",
                        this::closeWithTheSitesReport)
                .step(
                        "A report rejected in the browser, with its reason, is not offered for triage again",
                        this::rejectAReport)
                .steps();
    }

    private void triageIntoANewIncident() {
        long report = report("Compromised UI at PtujRPC", "security@ptujrpc.si", """
                Dear EGI CSIRT,

                this morning we found ui01.ptujrpc.si entered over SSH from %s. The attacker fetched
                http://evil-c2.net/l.sh (sha256 %s) and used CVE-2024-1086 to become root.
                We took the machine off the network at 09:40 CET.

                Regards, the PtujRPC administrators""".formatted(ATTACKER, LOADER));

        browser.open("/desk/incidents.html?tab=reports");
        WebElement row = browser.waitFor(By.cssSelector("#reports tr[data-id='" + report + "']"));
        assertThat(row.getText()).contains("Compromised UI at PtujRPC", "waiting");
        row.findElement(By.linkText("Triage")).click();

        WebElement form = browser.waitForVisible(By.cssSelector("#new-incident"));
        browser.waitForText(LOADER);
        assertThat(browser.waitFor(By.id("indicators")).getText()).contains(ATTACKER, "evil-c2.net", "CVE-2024-1086");
        WebElement title = form.findElement(By.name("title"));
        title.clear();
        title.sendKeys("SSH intrusion and rootkit at grid sites");
        form.findElement(By.cssSelector("button[type=submit]")).click();

        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> d.getCurrentUrl().contains("/desk/incident.html?id="));
        String shown = browser.waitFor(By.id("tag")).getText();
        assertThat(shown).matches("EGI-\\d{8}-01");
        assertThat(browser.waitFor(By.id("opened")).getText()).contains("#" + report, shown);
        incident = Long.parseLong(browser.driver().getCurrentUrl().replaceAll(".*[?&]id=(\\d+).*", "$1"));
        JsonObject opened = staff.get("api/incidents/" + incident).json();
        tag = opened.getString("tag");
        assertThat(tag).isEqualTo(shown);
        assertThat(opened.getString("coordinator")).isEqualTo(DUTY);
        assertThat(opened.getJsonArray("reports").getJsonNumber(0).longValue()).isEqualTo(report);
    }

    private void linkFromTheRelatedSuggestions() {
        long second = report("Odd SSH logins at SSC", "security@ssc.example", """
                Hello CSIRT,

                our firewall logged SSH logins to ce02.ssc.example from 198.51.100[.]7 last night, followed by a
                download from hxxp://evil-c2[.]net/l.sh. We also see scans from 203.0.113.50.

                SSC security contact""");
        browser.open("/desk/triage.html?report=" + second);
        WebElement suggestion = browser.waitFor(By.cssSelector("#related tr[data-incident='" + incident + "']"));
        assertThat(suggestion.getText()).contains(tag, ATTACKER, "evil-c2.net");
        screenshot("docs/screenshots/triage.png");

        suggestion.findElement(By.xpath(".//button[text()='Link']")).click();
        browser.waitForVisible(By.cssSelector("dialog.reason textarea"))
                .sendKeys("same attacking IP and the same loader");
        browser.driver()
                .findElement(By.cssSelector("dialog.reason button[type=submit]"))
                .click();
        browser.waitForText("Report #" + second + " linked to " + tag);
        assertThat(staff.get("api/incidents/" + incident).json().getJsonArray("reports").stream()
                        .map(id -> Long.parseLong(id.toString())))
                .contains(second);
        assertThat(staff.get("api/tickets/" + second + "/history").body())
                .contains("same attacking IP and the same loader");
    }

    private void addAnAffectedSite() {
        staff.await("api/sites/refresh", refresh -> refresh.containsKey("lastSuccessAt"), Duration.ofSeconds(60));
        browser.open("/desk/incident.html?id=" + incident);
        WebElement form = browser.waitForVisible(By.id("add-site"));
        form.findElement(By.name("site")).sendKeys("PtujRPC");
        // A date-time field's typing order depends on the browser's locale; its value does not.
        browser.script("arguments[0].value = '2026-11-23T08:30'", form.findElement(By.name("discoveredAt")));
        form.findElement(By.cssSelector("button[type=submit]")).click();
        browser.waitForVisible(By.cssSelector("dialog.reason textarea"))
                .sendKeys("the loader was found on ui01.ptujrpc.si");
        browser.driver()
                .findElement(By.cssSelector("dialog.reason button[type=submit]"))
                .click();
        WebElement site = browser.waitFor(By.cssSelector("#sites tr[data-site='PtujRPC']"));
        assertThat(site.getText()).contains("Investigation #");
        long investigation = staff.get("api/incidents/" + incident)
                .json()
                .getJsonArray("affectedSites")
                .getJsonObject(0)
                .getJsonNumber("investigation")
                .longValue();
        assertThat(site.findElement(By.partialLinkText("Investigation")).getAttribute("href"))
                .endsWith("/desk/ticket.html?id=" + investigation);
        assertThat(staff.get("api/tickets/" + investigation).json().getString("subject"))
                .startsWith(tag);
        assertThat(staff.get("api/incidents/" + incident)
                        .json()
                        .getJsonArray("affectedSites")
                        .getJsonObject(0)
                        .getString("discoveredAt"))
                .as("the browser's local time, sent as an instant")
                .isNotBlank();
    }

    private void announce() {
        browser.open("/desk/incident.html?id=" + incident);
        WebElement form = browser.waitForVisible(By.id("announce"));
        form.findElement(By.name("text"))
                .sendKeys(
                        "Two grid sites were entered over SSH from " + ATTACKER
                                + "; a rootkit loader was installed. Check your SSH logs for this address and report to abuse@egi.eu.");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        browser.waitForText("Announcement sent to the outbox");
        List<JsonObject> letters = outbox("sec01-announcement");
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).getJsonArray("to").getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString))
                .containsExactlyInAnyOrderElementsOf(LISTS);
        assertThat(letters.get(0).getString("tlp")).isEqualTo("AMBER");
        assertThat(browser.waitFor(By.id("letters")).getText()).contains(tag);
    }

    private void redWithoutRecipientsIsRefusedInWords() {
        browser.open("/desk/incident.html?id=" + incident);
        WebElement form = browser.waitForVisible(By.id("announce"));
        new Select(form.findElement(By.name("kind"))).selectByValue("update");
        new Select(form.findElement(By.name("tlp"))).selectByValue("RED");
        assertThat(browser.waitForVisible(By.cssSelector("#announce [data-red]"))
                        .getText())
                .contains("named");
        form.findElement(By.name("text")).sendKeys("The account used was pilot042 at PtujRPC.");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> !d.findElement(By.id("announce-problem")).getText().isBlank());
        assertThat(browser.driver().findElement(By.id("announce-problem")).getText())
                .contains("TLP:RED", "named recipients");
        assertThat(outbox("sec01-update")).isEmpty();
    }

    private void indicatorsExported() {
        browser.open("/desk/incident.html?id=" + incident);
        WebElement form = browser.waitForVisible(By.cssSelector("#indicators form.add-indicator"));
        new Select(form.findElement(By.name("type"))).selectByValue("md5");
        form.findElement(By.name("value")).sendKeys("D41D8CD98F00B204E9800998ECF8427E");
        form.findElement(By.name("note")).sendKeys("the rootkit's kernel module");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        browser.waitFor(By.cssSelector("#indicators tr[data-indicator='d41d8cd98f00b204e9800998ecf8427e']"));
        browser.waitFor(By.cssSelector("#indicators tr[data-indicator='203.0.113.50'] button"))
                .click();
        browser.waitForVisible(By.cssSelector("dialog.reason textarea"))
                .sendKeys("a research scanner, not the attacker");
        browser.driver()
                .findElement(By.cssSelector("dialog.reason button[type=submit]"))
                .click();
        browser.waitForText("203.0.113.50 removed");
        // The toast comes when the removal is answered; the list is read again after it.
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> d.findElements(By.cssSelector("#indicators tr[data-indicator='203.0.113.50']"))
                        .isEmpty());

        String csv = download(browser.driver().findElement(By.id("csv")).getAttribute("href"));
        assertThat(csv)
                .startsWith("incident,type,value,tlp,added_at,source")
                .contains(tag + ",ipv4," + ATTACKER + ",TLP:AMBER", "md5,d41d8cd98f00b204e9800998ecf8427e")
                .doesNotContain("203.0.113.50");
        JsonObject bundle = Json.createReader(new java.io.StringReader(
                        download(browser.driver().findElement(By.id("stix")).getAttribute("href"))))
                .readObject();
        assertThat(bundle.getString("type")).isEqualTo("bundle");
        assertThat(bundle.getJsonArray("objects").stream()
                        .map(JsonValue::asJsonObject)
                        .map(o -> o.getString("pattern", "")))
                .contains(
                        "[ipv4-addr:value = '" + ATTACKER + "']",
                        "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']");

        browser.open("/desk/incident.html?id=" + incident);
        browser.waitFor(By.cssSelector("#sites tr[data-site='PtujRPC']"));
        screenshot("docs/screenshots/incident.png");
    }

    private void listAndRoles() {
        browser.open("/desk/incidents.html");
        WebElement row = browser.waitFor(By.cssSelector("#incidents tr[data-id='" + incident + "']"));
        assertThat(row.getText()).contains(tag, "SSH intrusion and rootkit at grid sites", "TLP:AMBER", "open", DUTY);
        assertThat(browser.all(By.cssSelector("header.top nav a")).stream().map(WebElement::getText))
                .contains("Incidents");

        try (Browser board = new Browser(new Api(deployment).base())) {
            board.signIn(BOARD, BOARD_PASSWORD, "/desk/incidents.html");
            board.waitForText("Not for your roles");
            assertThat(board.all(By.cssSelector("header.top nav a")).stream().map(WebElement::getText))
                    .isNotEmpty()
                    .doesNotContain("Incidents");
            board.open("/desk/incident.html?id=" + incident);
            board.waitForText("Not for your roles");
            assertThat(board.driver().findElement(By.tagName("body")).getText()).doesNotContain(tag);
        }
    }

    private void changeTheCoordinator() {
        browser.open("/desk/incident.html?id=" + incident);
        browser.waitForVisible(By.xpath("//button[text()='change…']")).click();
        browser.waitForVisible(By.cssSelector("dialog.reason input[name=coordinator]"))
                .sendKeys(DEPUTY);
        browser.driver()
                .findElement(By.cssSelector("dialog.reason textarea"))
                .sendKeys("alice is on leave from tomorrow");
        browser.driver()
                .findElement(By.cssSelector("dialog.reason button[type=submit]"))
                .click();
        browser.waitForText(DEPUTY + " coordinates " + tag);
        assertThat(browser.waitFor(By.id("coordinator")).getText()).isEqualTo(DEPUTY);
        assertThat(staff.get("api/incidents/" + incident).json().getString("coordinator"))
                .isEqualTo(DEPUTY);
        assertThat(staff.get("api/tickets/" + incident + "/history").body())
                .contains("alice is on leave from tomorrow");
    }

    private void closeWithTheSitesReport() throws IOException {
        Path file = Files.createTempFile("ptujrpc-report", ".txt");
        try {
            Files.writeString(file, "PtujRPC's own report: the SSH key of a pilot account was stolen.");
            browser.open("/desk/incident.html?id=" + incident);
            WebElement form = browser.waitForVisible(By.id("closure"));
            form.findElement(By.name("report")).sendKeys("Root cause: a stolen SSH key. Lessons learnt: rotate keys.");
            form.findElement(By.name("attachment"))
                    .sendKeys(file.toAbsolutePath().toString());
            form.findElement(By.cssSelector("button[type=submit]")).click();
            browser.waitForText(tag + " closed: the closure report is in the outbox");
        } finally {
            Files.deleteIfExists(file);
        }
        assertThat(outbox("sec01-closure")).singleElement().satisfies(letter -> assertThat(
                        letter.getJsonArray("to").getValuesAs(JsonString.class).stream()
                                .map(JsonString::getString))
                .containsExactlyInAnyOrderElementsOf(LISTS));
        assertThat(staff.get("api/incidents/" + incident).json().getString("status"))
                .isEqualTo("resolved");
        JsonObject kept =
                staff.get("api/incidents/" + incident + "/closures").array().getJsonObject(0);
        assertThat(kept.getString("attachment")).startsWith("ptujrpc-report").endsWith(".txt");
        assertThat(staff.get(kept.getString("attachmentUrl").substring(1)).body())
                .contains("SSH key of a pilot account");
        WebElement closure = browser.waitFor(By.cssSelector("a[href='" + kept.getString("attachmentUrl") + "']"));
        assertThat(closure.getText()).isEqualTo(kept.getString("attachment"));
    }

    private void rejectAReport() {
        long spam = report("Cheap watches", "offers@watches.example", "Buy now at https://watches.example.com");
        browser.open("/desk/triage.html?report=" + spam);
        browser.waitForVisible(By.id("reject")).click();
        browser.waitForVisible(By.cssSelector("dialog.reason textarea")).sendKeys("spam");
        browser.driver()
                .findElement(By.cssSelector("dialog.reason button[type=submit]"))
                .click();
        browser.waitForText("Report #" + spam + " rejected");
        browser.waitForText("it is not triaged again until it is reopened");
        assertThat(browser.all(By.id("new-incident"))).isEmpty();
        assertThat(staff.get("api/tickets/" + spam).json().getString("status")).isEqualTo("rejected");
    }

    private long report(String subject, String from, String text) {
        Answer created = staff.post(
                "api/tickets",
                Json.createObjectBuilder()
                        .add("queue", "incident-reports")
                        .add("subject", subject)
                        .add("requestors", Json.createArrayBuilder().add(from))
                        .add("content", text)
                        .build()
                        .toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().getJsonNumber("id").longValue();
    }

    private List<JsonObject> outbox(String kind) {
        return staff.get("api/outbox?size=500&ticket=" + incident + "&kind=" + kind).array().stream()
                .map(JsonValue::asJsonObject)
                .toList();
    }

    /**
     * Saves the page as 1400x900 pixels of content: the headless window's 1400x900 include the browser's own frame,
     * so the window grows by that frame for the picture.
     */
    private void screenshot(String file) {
        Dimension window = browser.driver().manage().window().getSize();
        long frame = window.getHeight() - ((Number) browser.script("return window.innerHeight")).longValue();
        browser.driver().manage().window().setSize(new Dimension(1400, 900 + (int) frame));
        try {
            browser.screenshot(Path.of(file));
        } finally {
            browser.driver().manage().window().setSize(window);
        }
    }

    /** What the browser gets from a link of the page, with its session. */
    private String download(String href) {
        return (String) browser.asyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()).then(done, e => done('failed: ' + e));",
                href);
    }
}
