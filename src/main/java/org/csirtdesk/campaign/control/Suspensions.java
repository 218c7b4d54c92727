package org.csirtdesk.campaign.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
import org.csirtdesk.campaign.entity.Resolution;
import org.csirtdesk.campaign.entity.Suspension;
import org.csirtdesk.mail.entity.Letter;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.site.control.StatusChanges;
import org.csirtdesk.site.entity.CertificationStatus;
import org.csirtdesk.site.entity.StatusChange;
import org.csirtdesk.site.entity.StatusChangeSettled;
import org.csirtdesk.ticket.control.TicketDraft;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.HistoryType;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Status;
import org.csirtdesk.ticket.entity.Ticket;

/**
 * Suspension and reinstatement (SEC03-4.2, SEC03-4.4, SEC03-4.5, SEC03-4.6, SEC03-5.4, SEC03-6.4): the
 * coordinator's confirmation opens a Countermeasure and asks GOCDB for Suspended; the suspension is active, and noc-managers and the COO are told,
 * only when GOCDB reads it back. A ROD's request and CSIRT's verification ask GOCDB for Uncertified (never
 * Certified); its read-back ends the suspension and the case.
 */
@ApplicationScoped
@Transactional
public class Suspensions {

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    @Inject
    Cases cases;

    @Inject
    CaseMail mail;

    @Inject
    Tickets tickets;

    @Inject
    StatusChanges statusChanges;

    @Inject
    ProcedureSettings settings;

    /** The coordinator confirms the suspension CSIRT recommended for a case waiting at its deadline. */
    public Suspension confirm(long caseId, String reason, String actor) {
        CampaignCase c = cases.locked(caseId);
        if (c.state() != CampaignCase.State.AWAITING_CONFIRMATION) {
            throw DomainException.conflict(
                    "case",
                    "the case of " + c.site() + " is " + CampaignCase.label(c.state())
                            + ": only a case waiting at its deadline with CSIRT's recommendation and no veto can be suspended");
        }
        return suspend(c, reason, actor);
    }

    /**
     * Suspends a locked case: refused if it would break SEC03-5.4 (the notices), a veto or the deadline
     * (SEC03-4.4). The letters of SEC03-4.2 go out with it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Suspension suspend(CampaignCase c, String reason, String actor) {
        Instant now = clock.instant();
        String missing = c.missingNotices(now, settings.timeline().times().finalWarningBefore());
        if (missing != null) {
            throw DomainException.conflict("case", "no suspension of " + c.site() + ": " + missing);
        }
        c.suspend(now);
        Campaign campaign = cases.campaignOf(c);
        Ticket countermeasure = tickets.create(
                new TicketDraft(
                        Queue.COUNTERMEASURES,
                        "Suspension of " + c.site() + " (" + String.join(", ", campaign.vulnerabilities()) + ")",
                        campaign.tlp(),
                        actor,
                        List.of(),
                        List.of(),
                        null,
                        c.site(),
                        Map.of("Action", "Site suspension"),
                        campaign.incidentTicketId(),
                        "Suspension of " + c.site() + " decided by " + actor + ": " + reason),
                actor);
        StatusChange change =
                statusChanges.record(c.site(), CertificationStatus.SUSPENDED, reason, countermeasure.id(), actor);
        if (change.state() == StatusChange.State.FAILED) {
            throw new DomainException(
                    DomainException.Kind.UPSTREAM_FAILED,
                    "GOCDB refused to suspend " + c.site() + ": " + change.outcome());
        }
        Suspension suspension = new Suspension(c, reason, actor, now, countermeasure.id(), change.id());
        em.persist(suspension);
        Map<String, Object> extra = Map.of("reason", reason, "countermeasure", countermeasure.id());
        Letter toSite = mail.toSite(
                "sec03/case-" + c.id() + "/r" + c.round() + "/suspension-notice",
                "sec03-suspension-site",
                campaign,
                c,
                CaseMail.Audience.SITE,
                extra);
        Map<String, Object> model = mail.model(campaign, c);
        model.putAll(extra);
        mail.to(
                "sec03/case-" + c.id() + "/r" + c.round() + "/suspension-decision",
                "sec03-suspension-decision",
                campaign,
                countermeasure.id(),
                List.of(settings.nocManagers()),
                List.of(),
                model);
        tickets.addMessage(c.ticketId(), null, HistoryType.CORRESPOND, toSite.body(), actor);
        cases.event(
                c,
                CaseEvent.Kind.SUSPENSION_CONFIRMED,
                actor,
                reason + " (countermeasure #" + countermeasure.id() + ", GOCDB status change #" + change.id() + ")");
        return suspension;
    }

    /** GOCDB read a status change back, or it failed: the suspension or reinstatement it served moves on. */
    void onSettled(@Observes StatusChangeSettled settled) {
        Optional<Suspension> suspending = em.createNamedQuery(Suspension.BY_STATUS_CHANGE, Suspension.class)
                .setParameter("change", settled.changeId())
                .getResultStream()
                .findFirst();
        if (suspending.isPresent() && suspending.get().state() == Suspension.State.REQUESTED) {
            suspensionSettled(suspending.get(), settled);
            return;
        }
        em.createNamedQuery(Suspension.BY_REINSTATEMENT_CHANGE, Suspension.class)
                .setParameter("change", settled.changeId())
                .getResultStream()
                .findFirst()
                .filter(s -> s.state() == Suspension.State.REINSTATING)
                .ifPresent(s -> reinstatementSettled(s, settled));
    }

    private void suspensionSettled(Suspension suspension, StatusChangeSettled settled) {
        CampaignCase c = cases.locked(suspension.caseId());
        em.lock(suspension, LockModeType.PESSIMISTIC_WRITE);
        Campaign campaign = cases.campaignOf(c);
        if (settled.outcome() == StatusChange.State.CONFIRMED) {
            suspension.active(settled.at());
            tickets.changeStatus(
                    suspension.countermeasureTicketId(),
                    null,
                    Status.ACTIVE,
                    "GOCDB shows " + c.site() + " as Suspended",
                    Cases.SYSTEM);
            cases.event(c, CaseEvent.Kind.SUSPENDED, Cases.SYSTEM, "GOCDB reads back Suspended at " + settled.at());
            Map<String, Object> model = mail.model(campaign, c);
            model.put("reason", suspension.reason());
            model.put("suspendedAt", mail.time(settled.at()));
            model.put("decidedBy", suspension.decidedBy());
            Letter done = mail.to(
                    "sec03/suspension-" + suspension.id() + "/done",
                    "sec03-suspended",
                    campaign,
                    suspension.countermeasureTicketId(),
                    List.of(settings.nocManagers(), settings.coo()),
                    List.of(),
                    model);
            tickets.addMessage(
                    suspension.countermeasureTicketId(), null, HistoryType.CORRESPOND, done.body(), Cases.SYSTEM);
        } else {
            suspension.failed(settled.at());
            c.suspensionFailed();
            tickets.changeStatus(
                    suspension.countermeasureTicketId(),
                    null,
                    Status.REMOVED,
                    "GOCDB did not suspend " + c.site() + ": " + settled.detail(),
                    Cases.SYSTEM);
            cases.event(c, CaseEvent.Kind.SUSPENSION_FAILED, Cases.SYSTEM, settled.outcome() + ": " + settled.detail());
            cases.note(
                    c,
                    HistoryType.COMMENT,
                    "The suspension did not happen (" + settled.outcome().name().toLowerCase() + ": " + settled.detail()
                            + "); the case waits for the coordinator again.",
                    Cases.SYSTEM);
        }
    }

    /** SEC03-4.6: a ROD asks for a suspended site back. */
    public Suspension requestReinstatement(long id, String contact, String request, String actor) {
        Suspension suspension = locked(id);
        CampaignCase c = em.find(CampaignCase.class, suspension.caseId());
        suspension.reinstatementRequested(actor, contact, request, clock.instant());
        cases.event(c, CaseEvent.Kind.REINSTATEMENT_REQUESTED, actor, request + " (reply to " + contact + ")");
        tickets.addMessage(
                suspension.countermeasureTicketId(),
                null,
                HistoryType.COMMENT,
                "Reinstatement requested by " + actor + " (" + contact + "): " + request
                        + "\nCSIRT to verify the site (SEC03-4.6).",
                actor);
        return suspension;
    }

    /**
     * CSIRT's verification of a site a ROD wants back: approved, GOCDB is asked for Uncertified and the
     * Countermeasure is pending removal; refused, the suspension stays. The ROD is told either way.
     */
    public Suspension verify(long id, boolean approve, String note, String actor) {
        Suspension suspension = locked(id);
        if (suspension.state() != Suspension.State.REINSTATEMENT_REQUESTED) {
            throw DomainException.conflict(
                    "state",
                    "the suspension of " + suspension.site() + " has no reinstatement request "
                            + "waiting for verification");
        }
        CampaignCase c = em.find(CampaignCase.class, suspension.caseId());
        Campaign campaign = cases.campaignOf(c);
        if (approve) {
            StatusChange change = statusChanges.record(
                    c.site(),
                    CertificationStatus.UNCERTIFIED,
                    "reinstatement verified by CSIRT: " + note,
                    suspension.countermeasureTicketId(),
                    actor);
            if (change.state() == StatusChange.State.FAILED) {
                throw new DomainException(
                        DomainException.Kind.UPSTREAM_FAILED,
                        "GOCDB refused Uncertified for " + c.site() + ": " + change.outcome());
            }
            suspension.verified(actor, note, change.id());
            tickets.changeStatus(
                    suspension.countermeasureTicketId(), null, Status.PENDING_REMOVAL, "reinstatement verified", actor);
            cases.event(c, CaseEvent.Kind.REINSTATEMENT_VERIFIED, actor, note);
        } else {
            suspension.refused(actor, note);
            cases.event(c, CaseEvent.Kind.REINSTATEMENT_REFUSED, actor, note);
        }
        Map<String, Object> model = mail.model(campaign, c);
        model.put("approved", approve);
        model.put("note", note);
        model.put("requestedBy", suspension.reinstatementRequestedBy());
        Letter verdict = mail.to(
                "sec03/suspension-" + id + "/verification-"
                        + suspension.reinstatementRequestedAt().toEpochMilli(),
                "sec03-reinstatement-verdict",
                campaign,
                suspension.countermeasureTicketId(),
                List.of(suspension.reinstatementContact()),
                List.of(),
                model);
        tickets.addMessage(suspension.countermeasureTicketId(), null, HistoryType.CORRESPOND, verdict.body(), actor);
        return suspension;
    }

    private void reinstatementSettled(Suspension suspension, StatusChangeSettled settled) {
        CampaignCase c = cases.locked(suspension.caseId());
        em.lock(suspension, LockModeType.PESSIMISTIC_WRITE);
        if (settled.outcome() == StatusChange.State.CONFIRMED) {
            suspension.reinstated(settled.at());
            tickets.changeStatus(
                    suspension.countermeasureTicketId(),
                    null,
                    Status.REMOVED,
                    "GOCDB shows " + c.site() + " as Uncertified",
                    Cases.SYSTEM);
            cases.event(c, CaseEvent.Kind.REINSTATED, Cases.SYSTEM, "GOCDB reads back Uncertified at " + settled.at());
            cases.resolve(
                    c, Resolution.REINSTATED, "reinstated as Uncertified; the NGI certifies it again", Cases.SYSTEM);
        } else {
            suspension.reinstatementFailed();
            tickets.changeStatus(
                    suspension.countermeasureTicketId(),
                    null,
                    Status.ACTIVE,
                    "GOCDB did not take Uncertified: " + settled.detail(),
                    Cases.SYSTEM);
            cases.note(
                    c,
                    HistoryType.COMMENT,
                    "GOCDB did not take the reinstatement (" + settled.detail() + "); verify again to retry.",
                    Cases.SYSTEM);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Suspension find(long id) {
        Suspension suspension = em.find(Suspension.class, id);
        if (suspension == null) {
            throw DomainException.notFound("suspension #" + id);
        }
        return suspension;
    }

    /**
     * The register: in force only, or all; newest first. "In force" includes a suspension GOCDB has not yet shown
     * (requested): the coordinator has decided it, and the desk shows it as in progress rather than not at all.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Suspension> register(boolean inForceOnly, String site, int offset, int limit) {
        List<Suspension.State> states = inForceOnly
                ? List.of(
                        Suspension.State.REQUESTED,
                        Suspension.State.ACTIVE,
                        Suspension.State.REINSTATEMENT_REQUESTED,
                        Suspension.State.REINSTATING)
                : List.of(Suspension.State.values());
        return em.createNamedQuery(Suspension.IN_STATES, Suspension.class)
                .setParameter("site", site)
                .setParameter("states", states)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    /** A suspension locked for change, after its campaign and case: the order every change of a case keeps. */
    private Suspension locked(long id) {
        Suspension suspension = find(id);
        cases.locked(suspension.caseId());
        em.lock(suspension, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(suspension);
        return suspension;
    }
}
