package org.csirtdesk.incident.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.csirtdesk.calendar.control.Calendars;
import org.csirtdesk.calendar.entity.SiteCalendar;
import org.csirtdesk.incident.entity.AffectedSite;
import org.csirtdesk.incident.entity.Deadline;
import org.csirtdesk.incident.entity.DeadlineKind;
import org.csirtdesk.incident.entity.Incident;
import org.csirtdesk.incident.entity.Milestone;
import org.csirtdesk.incident.entity.MilestoneKind;
import org.csirtdesk.mail.control.Letters;
import org.csirtdesk.mail.control.Outbox;
import org.csirtdesk.mail.entity.Letter;
import org.csirtdesk.mail.entity.OutgoingMessage;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.SiteName;
import org.csirtdesk.schedule.control.Schedule;
import org.csirtdesk.schedule.entity.OwnedBy;
import org.csirtdesk.schedule.entity.ScheduledStep;
import org.csirtdesk.schedule.entity.StepDue;
import org.csirtdesk.security.control.Users;
import org.csirtdesk.security.entity.User;
import org.csirtdesk.site.control.SiteDirectory;
import org.csirtdesk.site.entity.Site;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.ContactReplied;
import org.csirtdesk.ticket.entity.HistoryEntry;
import org.csirtdesk.ticket.entity.HistoryType;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Ticket;

/**
 * SEC01-deadlines: each affected site's deadlines as rows, their reminders and marks as steps on the one schedule
 * of the procedures (the heartbeat announces a deadline's due step to {@link #onStepDue}), met by the site's mail on
 * its Investigation or by milestones recorded by hand. Whoever changes a site's deadlines holds the site's row of
 * {@code incident_sites}: the API and a mail wait for it, the heartbeat passes a held site over and comes back, so
 * a step never marks a deadline that a reply is meeting at that moment.
 */
@ApplicationScoped
@Transactional
public class Deadlines {

    /** An affected site with its deadlines, milestones and calendar, for the API. */
    public record SiteDeadlines(
            AffectedSite site,
            String calendar,
            List<Deadline> deadlines,
            Map<Long, Instant> reminders,
            List<Milestone> milestones) {}

    static final String REMINDER = "reminder";
    static final String DEADLINE = "deadline";
    static final String REMINDER_LETTER = "sec01-deadline-reminder";
    static final String MISSED_LETTER = "sec01-deadline-missed";
    static final String REQUEST_LETTER = "sec01-request";
    static final String SYSTEM = "csirt-desk (SEC01-deadlines)";
    /** SEC01 step 5: within 4 working hours of any EGI CSIRT request. */
    static final Duration ANSWER_TIME = Duration.ofHours(4);

    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm z", Locale.ENGLISH);
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(java.time.ZoneOffset.UTC);

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    @Inject
    Schedule schedule;

    @Inject
    DeadlineSettings settings;

    @Inject
    Calendars calendars;

    @Inject
    IncidentSettings incidentSettings;

    @Inject
    Tickets tickets;

    @Inject
    SiteDirectory sites;

    @Inject
    Users users;

    @Inject
    Letters letters;

    @Inject
    Outbox outbox;

    /**
     * A site was added: its report and isolation count from its discovery, or, when it did not say, from now (the
     * CSIRT knows of it now, so it was discovered by now).
     */
    public void siteAdded(AffectedSite site) {
        Instant now = clock.instant();
        Instant discovery = site.discoveredAt() == null ? site.addedAt() : site.discoveredAt();
        String from = site.discoveredAt() == null
                ? "counted from the site's addition: its discovery time is not known"
                : "counted from the discovery";
        SiteCalendar calendar = calendar(site);
        start(site, DeadlineKind.REPORT, 0, discovery, due(DeadlineKind.REPORT, discovery, calendar), from, now);
        start(site, DeadlineKind.ISOLATION, 0, discovery, due(DeadlineKind.ISOLATION, discovery, calendar), from, now);
        reportsOf(site.incidentId()).forEach(report -> selfReported(site, report, now));
    }

    /**
     * SEC01-deadlines: a report joined the incident (triage). A site whose GOCDB contact sent it reported the
     * incident itself: its report deadline is met at the report's time.
     */
    public void reportLinked(long incidentId, long reportId) {
        Ticket report = tickets.find(reportId);
        Instant now = clock.instant();
        for (AffectedSite site : em.createNamedQuery(AffectedSite.OF_INCIDENT_BY_SITE, AffectedSite.class)
                .setParameter("id", incidentId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList()) {
            selfReported(site, report, now);
        }
    }

    /** The site's report deadline is met by the report when one of the site's GOCDB addresses sent it to abuse@. */
    private void selfReported(AffectedSite site, Ticket report, Instant now) {
        Set<String> addresses = siteAddresses(site);
        report.requestors().stream()
                .filter(sender -> addresses.contains(sender.strip().toLowerCase(Locale.ROOT)))
                .findFirst()
                .ifPresent(sender -> {
                    String how = "the site's own report to abuse@, Incident Report #" + report.id() + " from " + sender;
                    meet(site, DeadlineKind.REPORT, report.createdAt(), how, now)
                            .forEach(met -> tickets.addMessage(
                                    site.investigationId(),
                                    null,
                                    HistoryType.COMMENT,
                                    "Deadline " + met.describe() + ": " + state(met) + " by " + how + " at "
                                            + UTC.format(report.createdAt()),
                                    SYSTEM));
                });
    }

    /** The Incident Reports linked to the incident, oldest first. */
    private List<Ticket> reportsOf(long incidentId) {
        return em.createQuery(
                        "select t from Ticket t where t.queue = :reports and t.id in "
                                + "(select l.key.childId from IncidentLink l where l.key.incidentId = :id) "
                                + "order by t.createdAt, t.id",
                        Ticket.class)
                .setParameter("reports", Queue.INCIDENT_REPORTS)
                .setParameter("id", incidentId)
                .getResultList();
    }

    /** The addresses GOCDB gives the site itself (its contacts, its own and its CSIRT's address), lower-case. */
    private Set<String> siteAddresses(AffectedSite site) {
        Set<String> addresses = new HashSet<>();
        sites.find(new SiteName(site.site())).ifPresent(registered -> {
            registered.contacts().forEach(contact -> addresses.add(contact.email()));
            addresses.add(registered.contactEmail());
            registered.csirtEmail().ifPresent(addresses::add);
        });
        addresses.addAll(sites.contacts(new SiteName(site.site())).administrators());
        addresses.remove(null);
        return addresses.stream()
                .map(address -> address.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    /**
     * SEC01-deadlines: when a deadline of this kind starting at {@code from} is due in the site's calendar. SEC01 says
     * "all times in this document refer to normal local working hours": 4 hours are 4 working hours, a day is a
     * working day's hours, a month is a calendar month from and to working time; with {@code csirt.sec01.count-in}
     * {@code clock-hours} they are clock hours and days and a calendar month in the site's zone. An answer's 4 working
     * hours are working hours either way.
     */
    private Instant due(DeadlineKind kind, Instant from, SiteCalendar calendar) {
        Optional<Duration> work = workingTime(kind);
        if (work.isPresent()) {
            return settings.workingHours().plus(from, work.get(), calendar);
        }
        return switch (kind) {
            case REPORT -> from.plus(Duration.ofHours(4));
            case ISOLATION, DOWNTIME -> from.plus(Duration.ofDays(1));
            case CLOSURE_REPORT -> {
                if (!settings.countsInWorkingHours()) {
                    yield ZonedDateTime.ofInstant(from, calendar.zone())
                            .plusMonths(1)
                            .toInstant();
                }
                Instant counted = settings.workingHours().atWork(from, calendar);
                yield settings.workingHours()
                        .atWork(
                                ZonedDateTime.ofInstant(counted, calendar.zone())
                                        .plusMonths(1)
                                        .toInstant(),
                                calendar);
            }
            case ANSWER -> throw new IllegalStateException("an answer counts working hours");
        };
    }

    /** The working time a deadline runs when it is counted in working hours; empty for one counted otherwise. */
    private Optional<Duration> workingTime(DeadlineKind kind) {
        if (kind == DeadlineKind.ANSWER) {
            return Optional.of(ANSWER_TIME);
        }
        if (!settings.countsInWorkingHours()) {
            return Optional.empty();
        }
        return switch (kind) {
            case REPORT -> Optional.of(Duration.ofHours(4));
            case ISOLATION, DOWNTIME -> Optional.of(settings.workingHours().day());
            default -> Optional.empty();
        };
    }

    /**
     * A deadline starts: its row, and its steps on the schedule: the reminder (unless its time is past or before the
     * start) and the mark at the due time, planned even when past, since a missed deadline must be marked. A
     * milestone recorded before meets it at once.
     */
    private Deadline start(
            AffectedSite site, DeadlineKind kind, int number, Instant from, Instant due, String note, Instant now) {
        Deadline deadline = new Deadline(site, kind, number, from, due, note);
        em.persist(deadline);
        em.flush();
        Optional<Milestone> done = MilestoneKind.meeting(kind)
                .map(milestone ->
                        em.find(Milestone.class, new Milestone.Key(site.incidentId(), site.site(), milestone)));
        if (done.isPresent()) {
            deadline.met(done.get().happenedAt(), how(done.get()), now);
            return deadline;
        }
        Duration lead = settings.remindBefore(kind);
        if (!lead.isZero()) {
            // A deadline counted in working hours is reminded when that much of its working time is left, not that
            // long before in clock time.
            Optional<Duration> work = workingTime(kind);
            Instant reminder = work.isPresent() && lead.compareTo(work.get()) < 0
                    ? settings.workingHours().plus(from, work.get().minus(lead), calendar(site))
                    : due.minus(lead);
            if (reminder.isAfter(now) && reminder.isAfter(from) && reminder.isBefore(due)) {
                schedule.planOnce(Deadline.stepOwner(deadline.id()), REMINDER, reminder);
            }
        }
        schedule.planOnce(Deadline.stepOwner(deadline.id()), DEADLINE, due);
        return deadline;
    }

    /** Records a milestone once: it meets its deadline, starts the next (downtime, closure report), and is in the history. */
    public SiteDeadlines record(
            long incidentId, String siteName, MilestoneKind kind, Instant at, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw DomainException.invalid(
                    "reason", "is required: say how the CSIRT knows, for the Investigation's history");
        }
        return record(incidentId, siteName, kind, at, null, reason, actor);
    }

    /**
     * Records a milestone from the site's mail on its Investigation (a history entry of it, by id), in one action: it
     * happened when the mail came, and the mail is the reason, with the person's words if any.
     */
    public SiteDeadlines recordFromMail(
            long incidentId, String siteName, MilestoneKind kind, long mailEntry, String reason, String actor) {
        return record(incidentId, siteName, kind, null, mailEntry, reason, actor);
    }

    private SiteDeadlines record(
            long incidentId,
            String siteName,
            MilestoneKind kind,
            Instant at,
            Long mailEntry,
            String reason,
            String actor) {
        Instant now = clock.instant();
        if (at != null && at.isAfter(now)) {
            throw DomainException.invalid("at", "a milestone is what happened: it cannot be in the future");
        }
        AffectedSite site = locked(incidentId, siteName);
        Instant happened = at == null ? now : at;
        String why = reason == null ? "" : reason.strip();
        if (mailEntry != null) {
            HistoryEntry mail = em.find(HistoryEntry.class, mailEntry);
            if (mail == null
                    || mail.ticketId() != site.investigationId()
                    || (mail.type() != HistoryType.CORRESPOND && mail.type() != HistoryType.COMMENT)) {
                throw DomainException.invalid(
                        "mail",
                        "no mail " + mailEntry + " on " + site.site() + "'s Investigation #" + site.investigationId()
                                + " (the id of a correspondence or comment in its history)");
            }
            happened = mail.at();
            why = "the site's mail of " + UTC.format(mail.at()) + " from " + mail.actor() + " (history entry "
                    + mailEntry + " of #" + site.investigationId() + ")" + (why.isEmpty() ? "" : ": " + why);
        }
        Milestone earlier = em.find(Milestone.class, new Milestone.Key(incidentId, site.site(), kind));
        if (earlier != null) {
            throw DomainException.conflict(
                    "kind",
                    kind.slug() + " of " + site.site() + " was recorded already (" + UTC.format(earlier.happenedAt())
                            + ", by " + earlier.recordedBy() + ")");
        }
        milestone(site, kind, happened, why, actor, now);
        return of(site);
    }

    /** A milestone is recorded: it meets its deadline, starts the next, and goes into the Investigation's history. */
    private void milestone(
            AffectedSite site, MilestoneKind kind, Instant happened, String reason, String actor, Instant now) {
        Milestone milestone = new Milestone(site, kind, happened, reason, actor, now);
        em.persist(milestone);
        StringBuilder history =
                new StringBuilder("SEC01 milestone " + kind.slug() + " at " + UTC.format(happened) + ": " + reason);
        kind.meets().ifPresent(deadlineKind -> meet(site, deadlineKind, happened, how(milestone), now)
                .forEach(met -> history.append("\nDeadline ")
                        .append(met.describe())
                        .append(": ")
                        .append(state(met))));
        kind.starts().ifPresent(next -> {
            Deadline started = next == DeadlineKind.CLOSURE_REPORT
                    ? resolved(site, happened, "counted from the site's resolution", now)
                    : startOnce(
                            site,
                            next,
                            happened,
                            due(next, happened, calendar(site)),
                            "counted from the isolation",
                            now);
            if (started != null) {
                history.append("\nDeadline ")
                        .append(started.describe())
                        .append(": due ")
                        .append(UTC.format(started.dueAt()));
            }
        });
        tickets.addMessage(site.investigationId(), null, HistoryType.COMMENT, history.toString(), actor);
    }

    private Deadline startOnce(
            AffectedSite site, DeadlineKind kind, Instant from, Instant due, String note, Instant now) {
        return deadlinesOf(site).stream().anyMatch(d -> d.kind() == kind)
                ? null
                : start(site, kind, 0, from, due, note, now);
    }

    /**
     * The site's incident is resolved: its closure report is due a month later (a calendar month in the site's zone);
     * the deadlines still pending that are not due yet no longer apply. Those already due stay for the heartbeat to mark.
     */
    private Deadline resolved(AffectedSite site, Instant at, String note, Instant now) {
        List<Deadline> all = deadlinesOf(site);
        if (all.stream().anyMatch(d -> d.kind() == DeadlineKind.CLOSURE_REPORT)) {
            return null;
        }
        for (Deadline open : all) {
            if (open.isPending() && open.dueAt().isAfter(now)) {
                open.cancelled(now, "the site's incident was resolved before it was due");
                schedule.cancelPlanned(
                        Deadline.STEP_OWNER, List.of(open.id()), now, "the site's incident was resolved");
            }
        }
        return start(
                site,
                DeadlineKind.CLOSURE_REPORT,
                0,
                at,
                due(DeadlineKind.CLOSURE_REPORT, at, calendar(site)),
                note,
                now);
    }

    /**
     * The incident is being resolved (its closure): each affected site not resolved by hand is resolved with it.
     * Called before the Investigations are resolved, so that the sites' rows are taken before their tickets, as the
     * heartbeat takes them.
     */
    public void incidentResolved(long incidentId) {
        Instant now = clock.instant();
        for (AffectedSite site : em.createNamedQuery(AffectedSite.OF_INCIDENT_BY_SITE, AffectedSite.class)
                .setParameter("id", incidentId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList()) {
            if (em.find(Milestone.class, new Milestone.Key(incidentId, site.site(), MilestoneKind.RESOLVED)) == null) {
                resolved(site, now, "counted from the incident's resolution", now);
            }
        }
    }

    /**
     * A CSIRT request to the site: mailed to its contacts through the outbox, kept on its Investigation, and an
     * answer due within 4 working hours in the site's calendar.
     */
    public Deadline request(long incidentId, String siteName, String text, String actor) {
        if (text == null || text.isBlank()) {
            throw DomainException.invalid("text", "is required: what the CSIRT asks the site");
        }
        Instant now = clock.instant();
        AffectedSite site = locked(incidentId, siteName);
        int number = (int) deadlinesOf(site).stream()
                        .filter(d -> d.kind() == DeadlineKind.ANSWER)
                        .count()
                + 1;
        SiteCalendar calendar = calendar(site);
        Instant due = due(DeadlineKind.ANSWER, now, calendar);
        Ticket investigation = tickets.find(site.investigationId());
        Incident incident = em.find(Incident.class, incidentId);
        Map<String, Object> model = model(incident, site, investigation);
        model.put("text", text.strip());
        model.put("due", LOCAL.format(due.atZone(calendar.zone())));
        model.put("calendar", settings.workingHours() + ", " + calendar.describe());
        List<String> to = sites.contacts(new SiteName(site.site())).all();
        if (to.isEmpty()) {
            throw DomainException.conflict(
                    "site", site.site() + " has no contact address in the site registry to send the request to");
        }
        correspond(investigation, key(site) + "/request-" + number, REQUEST_LETTER, model, to, actor);
        return start(site, DeadlineKind.ANSWER, number, now, due, text.strip(), now);
    }

    /**
     * A reply by mail on a site's Investigation is its report (the first correspondence), the answer to every request
     * made before it, and, once the site is resolved, its closure report (the milestone, recorded for the CSIRT).
     */
    void onReply(@Observes ContactReplied reply) {
        List<AffectedSite> affected = em.createNamedQuery(AffectedSite.BY_INVESTIGATION, AffectedSite.class)
                .setParameter("ticket", reply.ticketId().value())
                .getResultList();
        if (affected.isEmpty()) {
            return;
        }
        AffectedSite site = em.find(
                AffectedSite.class,
                new AffectedSite.Key(
                        affected.get(0).incidentId(), affected.get(0).site()),
                LockModeType.PESSIMISTIC_WRITE);
        String how = "mail from " + reply.from();
        Instant now = clock.instant();
        meet(site, DeadlineKind.REPORT, reply.at(), how, now);
        meet(site, DeadlineKind.ANSWER, reply.at(), how, now);
        boolean resolved = deadlinesOf(site).stream()
                .anyMatch(d -> d.kind() == DeadlineKind.CLOSURE_REPORT
                        && !d.startedAt().isAfter(reply.at()));
        if (resolved
                && em.find(
                                Milestone.class,
                                new Milestone.Key(site.incidentId(), site.site(), MilestoneKind.CLOSURE_REPORT))
                        == null) {
            milestone(
                    site,
                    MilestoneKind.CLOSURE_REPORT,
                    reply.at(),
                    "the site's " + how + " after its resolution",
                    SYSTEM,
                    now);
        }
    }

    /** Meets the site's deadlines of a kind that started by {@code at} and have not been met; their steps are cancelled. */
    private List<Deadline> meet(AffectedSite site, DeadlineKind kind, Instant at, String how, Instant now) {
        List<Deadline> met = deadlinesOf(site).stream()
                .filter(d -> d.kind() == kind
                        && (kind != DeadlineKind.ANSWER || !d.startedAt().isAfter(at)))
                .filter(d -> d.met(at, how, now))
                .toList();
        schedule.cancelPlanned(
                Deadline.STEP_OWNER, met.stream().map(Deadline::id).toList(), now, "met: " + how);
        return met;
    }

    /**
     * A deadline's step, claimed by the heartbeat: the reminder to the site, or at the due time the mark if the
     * deadline is still pending. A site whose row another transaction holds (a reply, a milestone) is left for the
     * next claim: the step stays planned.
     */
    void onStepDue(@Observes @OwnedBy(Deadline.STEP_OWNER) StepDue due) {
        ScheduledStep step = due.step();
        if (em.createNativeQuery(
                        "SELECT d.id FROM incident_deadlines d JOIN incident_sites s ON s.incident_id = d.incident_id "
                                + "AND s.site = d.site WHERE d.id = :id FOR UPDATE SKIP LOCKED")
                .setParameter("id", step.owner().id())
                .getResultList()
                .isEmpty()) {
            return;
        }
        // Read after the lock (the heartbeat's persistence context is empty before each step): what a reply committed
        // is seen.
        Deadline deadline = em.find(Deadline.class, step.owner().id());
        Instant now = due.now();
        if (!deadline.isPending()) {
            step.skipped(now, "the deadline is " + state(deadline));
            return;
        }
        AffectedSite site = em.find(AffectedSite.class, new AffectedSite.Key(deadline.incidentId(), deadline.site()));
        switch (step.step()) {
            case REMINDER -> remind(site, deadline, step, now);
            case DEADLINE -> markMissed(site, deadline, step, now);
            default -> step.skipped(now, "'" + step.step() + "' is no step of a SEC01 deadline");
        }
    }

    /** The reminder, unless the deadline itself is due by now too (the heartbeat was down): then only the mark. */
    private void remind(AffectedSite site, Deadline deadline, ScheduledStep step, Instant now) {
        if (!deadline.dueAt().isAfter(now)) {
            step.skipped(now, "the deadline has passed too: it is marked instead");
            return;
        }
        Ticket investigation = tickets.find(site.investigationId());
        Map<String, Object> model = model(em.find(Incident.class, deadline.incidentId()), site, investigation);
        model.put("deadline", deadlineModel(deadline, site, null));
        List<String> to = sites.contacts(new SiteName(site.site())).all();
        if (to.isEmpty()) {
            step.skipped(now, site.site() + " has no contact address in the site registry");
            return;
        }
        correspond(
                investigation,
                key(site) + "/deadline-" + deadline.id() + "/reminder",
                REMINDER_LETTER,
                model,
                to,
                SYSTEM);
        step.done(now, "reminder to " + to.size() + " contacts");
    }

    /**
     * A letter to a site's contacts: queued in the outbox under its cause's key and kept on the site's Investigation
     * as correspondence, both in the caller's transaction.
     */
    private void correspond(
            Ticket investigation,
            String messageKey,
            String template,
            Map<String, Object> model,
            List<String> to,
            String actor) {
        Letter letter = letters.render(template, model);
        outbox.enqueue(new OutgoingMessage(
                messageKey,
                template,
                investigation.id(),
                investigation.tlp(),
                to,
                List.of(),
                letter.subject(),
                letter.body()));
        tickets.addMessage(
                investigation.id(),
                null,
                HistoryType.CORRESPOND,
                "To: " + String.join(", ", to) + "\nSubject: " + letter.subject() + "\n\n" + letter.body(),
                actor);
    }

    /** The deadline passed unmet: marked, in the Investigation's history, and the incident's coordinator is told. */
    private void markMissed(AffectedSite site, Deadline deadline, ScheduledStep step, Instant now) {
        deadline.missed(now);
        Incident incident = em.find(Incident.class, deadline.incidentId());
        Ticket investigation = tickets.find(site.investigationId());
        Optional<ScheduledStep> reminder = schedule.stepsOf(Deadline.STEP_OWNER, List.of(deadline.id())).stream()
                .filter(s -> s.step().equals(REMINDER) && s.state() == ScheduledStep.State.DONE)
                .findFirst();
        Map<String, Object> model = model(incident, site, investigation);
        model.put(
                "deadline",
                deadlineModel(
                        deadline, site, reminder.map(ScheduledStep::doneAt).orElse(null)));
        Letter letter = letters.render(MISSED_LETTER, model);
        String to = Optional.ofNullable(incident.coordinator())
                .flatMap(users::find)
                .map(User::email)
                .filter(email -> !email.isBlank())
                .orElse(incidentSettings.csirtAddress());
        outbox.enqueue(new OutgoingMessage(
                key(site) + "/deadline-" + deadline.id() + "/missed",
                MISSED_LETTER,
                site.investigationId(),
                investigation.tlp(),
                List.of(to),
                List.of(),
                letter.subject(),
                letter.body()));
        tickets.addMessage(
                site.investigationId(),
                null,
                HistoryType.COMMENT,
                "SEC01 deadline missed: " + deadline.describe() + ", due " + UTC.format(deadline.dueAt())
                        + "; coordinator told (" + to + ")",
                SYSTEM);
        step.done(now, "marked missed; " + to + " told");
    }

    /** The affected sites of an incident with their deadlines, reminders and milestones. */
    public List<SiteDeadlines> sitesOf(long incidentId) {
        return em
                .createNamedQuery(AffectedSite.OF_INCIDENT, AffectedSite.class)
                .setParameter("id", incidentId)
                .getResultList()
                .stream()
                .map(this::of)
                .toList();
    }

    public SiteDeadlines of(AffectedSite site) {
        List<Deadline> deadlines = deadlinesOf(site);
        Map<Long, Instant> reminders = new HashMap<>();
        schedule
                .stepsOf(
                        Deadline.STEP_OWNER,
                        deadlines.stream().map(Deadline::id).toList())
                .stream()
                .filter(step -> step.step().equals(REMINDER) && step.state() != ScheduledStep.State.CANCELLED)
                .forEach(step -> reminders.put(
                        step.owner().id(), step.state() == ScheduledStep.State.DONE ? step.doneAt() : step.dueAt()));
        List<Milestone> milestones = em.createNamedQuery(Milestone.OF_SITE, Milestone.class)
                .setParameter("id", site.incidentId())
                .setParameter("site", site.site())
                .getResultList();
        return new SiteDeadlines(
                site, settings.workingHours() + ", " + calendar(site).describe(), deadlines, reminders, milestones);
    }

    private List<Deadline> deadlinesOf(AffectedSite site) {
        return em.createNamedQuery(Deadline.OF_SITE, Deadline.class)
                .setParameter("id", site.incidentId())
                .setParameter("site", site.site())
                .getResultList();
    }

    /** The incident's row, then the site's, as every change of an incident takes them. */
    private AffectedSite locked(long incidentId, String siteName) {
        if (em.find(Incident.class, incidentId, LockModeType.PESSIMISTIC_WRITE) == null) {
            throw DomainException.notFound("incident #" + incidentId);
        }
        AffectedSite site = siteName == null
                ? null
                : em.find(
                        AffectedSite.class,
                        new AffectedSite.Key(incidentId, siteName.strip()),
                        LockModeType.PESSIMISTIC_WRITE);
        if (site == null) {
            throw DomainException.notFound("affected site '" + siteName + "' of incident #" + incidentId
                    + " (GET /api/incidents/" + incidentId + "/sites lists them)");
        }
        return site;
    }

    private SiteCalendar calendar(AffectedSite site) {
        Optional<Site> registered = sites.find(new SiteName(site.site()));
        return calendars.ofSite(
                registered.map(Site::timeZone).orElse(null),
                registered.map(Site::countryCode).orElse(null));
    }

    private Map<String, Object> model(Incident incident, AffectedSite site, Ticket investigation) {
        Ticket ticket = tickets.find(incident.ticketId());
        Map<String, Object> model = new HashMap<>();
        model.put(
                "incident",
                Map.of(
                        "id",
                        incident.ticketId(),
                        "tag",
                        incident.tag(),
                        "title",
                        ticket.subject().replaceFirst("^\\[[^\\]]*\\]\\s*", ""),
                        "coordinator",
                        incident.coordinator() == null ? "coordinator" : incident.coordinator()));
        model.put("site", site.site());
        model.put("investigation", investigation.id());
        model.put("tlp", investigation.tlp().name());
        model.put("csirt", incidentSettings.csirtAddress());
        return model;
    }

    private Map<String, Object> deadlineModel(Deadline deadline, AffectedSite site, Instant reminded) {
        SiteCalendar calendar = calendar(site);
        Function<Instant, String> local = at -> LOCAL.format(at.atZone(calendar.zone()));
        Map<String, Object> model = new HashMap<>();
        model.put("kind", deadline.kind().slug());
        model.put("task", deadline.kind().task());
        model.put("rule", deadline.kind().rule());
        model.put("started", local.apply(deadline.startedAt()));
        model.put("due", local.apply(deadline.dueAt()));
        model.put("dueUtc", UTC.format(deadline.dueAt()));
        model.put("request", deadline.kind() == DeadlineKind.ANSWER && deadline.note() != null ? deadline.note() : "");
        model.put("reminded", reminded == null ? "" : local.apply(reminded));
        return model;
    }

    private static String key(AffectedSite site) {
        return "sec01/incident-" + site.incidentId() + "/" + site.site();
    }

    private static String how(Milestone milestone) {
        return "milestone " + milestone.kind().slug() + " recorded by " + milestone.recordedBy();
    }

    private static String state(Deadline deadline) {
        return deadline.state().name().toLowerCase(Locale.ROOT)
                + (deadline.state() == Deadline.State.MISSED && deadline.metAt() != null
                        ? " (done late, " + UTC.format(deadline.metAt()) + ")"
                        : "");
    }
}
