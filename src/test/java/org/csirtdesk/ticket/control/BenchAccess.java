package org.csirtdesk.ticket.control;

import java.util.List;
import java.util.Map;

/** The search's statements for a query, for the benchmark outside the package (TicketSearch.of is the package's). */
public final class BenchAccess {

    /** The page and count statements with their parameters. */
    public record Statements(String select, String count, Map<String, Object> parameters) {}

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
        return new Statements(jpql.select(), jpql.count(), jpql.parameters());
    }
}
