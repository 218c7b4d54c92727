package org.csirtdesk.site.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** Hands the procedures the registry that configuration chose. */
@ApplicationScoped
public class Registries {

    @Inject
    SiteSettings settings;

    @Inject
    GocdbRegistry gocdb;

    @Inject
    EmbeddedRegistry embedded;

    @Produces
    SiteRegistry registry() {
        return settings.embeddedRegistry() ? embedded : gocdb;
    }
}
