package org.csirtdesk.campaign.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.csirtdesk.campaign.entity.Campaign;
import org.csirtdesk.campaign.entity.CampaignCase;
import org.csirtdesk.campaign.entity.CaseEvent;
import org.csirtdesk.campaign.entity.CasePath;
import org.csirtdesk.campaign.entity.Resolution;
import org.csirtdesk.finding.control.Findings;
import org.csirtdesk.finding.control.VulnerabilityReports;
import org.csirtdesk.finding.entity.Exposure;
import org.csirtdesk.finding.entity.ExposureChange;
import org.csirtdesk.finding.entity.ExposureState;
import org.csirtdesk.finding.entity.FindingsChanged;
import org.csirtdesk.ticket.entity.HistoryType;

/**
 * Where a monitoring change goes (design: "the site's case in the vulnerability's campaign, or an Incident
 * Report when no campaign covers it"). Within a campaign: a site found clear has acted (SEC03-2.5, SEC03-7) and its
 * case resolves; a site newly vulnerable gets a case, on the advisory's path while tickets have not gone out,
 * else on the 48-hour path (SEC03-3.1); a resolved site vulnerable again is a re-introduction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class MonitoringRouting {

    @PersistenceContext
    EntityManager em;

    @Inject
    Campaigns campaigns;

    @Inject
    Cases cases;

    @Inject
    CampaignSchedule schedule;

    @Inject
    ProcedureSettings settings;

    @Inject
    VulnerabilityReports reports;

    @Inject
    Findings findings;

    void onFindingsChanged(@Observes FindingsChanged changed) {
        Map<String, Campaign> covering = campaigns.covering(changed.changes().stream()
                .map(change -> change.vulnerability().value())
                .collect(Collectors.toSet()));
        List<ExposureChange> uncovered = new ArrayList<>();
        List<ExposureChange> covered = new ArrayList<>();
        changed.changes()
                .forEach(change ->
                        (covering.containsKey(change.vulnerability().value()) ? covered : uncovered).add(change));
        if (!uncovered.isEmpty()) {
            reports.record(new FindingsChanged(changed.source(), changed.at(), uncovered));
        }
        if (covered.isEmpty()) {
            return;
        }
        // Campaigns locked in id order first, as every change of a case does: no deadlock with a decision.
        covering.values().stream()
                .map(Campaign::id)
                .distinct()
                .sorted()
                .forEach(id -> em.find(Campaign.class, id, LockModeType.PESSIMISTIC_WRITE));
        String actor = "monitoring:" + changed.source().slug();
        covered.stream()
                .sorted(Comparator.comparing(
                        (ExposureChange change) -> change.site().value()))
                .forEach(change -> route(
                        em.find(
                                Campaign.class,
                                covering.get(change.vulnerability().value()).id()),
                        change,
                        actor));
    }

    private void route(Campaign campaign, ExposureChange change, String actor) {
        Exposure exposure = change.exposure();
        if (!exposure.siteKnown()) {
            return;
        }
        Optional<CampaignCase> found = em.createNamedQuery(CampaignCase.OF_SITE, CampaignCase.class)
                .setParameter("campaign", campaign.id())
                .setParameter("site", exposure.site())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst();
        String hosts = String.join(", ", VulnerabilityReports.listed(change.hosts()));
        Instant now = cases.now();
        if (exposure.state() == ExposureState.VULNERABLE) {
            if (found.isEmpty()) {
                CampaignCase c =
                        new CampaignCase(campaign.id(), exposure.site(), true, hosts, change.observedAt(), now);
                em.persist(c);
                em.flush();
                cases.event(c, CaseEvent.Kind.OPENED, actor, "found vulnerable by monitoring: " + hosts);
                cases.putOnPath(campaign, c, now, "found vulnerable");
                return;
            }
            CampaignCase c = found.get();
            c.seen(true, hosts, change.observedAt());
            if (c.state() == CampaignCase.State.RESOLVED && change.event().isPresent()) {
                cases.event(
                        c, CaseEvent.Kind.VULNERABLE_AGAIN, actor, "monitoring shows " + hosts + " vulnerable again");
                if (campaign.isActive()) {
                    cases.note(
                            c,
                            HistoryType.COMMENT,
                            "Monitoring shows the site vulnerable again: " + hosts + " (re-introduction, SEC03-3.1).",
                            actor);
                }
                reintroduce(campaign, c, now);
            }
            return;
        }
        if (found.isEmpty()) {
            return;
        }
        CampaignCase c = found.get();
        boolean stillVulnerable = stillVulnerable(campaign, c.site());
        c.seen(stillVulnerable, stillVulnerable ? c.hosts() : "", change.observedAt());
        if (stillVulnerable || change.event().isEmpty()) {
            return;
        }
        cases.event(c, CaseEvent.Kind.CLEARED, actor, "monitoring shows the site clear at " + change.observedAt());
        if (c.state().awaitsAction()) {
            cases.resolve(
                    c,
                    Resolution.PATCHED,
                    "monitoring (" + actor.substring("monitoring:".length()) + ") shows the site clear at "
                            + change.observedAt(),
                    actor);
        } else if (c.state() == CampaignCase.State.SUSPENDED) {
            cases.note(
                    c,
                    HistoryType.COMMENT,
                    "Monitoring shows the suspended site clear; it comes back when its ROD asks and "
                            + "CSIRT verifies it (SEC03-4.6).",
                    actor);
        }
    }

    private void reintroduce(Campaign campaign, CampaignCase c, Instant now) {
        if (!campaign.isActive()) {
            c.reintroduced(CasePath.ADVISORY, null, null, now);
        } else if (now.isBefore(campaign.ticketsAt())) {
            c.reintroduced(CasePath.ADVISORY, campaign.ticketsAt(), campaign.deadlineAt(), now);
        } else {
            c.reintroduced(
                    CasePath.REINTRODUCTION,
                    now,
                    settings.timeline().lateFindingDeadline(now, campaign.deadlineAt()),
                    now);
        }
        cases.event(
                c,
                CaseEvent.Kind.REINTRODUCED,
                Cases.SYSTEM,
                "round " + c.round() + " on the " + c.path().name().toLowerCase() + " path, deadline "
                        + c.deadlineAt());
        schedule.replan(c, "re-introduction");
    }

    private boolean stillVulnerable(Campaign campaign, String site) {
        return findings.isVulnerable(site, campaign.vulnerabilities());
    }
}
