package org.csirtdesk.campaign.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.csirtdesk.support.ScratchPersistence.doInTransaction;

import jakarta.persistence.EntityManager;
import java.lang.reflect.Field;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.csirtdesk.calendar.entity.CsirtCalendar;
import org.csirtdesk.campaign.entity.CampaignCase;
import org.csirtdesk.campaign.entity.CasePath;
import org.csirtdesk.campaign.entity.ProcedureTimes;
import org.csirtdesk.campaign.entity.Resolution;
import org.csirtdesk.campaign.entity.Timeline;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.schedule.control.Schedules;
import org.csirtdesk.schedule.entity.ScheduledStep;
import org.csirtdesk.schedule.entity.ScheduledStep.State;
import org.csirtdesk.support.ScratchPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SEC03's re-planning of a case's steps on a real MariaDB, without Payara: planned from the case's facts, planned
 * again when they change. The calendar is UTC without holidays, so the times read as they are: the ticket on Monday
 * 4 January 2027 at 09:00, a reminder a day, the final warning 24 hours before the deadline on Thursday at 09:00.
 */
class CampaignScheduleTest {

    private static final Instant TICKET = Instant.parse("2027-01-04T09:00:00Z");
    private static final Instant DEADLINE = Instant.parse("2027-01-07T09:00:00Z");
    private static final Timeline TIMELINE =
            new Timeline(new CsirtCalendar(ZoneOffset.UTC, day -> false), ProcedureTimes.SEC03);

    private static ScratchPersistence database;
    private static long nextCase = 1;

    @BeforeAll
    static void database() throws SQLException {
        database = ScratchPersistence.of("replan", ScheduledStep.class);
    }

    @AfterAll
    static void drop() throws SQLException {
        database.close();
    }

    @BeforeEach
    void noSteps() throws SQLException {
        database.sql("DELETE FROM schedule_steps");
    }

    /** Re-plans the case at {@code now} in a transaction of its own. */
    private static void replan(CampaignCase c, Instant now, String why) {
        try (EntityManager em = database.entityManager()) {
            CampaignSchedule planning = new CampaignSchedule();
            planning.schedule = Schedules.on(em);
            planning.clock = new ApplicationClock() {
                @Override
                public Instant instant() {
                    return now;
                }
            };
            planning.settings = new ProcedureSettings() {
                @Override
                public Timeline timeline() {
                    return TIMELINE;
                }
            };
            doInTransaction(em, tx -> planning.replan(c, why));
        }
    }

    /** The case's steps as the database has them, by name. */
    private static Map<String, ScheduledStep> steps(CampaignCase c) {
        try (EntityManager em = database.entityManager()) {
            return Schedules.on(em).stepsOf(CampaignCase.STEP_OWNER, List.of(c.id())).stream()
                    .collect(Collectors.toMap(ScheduledStep::step, Function.identity()));
        }
    }

    /** The heartbeat ran the step. */
    private static void ran(ScheduledStep step) {
        try (EntityManager em = database.entityManager()) {
            doInTransaction(em, tx -> {
                ScheduledStep row = tx.find(ScheduledStep.class, step.id());
                row.done(row.dueAt(), "ran");
            });
        }
    }

    /** A case on the advisory's path (its id set as the database would), not in any table: re-planning reads only its facts. */
    private static CampaignCase advisoryCase(Instant ticket, Instant deadline) throws ReflectiveOperationException {
        CampaignCase c =
                new CampaignCase(1, "SITE-" + nextCase, true, "host.example.org", ticket.minusSeconds(86_400), ticket);
        Field id = CampaignCase.class.getDeclaredField("id");
        id.setAccessible(true);
        id.set(c, nextCase++);
        c.plan(CasePath.ADVISORY, ticket, deadline);
        return c;
    }

    @Test
    @DisplayName(
            "SEC03-2.4, SEC03-2.5, SEC03-4.1.1: a case's steps are planned from its facts (ticket, a reminder a day, final warning, deadline), each once however often it is re-planned")
    void plannedFromFacts() throws ReflectiveOperationException {
        CampaignCase c = advisoryCase(TICKET, DEADLINE);
        replan(c, TICKET.minusSeconds(3600), "campaign started");
        Map<String, ScheduledStep> planned = steps(c);
        assertThat(planned.values())
                .extracting(ScheduledStep::step, ScheduledStep::dueAt, ScheduledStep::state)
                .containsExactlyInAnyOrder(
                        tuple("r1/ticket", TICKET, State.PLANNED),
                        tuple("r1/reminder-1", Instant.parse("2027-01-05T09:00:00Z"), State.PLANNED),
                        tuple("r1/d1/final-warning", Instant.parse("2027-01-06T09:00:00Z"), State.PLANNED),
                        tuple("r1/d1/deadline", DEADLINE, State.PLANNED));
        replan(c, TICKET.minusSeconds(1800), "nothing changed");
        assertThat(steps(c)).as("the same rows, none twice").hasSize(4).allSatisfy((name, step) -> assertThat(step.id())
                .isEqualTo(planned.get(name).id()));
    }

    @Test
    @DisplayName(
            "SEC03-4.3: an extension re-plans: steps done stay done, the old deadline's steps are cancelled, the new deadline's planned, a new reminder already past is not")
    void extension() throws ReflectiveOperationException {
        CampaignCase c = advisoryCase(TICKET, DEADLINE);
        replan(c, TICKET.minusSeconds(3600), "campaign started");
        Map<String, ScheduledStep> before = steps(c);
        ran(before.get("r1/ticket"));
        ran(before.get("r1/reminder-1"));
        Instant now = Instant.parse("2027-01-06T10:00:00Z");
        c.extend(Instant.parse("2027-01-11T09:00:00Z"));
        replan(c, now, "deadline extended");
        Map<String, ScheduledStep> after = steps(c);
        assertThat(after.get("r1/ticket").state()).isEqualTo(State.DONE);
        assertThat(after.get("r1/reminder-1").state()).isEqualTo(State.DONE);
        assertThat(after).doesNotContainKey("r1/reminder-2");
        assertThat(List.of(after.get("r1/d1/final-warning"), after.get("r1/d1/deadline")))
                .extracting(ScheduledStep::state, ScheduledStep::outcome)
                .containsOnly(tuple(State.CANCELLED, "deadline extended"));
        assertThat(after.values())
                .filteredOn(step -> step.state() == State.PLANNED)
                .extracting(ScheduledStep::step, ScheduledStep::dueAt)
                .containsExactlyInAnyOrder(
                        tuple("r1/reminder-3", Instant.parse("2027-01-07T09:00:00Z")),
                        tuple("r1/reminder-4", Instant.parse("2027-01-08T09:00:00Z")),
                        tuple("r1/reminder-5", Instant.parse("2027-01-09T09:00:00Z")),
                        tuple("r1/d2/final-warning", Instant.parse("2027-01-10T09:00:00Z")),
                        tuple("r1/d2/deadline", Instant.parse("2027-01-11T09:00:00Z")));
    }

    @Test
    @DisplayName(
            "SEC03-5.4: planned late, the first notice and the final warning still go out; a reminder already past does not")
    void lateFirstNoticeAndFinalWarning() throws ReflectiveOperationException {
        CampaignCase c = advisoryCase(TICKET, DEADLINE);
        replan(c, Instant.parse("2027-01-06T12:00:00Z"), "campaign started late");
        assertThat(steps(c).values())
                .extracting(ScheduledStep::step)
                .containsExactlyInAnyOrder("r1/ticket", "r1/d1/final-warning", "r1/d1/deadline");
    }

    @Test
    @DisplayName(
            "SEC03-7: a resolved case keeps no planned step: they are cancelled with the reason, a step done stays done")
    void resolvedCaseKeepsNoPlannedStep() throws ReflectiveOperationException {
        CampaignCase c = advisoryCase(TICKET, DEADLINE);
        replan(c, TICKET.minusSeconds(3600), "campaign started");
        ran(steps(c).get("r1/ticket"));
        c.resolve(Resolution.PATCHED, null, TICKET.plusSeconds(3600));
        replan(c, TICKET.plusSeconds(3600), "case resolved: patched");
        assertThat(steps(c).values())
                .extracting(ScheduledStep::step, ScheduledStep::state)
                .containsExactlyInAnyOrder(
                        tuple("r1/ticket", State.DONE),
                        tuple("r1/reminder-1", State.CANCELLED),
                        tuple("r1/d1/final-warning", State.CANCELLED),
                        tuple("r1/d1/deadline", State.CANCELLED));
    }
}
