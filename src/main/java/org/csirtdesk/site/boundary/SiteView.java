package org.csirtdesk.site.boundary;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.csirtdesk.site.entity.Contact;
import org.csirtdesk.site.entity.Host;
import org.csirtdesk.site.entity.Site;
import org.csirtdesk.site.entity.SiteContacts;

/**
 * A site as the API shows it: the registry's data with the time each part was last confirmed, the contacts
 * the procedures write to, and (in the detail view) every contact and host.
 */
public record SiteView(
        String name,
        String primaryKey,
        String gocdbId,
        String officialName,
        String ngi,
        String countryCode,
        String certificationStatus,
        String productionInfrastructure,
        String timeZone,
        String contactEmail,
        String portalUrl,
        Instant confirmedAt,
        Instant absentSince,
        ProcedureContacts procedureContacts,
        List<ContactView> contacts,
        Instant contactsConfirmedAt,
        List<HostView> hosts,
        Instant hostsConfirmedAt) {

    /** Whom SEC03 letters about the site go to, and when GOCDB last confirmed each. */
    public record ProcedureContacts(
            List<String> administrators,
            Instant administratorsConfirmedAt,
            String siteSecurity,
            Instant siteSecurityConfirmedAt,
            List<String> ngiSecurity,
            Instant ngiSecurityConfirmedAt) {

        static ProcedureContacts of(SiteContacts contacts) {
            return new ProcedureContacts(
                    contacts.administrators(),
                    contacts.administratorsConfirmedAt(),
                    contacts.siteSecurity().orElse(null),
                    contacts.siteSecurityConfirmedAt(),
                    contacts.ngiSecurity(),
                    contacts.ngiSecurityConfirmedAt());
        }
    }

    public record ContactView(String email, String role, String name) {
        static ContactView of(Contact contact) {
            return new ContactView(contact.email(), contact.role(), contact.name());
        }
    }

    public record HostView(String hostname, String serviceType) {
        static HostView of(Host host) {
            return new HostView(host.hostname(), host.serviceType());
        }
    }

    static SiteView of(Site site, SiteContacts contacts, boolean detail) {
        return new SiteView(
                site.name(),
                site.primaryKey(),
                site.gocdbId(),
                site.officialName(),
                site.ngi(),
                site.countryCode(),
                site.certificationStatus().label(),
                site.productionInfrastructure(),
                site.timeZone(),
                site.contactEmail(),
                site.portalUrl(),
                site.confirmedAt(),
                site.absentSince().orElse(null),
                ProcedureContacts.of(contacts),
                site.contacts().stream()
                        .map(ContactView::of)
                        .sorted(Comparator.comparing(ContactView::role).thenComparing(ContactView::email))
                        .toList(),
                site.contactsConfirmedAt(),
                detail
                        ? site.hosts().stream()
                                .map(HostView::of)
                                .sorted(Comparator.comparing(HostView::hostname).thenComparing(HostView::serviceType))
                                .toList()
                        : null,
                site.hostsConfirmedAt());
    }
}
