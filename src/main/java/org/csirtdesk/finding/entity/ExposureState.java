package org.csirtdesk.finding.entity;

import static java.util.Map.entry;

import java.util.Map;
import java.util.Set;

/** Whether a site is exposed to a vulnerability, with the changes allowed between the states. */
public enum ExposureState {
    /** Known to the store only through clear observations: never vulnerable. */
    UNSEEN,
    /** At least one of the site's hosts has an open finding. */
    VULNERABLE,
    /** Was vulnerable; every finding is cleared: the site has acted. */
    CLEAR;

    private static final Map<ExposureState, Set<ExposureState>> NEXT = Map.ofEntries(
            entry(UNSEEN, Set.of(VULNERABLE)), entry(VULNERABLE, Set.of(CLEAR)), entry(CLEAR, Set.of(VULNERABLE)));

    public boolean canBecome(ExposureState next) {
        return NEXT.get(this).contains(next);
    }
}
