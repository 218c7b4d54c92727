package org.csirtdesk.finding.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Comparator;

/**
 * A site and a vulnerability: the key of an exposure, and the order in which exposures are locked, so that
 * two ingests never wait on each other in a circle.
 */
@Embeddable
public record ExposureKey(
        @Column(name = "site", length = 100) String site,
        @Column(name = "vulnerability", length = 64) String vulnerability)
        implements Comparable<ExposureKey> {

    private static final Comparator<ExposureKey> ORDER =
            Comparator.comparing(ExposureKey::site).thenComparing(ExposureKey::vulnerability);

    @Override
    public int compareTo(ExposureKey other) {
        return ORDER.compare(this, other);
    }
}
