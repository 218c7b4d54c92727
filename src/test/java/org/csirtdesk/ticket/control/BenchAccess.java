package org.csirtdesk.ticket.control;

import java.util.List;
import java.util.Map;

/** The search's statements for a query, for the benchmark outside the package (TicketSearch.of is the package's). */
public final class BenchAccess {

    /** The page, count and ids statements with their parameters. */
    public record Statements(
            String select, String count, String ids, boolean fullText, Map<String, Object> parameters) {}

    private final TicketSearch search;

    public BenchAccess(List<TicketFilters> features) {
        search = TicketSearch.of(features);
    }

    public Statements statements(String query) {
        TicketSearch.Jpql jpql = search.build(new TicketQuery(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                TicketSql.parse(query),
                null,
                1,
                50));
        return new Statements(jpql.select(), jpql.count(), jpql.ids(), jpql.fullText(), jpql.parameters());
    }

    /** How many matches of a full-text search Tickets.search counts past the page's first. */
    public int cap() {
        return Tickets.COUNTED_MATCHES;
    }
}
