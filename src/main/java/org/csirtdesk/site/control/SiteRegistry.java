package org.csirtdesk.site.control;

import java.util.List;
import java.util.Optional;
import org.csirtdesk.site.entity.RegistrySnapshot;
import org.csirtdesk.site.entity.SiteRecord;
import org.csirtdesk.site.entity.StatusChangeRecord;

/**
 * The site registry, in the procedures' terms: GOCDB ({@link GocdbRegistry}) or the embedded registry of the
 * zero-setup run ({@link EmbeddedRegistry}), chosen by {@code csirt.site.registry}. Every call may go over the
 * network; the procedures read the local copy ({@link SiteDirectory}) instead.
 */
public interface SiteRegistry {

    /** Everything a refresh needs: sites, contacts, security addresses, NGIs, hosts. */
    RegistrySnapshot snapshot();

    /** One site as the registry shows it now, for reading a status change back. */
    Optional<SiteRecord> site(String name);

    /** The status changes the registry recorded for a site, oldest first. */
    List<StatusChangeRecord> statusChanges(String site);
}
