package org.csirtdesk.finding.entity;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.SortedSet;

/**
 * A site's exposure to a vulnerability, derived from the findings of all sources: vulnerable while any of its
 * hosts has an open finding, clear when all are cleared. It changes state only by {@link ExposureState}'s
 * table and reports each change as an {@link ExposureEvent}. It counts its open hosts but does not list them: a site
 * can have tens of thousands, and its open findings list them. A site that turns vulnerable again after it was
 * clear is a re-introduction (SEC03-3.1).
 */
@NamedQuery(
        name = Exposure.OF_VULNERABILITIES_AND_SITES,
        query = "select e from Exposure e where e.key.vulnerability in :vulnerabilities and e.key.site in :sites")
@NamedQuery(
        name = Exposure.OF_VULNERABILITY_IN_STATE,
        query = "select e from Exposure e where e.key.vulnerability = :vulnerability and e.state = :state "
                + "order by e.key.site")
@Entity
@Table(name = "exposures")
public class Exposure {

    public static final String OF_VULNERABILITY_IN_STATE = "Exposure.ofVulnerabilityInState";

    public static final String OF_VULNERABILITIES_AND_SITES = "Exposure.ofVulnerabilitiesAndSites";

    @EmbeddedId
    private ExposureKey key;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ExposureState state;

    @Column(name = "site_known", nullable = false)
    private boolean siteKnown;

    @Column(name = "open_hosts", nullable = false)
    private int openHosts;

    /** When monitoring made the observation behind the latest change. */
    @Column(name = "observed_at")
    private Instant observedAt;

    /** When monitoring first saw the current (or last) vulnerable spell. */
    @Column(name = "vulnerable_since")
    private Instant vulnerableSince;

    @Column(name = "cleared_at")
    private Instant clearedAt;

    @Column(name = "times_vulnerable", nullable = false)
    private int timesVulnerable;

    @Column(nullable = false)
    private boolean reintroduced;

    @Version
    private long version;

    protected Exposure() {}

    public ExposureKey key() {
        return key;
    }

    public String site() {
        return key.site();
    }

    public String vulnerability() {
        return key.vulnerability();
    }

    public ExposureState state() {
        return state;
    }

    public boolean siteKnown() {
        return siteKnown;
    }

    /** How many hosts are open now; which they are is read from their findings ({@code Findings.openHosts}). */
    public int openHosts() {
        return openHosts;
    }

    public Instant observedAt() {
        return observedAt;
    }

    public Instant vulnerableSince() {
        return vulnerableSince;
    }

    public Instant clearedAt() {
        return clearedAt;
    }

    public int timesVulnerable() {
        return timesVulnerable;
    }

    public boolean reintroduced() {
        return reintroduced;
    }

    /**
     * Takes the site's open hosts after a report. {@code observedAt} is when monitoring saw what changed: for a
     * site turning vulnerable, its earliest open finding; for a clear, the observation that cleared the last one.
     * The answer is the state change, if there was one.
     */
    public Optional<ExposureEvent> update(
            SortedSet<String> openHostsNow, boolean known, Instant observedAt, Source source, Instant now) {
        siteKnown = known;
        openHosts = openHostsNow.size();
        ExposureState next = openHostsNow.isEmpty()
                ? (state == ExposureState.UNSEEN ? ExposureState.UNSEEN : ExposureState.CLEAR)
                : ExposureState.VULNERABLE;
        if (next == state) {
            return Optional.empty();
        }
        if (!state.canBecome(next)) {
            throw new IllegalStateException("an exposure cannot go from " + state + " to " + next);
        }
        boolean again = state == ExposureState.CLEAR;
        state = next;
        this.observedAt = observedAt;
        if (next == ExposureState.VULNERABLE) {
            timesVulnerable++;
            reintroduced = again;
            vulnerableSince = observedAt;
            clearedAt = null;
        } else {
            clearedAt = now;
        }
        return Optional.of(new ExposureEvent(
                key, next, reintroduced && next == ExposureState.VULNERABLE, observedAt, now, source));
    }
}
