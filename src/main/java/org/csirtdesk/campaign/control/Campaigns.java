package org.csirtdesk.campaign.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.csirtdesk.campaign.entity.Campaign;
import org.csirtdesk.campaign.entity.CampaignCase;
import org.csirtdesk.campaign.entity.CampaignDraft;
import org.csirtdesk.campaign.entity.CaseEvent;
import org.csirtdesk.campaign.entity.CasePath;
import org.csirtdesk.campaign.entity.PlannedStep;
import org.csirtdesk.campaign.entity.StepName;
import org.csirtdesk.campaign.entity.Timeline;
import org.csirtdesk.campaign.entity.TimelineEntry;
import org.csirtdesk.finding.control.Findings;
import org.csirtdesk.finding.entity.Exposure;
import org.csirtdesk.finding.entity.ExposureKey;
import org.csirtdesk.mail.entity.Letter;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.FieldError;
import org.csirtdesk.platform.entity.SiteName;
import org.csirtdesk.site.control.SiteDirectory;
import org.csirtdesk.ticket.control.TicketDraft;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.HistoryType;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Status;
import org.csirtdesk.ticket.entity.Ticket;

/**
 * Campaigns from draft to close: created from an Incident Report or by hand with a case per affected site,
 * previewed as a timeline, the optional heads-up (SEC03-2.1), the start that sends the advisory
 * (SEC03-2.2, SEC03-2.3, SEC03-6.1) and plans every case, and the close.
 */
@ApplicationScoped
@Transactional
public class Campaigns {

    /** A campaign as created: with the sites monitoring reported that GOCDB does not know (they get no case). */
    public record Created(Campaign campaign, int cases, List<String> unknownSites) {}

    /** A page of campaigns. */
    public record Page(List<Campaign> items, long total) {}

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    @Inject
    Tickets tickets;

    @Inject
    SiteDirectory sites;

    @Inject
    Findings findings;

    @Inject
    CampaignSchedule schedule;

    @Inject
    CaseMail mail;

    @Inject
    KnownContacts knownContacts;

    @Inject
    Cases cases;

    @Inject
    ProcedureSettings settings;

    public Created create(CampaignDraft draft, String actor) {
        Instant now = clock.instant();
        findings.lockVulnerabilities(draft.vulnerabilities(), now);
        refuseTaken(draft.vulnerabilities(), null);
        checkChosenDeadline(draft.deadline(), now);
        List<String> manual = knownSites(draft.sites());
        Ticket incident = tickets.create(
                new TicketDraft(
                        Queue.INCIDENTS,
                        incidentSubject(draft),
                        draft.tlp(),
                        null,
                        List.of(),
                        List.of(),
                        null,
                        null,
                        Map.of(
                                "Classification",
                                "Critical vulnerability",
                                "Description",
                                String.join(", ", new TreeSet<>(draft.vulnerabilities()))),
                        null,
                        "Campaign for " + String.join(", ", new TreeSet<>(draft.vulnerabilities())) + " (SEC03).\n\n"
                                + draft.advisoryText()),
                actor);
        if (draft.incidentReport() != null) {
            Ticket report = tickets.find(draft.incidentReport());
            if (report.queue() != Queue.INCIDENT_REPORTS) {
                throw DomainException.invalid("incidentReport", "#" + report.id() + " is not an Incident Report");
            }
            tickets.link(report.id(), incident.id(), null, actor);
        }
        Campaign campaign = new Campaign(incident.id(), draft, actor, now);
        em.persist(campaign);
        em.flush();
        List<String> unknown = new ArrayList<>();
        Map<String, CampaignCase> bySite = new LinkedHashMap<>();
        List<Exposure> vulnerable = findings.vulnerableTo(draft.vulnerabilities());
        Map<ExposureKey, List<String>> shown = findings.shownHosts(vulnerable);
        for (Exposure exposure : vulnerable) {
            if (!exposure.siteKnown()) {
                unknown.add(exposure.site().isEmpty() ? "(hosts no site lists)" : exposure.site());
                continue;
            }
            CampaignCase existing = bySite.get(exposure.site());
            if (existing == null) {
                bySite.put(
                        exposure.site(),
                        new CampaignCase(
                                campaign.id(),
                                exposure.site(),
                                true,
                                String.join(", ", shown.get(exposure.key())),
                                seenAt(exposure),
                                now));
            } else {
                existing.seen(
                        true, existing.hosts() + ", " + String.join(", ", shown.get(exposure.key())), seenAt(exposure));
            }
        }
        for (String site : manual) {
            bySite.computeIfAbsent(site, name -> new CampaignCase(campaign.id(), name, false, "", null, now));
        }
        for (CampaignCase c : bySite.values()) {
            em.persist(c);
        }
        em.flush();
        bySite.values()
                .forEach(c -> em.persist(new CaseEvent(
                        c.id(),
                        CaseEvent.Kind.OPENED,
                        actor,
                        now,
                        c.vulnerable() ? "found vulnerable by monitoring: " + c.hosts() : "added by hand")));
        return new Created(
                campaign, bySite.size(), unknown.stream().distinct().sorted().toList());
    }

    /** Changes a draft; the cases stay (monitoring keeps them up to date), sites named by hand are added. */
    /** {@code expectedVersion} null: If-Match {@code *}, whichever version the campaign is at. */
    public Campaign revise(long id, CampaignDraft draft, Long expectedVersion, String actor) {
        Campaign campaign = locked(id);
        if (expectedVersion != null && campaign.version() != expectedVersion) {
            throw new DomainException(
                    DomainException.Kind.STALE_VERSION,
                    "campaign #" + id + " is at version " + campaign.version() + ", not " + expectedVersion);
        }
        Instant now = clock.instant();
        findings.lockVulnerabilities(draft.vulnerabilities(), now);
        refuseTaken(draft.vulnerabilities(), id);
        checkChosenDeadline(draft.deadline(), now);
        Set<String> had = new TreeSet<>(em.createNamedQuery(CampaignCase.SITES_OF_CAMPAIGN, String.class)
                .setParameter("id", id)
                .getResultList());
        for (String site : knownSites(draft.sites())) {
            if (had.add(site)) {
                CampaignCase added = new CampaignCase(id, site, false, "", null, now);
                em.persist(added);
                em.flush();
                cases.event(added, CaseEvent.Kind.OPENED, actor, "added by hand");
            }
        }
        campaign.revise(draft);
        tickets.addMessage(campaign.incidentTicketId(), null, HistoryType.COMMENT, "Campaign draft revised.", actor);
        return campaign;
    }

    /**
     * A site added by hand to a campaign that is not closed, e.g. from the triage of a finding about a related
     * vulnerability. A started campaign puts it on its path at once: the advisory's while the tickets are still to
     * open, else a ticket now with 48 hours (as for a site monitoring newly finds vulnerable).
     */
    public CampaignCase addSite(long id, String siteName, String reason, String actor) {
        Campaign campaign = locked(id);
        if (campaign.state() == Campaign.State.CLOSED) {
            throw DomainException.conflict("state", "campaign #" + id + " is closed");
        }
        String site = SiteName.ifWellFormed(siteName)
                .flatMap(sites::find)
                .map(found -> found.name())
                .orElseThrow(() -> DomainException.invalid("site", "'" + siteName + "' is not a site in GOCDB"));
        em.createNamedQuery(CampaignCase.ID_OF_SITE, Long.class)
                .setParameter("id", id)
                .setParameter("site", site)
                .getResultStream()
                .findFirst()
                .ifPresent(existing -> {
                    throw DomainException.conflict(
                            "site", site + " already has case #" + existing + " in campaign #" + id);
                });
        Instant now = clock.instant();
        List<Exposure> exposures = findings.vulnerableTo(campaign.vulnerabilities()).stream()
                .filter(exposure -> exposure.site().equals(site))
                .toList();
        Map<ExposureKey, List<String>> shown = findings.shownHosts(exposures);
        CampaignCase added = new CampaignCase(
                id,
                site,
                !exposures.isEmpty(),
                String.join(
                        ", ",
                        exposures.stream()
                                .flatMap(exposure -> shown.get(exposure.key()).stream())
                                .toList()),
                exposures.stream()
                        .map(Campaigns::seenAt)
                        .min(Comparator.naturalOrder())
                        .orElse(null),
                now);
        em.persist(added);
        em.flush();
        cases.event(added, CaseEvent.Kind.OPENED, actor, "added by hand: " + reason);
        cases.putOnPath(campaign, added, now, "added by hand");
        if (campaign.isActive()) {
            cases.note(added, HistoryType.COMMENT, "Site added to the campaign by hand: " + reason, actor);
        }
        return added;
    }

    /** SEC03-2.2: the OMB authorises an action that stops a service. */
    public Campaign authoriseByOmb(long id, String note, String actor) {
        Campaign campaign = locked(id);
        campaign.authoriseByOmb(actor, note, clock.instant());
        tickets.addMessage(
                campaign.incidentTicketId(),
                null,
                HistoryType.COMMENT,
                "OMB authorisation of the recommended action recorded (SEC03-2.2): " + note,
                actor);
        return campaign;
    }

    /** SEC03-2.1: the optional heads-up to the security contact lists, referring to public information. */
    public Campaign headsUp(long id, String publicInformation, String actor) {
        Campaign campaign = locked(id);
        Instant now = clock.instant();
        campaign.headsUpSent(now);
        Map<String, Object> model = mail.model(campaign);
        model.put("publicInformation", publicInformation);
        Letter letter = mail.to(
                "sec03/campaign-" + id + "/heads-up",
                "sec03-heads-up",
                campaign,
                campaign.incidentTicketId(),
                settings.securityLists(),
                List.of(),
                model);
        schedule.planCampaignStep(id, StepName.campaign(StepName.Kind.HEADS_UP), now)
                .done(now, "sent to the security contact lists");
        tickets.addMessage(campaign.incidentTicketId(), null, HistoryType.CORRESPOND, letter.body(), actor);
        return campaign;
    }

    /**
     * Sends the advisory now and plans every case. Widespread: to the site and NGI security contact lists,
     * copied to noc-managers; individual: to each site's contacts, with a copy to noc-managers (SEC03-2.3c,
     * SEC03-6.1).
     */
    public Campaign start(long id, String reason, String actor) {
        Campaign campaign = locked(id);
        Instant now = clock.instant();
        Timeline timeline = settings.timeline();
        Instant deadline = campaign.chosenDeadline() != null ? campaign.chosenDeadline() : timeline.deadline(now);
        if (!timeline.allows(now, deadline)) {
            throw DomainException.conflict(
                    "deadline",
                    "the chosen deadline " + mail.time(deadline) + " is too early for an "
                            + "advisory sent now: the earliest is " + mail.time(timeline.deadline(now))
                            + " (SEC03-2.3b)");
        }
        Instant ticketsAt = timeline.ticketOpening(deadline, now);
        campaign.start(now, deadline, ticketsAt);
        em.flush();
        List<CampaignCase> pending = em.createNamedQuery(CampaignCase.OF_CAMPAIGN_IN_STATE, CampaignCase.class)
                .setParameter("id", id)
                .setParameter("pending", CampaignCase.State.PENDING)
                .getResultList();
        Map<String, Object> model = mail.model(campaign);
        model.put("sites", pending.size());
        Letter advisory;
        if (campaign.scope() == Campaign.Scope.WIDESPREAD) {
            advisory = mail.to(
                    "sec03/campaign-" + id + "/advisory",
                    "sec03-advisory",
                    campaign,
                    campaign.incidentTicketId(),
                    settings.securityLists(),
                    List.of(settings.nocManagers()),
                    model);
        } else {
            advisory = mail.to(
                    "sec03/campaign-" + id + "/advisory",
                    "sec03-advisory",
                    campaign,
                    campaign.incidentTicketId(),
                    List.of(settings.nocManagers()),
                    List.of(),
                    model);
            knownContacts.load(pending.stream().map(CampaignCase::site).toList());
            for (CampaignCase c : pending) {
                mail.toSite(
                        "sec03/case-" + c.id() + "/advisory",
                        "sec03-advisory-site",
                        campaign,
                        c,
                        CaseMail.Audience.SITE,
                        Map.of());
            }
        }
        schedule.planCampaignStep(id, StepName.campaign(StepName.Kind.ADVISORY), now)
                .done(
                        now,
                        campaign.scope() == Campaign.Scope.WIDESPREAD
                                ? "sent to the security contact lists, copied to noc-managers"
                                : "sent to " + pending.size() + " sites, copied to noc-managers");
        schedule.planCampaignStep(id, StepName.campaign(StepName.Kind.ESCALATION), timeline.finalWarning(deadline));
        pending.forEach(c -> c.plan(CasePath.ADVISORY, ticketsAt, deadline));
        schedule.replan(pending, "campaign started");
        if (reason != null) {
            tickets.addMessage(
                    campaign.incidentTicketId(), null, HistoryType.COMMENT, "Campaign started: " + reason, actor);
        }
        tickets.addMessage(campaign.incidentTicketId(), null, HistoryType.CORRESPOND, advisory.body(), actor);
        return campaign;
    }

    public Campaign close(long id, String reason, String actor) {
        Campaign campaign = locked(id);
        long open = em.createNamedQuery(CampaignCase.COUNT_UNRESOLVED_OF_CAMPAIGN, Long.class)
                .setParameter("id", id)
                .setParameter("resolved", CampaignCase.State.RESOLVED)
                .getSingleResult();
        if (open > 0 && campaign.isActive()) {
            throw DomainException.conflict(
                    "state", open + " cases of campaign #" + id + " are still open: resolve them first");
        }
        campaign.close();
        schedule.cancel(id, caseIds(id), clock.instant(), "campaign closed");
        if (tickets.find(campaign.incidentTicketId()).isActive()) {
            tickets.changeStatus(campaign.incidentTicketId(), null, Status.RESOLVED, reason, actor);
        }
        return campaign;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Campaign find(long id) {
        Campaign campaign = em.find(Campaign.class, id);
        if (campaign == null) {
            throw DomainException.notFound("campaign #" + id);
        }
        return campaign;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page list(Campaign.State state, int offset, int limit) {
        List<Campaign> items = em.createNamedQuery(Campaign.IN_STATE, Campaign.class)
                .setParameter("state", state)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
        long total = em.createNamedQuery(Campaign.COUNT_IN_STATE, Long.class)
                .setParameter("state", state)
                .getSingleResult();
        return new Page(items, total);
    }

    /** Cases by state, for the campaign's summary. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Long> caseCounts(long id) {
        Map<String, Long> counts = new TreeMap<>();
        em.createNamedQuery(CampaignCase.COUNT_BY_STATE, Object[].class)
                .setParameter("id", id)
                .getResultList()
                .forEach(row -> counts.put(((CampaignCase.State) row[0]).name().toLowerCase(), (Long) row[1]));
        return counts;
    }

    /**
     * Every step with its date and time. Before the start, what starting now would plan (the preview); after,
     * the schedule's rows, grouped by step and time, with how many cases each is planned or done for.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TimelineEntry> timeline(long id) {
        Campaign campaign = find(id);
        List<TimelineEntry> entries = new ArrayList<>();
        if (campaign.state() == Campaign.State.DRAFT) {
            Instant now = clock.instant();
            Timeline timeline = settings.timeline();
            Instant deadline = campaign.chosenDeadline() != null ? campaign.chosenDeadline() : timeline.deadline(now);
            Instant ticketsAt = timeline.ticketOpening(deadline, now);
            long pending = caseCounts(id).getOrDefault("pending", 0L);
            if (campaign.headsUpAt() == null) {
                entries.add(entry(StepName.campaign(StepName.Kind.HEADS_UP), now, 0, 0, 0, 0));
            }
            entries.add(entry(StepName.campaign(StepName.Kind.ADVISORY), now, 1, 0, 0, 0));
            for (PlannedStep step : timeline.caseSteps(CasePath.ADVISORY, 1, 1, ticketsAt, deadline)) {
                entries.add(entry(step.name(), step.due(), pending, 0, 0, 0));
            }
            entries.add(
                    entry(StepName.campaign(StepName.Kind.ESCALATION), timeline.finalWarning(deadline), 1, 0, 0, 0));
        } else {
            Map<List<Object>, long[]> grouped = new LinkedHashMap<>();
            schedule.counts(id, caseIds(id))
                    .forEach(count -> grouped.computeIfAbsent(List.of(count.step(), count.dueAt()), key -> new long[4])[
                                    count.state().ordinal()] +=
                            count.count());
            grouped.forEach((key, counts) -> entries.add(entry(
                    StepName.parse((String) key.get(0)),
                    (Instant) key.get(1),
                    counts[0],
                    counts[1],
                    counts[2],
                    counts[3])));
        }
        entries.sort(Comparator.comparing(TimelineEntry::at).thenComparing(TimelineEntry::step));
        return entries;
    }

    private TimelineEntry entry(StepName name, Instant at, long planned, long done, long skipped, long cancelled) {
        return new TimelineEntry(
                name.toString(),
                name.kind().slug(),
                name.kind().scope().name().toLowerCase(),
                describe(name.kind()),
                at.truncatedTo(ChronoUnit.SECONDS),
                mail.time(at),
                planned,
                done,
                skipped,
                cancelled);
    }

    private static String describe(StepName.Kind kind) {
        return switch (kind) {
            case HEADS_UP -> "optional heads-up to the site and NGI security contact lists (SEC03-2.1)";
            case ADVISORY ->
                "advisory with its covering letter and deadline, copied to noc-managers " + "(SEC03-2.3, SEC03-6.1)";
            case TICKET ->
                "ticket opened for each site still vulnerable, to its administrators, security contact and NGI "
                        + "security contact (SEC03-2.4)";
            case REMINDER -> "daily check: resolved with thanks if the site acted, else a reminder (SEC03-2.5)";
            case FINAL_WARNING -> "final warning to the site and NGI security contacts (SEC03-4.1.1)";
            case ESCALATION ->
                "noc-managers list of sites not updated, or the all-updated notice, and the OMB summary "
                        + "(SEC03-2.6, SEC03-6.2, SEC03-4.1.2)";
            case DEADLINE ->
                "deadline: suspension decision for each site still vulnerable "
                        + "(SEC03-4.2, SEC03-4.3, SEC03-4.4, SEC03-4.5)";
            case REINTRODUCTION ->
                "ticket with 48 hours to act, for a site found vulnerable again or first found after the tickets "
                        + "went out (SEC03-3.1)";
            case REINTRODUCTION_CHECK ->
                "check of a 48-hour ticket: thanks, or a reminder, noc-managers told and the final "
                        + "warning (SEC03-3.2)";
        };
    }

    /** The campaign covering a vulnerability, if one not closed does. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Campaign> covering(Set<String> vulnerabilities) {
        Map<String, Campaign> covering = new HashMap<>();
        if (vulnerabilities.isEmpty()) {
            return covering;
        }
        em.createNamedQuery(Campaign.OPEN_FOR_VULNERABILITIES, Object[].class)
                .setParameter("vulnerabilities", vulnerabilities)
                .setParameter("closed", Campaign.State.CLOSED)
                .getResultList()
                .forEach(row -> covering.put((String) row[1], (Campaign) row[0]));
        return covering;
    }

    Campaign locked(long id) {
        Campaign campaign = em.find(Campaign.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (campaign == null) {
            throw DomainException.notFound("campaign #" + id);
        }
        return campaign;
    }

    private void refuseTaken(Set<String> vulnerabilities, Long self) {
        Map<String, Campaign> taken = covering(vulnerabilities);
        List<FieldError> errors = new ArrayList<>();
        taken.forEach((vulnerability, campaign) -> {
            if (!campaign.id().equals(self)) {
                errors.add(
                        new FieldError("vulnerabilities", vulnerability + " is handled by campaign #" + campaign.id()));
            }
        });
        if (!errors.isEmpty()) {
            throw new DomainException(
                    DomainException.Kind.CONFLICTING_STATE,
                    "a vulnerability is handled by one campaign at a time",
                    errors);
        }
    }

    private void checkChosenDeadline(Instant deadline, Instant now) {
        if (deadline != null && !settings.timeline().allows(now, deadline)) {
            throw DomainException.invalid(
                    "deadline",
                    "must be at least " + mail.time(settings.timeline().deadline(now))
                            + " for an advisory sent now, and not a Friday, a weekend day or a holiday (SEC03-2.3b)");
        }
    }

    private List<String> knownSites(List<String> names) {
        List<String> known = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Optional<String> site =
                    SiteName.ifWellFormed(names.get(i)).flatMap(sites::find).map(found -> found.name());
            if (site.isEmpty()) {
                errors.add(new FieldError("sites[" + i + "]", "'" + names.get(i) + "' is not a site in GOCDB"));
            } else {
                known.add(site.get());
            }
        }
        if (!errors.isEmpty()) {
            throw new DomainException(DomainException.Kind.INVALID_INPUT, "every site named must be in GOCDB", errors);
        }
        return known;
    }

    /** A DATETIME column of a native query, which the driver may hand out as either type; stored in UTC. */
    private List<Long> caseIds(long campaignId) {
        return em.createQuery("select c.id from CampaignCase c where c.campaignId = :id", Long.class)
                .setParameter("id", campaignId)
                .getResultList();
    }

    static Instant seenAt(Exposure exposure) {
        return exposure.observedAt() != null ? exposure.observedAt() : exposure.vulnerableSince();
    }

    private static String incidentSubject(CampaignDraft draft) {
        String subject = "Critical vulnerability " + String.join(", ", new TreeSet<>(draft.vulnerabilities())) + ": "
                + draft.title();
        return subject.length() > 200 ? subject.substring(0, 199) + "…" : subject;
    }
}
