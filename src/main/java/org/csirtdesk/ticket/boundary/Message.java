package org.csirtdesk.ticket.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A reply to the ticket's contacts (correspondence) or a note for CSIRT only (comment). */
public record Message(@NotBlank @Size(max = 1_000_000) String content) {
}
