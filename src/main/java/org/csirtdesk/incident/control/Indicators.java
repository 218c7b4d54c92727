package org.csirtdesk.incident.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.csirtdesk.incident.entity.FoundIndicator;
import org.csirtdesk.incident.entity.Indicator;
import org.csirtdesk.incident.entity.IndicatorType;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Ticket;

/**
 * SEC01-related: the indicators of compromise of each ticket, and the incidents that share them. A ticket's texts
 * (subject, report, mails, notes) are read for indicators when its indicators are asked for, each history entry
 * once: a mail that arrived since is read then. A ticket's scan row is locked while it is read, so two readers of
 * the same ticket do not add the same indicator twice.
 */
@ApplicationScoped
@Transactional
public class Indicators {

    /** An incident that shares indicators with a ticket, and which. */
    public record Related(Ticket incident, List<FoundIndicator> shared) {}

    static final String EXTRACTOR = "extraction";
    /** More related incidents than this are not worth a look. */
    static final int MOST_RELATED = 20;

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    @Inject
    Tickets tickets;

    @Inject
    IncidentSettings settings;

    /** The ticket's indicators after reading its new texts; the removed ones too when asked. */
    public List<Indicator> of(long ticketId, boolean withRemoved) {
        refresh(ticketId);
        return em.createQuery(
                        "select i from Indicator i where i.ticketId = :ticket"
                                + (withRemoved ? "" : " and i.removedAt is null") + " order by i.type, i.value",
                        Indicator.class)
                .setParameter("ticket", ticketId)
                .getResultList();
    }

    /** Reads the ticket's texts not read yet and records the indicators they hold. */
    public void refresh(long ticketId) {
        Ticket ticket = tickets.find(ticketId);
        em.createNativeQuery("INSERT INTO indicator_scans (ticket_id, last_history_id) VALUES (:ticket, 0) "
                        + "ON DUPLICATE KEY UPDATE last_history_id = last_history_id")
                .setParameter("ticket", ticketId)
                .executeUpdate();
        long scanned = ((Number) em.createNativeQuery(
                                "SELECT last_history_id FROM indicator_scans WHERE ticket_id = :ticket FOR UPDATE")
                        .setParameter("ticket", ticketId)
                        .getSingleResult())
                .longValue();
        List<Object[]> texts = em.createQuery(
                        "select h.id, h.content from HistoryEntry h where h.ticket.id = :ticket "
                                + "and h.id > :scanned and h.content is not null order by h.id",
                        Object[].class)
                .setParameter("ticket", ticketId)
                .setParameter("scanned", scanned)
                .getResultList();
        Set<FoundIndicator> found = new TreeSet<>(IndicatorExtraction.from(ticket.subject(), settings::isOwn));
        long last = scanned;
        for (Object[] text : texts) {
            found.addAll(IndicatorExtraction.from((String) text[1], settings::isOwn));
            last = Math.max(last, (Long) text[0]);
        }
        record(ticketId, found, Indicator.Origin.EXTRACTED, null, EXTRACTOR);
        if (last > scanned) {
            em.createNativeQuery("UPDATE indicator_scans SET last_history_id = :last WHERE ticket_id = :ticket")
                    .setParameter("last", last)
                    .setParameter("ticket", ticketId)
                    .executeUpdate();
        }
    }

    /**
     * Adds an indicator by hand: checked and made canonical as extraction would. One removed before is current again.
     *
     * @throws DomainException (invalid {@code value}) when the value is no indicator of that type
     */
    public Indicator add(long ticketId, IndicatorType type, String value, String note, String actor) {
        refresh(ticketId);
        FoundIndicator found = IndicatorExtraction.one(type, value)
                .orElseThrow(() -> DomainException.invalid("value", "'" + value + "' is not " + describe(type)));
        Instant now = clock.instant();
        Optional<Indicator> existing = find(ticketId, found);
        if (existing.isPresent()) {
            if (!existing.get().isCurrent()) {
                existing.get().restore(note, actor, now);
            }
            return existing.get();
        }
        Indicator added = new Indicator(ticketId, found, Indicator.Origin.MANUAL, note, actor, now);
        em.persist(added);
        return added;
    }

    public Indicator remove(long ticketId, long indicatorId, String reason, String actor) {
        Indicator indicator = em.find(Indicator.class, indicatorId);
        if (indicator == null || indicator.ticketId() != ticketId) {
            throw DomainException.notFound("indicator " + indicatorId + " of ticket #" + ticketId);
        }
        indicator.remove(reason, actor, clock.instant());
        return indicator;
    }

    /** Copies the current indicators of a report to the incident it joins, saying where they came from. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<FoundIndicator> copy(long fromTicket, long toIncident, String actor) {
        List<FoundIndicator> current =
                of(fromTicket, false).stream().map(Indicator::found).toList();
        refresh(toIncident);
        record(toIncident, current, Indicator.Origin.LINKED, "from report #" + fromTicket, actor);
        return current;
    }

    /**
     * The incidents (of the Incidents queue, open or closed) that share current indicators with the ticket, most
     * shared first, then the latest changed.
     */
    public List<Related> related(long ticketId) {
        refresh(ticketId);
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT other.ticket_id, other.type, other.value
                        FROM ticket_indicators mine
                        JOIN ticket_indicators other ON other.type = mine.type AND other.value = mine.value
                             AND other.ticket_id <> mine.ticket_id AND other.removed_at IS NULL
                        JOIN tickets t ON t.id = other.ticket_id AND t.queue = :incidents
                        WHERE mine.ticket_id = :ticket AND mine.removed_at IS NULL
                        ORDER BY other.ticket_id, other.type, other.value
                        LIMIT 5000""")
                .setParameter("incidents", Queue.INCIDENTS.name())
                .setParameter("ticket", ticketId)
                .getResultList();
        Map<Long, List<FoundIndicator>> shared = new LinkedHashMap<>();
        for (Object[] row : rows) {
            shared.computeIfAbsent(((Number) row[0]).longValue(), id -> new ArrayList<>())
                    .add(new FoundIndicator(IndicatorType.valueOf((String) row[1]), (String) row[2]));
        }
        if (shared.isEmpty()) {
            return List.of();
        }
        Map<Long, Ticket> incidents = em
                .createNamedQuery(Ticket.BY_IDS, Ticket.class)
                .setParameter("ids", shared.keySet())
                .getResultList()
                .stream()
                .collect(Collectors.toMap(Ticket::id, Function.identity()));
        return shared.entrySet().stream()
                .map(entry -> new Related(incidents.get(entry.getKey()), entry.getValue()))
                .sorted(Comparator.comparing(
                                (Related related) -> related.shared().size())
                        .reversed()
                        .thenComparing(related -> related.incident().updatedAt(), Comparator.reverseOrder()))
                .limit(MOST_RELATED)
                .toList();
    }

    /** The current indicators both tickets hold. */
    public List<FoundIndicator> shared(long ticketId, long otherTicketId) {
        Set<FoundIndicator> other =
                of(otherTicketId, false).stream().map(Indicator::found).collect(Collectors.toSet());
        return of(ticketId, false).stream()
                .map(Indicator::found)
                .filter(other::contains)
                .toList();
    }

    private void record(
            long ticketId, Collection<FoundIndicator> found, Indicator.Origin origin, String note, String actor) {
        if (found.isEmpty()) {
            return;
        }
        Map<FoundIndicator, Indicator> existing = new HashMap<>();
        em.createNamedQuery(Indicator.OF_TICKET, Indicator.class)
                .setParameter("ticket", ticketId)
                .getResultList()
                .forEach(indicator -> existing.put(indicator.found(), indicator));
        Instant now = clock.instant();
        for (FoundIndicator indicator : found) {
            if (!existing.containsKey(indicator) && indicator.value().length() <= Indicator.MAX_VALUE_LENGTH) {
                em.persist(new Indicator(ticketId, indicator, origin, note, actor, now));
            }
        }
    }

    private Optional<Indicator> find(long ticketId, FoundIndicator found) {
        return em.createNamedQuery(Indicator.BY_TICKET_TYPE_AND_VALUE, Indicator.class)
                .setParameter("ticket", ticketId)
                .setParameter("type", found.type())
                .setParameter("value", found.value())
                .getResultStream()
                .findFirst();
    }

    private static String describe(IndicatorType type) {
        return switch (type) {
            case IPV4 -> "an IPv4 address such as 198.51.100.7";
            case IPV6 -> "an IPv6 address such as 2001:db8::7";
            case DOMAIN -> "a domain name with a known top-level domain, such as evil.example.net";
            case URL ->
                "an http, https or ftp URL of a valid host, at most " + Indicator.MAX_VALUE_LENGTH + " characters";
            case EMAIL -> "an e-mail address";
            case MD5 -> "an MD5 hash (32 hexadecimal digits)";
            case SHA1 -> "a SHA-1 hash (40 hexadecimal digits)";
            case SHA256 -> "a SHA-256 hash (64 hexadecimal digits)";
            case CVE -> "a CVE id such as CVE-2024-1086";
        };
    }
}
