package org.csirtdesk.campaign.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.csirtdesk.campaign.entity.Campaign;
import org.csirtdesk.campaign.entity.CampaignCase;
import org.csirtdesk.campaign.entity.CaseEvent;
import org.csirtdesk.campaign.entity.CasePath;
import org.csirtdesk.campaign.entity.Resolution;
import org.csirtdesk.campaign.entity.Suspension;
import org.csirtdesk.mail.entity.Letter;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.HistoryType;
import org.csirtdesk.ticket.entity.Status;

/**
 * What every path through a case shares: finding and locking it (its campaign first, always, so that two
 * changes of one campaign never deadlock and "all sites have acted" is counted once), writing its history to
 * its ticket (or, before it has one, to the campaign's Incident), resolving it with thanks, and the notice to
 * noc-managers and the COO when the last case of a campaign closes.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Cases {

    static final String SYSTEM = "csirt-desk";

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    @Inject
    Tickets tickets;

    @Inject
    CampaignSchedule schedule;

    @Inject
    CaseMail mail;

    @Inject
    ProcedureSettings settings;

    /** A case locked for change, its campaign locked first. */
    public CampaignCase locked(long caseId) {
        Long campaignId = em.createNamedQuery(CampaignCase.CAMPAIGN_ID_OF, Long.class)
                .setParameter("id", caseId)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> DomainException.notFound("case #" + caseId));
        em.find(Campaign.class, campaignId, LockModeType.PESSIMISTIC_WRITE);
        return em.find(CampaignCase.class, caseId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The id of the unresolved case whose Investigation this ticket is, if any. */
    public Optional<Long> unresolvedCaseOf(long ticketId) {
        return em.createNamedQuery(CampaignCase.UNRESOLVED_OF_TICKET, Long.class)
                .setParameter("ticket", ticketId)
                .setParameter("resolved", CampaignCase.State.RESOLVED)
                .getResultStream()
                .findFirst();
    }

    public Campaign campaignOf(CampaignCase c) {
        return em.find(Campaign.class, c.campaignId());
    }

    public void event(CampaignCase c, CaseEvent.Kind kind, String actor, String detail) {
        em.persist(new CaseEvent(c.id(), kind, actor, clock.instant(), detail));
    }

    /** A line in the case's history: on its ticket, or on the campaign's Incident while it has none. */
    public void note(CampaignCase c, HistoryType type, String text, String actor) {
        if (c.ticketId() != null) {
            tickets.addMessage(c.ticketId(), null, type, text, actor);
        } else {
            tickets.addMessage(
                    campaignOf(c).incidentTicketId(), null, HistoryType.COMMENT, c.site() + ": " + text, actor);
        }
    }

    /**
     * Resolves a case for a SEC03-7 reason: its planned steps are cancelled and, if it has a ticket, the site
     * is thanked ("Thank you for addressing this problem") and the ticket resolved (SEC03-2.5).
     */
    public void resolve(CampaignCase c, Resolution why, String note, String actor) {
        Campaign campaign = campaignOf(c);
        c.resolve(why, note, clock.instant());
        schedule.replan(c, "case resolved: " + why.description());
        event(c, CaseEvent.Kind.RESOLVED, actor, why.name() + (note == null || note.isBlank() ? "" : ": " + note));
        if (c.ticketId() != null) {
            if (why.thanksTheSite()) {
                Letter thanks = mail.toSite(
                        "sec03/case-" + c.id() + "/r" + c.round() + "/thanks",
                        "sec03-thanks",
                        campaign,
                        c,
                        CaseMail.Audience.SITE,
                        Map.of("reason", why.description(), "note", note == null ? "" : note));
                tickets.addMessage(c.ticketId(), null, HistoryType.CORRESPOND, thanks.body(), actor);
            }
            if (tickets.find(c.ticketId()).isActive()) {
                tickets.changeStatus(c.ticketId(), null, Status.RESOLVED, why.description(), actor);
            }
        } else {
            note(c, HistoryType.COMMENT, "resolved before its ticket: " + why.description(), actor);
        }
        allActedIfLast(campaign, c);
    }

    /**
     * A new case of a started campaign: the advisory's path while the tickets are still to open, else the 48-hour path
     * with the later of the campaign's deadline and 48 hours (SEC03-3.1, SEC03-5.2).
     */
    public void putOnPath(Campaign campaign, CampaignCase c, Instant now, String why) {
        if (!campaign.isActive()) {
            return;
        }
        if (now.isBefore(campaign.ticketsAt())) {
            c.plan(CasePath.ADVISORY, campaign.ticketsAt(), campaign.deadlineAt());
        } else {
            c.plan(CasePath.REINTRODUCTION, now, settings.timeline().lateFindingDeadline(now, campaign.deadlineAt()));
        }
        schedule.replan(c, why);
    }

    /** SEC03-6.5: the last open case of a started campaign closed; noc-managers and the COO are told once per closing. */
    void allActedIfLast(Campaign campaign, CampaignCase closed) {
        if (!campaign.isActive()) {
            return;
        }
        long open = em.createNamedQuery(CampaignCase.COUNT_UNRESOLVED, Long.class)
                .setParameter("campaign", campaign.id())
                .setParameter("resolved", CampaignCase.State.RESOLVED)
                .getSingleResult();
        if (open > 0) {
            return;
        }
        Map<String, Object> model = mail.model(campaign);
        model.put(
                "cases",
                em.createNamedQuery(CampaignCase.COUNT_OF_CAMPAIGN, Long.class)
                        .setParameter("campaign", campaign.id())
                        .getSingleResult());
        model.put(
                "suspensions",
                em.createNamedQuery(Suspension.COUNT_OF_CAMPAIGN, Long.class)
                        .setParameter("campaign", campaign.id())
                        .getSingleResult());
        model.put("last", closed.site());
        Letter letter = mail.to(
                "sec03/campaign-" + campaign.id() + "/all-acted/case-" + closed.id() + "-r" + closed.round(),
                "sec03-all-acted",
                campaign,
                campaign.incidentTicketId(),
                List.of(settings.nocManagers(), settings.coo()),
                List.of(),
                model);
        campaign.allActed(clock.instant());
        tickets.addMessage(campaign.incidentTicketId(), null, HistoryType.CORRESPOND, letter.body(), SYSTEM);
    }

    public Instant now() {
        return clock.instant();
    }
}
