package org.csirtdesk.campaign.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.csirtdesk.campaign.entity.Campaign;
import org.csirtdesk.campaign.entity.CampaignCase;
import org.csirtdesk.campaign.entity.PlannedStep;
import org.csirtdesk.campaign.entity.StepName;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.schedule.control.Schedule;
import org.csirtdesk.schedule.entity.ScheduledStep;

/**
 * SEC03's steps on the schedule: a case's steps planned from its facts, planned again whenever they change (steps
 * done stay done, steps no longer wanted are cancelled), and the steps of the whole campaign.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class CampaignSchedule {

    @Inject
    ApplicationClock clock;

    @Inject
    Schedule schedule;

    @Inject
    ProcedureSettings settings;

    /**
     * Brings a case's planned steps in line with its facts. A case no longer waiting for the site keeps no
     * planned step. A step that would be new and is already past is not planned (an extension does not send
     * yesterday's reminder), except the round's first notice and final warning, which must go out.
     */
    public void replan(CampaignCase c, String why) {
        replan(List.of(c), why);
    }

    /**
     * {@link #replan(CampaignCase, String)} for many cases at once (a campaign's start): their steps read with one
     * query per thousand cases and the new ones written with one multi-row insert per few hundred.
     */
    public void replan(List<CampaignCase> cases, String why) {
        Instant now = clock.instant();
        Map<Long, Map<String, ScheduledStep>> existing = new HashMap<>();
        schedule.stepsAsPlanned(
                        CampaignCase.STEP_OWNER,
                        cases.stream().map(CampaignCase::id).toList())
                .forEach(step -> existing.computeIfAbsent(step.owner().id(), id -> new HashMap<>())
                        .put(step.step(), step));
        List<ScheduledStep> added = new ArrayList<>();
        for (CampaignCase c : cases) {
            List<PlannedStep> wanted = c.state().awaitsAction() && c.deadlineAt() != null && c.ticketDueAt() != null
                    ? settings.timeline()
                            .caseSteps(c.path(), c.round(), c.deadlineRound(), c.ticketDueAt(), c.deadlineAt())
                    : List.of();
            Map<String, ScheduledStep> rows = existing.getOrDefault(c.id(), new HashMap<>());
            for (PlannedStep step : wanted) {
                ScheduledStep row = rows.remove(step.name().toString());
                // The first notice and the final warning go out even late: a suspension needs both (SEC03-5.4).
                boolean firstNotice = step.name().kind() == StepName.Kind.TICKET
                        || step.name().kind() == StepName.Kind.REINTRODUCTION
                        || step.name().kind() == StepName.Kind.FINAL_WARNING;
                if (row == null) {
                    if (firstNotice || !step.due().isBefore(now)) {
                        added.add(new ScheduledStep(
                                CampaignCase.stepOwner(c.id()), step.name().toString(), step.due()));
                    }
                } else if (row.state() == ScheduledStep.State.PLANNED
                                && !row.dueAt().equals(step.due().truncatedTo(ChronoUnit.MICROS))
                        || row.state() == ScheduledStep.State.CANCELLED
                                && (firstNotice || !step.due().isBefore(now))) {
                    row.planFor(step.due());
                }
            }
            rows.values().stream()
                    .filter(row -> row.state() == ScheduledStep.State.PLANNED)
                    .forEach(row -> row.cancelled(now, why));
        }
        schedule.insert(added);
    }

    /** A step of the whole campaign, planned once. */
    public ScheduledStep planCampaignStep(long campaignId, StepName name, Instant due) {
        return schedule.planOnce(Campaign.stepOwner(campaignId), name.toString(), due);
    }

    /** The campaign's planned steps and its cases' are cancelled (it closed). */
    public void cancel(long campaignId, Collection<Long> caseIds, Instant now, String why) {
        schedule.cancelPlanned(Campaign.STEP_OWNER, List.of(campaignId), now, why);
        schedule.cancelPlanned(CampaignCase.STEP_OWNER, caseIds, now, why);
    }

    /** The campaign's steps and its cases' counted by name, due time and state, for its timeline. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Schedule.StepCount> counts(long campaignId, Collection<Long> caseIds) {
        List<Schedule.StepCount> counts = new ArrayList<>(schedule.counts(Campaign.STEP_OWNER, List.of(campaignId)));
        counts.addAll(schedule.counts(CampaignCase.STEP_OWNER, caseIds));
        return counts;
    }

    /**
     * The live reminders of these cases that are due by {@code now}, by case: read with one query before a batch
     * of steps runs, so that whether a reminder is overtaken ({@link CampaignSteps#overtakenBy}) is answered from
     * rows in hand. That they may be older than the step is harmless: a step changes only its own case's rows, a
     * batch runs a case's reminders in the order they are due, and only a later reminder can overtake.
     */
    public Map<Long, List<ScheduledStep>> remindersDue(Collection<Long> caseIds, Instant now) {
        return schedule.liveStepsDue(
                CampaignCase.STEP_OWNER, caseIds, "%/" + StepName.Kind.REMINDER.slug() + "-%", now);
    }
}
