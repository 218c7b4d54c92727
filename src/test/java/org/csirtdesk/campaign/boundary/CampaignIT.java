package org.csirtdesk.campaign.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.Api.Answer;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One campaign of the critical vulnerability procedure through the running application, driven by the exercise
 * clock: the four sites of the embedded registry are found vulnerable by Pakiti, the campaign is drafted from
 * the Incident Report, started, and taken through tickets, reminders (three missed days sending one), the
 * escalation, a veto, a suspension confirmed by the coordinator and read back, an extension, a reinstatement,
 * a re-introduction, and "all sites have acted". The steps share the campaign and run in order, as time does.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CampaignIT {

    static final String PAKITI_TOKEN = "pakiti-token-for-campaign-it-0123456789";
    static final String ADMIN = "admin";
    static final String PASSWORD = "a password of the campaign IT";
    static final String CVE = "CVE-2026-50001";
    static final String SECOND_CVE = "CVE-2026-50002";
    static final ZoneId CSIRT_ZONE = ZoneId.of("Europe/Amsterdam");
    static final String NOC = "noc-managers@mailman.egi.eu";
    static final String COO = "coo@egi.eu";

    /** The campaign's facts, learnt by the earlier steps. */
    private long campaign;

    private long report;
    private ZonedDateTime advisoryAt;
    private Map<String, Long> cases;

    @ArquillianResource
    URL deployment;

    private Api anonymous;
    /** Reads and moves the clock: the tests of roles are RoleMatrixIT's. */
    private Api everyRole;

    private Api csirt;
    private Api coordinator;
    private Api omb;
    private Api rod;

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
        everyRole = TestUsers.withRoles(admin, anonymous, TestUsers.EVERY_ROLE, TestUsers.ROLES);
        TestUsers.namedAfterRoles(
                admin, PASSWORD, List.of("csirt", "coordinator", "omb", "rod"), role -> role + "-user");
        csirt = anonymous.as("csirt-user", PASSWORD);
        coordinator = anonymous.as("coordinator-user", PASSWORD);
        omb = anonymous.as("omb-user", PASSWORD);
        rod = anonymous.as("rod-user", PASSWORD);
    }

    @TestFactory
    @DisplayName("SEC03: one campaign from the Incident Report to the sites' re-introduction, then a second campaign's "
            + "late findings, step by step")
    Stream<DynamicTest> oneCampaignThroughTheProcedure() {
        return new Scenario()
                .step(
                        "SEC03-2.2: a campaign from the Incident Report starts only with its action set and, for a service stop, the OMB's authorisation",
                        this::aCampaignIsDraftedFromTheIncidentReportAndGuardedBeforeItsStart)
                .step(
                        "SEC03-2.3b, SEC03-2.4: the preview shows every step; the deadline a week on, the tickets on the Friday before",
                        this::thePreviewShowsEveryPlannedStep)
                .step(
                        "SEC03-2.1, SEC03-2.3a, SEC03-2.3c, SEC03-6.1: the heads-up and the advisory go to the security lists, copied to noc-managers",
                        this::theHeadsUpAndTheAdvisoryGoToTheLists)
                .step(
                        "SEC03-2.5, SEC03-7: a site monitoring shows clear before the tickets is resolved as patched, and gets no ticket",
                        this::aSiteClearBeforeTheTicketsIsResolved)
                .step(
                        "SEC03-2.4: on the Friday each site still vulnerable gets a ticket to its administrators, security and NGI contacts",
                        this::ticketsOpenForTheSitesStillVulnerable)
                .step(
                        "SEC03-2.7, SEC03-7: a site's reply waits for CSIRT's answer (the case's or a reply on its ticket); an accepted explanation resolves the case with thanks",
                        this::aReplyIsAnsweredAndAnExplanationAccepted)
                .step(
                        "SEC03-2.5: after three days down, the missed daily reminders go out once per site, not once per day",
                        this::missedRemindersGoOutOnce)
                .step("SEC03-4.4: the OMB's veto is recorded and blocks the suspension", this::theOmbVetoes)
                .step(
                        "SEC03-2.6, SEC03-4.1, SEC03-4.1.1, SEC03-4.1.2, SEC03-6.2: 24 hours before the deadline: final warnings, the list and the OMB summary",
                        this::theEscalationGoesOut)
                .step(
                        "SEC03-4.2, SEC03-4.5, SEC03-6.4: on the deadline the coordinator confirms; the suspension is active once GOCDB reads it back",
                        this::theCoordinatorSuspendsTheSite)
                .step(
                        "SEC03-4.3: an extension at the OMB's request moves the site's schedule",
                        this::anExtensionMovesTheSchedule)
                .step(
                        "SEC03-4.6: on the ROD's request and CSIRT's verification the site comes back as Uncertified, never Certified",
                        this::theRodGetsTheSiteBack)
                .step(
                        "SEC03-6.5: when the last site acts, noc-managers and the COO are told all sites have acted",
                        this::allSitesHaveActed)
                .step(
                        "SEC03-3.1, SEC03-3.2: a site vulnerable again gets a re-introduction ticket with 48 hours, and after 24 the reminder, noc-managers and the final warning",
                        this::aReintroductionGetsTheFortyEightHourPath)
                .step(
                        "SEC03-2.3b, SEC03-2.4: a second, widespread campaign starts; its tickets open on the Friday",
                        this::aSecondCampaignOpensItsTickets)
                .step(
                        "SEC03-3.1, SEC03-5.2: a site first found the day after the tickets keeps the campaign's deadline and is not told it is vulnerable again",
                        this::aSiteFoundTheDayAfterTheTicketsKeepsTheCampaignsDeadline)
                .step(
                        "SEC03-3.2: 24 hours on, noc-managers read of a first finding, not of a re-introduction",
                        this::nocManagersReadOfAFirstFinding)
                .step(
                        "SEC03-2.6, SEC03-6.2, SEC03-4.1.2: the escalation lists every site still vulnerable with its own deadline and path, and plans no suspension nobody recommended",
                        this::theEscalationListsTheSitesOnTheFortyEightHourPath)
                .step(
                        "SEC03-3.1, SEC03-4.1, SEC03-4.1.1: 48 hours after a late notice win, moved off the Friday; a final warning sent late names the earliest suspension",
                        this::aLateFindingGetsFortyEightHoursOffTheFriday)
                .steps();
    }

    private void aCampaignIsDraftedFromTheIncidentReportAndGuardedBeforeItsStart() {
        assertThat(everyRole.post("api/sites/refresh", "").status()).isIn(200, 409);
        advisoryAt = quietWednesday();
        moveTo(advisoryAt.toInstant());
        JsonObject stored = pakiti(
                rows("PtujRPC", "wn01.ptujrpc.si")
                        + rows("Izola MRF", "ce01.izolamrf.si")
                        + rows("SSC", "ui.ssc.si")
                        + rows("grid-ljubljana-uni", "ce.grid.uni-lj.si"),
                "");
        assertThat(stored.getInt("sitesVulnerable")).as(stored.toString()).isEqualTo(4);
        report = everyRole
                .get("api/vulnerabilities/" + CVE)
                .json()
                .getJsonNumber("reportTicket")
                .longValue();

        String draft = "{\"title\": \"Remote root in the batch system\", \"vulnerabilities\": [\"" + CVE + "\"], "
                + "\"advisory\": \"Advisory EGI-SVG-2026-50001: remote root.\", \"advisoryLink\": \"https://advisories.egi.eu/50001\", "
                + "\"severeInterruption\": true, \"incidentReport\": " + report + "}";
        assertThat(anonymous.post("api/campaigns", draft).status()).isEqualTo(401);
        assertThat(omb.post("api/campaigns", draft).status()).isEqualTo(403);
        Answer created = csirt.post("api/campaigns", draft);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        campaign = created.json().getJsonNumber("id").longValue();
        assertThat(created.json().getJsonObject("cases").getInt("pending")).isEqualTo(4);
        assertThat(everyRole.get("api/tickets/" + report).json().toString())
                .contains(
                        String.valueOf(created.json().getJsonNumber("incident").longValue()));

        Answer noAction = csirt.post("api/campaigns/" + campaign + "/start", "");
        assertThat(noAction.status()).isEqualTo(409);
        assertThat(noAction.body()).contains("recommendedAction").contains("SEC03-2.2");

        long version = everyRole
                .get("api/campaigns/" + campaign)
                .json()
                .getJsonNumber("version")
                .longValue();
        Answer revised = csirt.send(
                "PUT",
                "api/campaigns/" + campaign,
                "application/json",
                draft.replace(
                        "\"severeInterruption\"",
                        "\"recommendedAction\": \"Update the batch system to 2.4.7 and restart its daemons.\", \"severeInterruption\""),
                Map.of("If-Match", "\"" + version + "\""));
        assertThat(revised.status()).as(revised.body()).isEqualTo(200);
        Answer noAuthorisation = csirt.post("api/campaigns/" + campaign + "/start", "");
        assertThat(noAuthorisation.status()).isEqualTo(409);
        assertThat(noAuthorisation.body()).contains("OMB");
        assertThat(outbox("sec03-advisory")).isEmpty();

        Answer authorised = omb.post(
                "api/campaigns/" + campaign + "/omb-authorisation",
                "{\"reason\": \"OMB meeting agreed to the restart of batch daemons\"}");
        assertThat(authorised.status()).as(authorised.body()).isEqualTo(200);
        assertThat(authorised.json().getString("ombAuthorisedBy")).isEqualTo("omb-user");
    }

    private void thePreviewShowsEveryPlannedStep() {
        JsonArray timeline =
                everyRole.get("api/campaigns/" + campaign + "/timeline").array();
        ZonedDateTime deadline = advisoryAt.plusDays(7);
        // The preview counts from the moment it is asked for, a few seconds after the clock was moved.
        assertThat(at(timeline, "r1/d1/deadline")).isCloseTo(deadline.toInstant(), within(1, ChronoUnit.MINUTES));
        assertThat(at(timeline, "r1/ticket"))
                .isCloseTo(deadline.minusDays(5).toInstant(), within(1, ChronoUnit.MINUTES));
        assertThat(deadline.minusDays(5).getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
        assertThat(at(timeline, "r1/reminder-1"))
                .isCloseTo(deadline.minusDays(4).toInstant(), within(1, ChronoUnit.MINUTES));
        assertThat(at(timeline, "r1/reminder-3"))
                .isCloseTo(deadline.minusDays(2).toInstant(), within(1, ChronoUnit.MINUTES));
        assertThat(at(timeline, "r1/d1/final-warning"))
                .isCloseTo(deadline.minusDays(1).toInstant(), within(1, ChronoUnit.MINUTES));
        assertThat(at(timeline, "escalation"))
                .isCloseTo(deadline.minusDays(1).toInstant(), within(1, ChronoUnit.MINUTES));
        assertThat(timeline.stream()
                        .map(entry -> entry.asJsonObject().getString("step"))
                        .toList())
                .contains("heads-up", "advisory")
                .doesNotContain("r1/reminder-4");

        Answer early = csirt.post(
                "api/campaigns",
                "{\"title\": \"Too soon\", \"vulnerabilities\": [\"CVE-2026-50009\"], "
                        + "\"advisory\": \"x\", \"deadline\": \""
                        + advisoryAt.plusDays(3).toInstant() + "\"}");
        assertThat(early.status()).isEqualTo(400);
        assertThat(early.body()).contains("deadline").contains("SEC03-2.3b");
    }

    private void theHeadsUpAndTheAdvisoryGoToTheLists() {
        Answer headsUp = csirt.post(
                "api/campaigns/" + campaign + "/heads-up",
                "{\"publicInformation\": \"https://nvd.nist.gov/vuln/detail/" + CVE + "\"}");
        assertThat(headsUp.status()).as(headsUp.body()).isEqualTo(200);
        JsonObject headsUpMail = only(outbox("sec03-heads-up"));
        assertThat(strings(headsUpMail, "to"))
                .containsExactlyInAnyOrder(
                        "site-security-contacts@mailman.egi.eu", "ngi-security-contacts@mailman.egi.eu");
        assertThat(headsUpMail.getString("body")).contains("https://nvd.nist.gov/vuln/detail/" + CVE);

        Answer started = csirt.post("api/campaigns/" + campaign + "/start", "");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        assertThat(Instant.parse(started.json().getString("deadline")))
                .isCloseTo(advisoryAt.plusDays(7).toInstant(), within(1, ChronoUnit.MINUTES));
        advisoryAt = Instant.parse(started.json().getString("advisoryAt")).atZone(CSIRT_ZONE);
        JsonObject advisory = only(outbox("sec03-advisory"));
        assertThat(strings(advisory, "to"))
                .containsExactlyInAnyOrder(
                        "site-security-contacts@mailman.egi.eu", "ngi-security-contacts@mailman.egi.eu");
        assertThat(strings(advisory, "cc")).containsExactly(NOC);
        assertThat(advisory.getString("body"))
                .contains(
                        "Update the batch system to 2.4.7",
                        "Deadline: ",
                        "likely to be suspended",
                        "MUST ask for help",
                        "Advisory EGI-SVG-2026-50001");
        assertThat(csirt.post("api/campaigns/" + campaign + "/heads-up", "{\"publicInformation\": \"again\"}")
                        .status())
                .isEqualTo(409);
    }

    private void aSiteClearBeforeTheTicketsIsResolved() {
        pakiti("", "?site=SSC");
        cases = caseIds();
        JsonObject ssc = everyRole.get("api/cases/" + cases.get("SSC")).json();
        assertThat(ssc.getString("state")).isEqualTo("resolved");
        assertThat(ssc.getString("resolution")).isEqualTo("patched");
        assertThat(ssc.containsKey("ticket")).as("a ticket: " + ssc).isFalse();
    }

    private void ticketsOpenForTheSitesStillVulnerable() {
        moveTo(advisoryAt.plusDays(2).plusMinutes(1).toInstant());
        List<JsonObject> tickets = awaitOutbox("sec03-ticket", 3);
        JsonObject ptuj = bySubject(tickets, "PtujRPC");
        assertThat(strings(ptuj, "to")).contains("admin@ptujrpc.si");
        assertThat(ptuj.getString("body"))
                .contains(
                        "will lead to site suspension shortly after the deadline",
                        "Monitoring saw your site vulnerable at",
                        "wn01.ptujrpc.si",
                        "Update the batch system",
                        "can be up to a day old");
        JsonObject izola = bySubject(tickets, "Izola MRF");
        assertThat(strings(izola, "to")).contains("csirt@izolamrf.si");
        JsonObject investigation = everyRole
                .get("api/tickets/" + izola.getJsonNumber("ticket").longValue())
                .json();
        assertThat(investigation.getString("queue")).isEqualTo("investigations");
        assertThat(everyRole.get("api/cases/" + cases.get("PtujRPC")).json().getString("state"))
                .isEqualTo("open");
    }

    private void aReplyIsAnsweredAndAnExplanationAccepted() {
        long izola = cases.get("Izola MRF");
        Answer responded = csirt.post(
                "api/cases/" + izola + "/site-response",
                "{\"statement\": \"Our batch system is "
                        + "not exposed: the CEs sit behind a bastion.\", \"plan\": \"Upgrade in the maintenance window.\"}");
        assertThat(responded.status()).as(responded.body()).isEqualTo(200);
        assertThat(responded.json().getBoolean("awaitingCsirt")).isTrue();
        Answer answered = csirt.post(
                "api/cases/" + izola + "/answer", "{\"content\": \"Thanks - please send the firewall rules.\"}");
        assertThat(answered.json().getBoolean("awaitingCsirt")).isFalse();
        assertThat(only(outbox("sec03-answer")).getString("body")).contains("please send the firewall rules");
        assertThat(everyRole.get("api/cases/" + izola + "/events").body()).contains("csirt_answered", "answered after");

        Answer again = csirt.post(
                "api/cases/" + izola + "/site-response", "{\"statement\": \"Here are the rules: only the bastion.\"}");
        assertThat(again.json().getBoolean("awaitingCsirt")).isTrue();
        long izolaTicket = again.json().getJsonNumber("ticket").longValue();
        Answer replied = csirt.post(
                "api/tickets/" + izolaTicket + "/replies",
                "{\"content\": \"Thanks, that will do until the upgrade.\"}");
        assertThat(replied.status()).as(replied.body()).isBetween(200, 201);
        assertThat(everyRole.get("api/cases/" + izola).json().getBoolean("awaitingCsirt"))
                .as("SEC03-2.7: a reply from the ticket page is CSIRT's answer")
                .isFalse();
        assertThat(everyRole.get("api/cases/" + izola + "/events").body()).contains("answered on the ticket after");

        Answer patchedRefused =
                csirt.post("api/cases/" + izola + "/acceptance", "{\"reason\": \"patched\", \"explanation\": \"x\"}");
        assertThat(patchedRefused.status()).isEqualTo(400);
        Answer accepted = csirt.post(
                "api/cases/" + izola + "/acceptance",
                "{\"reason\": \"agreed_action\", \"explanation\": \"Bastion-only access agreed with CSIRT until the upgrade.\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().getString("resolution")).isEqualTo("agreed_action");
        JsonObject thanks = only(outbox("sec03-thanks"));
        assertThat(thanks.getString("body")).contains("Thank you for addressing this problem");
        assertThat(everyRole
                        .get("api/tickets/" + thanks.getJsonNumber("ticket").longValue())
                        .json()
                        .getString("status"))
                .isEqualTo("resolved");

        assertThat(csirt.post(
                                "api/cases/" + cases.get("PtujRPC") + "/recommendation",
                                "{\"suspend\": true, \"reason\": \"no response to the ticket\"}")
                        .status())
                .isEqualTo(200);
        assertThat(csirt.post(
                                "api/cases/" + cases.get("grid-ljubljana-uni") + "/recommendation",
                                "{\"suspend\": true, \"reason\": \"no response\"}")
                        .status())
                .isEqualTo(200);
    }

    private void missedRemindersGoOutOnce() {
        moveTo(advisoryAt.plusDays(5).plusMinutes(1).toInstant());
        List<JsonObject> reminders = awaitOutbox("sec03-reminder", 2);
        Api.pause(Duration.ofSeconds(3));
        reminders = outbox("sec03-reminder");
        assertThat(reminders).hasSize(2);
        assertThat(reminders.stream().map(m -> m.getString("cause")).toList())
                .allMatch(cause -> cause.contains("r1/reminder-3"));
        JsonArray timeline =
                everyRole.get("api/campaigns/" + campaign + "/timeline").array();
        assertThat(entry(timeline, "r1/reminder-1").getInt("skipped")).isEqualTo(2);
        assertThat(entry(timeline, "r1/reminder-3").getInt("done")).isEqualTo(2);
    }

    private void theOmbVetoes() {
        long grid = cases.get("grid-ljubljana-uni");
        assertThat(csirt.post("api/cases/" + grid + "/veto", "{\"by\": \"omb\", \"reason\": \"x\"}")
                        .status())
                .isEqualTo(403);
        Answer vetoed = omb.post(
                "api/cases/" + grid + "/veto",
                "{\"by\": \"omb\", \"reason\": \"Majority of the OMB: the "
                        + "site hosts a critical service this week\"}");
        assertThat(vetoed.status()).as(vetoed.body()).isEqualTo(200);
        assertThat(vetoed.json().getString("vetoedBy")).isEqualTo("omb");
    }

    private void theEscalationGoesOut() {
        long grid = cases.get("grid-ljubljana-uni");
        Answer reasons = csirt.post(
                "api/cases/" + grid + "/site-response",
                "{\"statement\": \"The CE runs a vendor kernel; the fix needs a reboot of every worker node.\", "
                        + "\"plan\": \"Drain and reboot the workers after the critical service ends.\"}");
        assertThat(reasons.status()).as(reasons.body()).isEqualTo(200);
        Answer followUp =
                csirt.post("api/cases/" + grid + "/site-response", "{\"statement\": \"The NGI confirms the plan.\"}");
        assertThat(followUp.status()).as(followUp.body()).isEqualTo(200);
        assertThat(followUp.json().getString("siteStatement")).isEqualTo("The NGI confirms the plan.");

        moveTo(advisoryAt.plusDays(6).plusMinutes(1).toInstant());
        List<JsonObject> warnings = awaitOutbox("sec03-final-warning", 2);
        JsonObject ptuj = bySubject(warnings, "PtujRPC");
        assertThat(strings(ptuj, "to")).doesNotContain("admin@ptujrpc.si");
        assertThat(ptuj.getString("body"))
                .contains(
                        "This is the final reminder",
                        "the site will be",
                        "suspended",
                        "CSIRT will\ntry to help find a solution");
        JsonObject list = only(awaitOutbox("sec03-noc-list", 1));
        assertThat(strings(list, "to")).containsExactly(NOC);
        assertThat(list.getString("body"))
                .contains("2 site(s) have not yet acted", "PtujRPC (no response)", "grid-ljubljana-uni");
        JsonObject summary = only(awaitOutbox("sec03-omb-summary", 1));
        assertThat(summary.getString("body"))
                .contains(
                        "Steps taken by EGI CSIRT",
                        "Response: no response",
                        "CSIRT recommends suspension: yes - no response to the ticket",
                        "Veto recorded: OMB",
                        "EGI CSIRT plans to suspend the site(s) on the deadline");
        String gridSummary =
                summary.getString("body").substring(summary.getString("body").indexOf("* grid-ljubljana-uni"));
        assertThat(gridSummary)
                .as("SEC03-4.1.2: the NGI's one-line follow-up does not erase the reasons and the plan")
                .containsSubsequence(
                        "Responses, oldest first:",
                        "1. ",
                        ", recorded by csirt-user:",
                        "Statement: The CE runs a vendor kernel; the fix needs a reboot of every worker node.",
                        "Plan or alternative mitigation: Drain and reboot the workers after the critical service ends.",
                        "2. ",
                        ", recorded by csirt-user:",
                        "Statement: The NGI confirms the plan.",
                        "CSIRT recommends suspension: yes");
        assertThat(outbox("sec03-all-updated")).isEmpty();
        Answer early =
                coordinator.post("api/cases/" + cases.get("PtujRPC") + "/suspension", "{\"reason\": \"no response\"}");
        assertThat(early.status()).isEqualTo(409);
    }

    private void theCoordinatorSuspendsTheSite() {
        // Ten minutes past: the final warning went out when a beat reached it after the last move, seconds late on a
        // loaded machine, and SEC03-5.4 wants it a full 24 hours before the suspension is confirmed.
        moveTo(advisoryAt.plusDays(7).plusMinutes(10).toInstant());
        long ptuj = cases.get("PtujRPC");
        everyRole.await(
                "api/cases/" + ptuj, c -> c.getString("state").equals("awaiting_confirmation"), Duration.ofSeconds(20));
        long grid = cases.get("grid-ljubljana-uni");
        awaitText("api/cases/" + grid + "/events", "deadline_passed");
        assertThat(everyRole.get("api/cases/" + grid).json().getString("state")).isEqualTo("open");
        Answer vetoed = coordinator.post("api/cases/" + grid + "/suspension", "{\"reason\": \"no response\"}");
        assertThat(vetoed.status()).isEqualTo(409);

        assertThat(csirt.post("api/cases/" + ptuj + "/suspension", "{\"reason\": \"x\"}")
                        .status())
                .isEqualTo(403);
        Answer confirmed = coordinator.post(
                "api/cases/" + ptuj + "/suspension",
                "{\"reason\": \"No response to the ticket, the reminders or the final warning.\"}");
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        long suspension = confirmed.json().getJsonNumber("id").longValue();
        JsonObject active = everyRole.await(
                "api/suspensions/" + suspension, s -> s.getString("state").equals("active"), Duration.ofSeconds(20));
        assertThat(active.getBoolean("inForce")).isTrue();
        assertThat(everyRole.get("api/suspensions").array()).hasSize(1);
        assertThat(everyRole.get("api/sites/PtujRPC").json().getString("certificationStatus"))
                .isEqualTo("Suspended");
        assertThat(everyRole
                        .get("api/tickets/"
                                + active.getJsonNumber("countermeasure").longValue())
                        .json()
                        .getString("status"))
                .isEqualTo("active");

        JsonObject toSite = only(outbox("sec03-suspension-site"));
        assertThat(toSite.getString("body"))
                .contains("the suspension is about to\nbe carried out in GOCDB", "No response to the ticket");
        JsonObject decision = only(outbox("sec03-suspension-decision"));
        assertThat(strings(decision, "to")).containsExactly(NOC);
        JsonObject done = only(awaitOutbox("sec03-suspended", 1));
        assertThat(strings(done, "to")).containsExactlyInAnyOrder(NOC, COO);
        assertThat(done.getString("body"))
                .contains("Site: PtujRPC", "Suspended at: ", "Why: No response to the ticket");
    }

    private void anExtensionMovesTheSchedule() {
        long grid = cases.get("grid-ljubljana-uni");
        Instant later = advisoryAt.plusDays(14).toInstant().truncatedTo(ChronoUnit.SECONDS);
        Answer extended = csirt.post(
                "api/cases/" + grid + "/extension",
                "{\"deadline\": \"" + later + "\", \"requestedBy\": "
                        + "\"omb\", \"reason\": \"the critical service ends next week\"}");
        assertThat(extended.status()).as(extended.body()).isEqualTo(200);
        assertThat(extended.json().getInt("deadlineRound")).isEqualTo(2);
        assertThat(only(outbox("sec03-extension")).getString("body")).contains("at the request of the OMB");
        JsonArray timeline =
                everyRole.get("api/campaigns/" + campaign + "/timeline").array();
        assertThat(at(timeline, "r1/d2/deadline")).isEqualTo(later);
        assertThat(at(timeline, "r1/d2/final-warning")).isEqualTo(later.minus(Duration.ofHours(24)));
    }

    private void theRodGetsTheSiteBack() {
        long suspension = everyRole
                .get("api/suspensions")
                .array()
                .getJsonObject(0)
                .getJsonNumber("id")
                .longValue();
        assertThat(csirt.post(
                                "api/suspensions/" + suspension + "/reinstatement-request",
                                "{\"contact\": \"rod@ngi.si\", " + "\"request\": \"patched\"}")
                        .status())
                .isEqualTo(403);
        Answer requested = rod.post(
                "api/suspensions/" + suspension + "/reinstatement-request",
                "{\"contact\": \"rod@ngi.si\", " + "\"request\": \"PtujRPC upgraded to 2.4.7 on all worker nodes\"}");
        assertThat(requested.status()).as(requested.body()).isEqualTo(200);
        Answer verified = csirt.post(
                "api/suspensions/" + suspension + "/verification",
                "{\"approve\": true, " + "\"note\": \"Pakiti shows all hosts patched\"}");
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        JsonObject reinstated = everyRole.await(
                "api/suspensions/" + suspension,
                s -> s.getString("state").equals("reinstated"),
                Duration.ofSeconds(20));
        assertThat(reinstated.getBoolean("inForce")).isFalse();
        assertThat(everyRole.get("api/sites/PtujRPC").json().getString("certificationStatus"))
                .isEqualTo("Uncertified");
        JsonObject verdict = only(outbox("sec03-reinstatement-verdict"));
        assertThat(strings(verdict, "to")).containsExactly("rod@ngi.si");
        assertThat(verdict.getString("body")).contains("Uncertified (never straight to Certified)");
        JsonObject ptuj = everyRole.get("api/cases/" + cases.get("PtujRPC")).json();
        assertThat(ptuj.getString("resolution")).isEqualTo("reinstated");
        assertThat(everyRole.get("api/suspensions").array()).isEmpty();
        assertThat(everyRole.get("api/suspensions?state=all").array()).hasSize(1);
    }

    private void allSitesHaveActed() {
        assertThat(outbox("sec03-all-acted")).isEmpty();
        pakiti("", "?site=grid-ljubljana-uni");
        JsonObject allActed = only(outbox("sec03-all-acted"));
        assertThat(strings(allActed, "to")).containsExactlyInAnyOrder(NOC, COO);
        assertThat(allActed.getString("body")).contains("All 4 site(s)", "grid-ljubljana-uni");
        assertThat(outbox("sec03-thanks")).hasSize(2);
    }

    private void aReintroductionGetsTheFortyEightHourPath() {
        // grid-ljubljana-uni answered in its first round: its second starts with no response (issue 19, item 7).
        pakiti(rows("SSC", "ui.ssc.si") + rows("grid-ljubljana-uni", "ce.grid.uni-lj.si"), "");
        long ssc = cases.get("SSC");
        JsonObject reopened =
                everyRole.await("api/cases/" + ssc, c -> c.getString("state").equals("open"), Duration.ofSeconds(20));
        everyRole.await(
                "api/cases/" + cases.get("grid-ljubljana-uni"),
                c -> c.getString("state").equals("open"),
                Duration.ofSeconds(20));
        assertThat(reopened.getString("path")).isEqualTo("reintroduction");
        assertThat(reopened.getInt("round")).isEqualTo(2);
        Instant opened = Instant.parse(reopened.getString("initialNoticeAt"));
        assertThat(Duration.between(opened, Instant.parse(reopened.getString("deadline"))))
                .isGreaterThanOrEqualTo(Duration.ofHours(48));
        List<JsonObject> notices = awaitOutbox("sec03-reintroduction", 2);
        assertThat(notices).hasSize(2);
        JsonObject notice = bySubject(notices, "SSC");
        assertThat(notice.getString("subject"))
                .as("SEC03-3.1: a re-introduction")
                .contains("SSC again");
        assertThat(notice.getString("body"))
                .contains(
                        "at least 48 hours",
                        "vulnerable again",
                        "The earlier advisory",
                        "Advisory EGI-SVG-2026-50001",
                        "https://advisories.egi.eu/50001");
        assertThat(strings(notice, "to")).contains("csirt@ssc.si");

        moveTo(opened.plus(Duration.ofHours(24)).plusSeconds(60));
        List<JsonObject> notes = awaitOutbox("sec03-reintroduction-noc", 2);
        JsonObject noc = bySubject(notes, "SSC");
        assertThat(strings(noc, "to")).containsExactly(NOC);
        assertThat(noc.getString("subject")).contains("a re-introduction");
        assertThat(noc.getString("body")).contains("found vulnerable again", "Response: no response");
        assertThat(bySubject(notes, "grid-ljubljana-uni").getString("body"))
                .as("SEC03-3.2: a new round starts with no response; the first round's answer is not quoted")
                .contains("Response: no response", "does not recommend suspending the site")
                .doesNotContain("The NGI confirms the plan", "plans to suspend");
        assertThat(awaitOutbox("sec03-final-warning", 4)).hasSize(4);
        assertThat(outbox("sec03-reminder").stream()
                        .filter(m -> m.getString("subject").contains("SSC"))
                        .count())
                .isEqualTo(1);

        pakiti("", "?site=SSC");
        assertThat(everyRole.get("api/cases/" + ssc).json().getString("state")).isEqualTo("resolved");
        assertThat(outbox("sec03-all-acted")).hasSize(1);
        pakiti("", "?site=grid-ljubljana-uni");
        assertThat(outbox("sec03-all-acted")).hasSize(2);
    }

    /** The second campaign's facts. */
    private long secondCampaign;

    private ZonedDateTime secondAdvisoryAt;
    private Instant secondDeadline;

    private void aSecondCampaignOpensItsTickets() {
        secondAdvisoryAt = quietWednesday(now().atZone(CSIRT_ZONE).toLocalDate().plusDays(1), 13);
        moveTo(secondAdvisoryAt.toInstant());
        pakiti(rows(SECOND_CVE, "PtujRPC", "wn01.ptujrpc.si"), "");
        Answer created = csirt.post(
                "api/campaigns",
                "{\"title\": \"Container escape\", \"vulnerabilities\": [\"" + SECOND_CVE + "\"], "
                        + "\"advisory\": \"Advisory EGI-SVG-2026-50002: container escape.\", "
                        + "\"recommendedAction\": \"Update the container runtime to 1.7.2.\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        secondCampaign = created.json().getJsonNumber("id").longValue();
        Answer started = csirt.post("api/campaigns/" + secondCampaign + "/start", "");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        secondDeadline = Instant.parse(started.json().getString("deadline"));
        assertThat(secondDeadline).isCloseTo(secondAdvisoryAt.plusDays(7).toInstant(), within(1, ChronoUnit.MINUTES));
        moveTo(secondAdvisoryAt.plusDays(2).plusMinutes(1).toInstant());
        assertThat(awaitOutbox("sec03-ticket", 4).stream()
                        .filter(m -> m.getString("subject").contains(SECOND_CVE))
                        .toList())
                .hasSize(1);
    }

    private void aSiteFoundTheDayAfterTheTicketsKeepsTheCampaignsDeadline() {
        // Saturday 09:00, the day after the tickets: 48 hours end on Monday, before the campaign's Wednesday.
        moveTo(secondAdvisoryAt.plusDays(3).minusHours(1).toInstant());
        pakiti(rows(SECOND_CVE, "Izola MRF", "ce01.izolamrf.si"), "");
        long izola = caseIds(secondCampaign).get("Izola MRF");
        JsonObject opened =
                everyRole.await("api/cases/" + izola, c -> c.getString("state").equals("open"), Duration.ofSeconds(20));
        assertThat(opened.getString("path")).isEqualTo("reintroduction");
        assertThat(opened.getInt("round")).isEqualTo(1);
        assertThat(Instant.parse(opened.getString("deadline")))
                .as("SEC03-5.2: a late finding never shortens the deadline the advisory announced")
                .isEqualTo(secondDeadline);
        JsonObject notice = bySubject(secondCampaignMail("sec03-reintroduction", 1), "Izola MRF");
        assertThat(notice.getString("subject")).doesNotContain("again");
        assertThat(notice.getString("body"))
                .contains("This is the first time your site is found vulnerable", "at least 48 hours")
                .doesNotContain("vulnerable again", "re-appeared");
        JsonArray timeline =
                everyRole.get("api/campaigns/" + secondCampaign + "/timeline").array();
        assertThat(at(timeline, "r1/d1/final-warning"))
                .as("its final warning comes 24 hours before the campaign's deadline, with the others")
                .isEqualTo(secondDeadline.minus(Duration.ofHours(24)).truncatedTo(ChronoUnit.SECONDS));
    }

    private void nocManagersReadOfAFirstFinding() {
        moveTo(secondAdvisoryAt.plusDays(4).toInstant());
        JsonObject note = only(secondCampaignMail("sec03-reintroduction-noc", 1));
        assertThat(note.getString("subject")).contains("Izola MRF", "a finding after the tickets");
        assertThat(note.getString("body"))
                .contains(
                        "for the first time",
                        "after the campaign's tickets had gone out",
                        "receives its final warning 24 hours before its deadline")
                .doesNotContain("again");
        assertThat(secondCampaignMail("sec03-final-warning", 0)).isEmpty();
    }

    private void theEscalationListsTheSitesOnTheFortyEightHourPath() {
        // Monday 12:00: 48 hours end on Wednesday 12:00, two hours after the campaign's deadline: they stand.
        moveTo(secondAdvisoryAt.plusDays(5).plusHours(2).toInstant());
        pakiti(rows(SECOND_CVE, "SSC", "ui.ssc.si"), "");
        long ssc = caseIds(secondCampaign).get("SSC");
        JsonObject opened =
                everyRole.await("api/cases/" + ssc, c -> c.getString("state").equals("open"), Duration.ofSeconds(20));
        Instant sscDeadline = Instant.parse(opened.getString("deadline"));
        assertThat(sscDeadline).isAfter(secondDeadline);
        assertThat(sscDeadline.atZone(CSIRT_ZONE).toLocalDate())
                .isEqualTo(secondDeadline.atZone(CSIRT_ZONE).toLocalDate());

        moveTo(secondAdvisoryAt.plusDays(6).plusMinutes(1).toInstant());
        JsonObject list = only(secondCampaignMail("sec03-noc-list", 1));
        assertThat(list.getString("body"))
                .contains(
                        "3 site(s) have not yet acted",
                        "* PtujRPC (no response): deadline ",
                        "advisory path",
                        "* Izola MRF (no response): deadline ",
                        "48-hour path, found vulnerable after the tickets",
                        "* SSC (no response): deadline ",
                        utc(sscDeadline))
                .doesNotContain("extended");
        JsonObject summary = only(secondCampaignMail("sec03-omb-summary", 1));
        assertThat(summary.getString("body"))
                .contains("* SSC", "Deadline: ", utc(sscDeadline), "48-hour path", "does not recommend suspending")
                .doesNotContain("plans to suspend", "extended");
        assertThat(secondCampaignMail("sec03-final-warning", 2)).hasSize(2);
    }

    private void aLateFindingGetsFortyEightHoursOffTheFriday() {
        // Wednesday 09:00, an hour before the campaign's deadline: 48 hours end on Friday, so on Monday 09:00.
        ZonedDateTime found = secondAdvisoryAt.plusDays(7).minusHours(1);
        moveTo(found.toInstant());
        pakiti(rows(SECOND_CVE, "grid-ljubljana-uni", "ce.grid.uni-lj.si"), "");
        long grid = caseIds(secondCampaign).get("grid-ljubljana-uni");
        JsonObject opened =
                everyRole.await("api/cases/" + grid, c -> c.getString("state").equals("open"), Duration.ofSeconds(20));
        ZonedDateTime deadline = Instant.parse(opened.getString("deadline")).atZone(CSIRT_ZONE);
        assertThat(found.plusHours(48).getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
        assertThat(deadline.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(deadline.toLocalDate()).isEqualTo(found.toLocalDate().plusDays(5));
        assertThat(Duration.between(Instant.parse(opened.getString("initialNoticeAt")), deadline.toInstant()))
                .isGreaterThanOrEqualTo(Duration.ofHours(48));

        // SSC's check was due on Tuesday 12:00 and ran only now, with the clock moved on a day: its final warning is
        // late, less than 24 hours before its Wednesday 12:00 deadline, and names the earliest suspension instead.
        JsonObject late = bySubject(secondCampaignMail("sec03-final-warning", 3), "SSC");
        String tomorrow = found.plusDays(1).toLocalDate().toString();
        assertThat(late.getString("subject")).contains("suspension after", tomorrow);
        assertThat(late.getString("body"))
                .contains("This is the final reminder", "the earliest time a suspension can now happen", tomorrow);
    }

    private List<JsonObject> secondCampaignMail(String kind, int count) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<JsonObject> messages = ofSecondCampaign(outbox(kind));
        while (messages.size() < count && System.nanoTime() < until) {
            Api.pause(Duration.ofMillis(250));
            messages = ofSecondCampaign(outbox(kind));
        }
        assertThat(messages).as(kind).hasSizeGreaterThanOrEqualTo(count);
        return messages;
    }

    private static List<JsonObject> ofSecondCampaign(List<JsonObject> messages) {
        return messages.stream()
                .filter(m -> m.getString("subject").contains(SECOND_CVE))
                .toList();
    }

    /** How a letter writes an instant in UTC (after the local time). */
    private static String utc(Instant at) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .withZone(ZoneOffset.UTC)
                .format(at);
    }

    private Map<String, Long> caseIds() {
        return caseIds(campaign);
    }

    private Map<String, Long> caseIds(long campaign) {
        return everyRole.get("api/campaigns/" + campaign + "/cases").array().stream()
                .map(JsonValue::asJsonObject)
                .collect(java.util.stream.Collectors.toMap(
                        c -> c.getString("site"), c -> c.getJsonNumber("id").longValue()));
    }

    private void moveTo(Instant to) {
        Answer moved = everyRole.post("api/exercise/clock", "{\"to\": \"" + to + "\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    }

    private Instant now() {
        return Instant.parse(everyRole.get("api/exercise/clock").json().getString("now"));
    }

    private JsonObject pakiti(String rows, String query) {
        Answer answer = anonymous.send(
                "POST",
                "api/alerts/pakiti" + query,
                "text/csv",
                "tag,cve,site,host,os,arch,last_report\n" + rows,
                Map.of("Authorization", "Bearer " + PAKITI_TOKEN));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private String rows(String site, String host) {
        return rows(CVE, site, host);
    }

    private String rows(String cve, String site, String host) {
        String seen = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(now().minus(Duration.ofHours(2)).atOffset(ZoneOffset.UTC));
        return "EGI-Critical," + cve + "," + site + "," + host + ",\"AlmaLinux 9.3\",x86_64,\"" + seen + "\"\n";
    }

    private List<JsonObject> outbox(String kind) {
        return everyRole.get("api/outbox?size=500&kind=" + kind).array().stream()
                .map(JsonValue::asJsonObject)
                .toList();
    }

    private List<JsonObject> awaitOutbox(String kind, int count) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<JsonObject> messages = outbox(kind);
        while (messages.size() < count && System.nanoTime() < until) {
            Api.pause(Duration.ofMillis(250));
            messages = outbox(kind);
        }
        assertThat(messages).as(kind).hasSizeGreaterThanOrEqualTo(count);
        return messages;
    }

    private void awaitText(String path, String text) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!everyRole.get(path).body().contains(text) && System.nanoTime() < until) {
            Api.pause(Duration.ofMillis(250));
        }
        assertThat(everyRole.get(path).body()).contains(text);
    }

    private static JsonObject only(List<JsonObject> messages) {
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    private static JsonObject bySubject(List<JsonObject> messages, String site) {
        return messages.stream()
                .filter(m -> m.getString("subject").contains(site))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> strings(JsonObject message, String field) {
        return message.getJsonArray(field).getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString)
                .toList();
    }

    private static JsonObject entry(JsonArray timeline, String step) {
        return timeline.stream()
                .map(JsonValue::asJsonObject)
                .filter(e -> e.getString("step").equals(step))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no step " + step + " in " + timeline));
    }

    private static Instant at(JsonArray timeline, String step) {
        return Instant.parse(entry(timeline, step).getString("at"));
    }

    /**
     * A Wednesday at 10:00 in the CSIRT's zone, at least a day ahead, with no Dutch public holiday in the nine
     * days from it: the test's dates then follow the plain rule (deadline a week on, tickets the Friday before).
     */
    static ZonedDateTime quietWednesday() {
        return quietWednesday(LocalDate.now(CSIRT_ZONE).plusDays(1), 9);
    }

    /** The first such Wednesday from {@code from} with {@code quietDays} days free of holidays and clock changes. */
    static ZonedDateTime quietWednesday(LocalDate from, int quietDays) {
        HolidayManager holidays = HolidayManager.getInstance(ManagerParameters.create("nl"));
        Predicate<LocalDate> holiday = day -> holidays.isHoliday(day, HolidayType.PUBLIC_HOLIDAY);
        LocalDate day = from;
        while (day.getDayOfWeek() != DayOfWeek.WEDNESDAY
                || day.datesUntil(day.plusDays(quietDays)).anyMatch(holiday)
                || !CSIRT_ZONE
                        .getRules()
                        .getOffset(day.atStartOfDay())
                        .equals(CSIRT_ZONE
                                .getRules()
                                .getOffset(day.plusDays(quietDays).atStartOfDay()))
                || java.time.Duration.between(
                                        ZonedDateTime.now(CSIRT_ZONE),
                                        day.atTime(LocalTime.of(10, 0)).atZone(CSIRT_ZONE))
                                .compareTo(Duration.ofHours(20))
                        < 0) {
            day = day.plusDays(1);
        }
        return day.atTime(LocalTime.of(10, 0)).atZone(CSIRT_ZONE);
    }
}
