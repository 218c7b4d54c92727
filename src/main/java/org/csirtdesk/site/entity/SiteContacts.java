package org.csirtdesk.site.entity;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whom the procedures write to about a site (SEC03-2.4): its administrators, its CSIRT (security) address and
 * its NGI's security contact, each with the time the registry last confirmed it.
 */
public record SiteContacts(
        String site,
        String ngi,
        List<String> administrators,
        Instant administratorsConfirmedAt,
        Optional<String> siteSecurity,
        Instant siteSecurityConfirmedAt,
        List<String> ngiSecurity,
        Instant ngiSecurityConfirmedAt) {

    public SiteContacts {
        administrators = List.copyOf(administrators);
        ngiSecurity = List.copyOf(ngiSecurity);
    }

    /** Every address once, administrators first. */
    public List<String> all() {
        Set<String> all = new LinkedHashSet<>(administrators);
        siteSecurity.ifPresent(all::add);
        all.addAll(ngiSecurity);
        return List.copyOf(all);
    }
}
