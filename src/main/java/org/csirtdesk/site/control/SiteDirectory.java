package org.csirtdesk.site.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.SiteName;
import org.csirtdesk.site.entity.CertificationStatus;
import org.csirtdesk.site.entity.Contact;
import org.csirtdesk.site.entity.Ngi;
import org.csirtdesk.site.entity.Site;
import org.csirtdesk.site.entity.SiteContacts;

/**
 * The procedures' view of sites: the local copy only, so nothing here touches the network, and GOCDB being
 * slow or down changes nothing for them.
 */
@ApplicationScoped
@Transactional
public class SiteDirectory {

    /** One page of sites and how many match in all. */
    public record SitePage(List<Site> sites, long total) {}

    /**
     * What the registry says belongs to its sites and NGIs, lower-case: the sites' domains and hosts, and every
     * address it lists (contacts, the sites' and NGIs' own addresses) with the domains of those addresses, kept apart
     * so that a name is looked up rather than compared with every address. SEC01 shares none of them as an indicator.
     */
    public record RegistryNames(
            Set<String> domains, Set<String> hosts, Set<String> addresses, Set<String> addressDomains) {

        public static RegistryNames of(Set<String> domains, Set<String> hosts, Set<String> addresses) {
            return new RegistryNames(
                    domains,
                    hosts,
                    addresses,
                    addresses.stream()
                            .filter(address -> address.indexOf('@') > 0)
                            .map(address -> address.substring(address.lastIndexOf('@') + 1))
                            .collect(Collectors.toUnmodifiableSet()));
        }
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    SiteSettings settings;

    public Optional<Site> find(SiteName name) {
        return em.createNamedQuery(Site.BY_NAME, Site.class)
                .setParameter("name", name.value())
                .getResultStream()
                .findFirst()
                .map(SiteDirectory::loaded);
    }

    /** The site a request names; a malformed name is a site not found, as any unknown one. */
    public Site get(String name) {
        return SiteName.ifWellFormed(name)
                .flatMap(this::find)
                .orElseThrow(() -> DomainException.notFound("site '" + name + "'"));
    }

    /** The site a host belongs to, for monitoring findings that name only a host. */
    public Optional<Site> siteOfHost(String hostname) {
        List<Site> sites = em.createNamedQuery(Site.OF_HOST, Site.class)
                .setParameter("host", hostname.strip().toLowerCase(Locale.ROOT))
                .getResultList();
        return sites.stream().findFirst().map(SiteDirectory::loaded);
    }

    /**
     * The registry's names for the site names monitoring reports, matched as the registry does, ignoring case
     * (the column's collation): a lower-cased reported name maps to the site's name. Names the copy lacks are
     * left out.
     */
    public Map<String, String> namesOf(Collection<String> reported) {
        Map<String, String> names = new HashMap<>();
        for (List<String> chunk : chunks(reported.stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .distinct()
                .toList())) {
            em.createNamedQuery(Site.KNOWN_NAMES, String.class)
                    .setParameter("names", chunk)
                    .getResultList()
                    .forEach(name -> names.put(name.toLowerCase(Locale.ROOT), name));
        }
        return names;
    }

    /**
     * The site of each host the copy knows, by lower-case host name. A host listed by several sites goes to a
     * site GOCDB still lists rather than one it dropped (the later row wins).
     */
    public Map<String, String> sitesOfHosts(Collection<String> hostnames) {
        Map<String, String> sites = new HashMap<>();
        for (List<String> chunk : chunks(hostnames.stream()
                .map(host -> host.toLowerCase(Locale.ROOT))
                .distinct()
                .toList())) {
            em.createNamedQuery(Site.NAMES_OF_HOSTS, Object[].class)
                    .setParameter("hosts", chunk)
                    .getResultList()
                    .forEach(row -> sites.put((String) row[0], (String) row[1]));
        }
        return sites;
    }

    private static List<List<String>> chunks(List<String> values) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < values.size(); from += 1000) {
            chunks.add(values.subList(from, Math.min(values.size(), from + 1000)));
        }
        return chunks;
    }

    public SiteContacts contacts(SiteName siteName) {
        // The names' collation ignores case, as GOCDB does: one site, however it was spelled.
        return contacts(List.of(siteName.value())).values().stream()
                .findFirst()
                .orElseThrow(() -> DomainException.notFound("site '" + siteName + "'"));
    }

    /**
     * The procedure contacts of many sites by their names, as the registry spells them: two queries per thousand
     * sites (the sites with their contacts, their NGIs with their officers), and the sites' hosts left unread, so
     * that a batch of the schedule's steps does not read each site apart. Names the copy lacks are left out.
     */
    public Map<String, SiteContacts> contacts(Collection<String> siteNames) {
        Map<String, SiteContacts> contacts = new HashMap<>();
        for (List<String> chunk : chunks(siteNames.stream().distinct().toList())) {
            List<Site> sites = em.createNamedQuery(Site.WITH_CONTACTS, Site.class)
                    .setParameter("names", chunk)
                    .getResultList();
            Map<String, Ngi> ngis = new HashMap<>();
            em.createNamedQuery(Ngi.WITH_SECURITY_OFFICERS, Ngi.class)
                    .setParameter(
                            "names", sites.stream().map(Site::ngi).distinct().toList())
                    .getResultList()
                    .forEach(ngi -> ngis.put(ngi.name(), ngi));
            sites.forEach(
                    site -> contacts.put(site.name(), contactsOf(site, Optional.ofNullable(ngis.get(site.ngi())))));
        }
        return contacts;
    }

    /** A site's procedure contacts, its NGI given (a list view loads the few NGIs once). */
    public SiteContacts contactsOf(Site site, Optional<Ngi> ngi) {
        List<String> admins = site.contacts().stream()
                .filter(contact -> settings.adminRoles().contains(contact.role()))
                .map(Contact::email)
                .distinct()
                .sorted()
                .toList();
        List<String> ngiSecurity = new ArrayList<>();
        ngi.flatMap(Ngi::securityEmail)
                .ifPresentOrElse(
                        ngiSecurity::add,
                        () -> ngi.ifPresent(found -> found.securityOfficers().stream()
                                .map(Contact::email)
                                .distinct()
                                .sorted()
                                .forEach(ngiSecurity::add)));
        return new SiteContacts(
                site.name(),
                site.ngi(),
                admins,
                site.contactsConfirmedAt(),
                site.csirtEmail(),
                site.securityConfirmedAt() != null ? site.securityConfirmedAt() : site.confirmedAt(),
                ngiSecurity,
                ngi.map(found -> found.securityEmail().isPresent() ? found.confirmedAt() : found.officersConfirmedAt())
                        .orElse(null));
    }

    public Optional<Ngi> ngi(String name) {
        return em.createNamedQuery(Ngi.BY_NAME, Ngi.class)
                .setParameter("name", name)
                .getResultStream()
                .findFirst()
                .map(found -> {
                    found.securityOfficers().size();
                    return found;
                });
    }

    public List<Ngi> ngis() {
        List<Ngi> ngis = em.createNamedQuery(Ngi.ALL_BY_NAME, Ngi.class).getResultList();
        ngis.forEach(ngi -> ngi.securityOfficers().size());
        return ngis;
    }

    /** Sites by NGI, status and a piece of the name; absent sites only when asked for. */
    public SitePage search(
            String ngi, CertificationStatus status, String text, boolean includeAbsent, int offset, int limit) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (ngi != null) {
            where.append(" and s.ngi = :ngi");
        }
        if (status != null) {
            where.append(" and s.certificationStatus = :status");
        }
        if (text != null) {
            where.append(" and lower(s.name) like :text");
        }
        if (!includeAbsent) {
            where.append(" and s.absentSince is null");
        }
        TypedQuery<Site> page = em.createQuery("select s from Site s" + where + " order by s.name", Site.class);
        TypedQuery<Long> count = em.createQuery("select count(s) from Site s" + where, Long.class);
        for (TypedQuery<?> query : List.of(page, count)) {
            if (ngi != null) {
                query.setParameter("ngi", ngi);
            }
            if (status != null) {
                query.setParameter("status", status);
            }
            if (text != null) {
                query.setParameter(
                        "text",
                        "%"
                                + text.toLowerCase(Locale.ROOT)
                                        .replace("\\", "\\\\")
                                        .replace("%", "\\%")
                                        .replace("_", "\\_")
                                + "%");
            }
        }
        List<Site> sites = page.setFirstResult(offset).setMaxResults(limit).getResultList();
        sites.forEach(SiteDirectory::loaded);
        return new SitePage(sites, count.getSingleResult());
    }

    /** The domains, hosts and addresses of every site and NGI in the copy, absent ones included (they were real). */
    public RegistryNames registryNames() {
        Set<String> domains =
                lowerCase(em.createQuery("select s.domain from Site s where s.domain is not null", String.class)
                        .getResultList());
        Set<String> hosts = lowerCase(em.createQuery("select h.hostname from Site s join s.hosts h", String.class)
                .getResultList());
        List<String> addresses = new ArrayList<>();
        addresses.addAll(em.createQuery("select c.email from Site s join s.contacts c", String.class)
                .getResultList());
        addresses.addAll(em.createQuery("select c.email from Ngi n join n.securityOfficers c", String.class)
                .getResultList());
        em.createQuery("select s.contactEmail, s.csirtEmail from Site s", Object[].class)
                .getResultList()
                .forEach(row -> {
                    addresses.add((String) row[0]);
                    addresses.add((String) row[1]);
                });
        em.createQuery("select n.email, n.securityEmail from Ngi n", Object[].class)
                .getResultList()
                .forEach(row -> {
                    addresses.add((String) row[0]);
                    addresses.add((String) row[1]);
                });
        return RegistryNames.of(domains, hosts, lowerCase(addresses));
    }

    private static Set<String> lowerCase(Collection<String> values) {
        return values.stream()
                .filter(value -> value != null && !value.isBlank())
                .map(value -> value.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Loads what a view of the site shows, inside the transaction. */
    private static Site loaded(Site site) {
        site.contacts().size();
        site.hosts().size();
        return site;
    }
}
