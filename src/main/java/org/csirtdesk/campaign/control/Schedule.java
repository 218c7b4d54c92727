package org.csirtdesk.campaign.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
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

    private static final int INSERTED_AT_ONCE = 500;

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
        replan(List.of(c), why);
    }

    /**
     * {@link #replan(CampaignCase, String)} for many cases at once (a campaign's start): their steps read with one
     * query per thousand cases and the new ones written with one insert per {@value #INSERTED_AT_ONCE}.
     */
    public void replan(List<CampaignCase> cases, String why) {
        Instant now = clock.instant();
        Map<Long, Map<String, ScheduledStep>> existing = stepsOf(cases.stream().map(CampaignCase::id).toList());
        List<ScheduledStep> added = new ArrayList<>();
        for (CampaignCase c : cases) {
            List<PlannedStep> wanted = c.state().awaitsAction() && c.deadlineAt() != null && c.ticketDueAt() != null
                    ? settings.timeline().caseSteps(c.path(), c.round(), c.deadlineRound(), c.ticketDueAt(), c.deadlineAt())
                    : List.of();
            Map<String, ScheduledStep> rows = existing.getOrDefault(c.id(), new HashMap<>());
            for (PlannedStep step : wanted) {
                ScheduledStep row = rows.remove(step.name().toString());
                // The first notice and the final warning go out even late: a suspension needs both (SEC03-5.4).
                boolean firstNotice = step.name().kind() == StepName.Kind.TICKET || step.name().kind() == StepName.Kind.REINTRODUCTION
                        || step.name().kind() == StepName.Kind.FINAL_WARNING;
                if (row == null) {
                    if (firstNotice || !step.due().isBefore(now)) {
                        added.add(new ScheduledStep(c.campaignId(), c.id(), step.name(), step.due()));
                    }
                } else if (row.state() == ScheduledStep.State.PLANNED && !row.dueAt().equals(micros(step.due()))
                        || row.state() == ScheduledStep.State.CANCELLED && (firstNotice || !step.due().isBefore(now))) {
                    row.planFor(step.due());
                }
            }
            rows.values().stream().filter(row -> row.state() == ScheduledStep.State.PLANNED)
                    .forEach(row -> row.cancelled(now, why));
        }
        insert(added);
    }

    /**
     * The cases' steps by case and step name. No flush first: the persistence context already has these cases'
     * steps right, and a flush would dirty-check every case loaded so far.
     */
    private Map<Long, Map<String, ScheduledStep>> stepsOf(List<Long> caseIds) {
        Map<Long, Map<String, ScheduledStep>> steps = new HashMap<>();
        for (int from = 0; from < caseIds.size(); from += 1000) {
            em.createQuery("select s from ScheduledStep s where s.caseId in :cases", ScheduledStep.class)
                    .setParameter("cases", caseIds.subList(from, Math.min(caseIds.size(), from + 1000)))
                    .setFlushMode(FlushModeType.COMMIT).getResultList()
                    .forEach(step -> steps.computeIfAbsent(step.caseId(), id -> new HashMap<>()).put(step.step(), step));
        }
        return steps;
    }

    /**
     * New steps, written by a multi-row insert rather than one insert each: their ids come from AUTO_INCREMENT,
     * so Hibernate cannot batch their inserts, and a campaign's start plans thousands. Later reads find them in the
     * table; nothing in the planning transaction holds them as entities.
     */
    private void insert(List<ScheduledStep> steps) {
        for (int from = 0; from < steps.size(); from += INSERTED_AT_ONCE) {
            List<ScheduledStep> chunk = steps.subList(from, Math.min(steps.size(), from + INSERTED_AT_ONCE));
            StringJoiner rows = new StringJoiner(", ");
            for (int i = 0; i < chunk.size(); i++) {
                rows.add("(:campaign" + i + ", :case" + i + ", :step" + i + ", :due" + i + ", 'PLANNED', 0, 0)");
            }
            // Flushing first is needless: the rows refer only to cases and campaigns that are in the table already.
            Query insert = em.createNativeQuery("INSERT INTO schedule_steps (campaign_id, case_id, step, due_at, state, attempts, "
                    + "version) VALUES " + rows).setFlushMode(FlushModeType.COMMIT);
            for (int i = 0; i < chunk.size(); i++) {
                ScheduledStep step = chunk.get(i);
                insert.setParameter("campaign" + i, step.campaignId()).setParameter("case" + i, step.caseId())
                        .setParameter("step" + i, step.step())
                        .setParameter("due" + i, step.dueAt().atOffset(ZoneOffset.UTC).toLocalDateTime());
            }
            insert.executeUpdate();
        }
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
     * A step of an incident site's SEC01 deadline, planned once; a step of that name planned already keeps its time.
     */
    public ScheduledStep planDeadlineStep(long deadlineId, String name, Instant due) {
        Optional<ScheduledStep> existing = em.createQuery("select s from ScheduledStep s where s.deadlineId = :deadline "
                        + "and s.step = :step", ScheduledStep.class)
                .setParameter("deadline", deadlineId).setParameter("step", name).getResultStream().findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        ScheduledStep step = ScheduledStep.ofDeadline(deadlineId, name, due);
        em.persist(step);
        return step;
    }

    /** The deadline's planned steps are cancelled (it was met, or no longer applies). */
    public void cancelDeadlineSteps(long deadlineId, Instant now, String why) {
        em.createQuery("select s from ScheduledStep s where s.deadlineId = :deadline and s.state = :planned", ScheduledStep.class)
                .setParameter("deadline", deadlineId).setParameter("planned", ScheduledStep.State.PLANNED).getResultList()
                .forEach(step -> step.cancelled(now, why));
    }

    /** A deadline's steps, for its view: when its reminder is (or was) due. */
    public List<ScheduledStep> deadlineSteps(Collection<Long> deadlineIds) {
        if (deadlineIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select s from ScheduledStep s where s.deadlineId in :deadlines order by s.dueAt", ScheduledStep.class)
                .setParameter("deadlines", deadlineIds).getResultList();
    }

    /**
     * Claims up to {@code limit} due steps no other transaction holds, the earliest first: the rows stay locked
     * until the caller's transaction ends, so every instance's heartbeat can run at once and no step runs twice.
     */
    public List<ScheduledStep> claimDue(Instant now, List<Long> passedOver, int limit) {
        // The list of steps passed over is never empty in SQL: id 0 is no step's.
        return loaded(em.createNativeQuery("SELECT id FROM schedule_steps WHERE state = 'PLANNED' AND due_at <= :now"
                        + " AND id NOT IN (:passed) ORDER BY due_at, id LIMIT :limit FOR UPDATE SKIP LOCKED")
                .setParameter("now", micros(now).atOffset(ZoneOffset.UTC).toLocalDateTime())
                .setParameter("passed", passedOver.isEmpty() ? List.of(0L) : passedOver)
                .setParameter("limit", limit)
                .getResultList());
    }

    /** Claims one step if it is still due and no other transaction holds it. */
    public Optional<ScheduledStep> claim(long stepId, Instant now) {
        return loaded(em.createNativeQuery("SELECT id FROM schedule_steps WHERE id = :id AND state = 'PLANNED' AND due_at <= :now"
                        + " FOR UPDATE SKIP LOCKED")
                .setParameter("id", stepId)
                .setParameter("now", micros(now).atOffset(ZoneOffset.UTC).toLocalDateTime())
                .getResultList()).stream().findFirst();
    }

    /** The steps of the claimed ids, in the claim's order, read with one query. */
    private List<ScheduledStep> loaded(List<?> claimed) {
        List<Long> ids = claimed.stream().map(id -> ((Number) id).longValue()).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, ScheduledStep> byId = new HashMap<>();
        em.createQuery("select s from ScheduledStep s where s.id in :ids", ScheduledStep.class).setParameter("ids", ids)
                .getResultList().forEach(step -> byId.put(step.id(), step));
        return ids.stream().map(byId::get).toList();
    }

    /** Whether any step is due: the heartbeat's whole cost when nothing is. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean anyDue(Instant now) {
        return !em.createNativeQuery("SELECT 1 FROM schedule_steps WHERE state = 'PLANNED' AND due_at <= :now LIMIT 1")
                .setParameter("now", micros(now).atOffset(ZoneOffset.UTC).toLocalDateTime())
                .getResultList().isEmpty();
    }

    /**
     * The live reminders of these cases that are due by {@code now}, by case: read with one query before a batch
     * of steps runs, so that whether a reminder is overtaken ({@link ScheduledStep#overtakenBy}) is answered from
     * rows in hand. That they may be older than the step is harmless: a step changes only its own case's rows, a
     * batch runs a case's reminders in the order they are due, and only a later reminder can overtake.
     */
    public Map<Long, List<ScheduledStep>> remindersDue(Collection<Long> caseIds, Instant now) {
        Map<Long, List<ScheduledStep>> reminders = new HashMap<>();
        if (!caseIds.isEmpty()) {
            em.createQuery("select s from ScheduledStep s where s.caseId in :cases and s.step like :reminders "
                            + "and s.dueAt <= :now and s.state in :live", ScheduledStep.class)
                    .setParameter("cases", caseIds).setParameter("reminders", "%/" + StepName.Kind.REMINDER.slug() + "-%")
                    .setParameter("now", now)
                    .setParameter("live", List.of(ScheduledStep.State.PLANNED, ScheduledStep.State.DONE))
                    .getResultList().forEach(step -> reminders.computeIfAbsent(step.caseId(), id -> new ArrayList<>()).add(step));
        }
        return reminders;
    }

    private static Instant micros(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }
}
