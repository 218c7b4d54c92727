package org.csirtdesk.incident.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.csirtdesk.incident.entity.Incident;
import org.csirtdesk.mail.control.Letters;
import org.csirtdesk.mail.control.Outbox;
import org.csirtdesk.mail.entity.Letter;
import org.csirtdesk.mail.entity.OutgoingMessage;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.security.control.Users;
import org.csirtdesk.security.entity.User;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Status;
import org.csirtdesk.ticket.entity.Ticket;

/**
 * SEC01-coordinator: an open incident whose history has had no entry for {@code csirt.incidents.stalled-after} is
 * stalled, from the end of that time on, until the next entry. Whether it is stalled is worked out from the history
 * when asked, so it is never stale; the check tells the coordinator once per stall (the stall is named by the last
 * entry before it), in a letter that is not itself an entry, or it would end the stall it reports.
 */
@ApplicationScoped
public class StalledIncidents {

    /** The last entry of an incident's history: its id and time. */
    public record LastActivity(long entryId, Instant at) {}

    static final String LETTER = "sec01-stalled";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    @Inject
    IncidentSettings settings;

    @Inject
    Incidents incidents;

    @Inject
    Users users;

    @Inject
    Letters letters;

    @Inject
    Outbox outbox;

    @Transactional
    public LastActivity lastActivity(long ticketId) {
        Object[] row = (Object[]) em.createNativeQuery("SELECT h.id, h.at FROM ticket_history h WHERE h.id = "
                        + "(SELECT MAX(x.id) FROM ticket_history x WHERE x.ticket_id = :ticket)")
                .setParameter("ticket", ticketId)
                .getSingleResult();
        return new LastActivity(((Number) row[0]).longValue(), instant(row[1]));
    }

    /** Since when the ticket is stalled; empty when it is closed or had activity within the stall time. */
    public Optional<Instant> stalledSince(Ticket ticket, LastActivity last) {
        Instant since = last.at().plus(settings.stalledAfter());
        return ticket.status() == Status.OPEN && !since.isAfter(clock.instant())
                ? Optional.of(since)
                : Optional.empty();
    }

    /**
     * Tells the coordinator of each newly stalled incident, in one transaction; an incident another instance is
     * telling at the same moment is skipped (its row is locked) and the outbox's key keeps it to one letter anyway.
     *
     * @return how many coordinators were told
     */
    @Transactional
    public int check() {
        Instant cutoff = clock.instant().minus(settings.stalledAfter());
        List<Object[]> stalled = em.createNativeQuery("""
                        SELECT i.ticket_id, h.id, h.at FROM incidents i
                        JOIN tickets t ON t.id = i.ticket_id
                        JOIN ticket_history h ON h.id = (SELECT MAX(x.id) FROM ticket_history x WHERE x.ticket_id = i.ticket_id)
                        WHERE t.queue = :incidents AND t.status = :open AND h.at <= :cutoff
                          AND (i.stall_notified_for IS NULL OR i.stall_notified_for <> h.id)
                        ORDER BY i.ticket_id""")
                .setParameter("incidents", Queue.INCIDENTS.name())
                .setParameter("open", Status.OPEN.name())
                .setParameter("cutoff", cutoff)
                .getResultList();
        int told = 0;
        for (Object[] row : stalled) {
            long id = ((Number) row[0]).longValue();
            LastActivity last = new LastActivity(((Number) row[1]).longValue(), instant(row[2]));
            if (lockedForTelling(id) && tell(em.find(Incident.class, id), last)) {
                told++;
            }
        }
        return told;
    }

    private boolean lockedForTelling(long id) {
        return !em.createNativeQuery("SELECT ticket_id FROM incidents WHERE ticket_id = :id FOR UPDATE SKIP LOCKED")
                .setParameter("id", id)
                .getResultList()
                .isEmpty();
    }

    private boolean tell(Incident incident, LastActivity last) {
        em.refresh(incident);
        if (!incident.tellOfStall(last.entryId())) {
            return false;
        }
        Ticket ticket = em.find(Ticket.class, incident.ticketId());
        String to = Optional.ofNullable(incident.coordinator())
                .flatMap(users::find)
                .map(User::email)
                .filter(email -> !email.isBlank())
                .orElse(settings.csirtAddress());
        Map<String, Object> model = new HashMap<>();
        model.put(
                "incident",
                Map.of(
                        "id",
                        incident.ticketId(),
                        "tag",
                        incident.tag(),
                        "title",
                        incidents.title(ticket),
                        "coordinator",
                        incident.coordinator() == null ? "(none)" : incident.coordinator()));
        model.put("lastActivity", UTC.format(last.at()));
        model.put("stalledAfter", settings.stalledAfter().toString());
        model.put("tlp", ticket.tlp().name());
        Letter letter = letters.render(LETTER, model);
        outbox.enqueue(new OutgoingMessage(
                "incident-" + incident.ticketId() + "/stalled-after-" + last.entryId(),
                LETTER,
                incident.ticketId(),
                ticket.tlp(),
                List.of(to),
                List.of(),
                letter.subject(),
                letter.body()));
        return true;
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.time.LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        return (Instant) value;
    }
}
