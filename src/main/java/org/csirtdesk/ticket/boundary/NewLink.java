package org.csirtdesk.ticket.boundary;

import jakarta.validation.constraints.NotNull;

/** Puts the ticket under an incident. */
public record NewLink(@NotNull Long incident) {
}
