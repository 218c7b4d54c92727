package org.csirtdesk.finding.entity;

import java.util.Set;

/**
 * What a snapshot report covers (Pakiti's): a host of a covered site and vulnerability that the report does
 * not list is clear. A whole site is covered when the sender says so, since a site with nothing to report
 * has no rows at all; reports that are not snapshots cover nothing.
 */
public record Coverage(Set<String> sites, Set<ExposureKey> exposures) {

    public static final Coverage NONE = new Coverage(Set.of(), Set.of());

    public Coverage {
        sites = Set.copyOf(sites);
        exposures = Set.copyOf(exposures);
    }

    public boolean isEmpty() {
        return sites.isEmpty() && exposures.isEmpty();
    }
}
