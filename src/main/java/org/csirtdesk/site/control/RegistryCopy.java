package org.csirtdesk.site.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.csirtdesk.site.entity.Contact;
import org.csirtdesk.site.entity.ContactRecord;
import org.csirtdesk.site.entity.Host;
import org.csirtdesk.site.entity.HostRecord;
import org.csirtdesk.site.entity.Ngi;
import org.csirtdesk.site.entity.NgiRecord;
import org.csirtdesk.site.entity.RefreshSummary;
import org.csirtdesk.site.entity.RegistrySnapshot;
import org.csirtdesk.site.entity.Site;
import org.csirtdesk.site.entity.SiteRecord;

/**
 * Writes what the registry said into the local copy, in one transaction: a reader sees the old copy or the
 * new one, never half of each. A part the registry could not deliver keeps its old values and times.
 */
@ApplicationScoped
public class RegistryCopy {

    @PersistenceContext
    EntityManager em;

    @Transactional
    public RefreshSummary apply(RegistrySnapshot snapshot, Instant at) {
        Map<String, Site> byKey = em.createNamedQuery(Site.ALL, Site.class)
                .getResultStream()
                .collect(Collectors.toMap(Site::primaryKey, Function.identity()));
        Map<String, Site> listed = new HashMap<>();
        int created = 0;
        for (SiteRecord record : snapshot.sites()) {
            Site site = byKey.get(record.primaryKey());
            if (site == null) {
                site = new Site(record, at);
                em.persist(site);
                created++;
            } else {
                site.update(record, at);
            }
            listed.put(site.name(), site);
        }
        int absent = 0;
        for (Site site : byKey.values()) {
            if (!listed.containsKey(site.name())) {
                site.markAbsent(at);
                absent++;
            }
        }
        // The security information is the CSIRT address's own source; a site it does not name keeps get_site's.
        snapshot.csirtEmails()
                .ifPresent(emails -> listed.forEach((name, site) -> site.confirmSecurityContact(
                        emails.getOrDefault(name, site.csirtEmail().orElse(null)), at)));
        int contacts = snapshot.siteContacts()
                .map(records -> {
                    Map<String, Set<Contact>> byOwner = group(records);
                    listed.forEach((name, site) -> site.confirmContacts(byOwner.getOrDefault(name, Set.of()), at));
                    return records.size();
                })
                .orElse(0);
        int hosts = snapshot.hosts()
                .map(records -> {
                    Map<String, Set<Host>> bySite = records.stream()
                            .collect(Collectors.groupingBy(
                                    HostRecord::site, Collectors.mapping(HostRecord::toHost, Collectors.toSet())));
                    listed.forEach((name, site) -> site.confirmHosts(bySite.getOrDefault(name, Set.of()), at));
                    return records.size();
                })
                .orElse(0);
        int ngis =
                snapshot.ngis().map(records -> applyNgis(records, snapshot, at)).orElse(0);
        return new RefreshSummary(listed.size(), created, absent, contacts, hosts, ngis, snapshot.problems());
    }

    private int applyNgis(List<NgiRecord> records, RegistrySnapshot snapshot, Instant at) {
        Map<String, Ngi> byName = em.createNamedQuery(Ngi.ALL, Ngi.class)
                .getResultStream()
                .collect(Collectors.toMap(Ngi::name, Function.identity()));
        Map<String, Ngi> listed = new HashMap<>();
        for (NgiRecord record : records) {
            Ngi ngi = byName.get(record.name());
            if (ngi == null) {
                ngi = new Ngi(record, at);
                em.persist(ngi);
            } else {
                ngi.update(record, at);
            }
            listed.put(ngi.name(), ngi);
        }
        byName.values().stream().filter(ngi -> !listed.containsKey(ngi.name())).forEach(ngi -> ngi.markAbsent(at));
        snapshot.ngiSecurityOfficers().ifPresent(officers -> {
            Map<String, Set<Contact>> byOwner = group(officers);
            listed.forEach((name, ngi) -> ngi.confirmSecurityOfficers(byOwner.getOrDefault(name, Set.of()), at));
        });
        return listed.size();
    }

    private static Map<String, Set<Contact>> group(List<ContactRecord> records) {
        return records.stream()
                .collect(Collectors.groupingBy(
                        ContactRecord::owner, Collectors.mapping(ContactRecord::toContact, Collectors.toSet())));
    }
}
