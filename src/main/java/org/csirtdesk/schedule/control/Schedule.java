package org.csirtdesk.schedule.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.csirtdesk.schedule.entity.ScheduledStep;
import org.csirtdesk.schedule.entity.StepOwner;

/**
 * The schedule's rows, by owner: steps planned once or in bulk, read back and cancelled for their owners, and the
 * claim of due steps for the heartbeat. The only reader and writer of {@code schedule_steps}; what a step means and
 * when it is wanted is its owner's business.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Schedule {

    /** How many steps of a count by step name, due time and state. */
    public record StepCount(String step, Instant dueAt, ScheduledStep.State state, long count) {}

    private static final int INSERTED_AT_ONCE = 500;
    /** Owners per query that reads their steps: an IN list MariaDB still plans as a range of the owner index. */
    private static final int OWNERS_AT_ONCE = 1000;

    @PersistenceContext
    EntityManager em;

    /** A step of an owner, planned once; a step of that name planned already keeps its time. */
    public ScheduledStep planOnce(StepOwner owner, String name, Instant due) {
        Optional<ScheduledStep> existing = em.createQuery(
                        "select s from ScheduledStep s where s.ownerKind = :kind "
                                + "and s.ownerId = :owner and s.step = :step",
                        ScheduledStep.class)
                .setParameter("kind", owner.kind())
                .setParameter("owner", owner.id())
                .setParameter("step", name)
                .getResultStream()
                .findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        ScheduledStep step = new ScheduledStep(owner, name, due);
        em.persist(step);
        return step;
    }

    /**
     * New steps, written by a multi-row insert rather than one insert each: their ids come from AUTO_INCREMENT,
     * so Hibernate cannot batch their inserts, and a campaign's start plans thousands. Later reads find them in the
     * table; nothing in the planning transaction holds them as entities.
     */
    public void insert(List<ScheduledStep> steps) {
        for (int from = 0; from < steps.size(); from += INSERTED_AT_ONCE) {
            List<ScheduledStep> chunk = steps.subList(from, Math.min(steps.size(), from + INSERTED_AT_ONCE));
            StringJoiner rows = new StringJoiner(", ");
            for (int i = 0; i < chunk.size(); i++) {
                rows.add("(:kind" + i + ", :owner" + i + ", :step" + i + ", :due" + i + ", 'PLANNED', 0, 0)");
            }
            // Flushing first is needless: the rows refer to no other row.
            Query insert = em.createNativeQuery(
                            "INSERT INTO schedule_steps (owner_kind, owner_id, step, due_at, state, attempts, "
                                    + "version) VALUES " + rows)
                    .setFlushMode(FlushModeType.COMMIT);
            for (int i = 0; i < chunk.size(); i++) {
                ScheduledStep step = chunk.get(i);
                insert.setParameter("kind" + i, step.owner().kind())
                        .setParameter("owner" + i, step.owner().id())
                        .setParameter("step" + i, step.step())
                        .setParameter("due" + i, utc(step.dueAt()));
            }
            insert.executeUpdate();
        }
    }

    /** The steps of these owners of a kind, the earliest due first. */
    public List<ScheduledStep> stepsOf(String ownerKind, Collection<Long> ownerIds) {
        return read(ownerKind, ownerIds, FlushModeType.AUTO);
    }

    /**
     * {@link #stepsOf} without a flush first, for re-planning: the persistence context already has these owners'
     * steps right, and a flush would dirty-check every entity loaded so far (a campaign's start loads thousands).
     */
    public List<ScheduledStep> stepsAsPlanned(String ownerKind, Collection<Long> ownerIds) {
        return read(ownerKind, ownerIds, FlushModeType.COMMIT);
    }

    private List<ScheduledStep> read(String ownerKind, Collection<Long> ownerIds, FlushModeType flush) {
        List<Long> ids = List.copyOf(ownerIds);
        List<ScheduledStep> steps = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += OWNERS_AT_ONCE) {
            steps.addAll(em.createQuery(
                            "select s from ScheduledStep s where s.ownerKind = :kind and s.ownerId in :owners "
                                    + "order by s.dueAt, s.id",
                            ScheduledStep.class)
                    .setParameter("kind", ownerKind)
                    .setParameter("owners", ids.subList(from, Math.min(ids.size(), from + OWNERS_AT_ONCE)))
                    .setFlushMode(flush)
                    .getResultList());
        }
        return steps;
    }

    /**
     * The steps of these owners whose name is like {@code namePattern} (SQL LIKE), due by {@code now}, planned or done,
     * by owner id.
     */
    public Map<Long, List<ScheduledStep>> liveStepsDue(
            String ownerKind, Collection<Long> ownerIds, String namePattern, Instant now) {
        Map<Long, List<ScheduledStep>> steps = new HashMap<>();
        if (!ownerIds.isEmpty()) {
            em.createQuery(
                            "select s from ScheduledStep s where s.ownerKind = :kind and s.ownerId in :owners and s.step like :name "
                                    + "and s.dueAt <= :now and s.state in :live",
                            ScheduledStep.class)
                    .setParameter("kind", ownerKind)
                    .setParameter("owners", ownerIds)
                    .setParameter("name", namePattern)
                    .setParameter("now", now)
                    .setParameter("live", List.of(ScheduledStep.State.PLANNED, ScheduledStep.State.DONE))
                    .getResultList()
                    .forEach(step -> steps.computeIfAbsent(step.owner().id(), id -> new ArrayList<>())
                            .add(step));
        }
        return steps;
    }

    /** The planned steps of these owners are cancelled (their owner closed, met, or no longer applies). */
    public void cancelPlanned(String ownerKind, Collection<Long> ownerIds, Instant now, String why) {
        stepsOf(ownerKind, ownerIds).stream()
                .filter(step -> step.state() == ScheduledStep.State.PLANNED)
                .forEach(step -> step.cancelled(now, why));
    }

    /** How many steps of these owners there are by name, due time and state: a summary read without loading them. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StepCount> counts(String ownerKind, Collection<Long> ownerIds) {
        List<Long> ids = List.copyOf(ownerIds);
        List<StepCount> counts = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += OWNERS_AT_ONCE) {
            for (Object row : em.createNativeQuery(
                            "SELECT step, due_at, state, COUNT(*) FROM schedule_steps WHERE owner_kind = :kind "
                                    + "AND owner_id IN (:owners) GROUP BY step, due_at, state")
                    .setParameter("kind", ownerKind)
                    .setParameter("owners", ids.subList(from, Math.min(ids.size(), from + OWNERS_AT_ONCE)))
                    .getResultList()) {
                Object[] columns = (Object[]) row;
                counts.add(new StepCount(
                        (String) columns[0],
                        instant(columns[1]),
                        ScheduledStep.State.valueOf((String) columns[2]),
                        ((Number) columns[3]).longValue()));
            }
        }
        return counts;
    }

    /**
     * Claims up to {@code limit} due steps no other transaction holds, the earliest first: the rows stay locked
     * until the caller's transaction ends, so every instance's heartbeat can run at once and no step runs twice.
     */
    public List<ScheduledStep> claimDue(Instant now, List<Long> passedOver, int limit) {
        // The list of steps passed over is never empty in SQL: id 0 is no step's.
        return loaded(em.createNativeQuery("SELECT id FROM schedule_steps WHERE state = 'PLANNED' AND due_at <= :now"
                        + " AND id NOT IN (:passed) ORDER BY due_at, id LIMIT :limit FOR UPDATE SKIP LOCKED")
                .setParameter("now", utc(now))
                .setParameter("passed", passedOver.isEmpty() ? List.of(0L) : passedOver)
                .setParameter("limit", limit)
                .getResultList());
    }

    /** Claims one step if it is still due and no other transaction holds it. */
    public Optional<ScheduledStep> claim(long stepId, Instant now) {
        return loaded(em.createNativeQuery(
                                "SELECT id FROM schedule_steps WHERE id = :id AND state = 'PLANNED' AND due_at <= :now"
                                        + " FOR UPDATE SKIP LOCKED")
                        .setParameter("id", stepId)
                        .setParameter("now", utc(now))
                        .getResultList())
                .stream()
                .findFirst();
    }

    /** The steps of the claimed ids, in the claim's order, read with one query. */
    private List<ScheduledStep> loaded(List<?> claimed) {
        List<Long> ids = claimed.stream().map(id -> ((Number) id).longValue()).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, ScheduledStep> byId = new HashMap<>();
        em.createQuery("select s from ScheduledStep s where s.id in :ids", ScheduledStep.class)
                .setParameter("ids", ids)
                .getResultList()
                .forEach(step -> byId.put(step.id(), step));
        return ids.stream().map(byId::get).toList();
    }

    /** Whether any step is due: the heartbeat's whole cost when nothing is. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean anyDue(Instant now) {
        return !em.createNativeQuery("SELECT 1 FROM schedule_steps WHERE state = 'PLANNED' AND due_at <= :now LIMIT 1")
                .setParameter("now", utc(now))
                .getResultList()
                .isEmpty();
    }

    /** An instant as the DATETIME(6) columns hold it: UTC, to the microsecond. */
    private static LocalDateTime utc(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC).toLocalDateTime();
    }

    private static Instant instant(Object column) {
        LocalDateTime local =
                column instanceof Timestamp timestamp ? timestamp.toLocalDateTime() : (LocalDateTime) column;
        return local.toInstant(ZoneOffset.UTC);
    }
}
