package org.csirtdesk.ticket.boundary;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of search results. */
public record TicketPage(
        List<TicketView> items,
        int page,
        int size,
        long total,

        @Schema(
                description = "true: there are more than total matches (a search of the full text counts up to 1,000"
                        + " past the page's first ticket)")
        boolean more) {}
