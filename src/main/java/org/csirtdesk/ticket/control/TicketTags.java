package org.csirtdesk.ticket.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The ticket tag of the subjects, {@code [CSIRT #123]}, with its prefix {@code csirt.ticket.tag-prefix}: read here
 * only, so that letters, replies, the intake and the API agree on it.
 */
@ApplicationScoped
public class TicketTags {

    @Inject
    @ConfigProperty(name = "csirt.ticket.tag-prefix")
    String prefix;

    public String prefix() {
        return prefix;
    }

    /** The subject tag that lets replies find ticket {@code ticketId}, e.g. {@code [CSIRT #123]}. */
    public String of(long ticketId) {
        return "[" + prefix + " #" + ticketId + "]";
    }
}
