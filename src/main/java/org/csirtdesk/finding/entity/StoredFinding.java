package org.csirtdesk.finding.entity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A finding as the store holds it while it applies a report, and the rule for how an observation changes it.
 * Monitoring repeats itself and its deliveries can arrive out of order (Alertmanager retries a webhook that
 * failed, after newer ones went through), so an observation older than the one the finding rests on
 * changes nothing but the time it was last seen.
 *
 * <pre>
 *   finding  | VULNERABLE seen                     | CLEAR seen
 *   ---------+-------------------------------------+-------------------------------------
 *   (none)   | CREATED                             | nothing: there is nothing to clear
 *   open     | SEEN (only last-seen if earlier)    | CLEARED, or STALE if observed earlier
 *   cleared  | REOPENED, or STALE if earlier       | SEEN (only last-seen if earlier)
 * </pre>
 */
public record StoredFinding(
        Long id,
        byte[] key,
        Source source,
        String site,
        boolean siteKnown,
        String reportedSite,
        String vulnerability,
        String host,
        String ref,
        String detail,
        Instant firstSeenAt,
        Instant lastSeenAt,
        Instant observedAt,
        Instant clearedAt) {

    public enum Change {
        CREATED,
        REOPENED,
        CLEARED,
        SEEN,
        STALE;

        /** Whether the host's state changed, so that its site's exposure must be looked at again. */
        public boolean opensOrCloses() {
            return this == CREATED || this == REOPENED || this == CLEARED;
        }
    }

    /** The finding after an observation; {@code onlySeen} when nothing but its last-seen time changed. */
    public record Outcome(StoredFinding finding, Change change, boolean onlySeen) {}

    /** A new finding from an observation of a vulnerable host; a clear host that was never found is none. */
    public static Optional<Outcome> create(Source source, Observation observation, Instant now) {
        if (observation.verdict() != Verdict.VULNERABLE) {
            return Optional.empty();
        }
        return Optional.of(new Outcome(
                new StoredFinding(
                        null,
                        key(source, observation.site(), observation.vulnerability(), observation.host()),
                        source,
                        observation.site(),
                        observation.siteKnown(),
                        observation.reportedSite(),
                        observation.vulnerability(),
                        observation.host(),
                        observation.ref(),
                        observation.detail(),
                        now,
                        now,
                        observation.observedAt(),
                        null),
                Change.CREATED,
                false));
    }

    public boolean isOpen() {
        return clearedAt == null;
    }

    public Outcome observe(Observation observation, Instant now) {
        boolean vulnerable = observation.verdict() == Verdict.VULNERABLE;
        boolean older = observation.observedAt().isBefore(observedAt);
        if (isOpen() == vulnerable) {
            if (older) {
                // A late delivery (a retried webhook) carries an older ref and detail: keep the newer ones.
                return new Outcome(seenAt(now), Change.SEEN, true);
            }
            StoredFinding seen = with(observation, now, observation.observedAt(), clearedAt);
            boolean same = observation.observedAt().equals(observedAt)
                    && Objects.equals(seen.ref, ref)
                    && Objects.equals(seen.detail, detail);
            return new Outcome(seen, Change.SEEN, same);
        }
        if (older || observation.observedAt().equals(observedAt) && vulnerable) {
            return new Outcome(seenAt(now), Change.STALE, true);
        }
        return vulnerable
                ? new Outcome(with(observation, now, observation.observedAt(), null), Change.REOPENED, false)
                : new Outcome(with(observation, now, observation.observedAt(), now), Change.CLEARED, false);
    }

    private StoredFinding with(Observation observation, Instant now, Instant observed, Instant cleared) {
        return new StoredFinding(
                id,
                key,
                source,
                site,
                siteKnown,
                reportedSite,
                vulnerability,
                host,
                observation.ref() == null ? ref : observation.ref(),
                observation.detail() == null ? detail : observation.detail(),
                firstSeenAt,
                now,
                observed,
                cleared);
    }

    private StoredFinding seenAt(Instant now) {
        return new StoredFinding(
                id,
                key,
                source,
                site,
                siteKnown,
                reportedSite,
                vulnerability,
                host,
                ref,
                detail,
                firstSeenAt,
                now,
                observedAt,
                clearedAt);
    }

    /** The identity (source, site, vulnerability, host) as the fixed-size key the unique index holds. */
    public static byte[] key(Source source, String site, String vulnerability, String host) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\u001f", source.name(), site, vulnerability, host)
                            .getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
