package org.csirtdesk.campaign.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.csirtdesk.campaign.entity.CampaignCase;
import org.csirtdesk.campaign.entity.PlannedStep;
import org.csirtdesk.campaign.entity.ScheduledStep;
import org.csirtdesk.campaign.entity.StepName;
import org.csirtdesk.platform.control.ApplicationClock;

/**
 * The schedule's rows: a case's steps planned from its facts, planned again whenever they change (steps done
 * stay done, steps no longer wanted are cancelled), and the claim of the next due step for the heartbeat.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Schedule {

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    @Inject
    ProcedureSettings settings;

    /**
     * Brings a case's planned steps in line with its facts. A case no longer waiting for the site keeps no
     * planned step. A step that would be new and is already past is not planned (an extension does not send
     * yesterday's reminder), except the round's first notice and final warning, which must go out.
     */
    public void replan(CampaignCase c, String why) {
        Instant now = clock.instant();
        List<PlannedStep> wanted = c.state().awaitsAction() && c.deadlineAt() != null && c.ticketDueAt() != null
                ? settings.timeline().caseSteps(c.path(), c.round(), c.deadlineRound(), c.ticketDueAt(), c.deadlineAt())
                : List.of();
        Map<String, ScheduledStep> existing = new HashMap<>();
        // No flush first: the query reads one case's steps, which the persistence context already has right; a flush
        // would dirty-check every case loaded so far and make starting a big campaign quadratic.
        em.createQuery("select s from ScheduledStep s where s.caseId = :case", ScheduledStep.class)
                .setParameter("case", c.id()).setFlushMode(FlushModeType.COMMIT).getResultList().forEach(step -> existing.put(step.step(), step));
        for (PlannedStep step : wanted) {
            ScheduledStep row = existing.remove(step.name().toString());
            // The first notice and the final warning go out even late: a suspension needs both (SEC03-5.4).
            boolean firstNotice = step.name().kind() == StepName.Kind.TICKET || step.name().kind() == StepName.Kind.REINTRODUCTION
                    || step.name().kind() == StepName.Kind.FINAL_WARNING;
            if (row == null) {
                if (firstNotice || !step.due().isBefore(now)) {
                    em.persist(new ScheduledStep(c.campaignId(), c.id(), step.name(), step.due()));
                }
            } else if (row.state() == ScheduledStep.State.PLANNED && !row.dueAt().equals(micros(step.due()))
                    || row.state() == ScheduledStep.State.CANCELLED && (firstNotice || !step.due().isBefore(now))) {
                row.planFor(step.due());
            }
        }
        existing.values().stream().filter(row -> row.state() == ScheduledStep.State.PLANNED)
                .forEach(row -> row.cancelled(now, why));
    }

    /** A step of the whole campaign, planned once. */
    public ScheduledStep planCampaignStep(long campaignId, StepName name, Instant due) {
        Optional<ScheduledStep> existing = em.createQuery("select s from ScheduledStep s where s.campaignId = :campaign "
                        + "and s.caseId is null and s.step = :step", ScheduledStep.class)
                .setParameter("campaign", campaignId).setParameter("step", name.toString()).getResultStream().findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        ScheduledStep step = new ScheduledStep(campaignId, null, name, due);
        em.persist(step);
        return step;
    }

    /**
     * Claims the next due step no other transaction holds: the row stays locked until the caller's transaction
     * ends, so every instance's heartbeat can run at once and no step runs twice.
     */
    public Optional<ScheduledStep> claimNext(Instant now, List<Long> passedOver) {
        // The list of steps passed over is never empty in SQL: id 0 is no step's.
        List<?> ids = em.createNativeQuery("SELECT id FROM schedule_steps WHERE state = 'PLANNED' AND due_at <= :now"
                        + " AND id NOT IN (:passed) ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED")
                .setParameter("now", micros(now).atOffset(ZoneOffset.UTC).toLocalDateTime())
                .setParameter("passed", passedOver.isEmpty() ? List.of(0L) : passedOver)
                .getResultList();
        return ids.isEmpty() ? Optional.empty() : Optional.of(em.find(ScheduledStep.class, ((Number) ids.get(0)).longValue()));
    }

    /** Whether any step is due: the heartbeat's whole cost when nothing is. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean anyDue(Instant now) {
        return !em.createNativeQuery("SELECT 1 FROM schedule_steps WHERE state = 'PLANNED' AND due_at <= :now LIMIT 1")
                .setParameter("now", micros(now).atOffset(ZoneOffset.UTC).toLocalDateTime())
                .getResultList().isEmpty();
    }

    /** Whether a later reminder of the same case is due too: then this one is overtaken and only the last goes out. */
    public boolean laterReminderDue(ScheduledStep step, Instant now) {
        StepName name = step.name();
        return em.createQuery("select count(s) from ScheduledStep s where s.caseId = :case and s.step like :round "
                        + "and s.dueAt > :due and s.dueAt <= :now and s.state in :live", Long.class)
                .setParameter("case", step.caseId())
                .setParameter("round", "r" + name.round() + "/reminder-%")
                .setParameter("due", step.dueAt())
                .setParameter("now", now)
                .setParameter("live", List.of(ScheduledStep.State.PLANNED, ScheduledStep.State.DONE))
                .getSingleResult() > 0;
    }

    private static Instant micros(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }
}
