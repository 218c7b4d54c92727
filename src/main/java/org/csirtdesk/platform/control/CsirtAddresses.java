package org.csirtdesk.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The CSIRT's own address ({@code csirt.address}) and the lists the procedures write to ({@code csirt.lists.*}),
 * read here only, for every feature that writes to them.
 */
@ApplicationScoped
public class CsirtAddresses {

    static final String LISTS = "csirt.lists.";

    @Inject
    Config config;

    @Inject
    @ConfigProperty(name = "csirt.address")
    String csirt;

    @Inject
    @ConfigProperty(name = LISTS + "site-security-contacts")
    String siteSecurityContacts;

    @Inject
    @ConfigProperty(name = LISTS + "ngi-security-contacts")
    String ngiSecurityContacts;

    @Inject
    @ConfigProperty(name = LISTS + "noc-managers")
    String nocManagers;

    @Inject
    @ConfigProperty(name = LISTS + "csirt")
    String csirtList;

    /** Where a letter goes when nobody else is named, and the letters' sender unless {@code csirt.mail.from} is set. */
    public String csirt() {
        return csirt;
    }

    public String siteSecurityContacts() {
        return siteSecurityContacts;
    }

    public String ngiSecurityContacts() {
        return ngiSecurityContacts;
    }

    public String nocManagers() {
        return nocManagers;
    }

    /** The CSIRT's own list (SEC01 announcements, updates and closure reports go to it too). */
    public String csirtList() {
        return csirtList;
    }

    /** Every {@code csirt.lists.*} address, also those no procedure names yet: each is a mailing list. */
    public List<String> lists() {
        // Read here, not injected: Payara's injection of Optional<List<String>> fails when the list is used.
        return StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(name -> name.startsWith(LISTS))
                .flatMap(name -> config.getOptionalValue(name, String.class).stream())
                .toList();
    }
}
