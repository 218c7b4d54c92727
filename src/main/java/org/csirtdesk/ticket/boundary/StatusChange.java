package org.csirtdesk.ticket.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of a status change: the target status, and why (kept in the history). */
public record StatusChange(@NotBlank String status, @Size(max = 1024) String reason) {
}
