package org.csirtdesk.ticket.boundary;

import java.util.List;

/** One page of search results. */
public record TicketPage(List<TicketView> items, int page, int size, long total) {}
