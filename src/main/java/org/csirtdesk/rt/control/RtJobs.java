package org.csirtdesk.rt.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.csirtdesk.mail.entity.Backoff;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.rt.entity.LocalTicket;
import org.csirtdesk.rt.entity.RtJob;
import org.csirtdesk.ticket.control.TicketTags;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.HistoryEntry;
import org.csirtdesk.ticket.entity.HistoryType;
import org.csirtdesk.ticket.entity.Status;
import org.csirtdesk.ticket.entity.Ticket;
import org.csirtdesk.ticket.entity.TicketReference;

/**
 * The replication jobs' transactions, each short and never open across a call to RT: the claim (committed before
 * the call, so that a crash leaves a trace), the reading of what to push, and the outcome.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class RtJobs {

    /** A ticket's copy in RT, and the status the ticket has here. */
    public record InRt(long rtId, Status status) {}

    /** A job handed over for one attempt. */
    public record Handed(
            long id, RtJob.Kind kind, long ticketId, Long historyId, long generation, boolean handedOverBefore) {}

    /** RT's unavailability is waited out, however long: a job ends only done or refused. */
    static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5), Integer.MAX_VALUE);

    /** How long a job that needs its ticket or incident in RT first waits before it is looked at again. */
    static final Duration NOT_YET = Duration.ofSeconds(2);

    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}", Pattern.CASE_INSENSITIVE);

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    @Inject
    Tickets tickets;

    @Inject
    TicketTags tags;

    @Inject
    RtTransactionScope transaction;

    /**
     * Claims up to {@code size} due jobs for {@code lease}. A job whose ticket (or, for a creation or an update, whose
     * incident) is not in RT yet waits a moment without counting an attempt.
     */
    public List<Handed> claim(int size, Duration lease) {
        Instant now = clock.instant();
        List<?> ids = em.createNativeQuery("SELECT id FROM rt_jobs WHERE next_attempt_at <= :now"
                        + " ORDER BY next_attempt_at, id LIMIT :size FOR UPDATE SKIP LOCKED")
                .setParameter("now", utc(now))
                .setParameter("size", size)
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        List<RtJob> jobs = em.createNamedQuery(RtJob.BY_IDS, RtJob.class)
                .setParameter(
                        "ids", ids.stream().map(id -> ((Number) id).longValue()).toList())
                .getResultList();
        List<Long> ticketIds = jobs.stream().map(RtJob::ticketId).distinct().toList();
        Map<Long, List<Long>> incidents = tickets.incidentIdsOf(ticketIds);
        List<Long> all = new ArrayList<>(ticketIds);
        incidents.values().forEach(all::addAll);
        Map<Long, Long> rtIds = rtIds(all);
        List<Handed> handed = new ArrayList<>();
        for (RtJob job : jobs) {
            boolean placed = rtIds.containsKey(job.ticketId());
            boolean incidentsPlaced =
                    incidents.getOrDefault(job.ticketId(), List.of()).stream().allMatch(rtIds::containsKey);
            boolean ready =
                    switch (job.kind()) {
                        case CREATE -> placed || incidentsPlaced;
                        case UPDATE -> placed && incidentsPlaced;
                        case COMMENT -> placed;
                    };
            if (!ready) {
                job.waitUntil(now.plus(NOT_YET));
                continue;
            }
            boolean before = job.handedOverBefore();
            job.handedOver(now, now.plus(lease));
            handed.add(new Handed(job.id(), job.kind(), job.ticketId(), job.historyId(), job.generation(), before));
        }
        return handed;
    }

    /** The RT numbers of those of these tickets that are in RT. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<Long, Long> rtIds(Collection<Long> ticketIds) {
        if (ticketIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, Long> rtIds = new HashMap<>();
        em.createQuery("select t.id, t.rtId from Ticket t where t.id in :ids and t.rtId is not null", Object[].class)
                .setParameter("ids", ticketIds)
                .getResultList()
                .forEach(row -> rtIds.put((Long) row[0], (Long) row[1]));
        return rtIds;
    }

    /** Those of these tickets that are in RT, with their RT numbers and their statuses here, in one query. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<Long, InRt> inRt(Collection<Long> ticketIds) {
        if (ticketIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, InRt> inRt = new HashMap<>();
        em.createQuery(
                        "select t.id, t.rtId, t.status from Ticket t where t.id in :ids and t.rtId is not null",
                        Object[].class)
                .setParameter("ids", ticketIds)
                .getResultList()
                .forEach(row -> inRt.put((Long) row[0], new InRt((Long) row[1], (Status) row[2])));
        return inRt;
    }

    /** The ticket's whole state as RT is to have it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public LocalTicket local(long ticketId) {
        Ticket ticket = tickets.find(ticketId);
        List<Long> incidents = tickets.incidentIdsOf(List.of(ticketId)).getOrDefault(ticketId, List.of());
        Map<Long, Long> incidentRtIds = rtIds(incidents);
        String vulnerability = ticket.customFields().get("CVE");
        if (vulnerability == null) {
            Matcher cve = CVE.matcher(ticket.subject());
            vulnerability = cve.find() ? cve.group().toUpperCase(Locale.ROOT) : null;
        }
        String firstContent = em.createNamedQuery(HistoryEntry.OF_TICKET, HistoryEntry.class)
                .setParameter("ticket", ticketId)
                .setMaxResults(1)
                .getResultStream()
                .filter(entry -> entry.type() == HistoryType.CREATE)
                .map(HistoryEntry::content)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
        return new LocalTicket(
                ticket.id(),
                ticket.rtId().orElse(null),
                ticket.queue(),
                ticket.subject(),
                ticket.status(),
                ticket.requestors(),
                ticket.cc(),
                ticket.due(),
                ticket.site(),
                ticket.tlp(),
                vulnerability,
                tags.of(ticket.id()),
                incidents.stream()
                        .map(incidentRtIds::get)
                        .filter(Objects::nonNull)
                        .toList(),
                firstContent,
                ticket.mergedInto().isPresent(),
                refersToRtIds(ticketId));
    }

    /**
     * The RT numbers of the tickets this one refers to; null when it never referred to any, so that a push leaves links
     * made in RT alone. A ticket not yet in RT is left out, and put with the referring ticket's next change.
     */
    private List<Long> refersToRtIds(long ticketId) {
        List<Long> refersTo = tickets.referencesOf(List.of(ticketId)).stream()
                .filter(reference -> reference.ticketId() == ticketId)
                .map(TicketReference::refersToId)
                .toList();
        if (refersTo.isEmpty()
                && em.createQuery(
                                        "select count(h) from HistoryEntry h where h.ticket.id = :ticket and h.field = :field",
                                        Long.class)
                                .setParameter("ticket", ticketId)
                                .setParameter("field", Tickets.REFERS_TO)
                                .getSingleResult()
                        == 0) {
            return null;
        }
        Map<Long, Long> inRt = rtIds(refersTo);
        return refersTo.stream().map(inRt::get).filter(Objects::nonNull).toList();
    }

    /** The minutes worked said with one entry of a ticket's history (RT's TimeTaken), or null. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Integer timeWorked(long historyId) {
        HistoryEntry entry = em.find(HistoryEntry.class, historyId);
        return entry == null ? null : entry.timeWorked();
    }

    /** The text of one entry of a ticket's history (an internal note to comment in RT). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String content(long historyId) {
        HistoryEntry entry = em.find(HistoryEntry.class, historyId);
        return entry == null || entry.content() == null ? "" : entry.content();
    }

    /**
     * The ticket is in RT under {@code rtId}: noted on the ticket, and the creation is done. {@code stateDiffers}: RT
     * created it in its queue's initial status and the ticket has moved on, so its state is put next.
     */
    public void placed(Handed job, long rtId, boolean stateDiffers) {
        tickets.placedInRt(job.ticketId(), rtId);
        em.createNativeQuery("INSERT IGNORE INTO rt_tickets (ticket_id, last_transaction) VALUES (:ticket, 0)")
                .setParameter("ticket", job.ticketId())
                .executeUpdate();
        done(job);
        if (stateDiffers) {
            armUpdate(job.ticketId());
        }
    }

    /** The ticket's state is to be put into RT (again), in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void armUpdate(long ticketId) {
        Instant now = clock.instant();
        em.createNamedQuery(RtJob.BY_KEY, RtJob.class)
                .setParameter("key", RtJob.Kind.UPDATE.key(ticketId, null))
                .getResultStream()
                .findFirst()
                .ifPresentOrElse(
                        job -> job.armAgain(now), () -> em.persist(new RtJob(RtJob.Kind.UPDATE, ticketId, null, now)));
    }

    public void done(Handed job) {
        em.find(RtJob.class, job.id()).done(job.generation(), clock.instant());
    }

    public void retryLater(Handed job, String error, boolean reached) {
        em.find(RtJob.class, job.id()).retryLater(error, reached, clock.instant(), BACKOFF);
    }

    /**
     * RT refused the job: it fails, and the ticket says so with RT's words, where CSIRT works. The note itself is not
     * replicated (RT knows what it refused).
     */
    public void refused(Handed job, String reason) {
        em.find(RtJob.class, job.id()).refused(reason);
        transaction.mirroringRt();
        tickets.addMessage(
                job.ticketId(), null, HistoryType.COMMENT, "RT refused " + describe(job) + ": " + reason, RtPush.ACTOR);
    }

    private static String describe(Handed job) {
        return switch (job.kind()) {
            case CREATE -> "to create the ticket's copy";
            case UPDATE -> "to take the ticket's changes";
            case COMMENT -> "an internal note";
        };
    }

    static java.time.LocalDateTime utc(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC).toLocalDateTime();
    }
}
