package org.csirtdesk.campaign.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.csirtdesk.campaign.entity.Campaign;
import org.csirtdesk.campaign.entity.CampaignCase;
import org.csirtdesk.campaign.entity.CaseEvent;
import org.csirtdesk.campaign.entity.CasePath;
import org.csirtdesk.campaign.entity.StepName;
import org.csirtdesk.mail.entity.Letter;
import org.csirtdesk.schedule.entity.OwnedBy;
import org.csirtdesk.schedule.entity.ScheduledStep;
import org.csirtdesk.schedule.entity.StepDue;
import org.csirtdesk.schedule.entity.StepsClaimed;
import org.csirtdesk.ticket.control.TicketDraft;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.HistoryType;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Status;
import org.csirtdesk.ticket.entity.Ticket;

/**
 * SEC03's steps, run when the heartbeat announces them: a campaign's escalation, and each case's ticket, reminders,
 * final warning, re-introduction check and deadline, each with its letters in the outbox and its history on the
 * ticket. A batch's cases are locked when it is claimed (never waiting: a case another transaction holds, a decision
 * being recorded, has its step passed over for now) and their sites' contacts and due reminders read at once. A step
 * whose case has moved on is skipped with the reason; a daily reminder overtaken by a later one (the application was
 * down) is skipped, so a missed day sends one reminder, not one per day.
 */
@ApplicationScoped
public class CampaignSteps {

    @PersistenceContext
    EntityManager em;

    @Inject
    CampaignSchedule schedule;

    @Inject
    ClaimedCases claimed;

    @Inject
    Cases cases;

    @Inject
    CaseMail mail;

    @Inject
    KnownContacts contacts;

    @Inject
    Tickets tickets;

    @Inject
    Suspensions suspensions;

    @Inject
    ProcedureSettings settings;

    /**
     * A batch's cases are locked if no other transaction holds them (locked now, never waiting; read after the lock,
     * so committed), and those sites' contacts and the cases' due reminders read for all at once.
     */
    void onClaimed(@Observes StepsClaimed batch) {
        List<ScheduledStep> caseSteps = batch.of(CampaignCase.STEP_OWNER);
        if (caseSteps.isEmpty()) {
            return;
        }
        Set<Long> locked = lockCases(
                caseSteps.stream().map(step -> step.owner().id()).distinct().toList());
        if (!locked.isEmpty()) {
            contacts.load(em.createQuery("select c.site from CampaignCase c where c.id in :ids", String.class)
                    .setParameter("ids", locked)
                    .getResultList());
        }
        claimed.hold(
                locked,
                schedule.remindersDue(
                        caseSteps.stream()
                                .filter(step -> StepName.parse(step.step()).kind() == StepName.Kind.REMINDER
                                        && locked.contains(step.owner().id()))
                                .map(step -> step.owner().id())
                                .distinct()
                                .toList(),
                        batch.now()));
    }

    private Set<Long> lockCases(List<Long> ids) {
        return ((List<?>) em.createNativeQuery(
                                "SELECT id FROM campaign_cases WHERE id IN (:ids) ORDER BY id FOR UPDATE SKIP LOCKED")
                        .setParameter("ids", ids)
                        .getResultList())
                .stream().map(id -> ((Number) id).longValue()).collect(Collectors.toSet());
    }

    /** A step of the whole campaign (its escalation): run, or skipped when the campaign is no longer active. */
    void onCampaignStepDue(@Observes @OwnedBy(Campaign.STEP_OWNER) StepDue due) {
        Campaign campaign = em.find(Campaign.class, due.step().owner().id());
        if (!campaign.isActive()) {
            due.step()
                    .skipped(
                            due.now(),
                            "the campaign is " + campaign.state().name().toLowerCase());
        } else {
            escalate(campaign, due.step(), due.now());
        }
    }

    /** A step of a case: run, skipped, or (its case is held elsewhere) left planned for later. */
    void onCaseStepDue(@Observes @OwnedBy(CampaignCase.STEP_OWNER) StepDue due) {
        ScheduledStep step = due.step();
        if (!claimed.holds(step.owner().id())) {
            return;
        }
        CampaignCase c = em.find(CampaignCase.class, step.owner().id());
        Campaign campaign = em.find(Campaign.class, c.campaignId());
        if (!campaign.isActive()) {
            step.skipped(due.now(), "the campaign is " + campaign.state().name().toLowerCase());
        } else {
            runCaseStep(campaign, c, step, claimed.remindersDue(c.id()), due.now());
        }
    }

    /**
     * Whether {@code reminder} is overtaken by {@code other}: a later reminder of the same case and round that is due
     * by {@code now} too and was not cancelled or skipped. Then only the later one goes out: a missed day sends one
     * reminder, not one per day (SEC03-2.5).
     */
    static boolean overtakenBy(ScheduledStep reminder, ScheduledStep other, Instant now) {
        return reminder.owner().equals(other.owner())
                && other.step()
                        .startsWith("r" + StepName.parse(reminder.step()).round() + "/" + StepName.Kind.REMINDER.slug()
                                + "-")
                && other.dueAt().isAfter(reminder.dueAt())
                && !other.dueAt().isAfter(now)
                && (other.state() == ScheduledStep.State.PLANNED || other.state() == ScheduledStep.State.DONE);
    }

    private void runCaseStep(
            Campaign campaign, CampaignCase c, ScheduledStep step, List<ScheduledStep> reminders, Instant now) {
        StepName name = StepName.parse(step.step());
        if (name.round() != c.round()) {
            step.skipped(now, "the case is in round " + c.round());
            return;
        }
        switch (name.kind()) {
            case TICKET, REINTRODUCTION -> openTicket(campaign, c, step, now);
            case REMINDER -> remind(campaign, c, step, reminders, now);
            case FINAL_WARNING -> finalWarning(campaign, c, step, now);
            case REINTRODUCTION_CHECK -> reintroductionCheck(campaign, c, step, now);
            case DEADLINE -> deadline(campaign, c, step, now);
            default -> step.skipped(now, name.kind() + " is not a step of a case");
        }
    }

    private String key(CampaignCase c, ScheduledStep step, String letter) {
        return "sec03/case-" + c.id() + "/" + step.step() + "/" + letter;
    }

    /** SEC03-2.4 (the advisory's path) and SEC03-3.1 (a re-introduction): the ticket and its first notice. */
    private void openTicket(Campaign campaign, CampaignCase c, ScheduledStep step, Instant now) {
        if (c.state() != CampaignCase.State.PENDING) {
            step.skipped(now, "the case is " + CampaignCase.label(c.state()));
            return;
        }
        boolean reintroduction = c.path() == CasePath.REINTRODUCTION;
        // SEC03-3.1: the 48 hours count from now, when the notice goes to the outbox, and never end before the
        // deadline the advisory announced.
        boolean later = reintroduction
                && c.reintroductionNoticeSent(now, settings.timeline().lateFindingDeadline(now, campaign.deadlineAt()));
        String template = reintroduction ? "sec03-reintroduction" : "sec03-ticket";
        Letter letter = mail.render(template, mail.model(campaign, c));
        List<String> to = mail.recipients(c.site(), CaseMail.Audience.SITE);
        long ticketId;
        if (c.ticketId() == null) {
            Ticket ticket = tickets.create(
                    new TicketDraft(
                            Queue.INVESTIGATIONS,
                            mail.subject(letter, campaign),
                            campaign.tlp(),
                            null,
                            to,
                            List.of(),
                            c.deadlineAt(),
                            c.site(),
                            Map.of(),
                            campaign.incidentTicketId(),
                            letter.body()),
                    Cases.SYSTEM);
            ticketId = ticket.id();
        } else {
            ticketId = c.ticketId();
            if (!tickets.find(ticketId).isActive()) {
                tickets.changeStatus(ticketId, null, Status.OPEN, "re-introduction (SEC03-3.1)", Cases.SYSTEM);
            }
            tickets.addMessage(ticketId, null, HistoryType.CORRESPOND, letter.body(), Cases.SYSTEM);
        }
        c.ticketOpened(ticketId, now);
        mail.toSite(key(c, step, "notice"), template, campaign, c, CaseMail.Audience.SITE, Map.of());
        cases.event(
                c,
                CaseEvent.Kind.TICKET_OPENED,
                Cases.SYSTEM,
                "ticket #" + ticketId + " to " + String.join(", ", to)
                        + (later ? "; deadline " + c.deadlineAt() + ", counted from this notice" : ""));
        step.done(now, "ticket #" + ticketId + " opened, notice to " + to.size() + " contacts");
        if (later) {
            schedule.replan(c, "the re-introduction notice went out at " + now + ", later than planned");
        }
    }

    /** SEC03-2.5: the site has not acted (or its case would be resolved): a reminder. */
    private void remind(
            Campaign campaign, CampaignCase c, ScheduledStep step, List<ScheduledStep> reminders, Instant now) {
        if (c.state() != CampaignCase.State.OPEN) {
            step.skipped(now, "the case is " + CampaignCase.label(c.state()));
            return;
        }
        if (reminders.stream().anyMatch(later -> overtakenBy(step, later, now))) {
            step.skipped(now, "overtaken by a later reminder that is due too: one reminder for the missed days");
            return;
        }
        c.reminderSent();
        Letter letter =
                mail.toSite(key(c, step, "reminder"), "sec03-reminder", campaign, c, CaseMail.Audience.SITE, Map.of());
        tickets.addMessage(c.ticketId(), null, HistoryType.CORRESPOND, letter.body(), Cases.SYSTEM);
        cases.event(c, CaseEvent.Kind.REMINDED, Cases.SYSTEM, "reminder " + c.reminders());
        step.done(now, "reminder " + c.reminders() + " sent");
    }

    /** SEC03-4.1.1, and after an extension the OMB told of this site again (SEC03-4.1.2). */
    private void finalWarning(Campaign campaign, CampaignCase c, ScheduledStep step, Instant now) {
        if (c.state() != CampaignCase.State.OPEN) {
            step.skipped(now, "the case is " + CampaignCase.label(c.state()));
            return;
        }
        sendFinalWarning(campaign, c, step, now);
        if (c.deadlineRound() > 1) {
            ombNotice(campaign, c, step);
        }
        step.done(
                now,
                "final warning sent" + (c.deadlineRound() > 1 ? "; noc-managers told of the extended deadline" : ""));
    }

    private void sendFinalWarning(Campaign campaign, CampaignCase c, ScheduledStep step, Instant now) {
        c.finalWarningSent(now);
        Letter letter = mail.toSite(
                key(c, step, "final-warning"),
                "sec03-final-warning",
                campaign,
                c,
                CaseMail.Audience.SECURITY,
                Map.of());
        tickets.addMessage(c.ticketId(), null, HistoryType.CORRESPOND, letter.body(), Cases.SYSTEM);
        cases.event(c, CaseEvent.Kind.FINAL_WARNING, Cases.SYSTEM, "final warning before " + mail.time(c.deadlineAt()));
    }

    private void ombNotice(Campaign campaign, CampaignCase c, ScheduledStep step) {
        Map<String, Object> model = mail.model(campaign);
        model.put("sites", mail.summaryModels(List.of(c)));
        model.put("deadline", mail.time(c.deadlineAt()));
        model.put("count", 1);
        mail.to(
                key(c, step, "omb-summary"),
                "sec03-omb-summary",
                campaign,
                c.ticketId(),
                List.of(settings.nocManagers()),
                List.of(),
                model);
    }

    /**
     * SEC03-3.2: 24 hours into the 48-hour path: a reminder, noc-managers told, and the final warning, unless the
     * deadline is further away (the campaign's) and the final warning comes the usual time before it.
     */
    private void reintroductionCheck(Campaign campaign, CampaignCase c, ScheduledStep step, Instant now) {
        if (c.state() != CampaignCase.State.OPEN) {
            step.skipped(now, "the case is " + CampaignCase.label(c.state()));
            return;
        }
        boolean warns = settings.timeline().checkWarns(c.path(), c.deadlineRound(), c.ticketDueAt(), c.deadlineAt());
        c.reminderSent();
        Letter reminder =
                mail.toSite(key(c, step, "reminder"), "sec03-reminder", campaign, c, CaseMail.Audience.SITE, Map.of());
        tickets.addMessage(c.ticketId(), null, HistoryType.CORRESPOND, reminder.body(), Cases.SYSTEM);
        cases.event(
                c,
                CaseEvent.Kind.REMINDED,
                Cases.SYSTEM,
                c.vulnerableBefore() ? "re-introduction reminder" : "reminder 24 hours after the ticket");
        if (warns) {
            sendFinalWarning(campaign, c, step, now);
        }
        Map<String, Object> model = mail.model(campaign, c);
        model.put("warned", warns);
        mail.to(
                key(c, step, "noc-managers"),
                "sec03-reintroduction-noc",
                campaign,
                c.ticketId(),
                List.of(settings.nocManagers()),
                List.of(),
                model);
        step.done(now, "reminder, noc-managers told" + (warns ? ", final warning" : ""));
    }

    /** The deadline: the case waits for the coordinator if CSIRT recommends suspension and nobody vetoed it. */
    private void deadline(Campaign campaign, CampaignCase c, ScheduledStep step, Instant now) {
        if (c.state() != CampaignCase.State.OPEN && c.state() != CampaignCase.State.AWAITING_CONFIRMATION) {
            step.skipped(now, "the case is " + CampaignCase.label(c.state()));
            return;
        }
        boolean waits = c.deadlineReached();
        String outcome;
        if (waits
                && settings.automaticSuspension()
                && c.missingNotices(now, settings.timeline().times().finalWarningBefore()) == null) {
            suspensions.suspend(
                    c,
                    "automatic mode: the site did not act by the deadline; " + c.recommendation(),
                    Cases.SYSTEM + " (automatic mode)");
            outcome = "suspension requested (automatic mode)";
        } else if (waits) {
            outcome = "waiting for the coordinator to confirm the suspension CSIRT recommends";
        } else if (c.vetoedBy() != null) {
            outcome = "the " + c.vetoedBy() + " vetoed suspension: " + c.veto();
        } else {
            outcome = "CSIRT to decide: extend, accept an explanation, or recommend suspension";
        }
        cases.event(c, CaseEvent.Kind.DEADLINE_PASSED, Cases.SYSTEM, outcome);
        tickets.addMessage(
                c.ticketId(),
                null,
                HistoryType.COMMENT,
                "Deadline " + mail.time(c.deadlineAt()) + " passed, the site " + "has not acted: " + outcome + ".",
                Cases.SYSTEM);
        step.done(now, outcome);
    }

    /**
     * SEC03-2.6, SEC03-6.2 and SEC03-4.1.2, 24 hours before the campaign's deadline: noc-managers get the list of every
     * site still vulnerable, whatever its path, each with its own deadline, and the OMB summary; or, if every site
     * has acted, the notice that all have.
     */
    private void escalate(Campaign campaign, ScheduledStep step, Instant now) {
        // Every open case with a deadline: on the advisory's path, on the 48-hour path (its own deadline, maybe later
        // than the campaign's), or extended. A case without a deadline has none to miss.
        List<CampaignCase> remaining = em
                .createNamedQuery(CampaignCase.OPEN_OF_CAMPAIGN, CampaignCase.class)
                .setParameter("campaign", campaign.id())
                .setParameter("open", CampaignCase.OPEN_STATES)
                .getResultList()
                .stream()
                .filter(c -> c.deadlineAt() != null)
                .toList();
        Map<String, Object> model = mail.model(campaign);
        model.put("count", remaining.size());
        model.put("deadline", mail.time(campaign.deadlineAt()));
        String prefix = "sec03/campaign-" + campaign.id() + "/" + step.step() + "/";
        List<Letter> letters = new ArrayList<>();
        if (remaining.isEmpty()) {
            letters.add(mail.to(
                    prefix + "all-updated",
                    "sec03-all-updated",
                    campaign,
                    campaign.incidentTicketId(),
                    List.of(settings.nocManagers()),
                    List.of(),
                    model));
            step.done(now, "noc-managers told that all sites have updated");
        } else {
            model.put("sites", mail.summaryModels(remaining));
            letters.add(mail.to(
                    prefix + "noc-list",
                    "sec03-noc-list",
                    campaign,
                    campaign.incidentTicketId(),
                    List.of(settings.nocManagers()),
                    List.of(),
                    model));
            letters.add(mail.to(
                    prefix + "omb-summary",
                    "sec03-omb-summary",
                    campaign,
                    campaign.incidentTicketId(),
                    List.of(settings.nocManagers()),
                    List.of(),
                    model));
            step.done(now, remaining.size() + " sites not updated: list and OMB summary to noc-managers");
        }
        letters.forEach(letter -> tickets.addMessage(
                campaign.incidentTicketId(), null, HistoryType.CORRESPOND, letter.body(), Cases.SYSTEM));
    }
}
