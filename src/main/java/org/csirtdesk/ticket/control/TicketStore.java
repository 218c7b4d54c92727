package org.csirtdesk.ticket.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the tickets are kept (`csirt.tickets.store`): in this application only ({@code local}, the default and the
 * zero-setup demo) or also in the CSIRT's Request Tracker ({@code rt}), where the application's tickets are
 * replicated and from which it learns what staff and sites did there. The one reader of the key.
 */
@ApplicationScoped
public class TicketStore {

    /** The two stores. */
    public enum Kind {
        LOCAL,
        RT
    }

    @Inject
    @ConfigProperty(name = "csirt.tickets.store", defaultValue = "local")
    String store;

    @Inject
    @ConfigProperty(name = "csirt.rt.url")
    Optional<String> rtUrl;

    public Kind kind() {
        return switch (store.trim().toLowerCase(Locale.ROOT)) {
            case "local" -> Kind.LOCAL;
            case "rt" -> Kind.RT;
            default ->
                throw new IllegalStateException("csirt.tickets.store must be local or rt, not \"" + store + "\"");
        };
    }

    public boolean inRt() {
        return kind() == Kind.RT;
    }

    /** RT's base address (`csirt.rt.url`) without a trailing slash; empty in the local store. */
    public Optional<String> rtUrl() {
        return rtUrl.map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** The address of a ticket's page in RT's own web interface, for the API and the desk to link to. */
    public Optional<String> rtPage(long rtId) {
        return rtUrl().map(url -> url + "/Ticket/Display.html?id=" + rtId);
    }
}
