package org.csirtdesk.campaign.control;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionScoped;
import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.csirtdesk.platform.entity.SiteName;
import org.csirtdesk.site.control.SiteDirectory;
import org.csirtdesk.site.entity.SiteContacts;

/**
 * The sites' contacts as the current transaction has read them: a batch of the schedule's steps (or a campaign's
 * start) reads all its sites' contacts at once, and each letter then finds its site's here instead of reading
 * the site again. Kept for one transaction only, so a registry refresh is seen by the next.
 */
@TransactionScoped
public class KnownContacts implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    SiteDirectory sites;

    private final Map<String, SiteContacts> known = new HashMap<>();

    /** Reads the contacts of these sites that are not known yet, all together. */
    public void load(Collection<String> siteNames) {
        known.putAll(sites.contacts(
                siteNames.stream().filter(name -> !known.containsKey(name)).toList()));
    }

    public SiteContacts of(String site) {
        return known.computeIfAbsent(site, name -> sites.contacts(new SiteName(name)));
    }
}
