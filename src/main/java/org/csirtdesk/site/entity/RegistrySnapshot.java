package org.csirtdesk.site.entity;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the registry said in one refresh. The sites are required; each other part is empty when it
 * could not be read, and {@code problems} says why, so that one failing call leaves that part of the copy
 * as it was instead of failing the whole refresh.
 */
public record RegistrySnapshot(
        List<SiteRecord> sites,
        Optional<List<ContactRecord>> siteContacts,
        Optional<Map<String, String>> csirtEmails,
        Optional<List<NgiRecord>> ngis,
        Optional<List<ContactRecord>> ngiSecurityOfficers,
        Optional<List<HostRecord>> hosts,
        List<String> problems) {

    public RegistrySnapshot {
        sites = List.copyOf(sites);
        problems = List.copyOf(problems);
    }
}
