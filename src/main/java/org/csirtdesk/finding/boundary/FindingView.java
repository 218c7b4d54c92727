package org.csirtdesk.finding.boundary;

import java.time.Instant;
import org.csirtdesk.finding.entity.Finding;

/**
 * A finding: {@code site} is GOCDB's name when {@code siteKnown}, else what monitoring reported ({@code ""}
 * for a host no site lists); {@code observedAt} is when monitoring made the observation it rests on.
 */
public record FindingView(
        long id,
        String source,
        String site,
        boolean siteKnown,
        String reportedSite,
        String vulnerability,
        String host,
        boolean open,
        Instant firstSeenAt,
        Instant lastSeenAt,
        Instant observedAt,
        Instant clearedAt,
        String ref,
        String detail) {

    static FindingView of(Finding finding) {
        return new FindingView(
                finding.id(),
                finding.source().slug(),
                finding.site(),
                finding.siteKnown(),
                finding.reportedSite(),
                finding.vulnerability(),
                finding.host(),
                finding.clearedAt() == null,
                finding.firstSeenAt(),
                finding.lastSeenAt(),
                finding.observedAt(),
                finding.clearedAt(),
                finding.ref(),
                finding.detail());
    }
}
