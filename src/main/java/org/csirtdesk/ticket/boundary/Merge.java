package org.csirtdesk.ticket.boundary;

import org.csirtdesk.platform.entity.DomainException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Merges the ticket into another, the survivor. */
public record Merge(
        @Schema(required = true, description = "the id of the survivor")
        Long into) {

    long checkedInto() {
        if (into == null) {
            throw DomainException.invalid("into", "the id of the ticket to merge into is required");
        }
        return into;
    }
}
