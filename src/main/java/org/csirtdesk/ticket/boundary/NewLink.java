package org.csirtdesk.ticket.boundary;

import org.csirtdesk.platform.entity.DomainException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Puts the ticket under an incident. */
public record NewLink(@Schema(required = true) Long incident) {

    long checkedIncident() {
        if (incident == null) {
            throw DomainException.invalid("incident", "the id of the incident is required");
        }
        return incident;
    }
}
