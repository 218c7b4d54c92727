package org.csirtdesk.incident.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.csirtdesk.incident.entity.FoundIndicator;
import org.csirtdesk.site.control.SiteDirectory;
import org.csirtdesk.site.control.SiteDirectory.RegistryNames;
import org.csirtdesk.ticket.entity.Ticket;

/**
 * SEC01-announce: the values that are no indicator of compromise by default, because they name the victims and the
 * people who reported, not the attacker: the domains and hosts of every site in the registry (the affected ones
 * among them), the addresses GOCDB lists, the addresses of the reports' senders, and the CSIRT's own domains and
 * lists. Shared, they would have a sharing platform alert on or block the victims. They are still read and kept, and
 * shown as excluded with the reason; a person who adds one by hand shares it on purpose.
 */
@ApplicationScoped
@Transactional
public class IndicatorExclusions {

    /** Why values are excluded for one ticket: what the registry and its senders name, and the CSIRT's own. */
    public record Excluded(RegistryNames registry, Set<String> senders, Predicate<FoundIndicator> own) {

        /** Why the value is excluded by default, or empty when it is an indicator. */
        public Optional<String> reason(FoundIndicator found) {
            if (own.test(found)) {
                return Optional.of("the CSIRT's own domain or address");
            }
            String value = found.value().toLowerCase(Locale.ROOT);
            return switch (found.type()) {
                case DOMAIN -> host(value);
                case URL -> host(value.replaceFirst("^[a-z]+://", "").replaceFirst("[/?#:].*$", ""));
                case EMAIL -> address(value);
                default -> Optional.empty();
            };
        }

        private Optional<String> address(String address) {
            if (senders.contains(address)) {
                return Optional.of("the address of a report's sender");
            }
            if (registry.addresses().contains(address)) {
                return Optional.of("an address of a site or NGI in GOCDB");
            }
            return domain(address.substring(address.indexOf('@') + 1)).map(domain -> "an address at " + domain);
        }

        private Optional<String> host(String host) {
            if (registry.hosts().contains(host)) {
                return Optional.of("a host of a site in GOCDB");
            }
            Optional<String> site = domain(host);
            if (site.isPresent()) {
                return site;
            }
            // The domain of a reporter's or a GOCDB contact's address names them as much as the address does.
            if (senders.stream().anyMatch(address -> address.endsWith("@" + host))) {
                return Optional.of("the domain of a report's sender");
            }
            if (registry.addressDomains().contains(host)) {
                return Optional.of("the domain of an address in GOCDB");
            }
            return Optional.empty();
        }

        /** The site's domain the name is, or is under. */
        private Optional<String> domain(String name) {
            for (String candidate = name;
                    candidate.contains(".");
                    candidate = candidate.substring(candidate.indexOf('.') + 1)) {
                if (registry.domains().contains(candidate)) {
                    return Optional.of("the domain of a site in GOCDB (" + candidate + ")");
                }
            }
            return Optional.empty();
        }
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    SiteDirectory sites;

    @Inject
    IncidentSettings settings;

    /** The exclusions for the ticket: the registry as copied now, and the senders of the ticket and its reports. */
    public Excluded of(long ticketId) {
        Set<String> senders = new HashSet<>();
        em.createQuery(
                        "select t from Ticket t where t.id = :ticket or t.id in "
                                + "(select l.key.childId from IncidentLink l where l.key.incidentId = :ticket)",
                        Ticket.class)
                .setParameter("ticket", ticketId)
                .getResultList()
                .forEach(ticket -> ticket.requestors().stream()
                        .map(address -> address.strip().toLowerCase(Locale.ROOT))
                        .forEach(senders::add));
        return new Excluded(sites.registryNames(), Set.copyOf(senders), settings::isOwn);
    }
}
