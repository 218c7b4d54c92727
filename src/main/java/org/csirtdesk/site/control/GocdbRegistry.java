package org.csirtdesk.site.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.csirtdesk.site.entity.RegistrySnapshot;
import org.csirtdesk.site.entity.SiteRecord;
import org.csirtdesk.site.entity.StatusChangeRecord;

/**
 * The real GOCDB behind the port. A refresh needs the sites; every other part is read on its own, so that
 * GOCDB failing one method leaves only that part of the copy unconfirmed.
 */
@ApplicationScoped
@Typed(GocdbRegistry.class)
public class GocdbRegistry implements SiteRegistry {

    static final String NGI_SECURITY_OFFICER = "NGI Security Officer";

    @Inject
    GocdbClient gocdb;

    @Override
    public RegistrySnapshot snapshot() {
        List<SiteRecord> sites = gocdb.sites();
        List<String> problems = new ArrayList<>();
        return new RegistrySnapshot(
                sites,
                part("site contacts", gocdb::siteContacts, problems),
                part("site security contacts", gocdb::csirtEmails, problems),
                part("NGIs", gocdb::ngis, problems),
                part("NGI security officers", () -> gocdb.ngiContacts(NGI_SECURITY_OFFICER), problems),
                part("hosts", gocdb::hosts, problems),
                problems);
    }

    private static <T> Optional<T> part(String what, Supplier<T> read, List<String> problems) {
        try {
            return Optional.of(read.get());
        } catch (RegistryUnavailable | RegistryRefusal e) {
            problems.add(what + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public Optional<SiteRecord> site(String name) {
        return gocdb.site(name);
    }

    @Override
    public List<StatusChangeRecord> statusChanges(String site) {
        return gocdb.statusChanges(site);
    }
}
