package org.csirtdesk.incident.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.validator.routines.EmailValidator;
import org.csirtdesk.incident.entity.AffectedSite;
import org.csirtdesk.incident.entity.ClosureReport;
import org.csirtdesk.incident.entity.FoundIndicator;
import org.csirtdesk.incident.entity.Incident;
import org.csirtdesk.incident.entity.IncidentTag;
import org.csirtdesk.incident.entity.Indicator;
import org.csirtdesk.mail.control.Letters;
import org.csirtdesk.mail.control.Outbox;
import org.csirtdesk.mail.entity.Letter;
import org.csirtdesk.mail.entity.OutgoingMessage;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.SiteName;
import org.csirtdesk.security.control.Users;
import org.csirtdesk.security.entity.Role;
import org.csirtdesk.security.entity.User;
import org.csirtdesk.site.control.SiteDirectory;
import org.csirtdesk.site.entity.Site;
import org.csirtdesk.ticket.control.TicketDraft;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.HistoryEntry;
import org.csirtdesk.ticket.entity.HistoryType;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Status;
import org.csirtdesk.ticket.entity.Ticket;
import org.csirtdesk.ticket.entity.Tlp;

/**
 * SEC01's incidents, each change in one transaction: the triage of a report, the coordinator, the affected sites,
 * the letters to the security lists and the closure. An incident is an Incidents ticket with its row in
 * {@code incidents}; that row is locked for every change, so two changes of one incident take turns. Every decision
 * lands in the ticket's history, which is also what "activity" means for a stalled incident.
 */
@ApplicationScoped
@Transactional
public class Incidents {

    /** What a triage did: the report after it, the incident it joined or opened, and the indicators they share. */
    public record TriageOutcome(
            Ticket report, Triage.Decision decision, Incident incident, List<FoundIndicator> shared) {}

    /** A letter as queued, and to whom. */
    public record Sent(String kind, Letter letter, List<String> to, Tlp tlp) {}

    static final String ANNOUNCEMENT = "sec01-announcement";
    static final String UPDATE = "sec01-update";
    static final String CLOSURE = "sec01-closure";

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    @Inject
    Tickets tickets;

    @Inject
    IncidentTags tags;

    @Inject
    Indicators indicators;

    @Inject
    IncidentSettings settings;

    @Inject
    Users users;

    @Inject
    SiteDirectory sites;

    @Inject
    Letters letters;

    @Inject
    Outbox outbox;

    @Inject
    Deadlines deadlines;

    public TriageOutcome triage(long reportId, Triage triage, String actor) {
        // Two officers triaging one report at once: the second waits for the first and sees its decision. The report's
        // row is locked before the day's tag counter, as every triage does, so two triages cannot deadlock.
        em.createNativeQuery("SELECT id FROM tickets WHERE id = :id FOR UPDATE")
                .setParameter("id", reportId)
                .getResultList();
        Ticket report = tickets.find(reportId);
        if (report.queue() != Queue.INCIDENT_REPORTS) {
            throw DomainException.invalid(
                    "report",
                    "#" + reportId + " is in " + report.queue().displayName() + ": only an Incident Report is triaged");
        }
        if (!report.isActive()) {
            throw DomainException.conflict(
                    "status",
                    "report #" + reportId + " is " + report.status().label()
                            + " already: reopen it (status open) to triage it again");
        }
        return switch (triage.decision()) {
            case REJECT -> {
                Ticket rejected =
                        tickets.changeStatus(reportId, null, Status.REJECTED, required(triage.reason()), actor);
                yield new TriageOutcome(rejected, Triage.Decision.REJECT, null, List.of());
            }
            case LINK -> link(report, triage, actor);
            case NEW -> {
                String title = triage.title() == null || triage.title().isBlank()
                        ? report.subject()
                        : triage.title().strip();
                Incident opened = open(
                        title,
                        triage.tlp() == null ? report.tlp() : triage.tlp(),
                        triage.coordinator() == null ? actor : triage.coordinator(),
                        "Opened from Incident Report #" + reportId
                                + (blank(triage.reason())
                                        ? ""
                                        : ": " + triage.reason().strip()),
                        actor);
                tickets.link(reportId, opened.ticketId(), null, actor);
                List<FoundIndicator> copied = indicators.copy(reportId, opened.ticketId(), actor);
                yield new TriageOutcome(opened(reportId, actor), Triage.Decision.NEW, opened, copied);
            }
        };
    }

    private TriageOutcome link(Ticket report, Triage triage, String actor) {
        if (triage.incident() == null) {
            throw DomainException.invalid(
                    "incident",
                    "the id of the incident to link the report to is required " + "(GET /api/incident-reports/"
                            + report.id() + "/related suggests some)");
        }
        String reason = required(triage.reason());
        Incident incident = locked(triage.incident());
        List<FoundIndicator> shared = indicators.shared(report.id(), incident.ticketId());
        tickets.link(report.id(), incident.ticketId(), null, actor);
        String why = "Report #" + report.id() + " linked to " + incident.tag() + ": " + reason
                + (shared.isEmpty() ? "; no indicators shared" : "; shared indicators: " + describe(shared));
        tickets.addMessage(report.id(), null, HistoryType.COMMENT, why, actor);
        tickets.addMessage(incident.ticketId(), null, HistoryType.COMMENT, why, actor);
        indicators.copy(report.id(), incident.ticketId(), actor);
        deadlines.reportLinked(incident.ticketId(), report.id());
        return new TriageOutcome(opened(report.id(), actor), Triage.Decision.LINK, incident, shared);
    }

    /** A triaged report is being worked: a new one becomes open. */
    private Ticket opened(long reportId, String actor) {
        Ticket report = tickets.find(reportId);
        return report.status() == Status.NEW
                ? tickets.changeStatus(reportId, null, Status.OPEN, "triaged", actor)
                : report;
    }

    /** SEC01-tag: a new incident, its tag taken from the day's counter in this transaction. */
    public Incident open(String title, Tlp tlp, String coordinator, String description, String actor) {
        if (blank(title)) {
            throw DomainException.invalid("title", "an incident needs a title");
        }
        checkCoordinator(coordinator);
        Instant now = clock.instant();
        IncidentTag tag = tags.next(now);
        String subject = tag.bracketed() + " " + title.strip();
        Ticket ticket = tickets.create(
                new TicketDraft(
                        Queue.INCIDENTS,
                        subject.length() > 512 ? subject.substring(0, 512) : subject,
                        tlp == null ? Tlp.AMBER : tlp,
                        coordinator,
                        List.of(),
                        List.of(),
                        null,
                        null,
                        Map.of(),
                        null,
                        description),
                actor);
        Incident incident = new Incident(ticket.id(), tag, coordinator, now);
        em.persist(incident);
        return incident;
    }

    public Incident find(long id) {
        Incident incident = em.find(Incident.class, id);
        if (incident == null) {
            throw notAnIncident(id);
        }
        return incident;
    }

    public Optional<Incident> byTicket(long ticketId) {
        return Optional.ofNullable(em.find(Incident.class, ticketId));
    }

    /** SEC01-coordinator: a coordinator is a CSIRT member or coordinator, appointed with a reason. */
    public Incident appoint(long id, String coordinator, String reason, String actor) {
        String why = required(reason);
        checkCoordinator(coordinator);
        Incident incident = locked(id);
        String before = incident.appoint(coordinator);
        if (before != null) {
            Ticket ticket = tickets.find(id);
            Instant now = clock.instant();
            tickets.append(HistoryEntry.change(
                    ticket,
                    HistoryType.FIELD,
                    actor,
                    now,
                    "coordinator",
                    before.isEmpty() ? null : before,
                    coordinator,
                    why));
            ticket.changeOwner(coordinator, actor, now).ifPresent(tickets::append);
        }
        return incident;
    }

    /** SEC01-announce: the announcement of a new incident, once. */
    public Sent announce(long id, Announcement announcement, String actor) {
        Incident incident = locked(id);
        String key = "incident-" + id + "/announcement";
        if (outbox.byKey(key).isPresent()) {
            throw DomainException.conflict(
                    "kind", incident.tag() + " was announced already: send an update (kind update)");
        }
        return send(incident, ANNOUNCEMENT, key, announcement, Map.of(), actor);
    }

    /** SEC01-announce: a summary report on the incident's status and indicators, as often as needed. */
    public Sent update(long id, Announcement announcement, String actor) {
        Incident incident = locked(id);
        long earlier = outbox.count(id, UPDATE);
        return send(
                incident,
                UPDATE,
                "incident-" + id + "/update-" + (earlier + 1),
                announcement,
                Map.of("number", earlier + 1),
                actor);
    }

    /**
     * SEC01-announce: the closure report goes to the lists (or the named recipients), is kept with its attachment,
     * and the incident is resolved (its open Investigations with it, as RT-IR does); each site's closure report is
     * then due within a month (SEC01-deadlines), unless the site was resolved earlier.
     */
    public Sent close(long id, Announcement announcement, Attachment attachment, String actor) {
        Incident incident = locked(id);
        Ticket ticket = tickets.find(id);
        if (!ticket.isActive()) {
            throw DomainException.conflict(
                    "status",
                    incident.tag() + " is " + ticket.status().label()
                            + " already: reopen it (status open) before sending another closure report");
        }
        String report = required("report", announcement.text());
        Tlp tlp = announcement.tlp() == null ? ticket.tlp() : announcement.tlp();
        ClosureReport closure = new ClosureReport(
                id,
                report,
                tlp,
                attachment == null ? null : attachment.filename(),
                attachment == null ? null : attachment.contentType(),
                attachment == null ? null : attachment.content(),
                actor,
                clock.instant());
        em.persist(closure);
        em.flush();
        Map<String, Object> extra = new HashMap<>();
        extra.put("attachment", attachment == null ? "" : attachment.filename());
        Sent sent = send(incident, CLOSURE, "incident-" + id + "/closure-" + closure.id(), announcement, extra, actor);
        deadlines.incidentResolved(id);
        tickets.changeStatus(
                id, null, Status.RESOLVED, "closure report sent to " + String.join(", ", sent.to()), actor);
        return sent;
    }

    public List<ClosureReport> closures(long id) {
        find(id);
        return em.createNamedQuery(ClosureReport.OF_INCIDENT, ClosureReport.class)
                .setParameter("id", id)
                .getResultList();
    }

    public ClosureReport closure(long id, long closureId) {
        ClosureReport closure = em.find(ClosureReport.class, closureId);
        if (closure == null || closure.incidentId() != id) {
            throw DomainException.notFound("closure report " + closureId + " of incident #" + id);
        }
        return closure;
    }

    /**
     * An affected site: its Investigation opens under the incident, addressed to the site's contacts from GOCDB, and
     * its SEC01 deadlines start, counted from {@code discoveredAt} when the site said when it found the incident.
     */
    public AffectedSite addSite(long id, String siteName, Instant discoveredAt, String reason, String actor) {
        if (blank(siteName)) {
            throw DomainException.invalid("site", "the site's name, as GOCDB spells it, is required");
        }
        Incident incident = locked(id);
        Site site = SiteName.ifWellFormed(siteName.strip())
                .flatMap(sites::find)
                .orElseThrow(() -> DomainException.invalid(
                        "site", "'" + siteName + "' is not in the site registry (GET /api/sites lists them)"));
        if (em.find(AffectedSite.class, new AffectedSite.Key(id, site.name())) != null) {
            throw DomainException.conflict(
                    "site", site.name() + " is an affected site of " + incident.tag() + " already");
        }
        if (discoveredAt != null && discoveredAt.isAfter(clock.instant())) {
            throw DomainException.invalid("discoveredAt", "the discovery cannot be in the future");
        }
        Ticket ticket = tickets.find(id);
        List<String> contacts = sites.contacts(new SiteName(site.name())).all();
        String subject = incident.tag() + " " + title(ticket) + " at " + site.name();
        Ticket investigation = tickets.create(
                new TicketDraft(
                        Queue.INVESTIGATIONS,
                        subject.length() > 512 ? subject.substring(0, 512) : subject,
                        ticket.tlp(),
                        incident.coordinator(),
                        contacts,
                        List.of(),
                        null,
                        site.name(),
                        Map.of(),
                        id,
                        blank(reason) ? site.name() + " is affected by " + incident.tag() : reason.strip()),
                actor);
        AffectedSite affected =
                new AffectedSite(id, site.name(), investigation.id(), discoveredAt, actor, clock.instant());
        em.persist(affected);
        em.flush();
        deadlines.siteAdded(affected);
        return affected;
    }

    public List<AffectedSite> sites(long id) {
        return em.createNamedQuery(AffectedSite.OF_INCIDENT, AffectedSite.class)
                .setParameter("id", id)
                .getResultList();
    }

    /**
     * The incidents whose tag the ticket's subject or texts quote: the letters ask sites to quote it, and a mail that
     * quotes only the tag (not the ticket's own) arrives as a new report that belongs to that incident.
     */
    public List<Incident> quotedIn(long ticketId) {
        Pattern quoted = Pattern.compile(
                "\\b" + Pattern.quote(settings.tagPrefix()) + "(-\\d{8}-\\d{2,})\\b", Pattern.CASE_INSENSITIVE);
        Set<String> tags = new TreeSet<>();
        List<String> texts = new ArrayList<>();
        texts.add(tickets.find(ticketId).subject());
        tickets.history(ticketId).stream()
                .map(HistoryEntry::content)
                .filter(Objects::nonNull)
                .forEach(texts::add);
        for (String text : texts) {
            Matcher matcher = quoted.matcher(text);
            while (matcher.find()) {
                tags.add(settings.tagPrefix() + matcher.group(1));
            }
        }
        if (tags.isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery(Incident.BY_TAGS, Incident.class)
                .setParameter("tags", tags)
                .getResultList();
    }

    /** The ids of the Incident Reports linked to the incident. */
    public List<Long> reports(long id) {
        return em.createQuery(
                        "select t.id from Ticket t where t.queue = :reports and t.id in "
                                + "(select l.key.childId from IncidentLink l where l.key.incidentId = :id) order by t.id",
                        Long.class)
                .setParameter("reports", Queue.INCIDENT_REPORTS)
                .setParameter("id", id)
                .getResultList();
    }

    /** The subject without its tag: what the incident is about. */
    public String title(Ticket ticket) {
        return ticket.subject().replaceFirst("^\\[[^\\]]*\\]\\s*", "");
    }

    private Sent send(
            Incident incident, String kind, String key, Announcement announcement, Map<String, ?> extra, String actor) {
        Ticket ticket = tickets.find(incident.ticketId());
        String text = required(kind.equals(CLOSURE) ? "report" : "text", announcement.text());
        Tlp tlp = announcement.tlp() == null ? ticket.tlp() : announcement.tlp();
        List<String> to = recipients(announcement, tlp);
        Map<String, Object> model = new HashMap<>(extra);
        model.put(
                "incident",
                Map.of(
                        "id",
                        incident.ticketId(),
                        "tag",
                        incident.tag(),
                        "title",
                        title(ticket),
                        "coordinator",
                        incident.coordinator() == null ? "" : incident.coordinator(),
                        "status",
                        ticket.status().label()));
        model.put("text", text.strip());
        model.put("tlp", tlp.name());
        model.put("csirt", settings.csirtAddress());
        model.put(
                "sites",
                sites(incident.ticketId()).stream().map(AffectedSite::site).toList());
        // SEC01-tlp: only the indicators at or below the letter's TLP; a value seen in a RED text is RED here too.
        model.put(
                "indicators",
                announcement.withIndicators()
                        ? indicators.sharable(incident.ticketId(), tlp).stream()
                                .map(indicator ->
                                        Map.of("type", indicator.type().slug(), "value", indicator.value()))
                                .toList()
                        : List.of());
        Letter letter = letters.render(kind, model);
        outbox.enqueue(new OutgoingMessage(
                key, kind, incident.ticketId(), tlp, to, List.of(), letter.subject(), letter.body()));
        tickets.addMessage(
                incident.ticketId(),
                null,
                HistoryType.CORRESPOND,
                "To: " + String.join(", ", to) + "\nSubject: " + letter.subject() + "\n\n" + letter.body(),
                actor);
        // The ticket is locked until the commit, so its latest correspondence is this letter.
        long entry = em.createQuery(
                        "select max(h.id) from HistoryEntry h where h.ticket.id = :ticket and h.type = :type",
                        Long.class)
                .setParameter("ticket", incident.ticketId())
                .setParameter("type", HistoryType.CORRESPOND)
                .getSingleResult();
        indicators.letterWritten(incident.ticketId(), entry, text, tlp);
        return new Sent(kind, letter, to, tlp);
    }

    /** The lists, or the named recipients; SEC01-tlp: TLP:RED only to named recipients, which the outbox checks too. */
    private List<String> recipients(Announcement announcement, Tlp tlp) {
        if (announcement.to().isEmpty()) {
            if (tlp == Tlp.RED) {
                throw DomainException.conflict(
                        "to",
                        "TLP:RED never goes to a mailing list, only to named recipients "
                                + "(SEC01-tlp): name them in 'to', or send it with a lower TLP");
            }
            return settings.announcementLists();
        }
        List<String> invalid = announcement.to().stream()
                .filter(address -> !EmailValidator.getInstance().isValid(address))
                .toList();
        if (!invalid.isEmpty()) {
            throw DomainException.invalid("to", "not e-mail addresses: " + String.join(", ", invalid));
        }
        return announcement.to().stream().map(String::strip).distinct().collect(Collectors.toList());
    }

    private Incident locked(long id) {
        Incident incident = em.find(Incident.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (incident == null) {
            throw notAnIncident(id);
        }
        return incident;
    }

    private DomainException notAnIncident(long id) {
        if (em.find(Ticket.class, id) != null) {
            return DomainException.invalid(
                    "incident",
                    "#" + id + " is no SEC01 incident (a campaign's incident or "
                            + "another queue's ticket): GET /api/incidents lists them");
        }
        return DomainException.notFound("incident #" + id);
    }

    private void checkCoordinator(String name) {
        if (blank(name)) {
            throw DomainException.invalid("coordinator", "name the user who coordinates the incident");
        }
        Optional<User> user = users.find(name.strip());
        if (user.isEmpty() || !user.get().isEnabled()) {
            throw DomainException.invalid("coordinator", "'" + name + "' is no enabled user of the desk");
        }
        if (!user.get().roles().contains(Role.CSIRT) && !user.get().roles().contains(Role.COORDINATOR)) {
            throw DomainException.invalid("coordinator", "'" + name + "' has neither the role csirt nor coordinator");
        }
    }

    private static String describe(List<FoundIndicator> found) {
        List<String> shown = new ArrayList<>();
        found.stream().limit(20).forEach(indicator -> shown.add(indicator.type().slug() + " " + indicator.value()));
        return String.join(", ", shown) + (found.size() > 20 ? " and " + (found.size() - 20) + " more" : "");
    }

    private static String required(String reason) {
        return required("reason", reason);
    }

    private static String required(String field, String text) {
        if (blank(text)) {
            throw DomainException.invalid(
                    field,
                    field.equals("reason")
                            ? "is required: say why, for the incident's history"
                            : "is required and may not be blank");
        }
        return text.strip();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /**
     * The indicators of an incident for an export of the given TLP (the incident's own when none is given): SEC01-tlp,
     * only those at or below it.
     */
    public List<Indicator> indicatorsOf(long id, Tlp tlp) {
        find(id);
        return indicators.sharable(id, tlp == null ? tickets.find(id).tlp() : tlp);
    }
}
