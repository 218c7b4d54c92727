package org.csirtdesk.incident.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.csirtdesk.incident.entity.FoundIndicator;
import org.csirtdesk.incident.entity.IncidentTag;
import org.csirtdesk.platform.control.CsirtAddresses;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * SEC01's configuration: the tag's prefix, when an incident counts as stalled, the lists announcements go to, and
 * the domains that are no indicator (the CSIRT's own, which every quoted mail and signature carries).
 */
@ApplicationScoped
public class IncidentSettings {

    @Inject
    @ConfigProperty(name = "csirt.incidents.tag-prefix", defaultValue = "EGI")
    String tagPrefix;

    @Inject
    @ConfigProperty(name = "csirt.incidents.stalled-after", defaultValue = "P2D")
    Duration stalledAfter;

    @Inject
    CsirtAddresses addresses;

    @Inject
    @ConfigProperty(name = "csirt.incidents.ignored-domains")
    Optional<String> ignoredDomains;

    private Set<String> ignored;

    @PostConstruct
    void check() {
        new IncidentTag(tagPrefix, java.time.LocalDate.EPOCH, 1);
        if (stalledAfter.isNegative() || stalledAfter.isZero()) {
            throw new IllegalStateException(
                    "csirt.incidents.stalled-after must be a positive duration such as P2D: " + stalledAfter);
        }
        Set<String> domains = new TreeSet<>();
        for (String address : List.of(
                addresses.siteSecurityContacts(),
                addresses.ngiSecurityContacts(),
                addresses.csirtList(),
                addresses.csirt())) {
            domains.add(address.substring(address.indexOf('@') + 1).toLowerCase(Locale.ROOT));
        }
        ignoredDomains.ifPresent(list -> List.of(list.split(",")).stream()
                .map(String::strip)
                .filter(d -> !d.isEmpty())
                .map(d -> d.toLowerCase(Locale.ROOT))
                .forEach(domains::add));
        ignored = Set.copyOf(domains);
    }

    public String tagPrefix() {
        return tagPrefix;
    }

    public Duration stalledAfter() {
        return stalledAfter;
    }

    /** SEC01-announce: site-security-contacts, ngi-security-contacts and the CSIRT's list. */
    public List<String> announcementLists() {
        return List.of(addresses.siteSecurityContacts(), addresses.ngiSecurityContacts(), addresses.csirtList());
    }

    public String csirtAddress() {
        return addresses.csirt();
    }

    /** Whether the indicator is the CSIRT's own: a domain, a mail address or a URL on one of the ignored domains. */
    public boolean isOwn(FoundIndicator found) {
        String value = found.value();
        String host =
                switch (found.type()) {
                    case DOMAIN -> value;
                    case EMAIL -> value.substring(value.indexOf('@') + 1);
                    case URL -> value.replaceFirst("^[a-z]+://", "").replaceFirst("[/?#:].*$", "");
                    default -> null;
                };
        if (host == null) {
            return false;
        }
        return ignored.stream()
                .anyMatch(domain -> host.equals(domain) || host.endsWith("." + domain) || domain.endsWith("." + host));
    }
}
