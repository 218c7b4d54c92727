package org.csirtdesk.campaign.boundary;

import java.time.Instant;
import org.csirtdesk.campaign.entity.CampaignCase;

/** One site's case as the API shows it. */
public record CaseView(
        long id,
        long campaign,
        String site,
        String state,
        String path,
        int round,
        int deadlineRound,
        Long ticket,
        Instant deadline,
        Instant ticketDueAt,
        boolean vulnerable,
        String hosts,
        Instant seenVulnerableAt,
        Instant initialNoticeAt,
        int reminders,
        Instant finalWarningAt,
        String siteStatement,
        String sitePlan,
        Instant respondedAt,
        boolean awaitingCsirt,
        boolean recommendsSuspension,
        String recommendation,
        String vetoedBy,
        String veto,
        String resolution,
        String resolutionNote,
        Instant resolvedAt,
        Instant openedAt,
        Instant notReachedAt,
        String notReached,
        long version) {

    static CaseView of(CampaignCase c) {
        return new CaseView(
                c.id(),
                c.campaignId(),
                c.site(),
                c.state().name().toLowerCase(),
                c.path().name().toLowerCase(),
                c.round(),
                c.deadlineRound(),
                c.ticketId(),
                c.deadlineAt(),
                c.ticketDueAt(),
                c.vulnerable(),
                c.hosts(),
                c.seenVulnerableAt(),
                c.initialNoticeAt(),
                c.reminders(),
                c.finalWarningAt(),
                c.siteStatement(),
                c.sitePlan(),
                c.respondedAt(),
                c.awaitingCsirt(),
                c.recommendsSuspension(),
                c.recommendation(),
                c.vetoedBy() == null ? null : c.vetoedBy().name().toLowerCase(),
                c.veto(),
                c.resolution() == null ? null : c.resolution().name().toLowerCase(),
                c.resolutionNote(),
                c.resolvedAt(),
                c.openedAt(),
                c.notReachedAt(),
                c.notReached(),
                c.version());
    }
}
