package org.csirtdesk.campaign.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.csirtdesk.campaign.entity.Campaign;
import org.csirtdesk.campaign.entity.CampaignCase;
import org.csirtdesk.campaign.entity.CaseEvent;
import org.csirtdesk.campaign.entity.CaseResponse;
import org.csirtdesk.campaign.entity.Resolution;
import org.csirtdesk.mail.entity.Letter;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.HistoryType;

/**
 * What people decide about a case (people decide, the system reminds): an extension and who asked for it
 * (SEC03-4.3), an accepted explanation (SEC03-7), CSIRT's recommendation, a veto of the OMB or the COO
 * (SEC03-4.4), a site's response and CSIRT's answer to it (SEC03-2.7). Each is recorded with its reason, lands
 * in the ticket's history, and plans the case's remaining steps again.
 */
@ApplicationScoped
@Transactional
public class Decisions {

    /** Who asked for more time (SEC03-4.3). */
    public enum ExtensionBy {
        CSIRT,
        OMB
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    @Inject
    Cases cases;

    @Inject
    CampaignSchedule schedule;

    @Inject
    CaseMail mail;

    @Inject
    Tickets tickets;

    public CampaignCase extend(long caseId, Instant deadline, ExtensionBy askedBy, String reason, String actor) {
        CampaignCase c = cases.locked(caseId);
        Instant now = clock.instant();
        if (!deadline.isAfter(now)) {
            throw DomainException.invalid("deadline", "must be in the future");
        }
        Instant before = c.deadlineAt();
        c.extend(deadline);
        schedule.replan(c, "deadline extended to " + deadline);
        String detail = "deadline " + mail.time(before) + " extended to " + mail.time(deadline)
                + " at the request of the " + askedBy + ": " + reason;
        cases.event(c, CaseEvent.Kind.EXTENDED, actor, detail);
        if (c.ticketId() != null) {
            Campaign campaign = cases.campaignOf(c);
            Letter letter = mail.toSite(
                    "sec03/case-" + c.id() + "/r" + c.round() + "/d" + c.deadlineRound() + "/extension",
                    "sec03-extension",
                    campaign,
                    c,
                    CaseMail.Audience.SITE,
                    Map.of("reason", reason, "askedBy", askedBy.name()));
            tickets.addMessage(c.ticketId(), null, HistoryType.CORRESPOND, letter.body(), actor);
        } else {
            cases.note(c, HistoryType.COMMENT, detail, actor);
        }
        return c;
    }

    /** SEC03-7: CSIRT accepts the site's explanation; the case resolves even if monitoring still shows it vulnerable. */
    public CampaignCase accept(long caseId, Resolution reason, String explanation, String actor) {
        if (!reason.isExplanation()) {
            throw DomainException.invalid(
                    "reason",
                    "must be one of OWN_REBUILD, VENDOR_ACTION, AGREED_ACTION, NOT_VULNERABLE: "
                            + "PATCHED comes from monitoring, REINSTATED from a reinstatement");
        }
        CampaignCase c = cases.locked(caseId);
        if (!c.state().awaitsAction()) {
            throw DomainException.conflict("case", "the case of " + c.site() + " is " + CampaignCase.label(c.state()));
        }
        cases.resolve(c, reason, explanation, actor);
        return c;
    }

    public CampaignCase recommend(long caseId, boolean suspend, String reason, String actor) {
        CampaignCase c = cases.locked(caseId);
        boolean waits = c.recommend(suspend, reason, clock.instant());
        String detail = (suspend ? "CSIRT recommends suspension: " : "CSIRT does not recommend suspension: ")
                + reason
                + (waits
                        ? " (the deadline has passed: the case waits for the coordinator's confirmation, SEC03-4.5)"
                        : "");
        cases.event(c, CaseEvent.Kind.RECOMMENDED, actor, detail);
        cases.note(c, HistoryType.COMMENT, detail, actor);
        return c;
    }

    /** SEC03-4.4: the OMB (by majority) or the COO says no; the veto is recorded and blocks the suspension. */
    public CampaignCase veto(long caseId, CampaignCase.VetoBy by, String reason, String actor) {
        CampaignCase c = cases.locked(caseId);
        c.veto(by, reason);
        String detail = "suspension vetoed by the " + by + ": " + reason;
        cases.event(c, CaseEvent.Kind.VETOED, actor, detail);
        cases.note(c, HistoryType.COMMENT, detail + " (SEC03-4.4)", actor);
        return c;
    }

    /** SEC03-2.7: the site wrote (its reasons, its plan); the case waits for CSIRT's answer. */
    public CampaignCase siteResponded(long caseId, String statement, String plan, String actor) {
        CampaignCase c = cases.locked(caseId);
        if (c.state() == CampaignCase.State.RESOLVED) {
            throw DomainException.conflict("case", "the case of " + c.site() + " is resolved");
        }
        Instant now = clock.instant();
        c.siteResponded(statement, plan, now);
        // The case keeps the latest; the OMB summary quotes every response (SEC03-4.1.2).
        em.persist(new CaseResponse(c.id(), actor, now, statement, plan));
        String detail = "site responded" + (statement == null ? "" : ": " + statement)
                + (plan == null ? "" : "\nPlan: " + plan);
        cases.event(c, CaseEvent.Kind.SITE_RESPONDED, actor, detail);
        cases.note(c, HistoryType.COMMENT, detail + "\nWaiting for CSIRT's answer (SEC03-2.7).", actor);
        return c;
    }

    /** CSIRT answers the site on its ticket; how long the site waited is recorded. */
    public CampaignCase answer(long caseId, String content, String actor) {
        CampaignCase c = cases.locked(caseId);
        if (c.ticketId() == null) {
            throw DomainException.conflict("case", "the case of " + c.site() + " has no ticket yet to answer on");
        }
        Duration waited = c.csirtAnswered(clock.instant());
        Campaign campaign = cases.campaignOf(c);
        long answers = em.createNamedQuery(CaseEvent.COUNT_OF_KIND, Long.class)
                .setParameter("case", c.id())
                .setParameter("kind", CaseEvent.Kind.CSIRT_ANSWERED)
                .getSingleResult();
        Letter letter = mail.toSite(
                "sec03/case-" + c.id() + "/answer-" + (answers + 1),
                "sec03-answer",
                campaign,
                c,
                CaseMail.Audience.SITE,
                Map.of("content", content));
        tickets.addMessage(c.ticketId(), null, HistoryType.CORRESPOND, letter.body(), actor);
        cases.event(
                c,
                CaseEvent.Kind.CSIRT_ANSWERED,
                actor,
                waited == null ? "answered" : "answered after " + waited.toMinutes() + " minutes");
        return c;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CampaignCase find(long caseId) {
        CampaignCase c = em.find(CampaignCase.class, caseId);
        if (c == null) {
            throw DomainException.notFound("case #" + caseId);
        }
        return c;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CampaignCase> casesOf(long campaignId, CampaignCase.State state, String site, int offset, int limit) {
        return em.createNamedQuery(CampaignCase.OF_CAMPAIGN, CampaignCase.class)
                .setParameter("campaign", campaignId)
                .setParameter("state", state)
                .setParameter("site", site)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CaseEvent> events(long caseId) {
        return em.createNamedQuery(CaseEvent.OF_CASE, CaseEvent.class)
                .setParameter("case", caseId)
                .getResultList();
    }
}
