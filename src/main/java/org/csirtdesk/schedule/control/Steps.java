package org.csirtdesk.schedule.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.schedule.entity.OwnedBy;
import org.csirtdesk.schedule.entity.ScheduledStep;
import org.csirtdesk.schedule.entity.StepDue;
import org.csirtdesk.schedule.entity.StepsClaimed;

/**
 * Runs due steps, claimed in batches, by announcing them to their owners: a batch's steps run one after another in
 * one transaction, each all or nothing with what its owner did (letters in the outbox, history on a ticket) and its
 * row marked. The batch is announced first ({@link StepsClaimed}), so that owners read what its steps need all at
 * once; then each step to the observers of its owner kind ({@link StepDue}, {@link OwnedBy}). A step its owner
 * leaves planned is passed over for now. If a batch fails, its transaction is rolled back whole and the heartbeat
 * runs its steps again one per transaction, so that a failing step fails only itself (docs/campaigns.md says why
 * batches).
 */
@ApplicationScoped
public class Steps {

    /** What one transaction of steps did: the steps it ran (done or skipped), and those it passed over for now. */
    public record Outcome(List<Long> ran, List<Long> passedOver) {
        static final Outcome NOTHING_DUE = new Outcome(List.of(), List.of());

        public boolean nothingDue() {
            return ran.isEmpty() && passedOver.isEmpty();
        }
    }

    static final Duration RETRY_AFTER = Duration.ofMinutes(5);

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    @Inject
    Schedule schedule;

    @Inject
    Event<StepsClaimed> batches;

    @Inject
    Event<StepDue> dueSteps;

    /** The event of each owner kind, selected once. */
    private final Map<String, Event<StepDue>> dueStepsByOwner = new ConcurrentHashMap<>();

    /**
     * Claims up to {@code limit} due steps not in {@code passedOver} and runs them. {@code claimed} learns the steps'
     * ids before they run, so that a batch that fails can be run again step by step.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Outcome runDue(int limit, List<Long> passedOver, Consumer<List<Long>> claimed) {
        Instant now = clock.instant();
        List<ScheduledStep> due = schedule.claimDue(now, passedOver, limit);
        claimed.accept(due.stream().map(ScheduledStep::id).toList());
        return run(due, now);
    }

    /** One step of a batch that failed, run again in a transaction of its own, if it is still due and free. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Outcome runAlone(long stepId) {
        Instant now = clock.instant();
        return run(schedule.claim(stepId, now).stream().toList(), now);
    }

    /** A step that failed is tried again later, counted, with the error kept for the desk. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(long stepId, String why) {
        ScheduledStep step = em.find(ScheduledStep.class, stepId);
        if (step != null && step.state() == ScheduledStep.State.PLANNED) {
            step.failed(clock.instant().plus(RETRY_AFTER), why);
        }
    }

    /**
     * Announces claimed steps: the batch, then each step read by key after the persistence context was emptied. A
     * step's changes are flushed and the context emptied when it is done: Hibernate checks every managed entity at
     * each flush, so a context that kept every step's rows would make a batch quadratic.
     */
    private Outcome run(List<ScheduledStep> due, Instant now) {
        if (due.isEmpty()) {
            return Outcome.NOTHING_DUE;
        }
        List<Long> stepIds = due.stream().map(ScheduledStep::id).toList();
        batches.fire(new StepsClaimed(due, now));
        em.clear();
        List<Long> ran = new ArrayList<>();
        List<Long> passedOver = new ArrayList<>();
        for (long stepId : stepIds) {
            ScheduledStep step = em.find(ScheduledStep.class, stepId);
            String owner = step.owner().kind();
            dueStepsByOwner
                    .computeIfAbsent(owner, kind -> dueSteps.select(new OwnedBy.Literal(kind)))
                    .fire(new StepDue(step, now));
            if (step.state() == ScheduledStep.State.PLANNED) {
                passedOver.add(stepId);
                continue;
            }
            ran.add(stepId);
            em.flush();
            em.clear();
        }
        return new Outcome(ran, passedOver);
    }
}
