package org.csirtdesk.site.entity;

import static java.util.Map.entry;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.csirtdesk.platform.entity.Transitions;

/**
 * A site's certification status in GOCDB, with the changes GOCDB accepts as an explicit table. GOCDB refuses
 * anything out of Closed, Candidate to anything but Uncertified or Closed, and Suspended straight to
 * Certified (a suspended site is reinstated as Uncertified and certified again by its NGI); the rest it allows.
 */
public enum CertificationStatus {
    CANDIDATE("Candidate"),
    UNCERTIFIED("Uncertified"),
    CERTIFIED("Certified"),
    SUSPENDED("Suspended"),
    CLOSED("Closed");

    private static final Transitions<CertificationStatus> CHANGES = Transitions.of(
            CertificationStatus.class,
            Map.ofEntries(
                    entry(CANDIDATE, List.of(UNCERTIFIED, CLOSED)),
                    entry(UNCERTIFIED, List.of(CERTIFIED, SUSPENDED, CLOSED)),
                    entry(CERTIFIED, List.of(UNCERTIFIED, SUSPENDED, CLOSED)),
                    entry(SUSPENDED, List.of(UNCERTIFIED, CLOSED)),
                    entry(CLOSED, List.<CertificationStatus>of())));

    private final String label;

    CertificationStatus(String label) {
        this.label = label;
    }

    /** GOCDB's own spelling, as its API and portal show it. */
    public String label() {
        return label;
    }

    public Set<CertificationStatus> allowedChanges() {
        return CHANGES.from(this);
    }

    public boolean canChangeTo(CertificationStatus target) {
        return CHANGES.allows(this, target);
    }

    /** GOCDB's spelling in any case. */
    public static Optional<CertificationStatus> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(status -> status.label.toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }
}
