package org.csirtdesk.finding.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * A finding as the API and the desk read it. Findings are written in bulk by the finding store, which
 * applies {@link StoredFinding}'s rule to whole reports at once; this mapping only reads them.
 */
@NamedQuery(
        name = Finding.OPEN_PAIRS_OF_SOURCE,
        query = "select distinct f.site, f.vulnerability from Finding f where f.source = :source and f.site in :sites "
                + "and f.clearedAt is null")
@Entity
@Immutable
@Table(name = "findings")
public class Finding {

    public static final String OPEN_PAIRS_OF_SOURCE = "Finding.openPairsOfSource";

    @Id
    private Long id;

    @Enumerated(EnumType.STRING)
    private Source source;

    private String site;

    @Column(name = "site_known")
    private boolean siteKnown;

    @Column(name = "reported_site")
    private String reportedSite;

    private String vulnerability;

    private String host;

    @Column(name = "source_ref")
    private String ref;

    private String detail;

    @Column(name = "first_seen_at")
    private Instant firstSeenAt;

    @Column(name = "last_seen_at")
    private Instant lastSeenAt;

    @Column(name = "observed_at")
    private Instant observedAt;

    @Column(name = "cleared_at")
    private Instant clearedAt;

    protected Finding() {}

    public Long id() {
        return id;
    }

    public Source source() {
        return source;
    }

    public String site() {
        return site;
    }

    public boolean siteKnown() {
        return siteKnown;
    }

    public String reportedSite() {
        return reportedSite;
    }

    public String vulnerability() {
        return vulnerability;
    }

    public String host() {
        return host;
    }

    public String ref() {
        return ref;
    }

    public String detail() {
        return detail;
    }

    public Instant firstSeenAt() {
        return firstSeenAt;
    }

    public Instant lastSeenAt() {
        return lastSeenAt;
    }

    public Instant observedAt() {
        return observedAt;
    }

    public Instant clearedAt() {
        return clearedAt;
    }
}
