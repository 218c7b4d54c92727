package org.csirtdesk.incident.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.csirtdesk.incident.entity.FoundIndicator;
import org.csirtdesk.incident.entity.Indicator;
import org.csirtdesk.incident.entity.IndicatorType;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Ticket;
import org.csirtdesk.ticket.entity.Tlp;

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

    /** An indicator of a ticket, and why it is excluded by default from what is shared (null when it is not). */
    public record Listed(Indicator indicator, String excludedBecause) {}

    /** A TLP label in running text: "TLP:RED", "TLP: AMBER+STRICT", "[TLP:WHITE]". */
    private static final Pattern TLP_LABEL =
            Pattern.compile("\\bTLP\\s*:\\s*(CLEAR|WHITE|GREEN|AMBER|RED)(\\+STRICT)?\\b", Pattern.CASE_INSENSITIVE);

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
    IndicatorExclusions exclusions;

    /** The ticket's current indicators after reading its new texts, those excluded by default left out; the removed ones too when asked. */
    public List<Indicator> of(long ticketId, boolean withRemoved) {
        return listed(ticketId, withRemoved).stream()
                .filter(listed -> listed.excludedBecause() == null)
                .map(Listed::indicator)
                .toList();
    }

    /**
     * SEC01-tlp: the indicators a letter or an export of this TLP may carry: the current ones whose own TLP (the
     * strictest of the texts they were seen in) is at or below it.
     */
    public List<Indicator> sharable(long ticketId, Tlp tlp) {
        return of(ticketId, false).stream()
                .filter(indicator -> indicator.sharableAt(tlp))
                .toList();
    }

    /**
     * Every indicator of the ticket after reading its new texts, with why it is excluded by default when it is (a
     * victim's domain, a reporter's address, the CSIRT's own): one added by hand is not, whatever it is.
     */
    public List<Listed> listed(long ticketId, boolean withRemoved) {
        refresh(ticketId);
        List<Indicator> all = em.createQuery(
                        "select i from Indicator i where i.ticketId = :ticket"
                                + (withRemoved ? "" : " and i.removedAt is null") + " order by i.type, i.value",
                        Indicator.class)
                .setParameter("ticket", ticketId)
                .getResultList();
        IndicatorExclusions.Excluded excluded = exclusions.of(ticketId);
        return all.stream()
                .map(indicator -> new Listed(
                        indicator,
                        indicator.origin() == Indicator.Origin.MANUAL
                                ? null
                                : excluded.reason(indicator.found()).orElse(null)))
                .toList();
    }

    /** Reads the ticket's texts not read yet and records the indicators they hold, each with its text's TLP. */
    public void refresh(long ticketId) {
        scan(ticketId, null);
    }

    /**
     * SEC01-tlp: a letter of the incident was just written into its history (entry {@code entryId}). Of it, only the
     * text a person wrote is a source of indicators, at the letter's TLP: the rest is the template and the indicators
     * the letter repeats (which would otherwise all become as strict as the strictest letter), and its recipients
     * are no indicators.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void letterWritten(long ticketId, long entryId, String writtenText, Tlp tlp) {
        scan(ticketId, new WrittenLetter(entryId, writtenText, tlp));
    }

    private record WrittenLetter(long entryId, String text, Tlp tlp) {}

    private void scan(long ticketId, WrittenLetter letter) {
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
        // The ticket's TLP when each text was written: the old value of the first TLP change after it, else today's.
        List<Object[]> tlpChanges = texts.isEmpty()
                ? List.of()
                : em.createQuery(
                                "select h.id, h.oldValue from HistoryEntry h where h.ticket.id = :ticket "
                                        + "and h.field = 'tlp' and h.id > :scanned order by h.id",
                                Object[].class)
                        .setParameter("ticket", ticketId)
                        .setParameter("scanned", scanned)
                        .getResultList();
        Map<FoundIndicator, Tlp> found = new TreeMap<>();
        seen(found, ticket.subject(), textTlp(ticket.subject(), ticket.tlp()));
        long last = scanned;
        for (Object[] text : texts) {
            long id = (Long) text[0];
            if (letter != null && letter.entryId() == id) {
                seen(found, letter.text(), textTlp(letter.text(), letter.tlp()));
            } else {
                Tlp written = tlpAt(id, tlpChanges, ticket.tlp());
                seen(found, (String) text[1], textTlp((String) text[1], strictest(written, ticket.tlp())));
            }
            last = Math.max(last, id);
        }
        record(ticketId, found, Indicator.Origin.EXTRACTED, null, EXTRACTOR);
        // A ticket made stricter makes everything on it stricter, what was read before included; never the other way.
        // So does a report of the incident: one set to RED after its values were copied here makes them RED here too.
        Map<FoundIndicator, Tlp> inReports = new HashMap<>();
        em.createQuery(
                        "select i.type, i.value, i.tlp, t.tlp from Indicator i, Ticket t where t.id = i.ticketId "
                                + "and i.ticketId in (select l.key.childId from IncidentLink l "
                                + "where l.key.incidentId = :ticket)",
                        Object[].class)
                .setParameter("ticket", ticketId)
                .getResultList()
                .forEach(row -> inReports.merge(
                        new FoundIndicator((IndicatorType) row[0], (String) row[1]),
                        strictest((Tlp) row[2], (Tlp) row[3]),
                        Indicators::strictest));
        em.createNamedQuery(Indicator.OF_TICKET, Indicator.class)
                .setParameter("ticket", ticketId)
                .getResultList()
                .forEach(indicator -> {
                    indicator.seenIn(ticket.tlp());
                    Optional.ofNullable(inReports.get(indicator.found())).ifPresent(indicator::seenIn);
                });
        if (last > scanned) {
            em.createNativeQuery("UPDATE indicator_scans SET last_history_id = :last WHERE ticket_id = :ticket")
                    .setParameter("last", last)
                    .setParameter("ticket", ticketId)
                    .executeUpdate();
        }
    }

    /** Every value read from the text, each keeping the strictest TLP it was seen under. */
    private static void seen(Map<FoundIndicator, Tlp> found, String text, Tlp tlp) {
        // Nothing is dropped here: the CSIRT's own domains are kept, and shown as excluded (SEC01-announce).
        IndicatorExtraction.from(text).forEach(indicator -> found.merge(indicator, tlp, Indicators::strictest));
    }

    private static Tlp tlpAt(long entryId, List<Object[]> tlpChanges, Tlp current) {
        return tlpChanges.stream()
                .filter(change -> (Long) change[0] > entryId)
                .findFirst()
                .flatMap(change -> Tlp.parse((String) change[1]))
                .orElse(current);
    }

    /**
     * SEC01-tlp: a text is at least as strict as its ticket was when it was written, and as the strictest TLP label
     * it carries ("TLP:RED" in a mail's subject or body, or quoted from one). TLP:AMBER+STRICT (the recipient's
     * organisation only) never goes to a list either, so it counts as RED here.
     */
    static Tlp textTlp(String text, Tlp floor) {
        Tlp strictest = floor;
        if (text == null) {
            return strictest;
        }
        Matcher label = TLP_LABEL.matcher(text);
        while (label.find()) {
            Tlp labelled =
                    label.group(2) != null ? Tlp.RED : Tlp.parse(label.group(1)).orElse(floor);
            strictest = strictest(strictest, labelled);
        }
        return strictest;
    }

    static Tlp strictest(Tlp one, Tlp other) {
        return one.compareTo(other) >= 0 ? one : other;
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
        Tlp tlp = tickets.find(ticketId).tlp();
        Optional<Indicator> existing = find(ticketId, found);
        if (existing.isPresent()) {
            Indicator indicator = existing.get();
            // Removed, or excluded by default (a victim's domain): a person adds it on purpose, so it is shared.
            if (!indicator.isCurrent()
                    || (indicator.origin() != Indicator.Origin.MANUAL
                            && exclusions.of(ticketId).reason(found).isPresent())) {
                indicator.restore(note, actor, now);
            }
            indicator.seenIn(tlp);
            return indicator;
        }
        Indicator added = new Indicator(ticketId, found, Indicator.Origin.MANUAL, tlp, note, actor, now);
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
        Map<FoundIndicator, Tlp> current = new TreeMap<>();
        of(fromTicket, false).forEach(indicator -> current.put(indicator.found(), indicator.tlp()));
        refresh(toIncident);
        record(toIncident, current, Indicator.Origin.LINKED, "from report #" + fromTicket, actor);
        return List.copyOf(current.keySet());
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
        // A victim's domain or a reporter's address relates nothing: only values that are indicators count.
        IndicatorExclusions.Excluded excluded = exclusions.of(ticketId);
        Map<Long, List<FoundIndicator>> shared = new LinkedHashMap<>();
        for (Object[] row : rows) {
            FoundIndicator value = new FoundIndicator(IndicatorType.valueOf((String) row[1]), (String) row[2]);
            if (excluded.reason(value).isEmpty()) {
                shared.computeIfAbsent(((Number) row[0]).longValue(), id -> new ArrayList<>())
                        .add(value);
            }
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

    /** Records new values with their TLP; a value known already keeps the strictest TLP it has been seen under. */
    private void record(
            long ticketId, Map<FoundIndicator, Tlp> found, Indicator.Origin origin, String note, String actor) {
        if (found.isEmpty()) {
            return;
        }
        Map<FoundIndicator, Indicator> existing = new HashMap<>();
        em.createNamedQuery(Indicator.OF_TICKET, Indicator.class)
                .setParameter("ticket", ticketId)
                .getResultList()
                .forEach(indicator -> existing.put(indicator.found(), indicator));
        Instant now = clock.instant();
        found.forEach((indicator, tlp) -> {
            Indicator known = existing.get(indicator);
            if (known != null) {
                known.seenIn(tlp);
            } else if (indicator.value().length() <= Indicator.MAX_VALUE_LENGTH) {
                em.persist(new Indicator(ticketId, indicator, origin, tlp, note, actor, now));
            }
        });
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
