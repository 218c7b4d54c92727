package org.csirtdesk.site.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.site.entity.CertificationStatus;
import org.csirtdesk.site.entity.EmbeddedRegistryChange;
import org.csirtdesk.site.entity.RegistrySnapshot;
import org.csirtdesk.site.entity.SiteRecord;
import org.csirtdesk.site.entity.StatusChangeRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.w3c.dom.Element;

/**
 * The registry of the zero-setup run: sites, contacts, NGIs and hosts from GOCDB-format XML (shipped in the
 * WAR under {@code gocdb-demo/}, or a folder named by {@code csirt.site.embedded-seed}), read by the same
 * parser as GOCDB's answers. Status changes are made here directly and kept in the database, so they
 * survive a restart and read back like GOCDB's.
 */
@ApplicationScoped
@Typed(EmbeddedRegistry.class)
public class EmbeddedRegistry implements SiteRegistry {

    private static final String ACTOR_PREFIX = "CSIRT Desk (embedded registry) for ";

    @Inject
    @ConfigProperty(name = "csirt.site.embedded-seed")
    Optional<String> seedFolder;

    @Inject
    ApplicationClock clock;

    @PersistenceContext
    EntityManager em;

    @Override
    @Transactional
    public RegistrySnapshot snapshot() {
        Map<String, CertificationStatus> statuses = currentStatuses();
        List<SiteRecord> sites =
                read("get_site", element -> GocdbXml.site(element).map(List::of).orElse(List.of())).stream()
                        .map(site -> site.withStatus(statuses.getOrDefault(site.name(), site.status())))
                        .toList();
        Map<String, String> csirtEmails = new HashMap<>();
        read(
                        "get_site_security_info",
                        element -> GocdbXml.csirtEmail(element).map(List::of).orElse(List.of()))
                .forEach(entry -> csirtEmails.put(entry.getKey(), entry.getValue()));
        return new RegistrySnapshot(
                sites,
                Optional.of(read("get_site_contacts", GocdbXml::contacts)),
                Optional.of(csirtEmails),
                Optional.of(read(
                        "get_ngi",
                        element -> GocdbXml.ngi(element).map(List::of).orElse(List.of()))),
                Optional.of(read("get_roc_contacts", GocdbXml::contacts).stream()
                        .filter(contact -> contact.role().equals(GocdbRegistry.NGI_SECURITY_OFFICER))
                        .toList()),
                Optional.of(read(
                        "get_service_endpoint",
                        element -> GocdbXml.host(element).map(List::of).orElse(List.of()))),
                List.of());
    }

    @Override
    @Transactional
    public Optional<SiteRecord> site(String name) {
        Map<String, CertificationStatus> statuses = currentStatuses();
        return read("get_site", element -> GocdbXml.site(element).map(List::of).orElse(List.of())).stream()
                .filter(site -> site.name().equals(name))
                .findFirst()
                .map(site -> site.withStatus(statuses.getOrDefault(name, site.status())));
    }

    @Override
    @Transactional
    public List<StatusChangeRecord> statusChanges(String site) {
        return em.createNamedQuery(EmbeddedRegistryChange.OF_SITE, EmbeddedRegistryChange.class)
                .setParameter("site", site)
                .getResultStream()
                .map(EmbeddedRegistryChange::toRecord)
                .toList();
    }

    /** Changes a site's status at once, as an operator would in GOCDB's portal; GOCDB's rules apply. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void change(String siteName, CertificationStatus target, String reason, String requestedBy) {
        SiteRecord site =
                site(siteName).orElseThrow(() -> new RegistryRefusal("the embedded registry has no site " + siteName));
        if (!site.status().canChangeTo(target)) {
            throw new RegistryRefusal("the embedded registry does not change " + siteName + " from "
                    + site.status().label() + " to " + target.label());
        }
        em.persist(new EmbeddedRegistryChange(
                siteName, site.status(), target, reason, ACTOR_PREFIX + requestedBy, clock.instant()));
    }

    private Map<String, CertificationStatus> currentStatuses() {
        Map<String, CertificationStatus> statuses = new HashMap<>();
        em.createNamedQuery(EmbeddedRegistryChange.ALL, EmbeddedRegistryChange.class)
                .getResultStream()
                .forEach(change -> statuses.put(change.site(), change.newStatus()));
        return statuses;
    }

    private <T> List<T> read(String method, Function<Element, List<T>> mapper) {
        return GocdbXml.page(seed(method + ".xml"), method).items().stream()
                .flatMap(item -> mapper.apply(item).stream())
                .toList();
    }

    private byte[] seed(String file) {
        try {
            if (seedFolder.isPresent()) {
                return Files.readAllBytes(Path.of(seedFolder.get(), file));
            }
            try (InputStream in = EmbeddedRegistry.class.getClassLoader().getResourceAsStream("gocdb-demo/" + file)) {
                if (in == null) {
                    throw new IOException("gocdb-demo/" + file + " is missing from the application");
                }
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded registry cannot read " + file, e);
        }
    }
}
