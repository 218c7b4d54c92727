package org.csirtdesk.finding.entity;

import java.time.Instant;

/**
 * One item of a monitoring report, parsed: a host (and the site monitoring named, if any) found vulnerable to,
 * or clear of, a vulnerability at the time monitoring observed it. {@code site} is null until the site
 * registry has placed it ({@link #placedAt}); {@code ref} is the source's own id (Alertmanager's fingerprint).
 */
public record Observation(
        String reportedSite,
        String host,
        String vulnerability,
        Verdict verdict,
        Instant observedAt,
        String ref,
        String detail,
        String site,
        boolean siteKnown) {

    public static Observation reported(
            String reportedSite,
            String host,
            String vulnerability,
            Verdict verdict,
            Instant observedAt,
            String ref,
            String detail) {
        return new Observation(reportedSite, host, vulnerability, verdict, observedAt, ref, detail, null, false);
    }

    /** The observation at the site the registry gave: its GOCDB name, or the reported name if it has none. */
    public Observation placedAt(String site, boolean known) {
        return new Observation(reportedSite, host, vulnerability, verdict, observedAt, ref, detail, site, known);
    }

    public ExposureKey exposure() {
        return new ExposureKey(site, vulnerability);
    }
}
