package org.csirtdesk.ticket.boundary;

import org.csirtdesk.platform.entity.DomainException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Makes the ticket refer to another one (RT's "refers to"). */
public record NewReference(@Schema(required = true) Long ticket) {

    long checkedTicket() {
        if (ticket == null) {
            throw DomainException.invalid("ticket", "the number of the ticket referred to is required");
        }
        return ticket;
    }
}
